"""Spec test reports: OPA-like text (a PASS/FAIL line per test, a diff per failure), and JSON.

A failure shows the explanation lines `ytxa explain` prints for what differs, the
indicator's lines, or the result line with the recognition conditions, with the line
the test expected marked `-` and the line the engine gave marked `+`, so a policy
editor reads why the station scored what it did next to what the test said.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from fractions import Fraction
from typing import Any, TextIO

from ytxa_rules import __version__
from ytxa_rules.engine import trace as t
from ytxa_rules.engine.result import Result
from ytxa_rules.messages import render_diagnostics
from ytxa_rules.messages.explain import text as explain_word
from ytxa_rules.messages.spectest import text
from ytxa_rules.render.escape import for_terminal, one_line
from ytxa_rules.render.numbers import json_number, number
from ytxa_rules.render.text import indicator_lines, reason_line, trace_lines
from ytxa_rules.spectest.model import VERDICTS, Mismatch, Outcome

SCHEMA = "ytxa-spec-tests/1"
RULE = "-" * 80
_OUTCOME_MARK = "→"


def _shown(mismatch: Mismatch, value: Any, lang: str) -> str:
    if value is None and mismatch.what == "indicator":
        return text("no_indicator", lang)
    if mismatch.what in ("errors", "warnings"):
        return ", ".join(value) if value else text("none", lang)
    if mismatch.what == "status":
        return text(f"status.{value}", lang)
    if mismatch.what == "verdict":
        return text(f"verdict.{value}", lang)
    if mismatch.what == "indicator":
        return text("what.indicator", lang, number=value)
    return number(value, lang)


def mismatch_line(mismatch: Mismatch, lang: str) -> str:
    """"tests/x.yaml:12:9: chỉ tiêu 4: điểm — mong đợi 3, thực tế 2"."""
    key = {"points": "what.points", "status": "what.status", "indicator": "what.indicator"}.get(mismatch.what, f"what.{mismatch.what}")
    what = text(key, lang, number=mismatch.indicator) if mismatch.indicator else text(key, lang)
    where = f"{mismatch.span}: " if mismatch.span else ""
    expected = _shown(mismatch, mismatch.expected, lang)
    actual = _shown(mismatch, mismatch.actual, lang)
    return f"{where}{what} — {text('expected', lang)} {expected}, {text('actual', lang)} {actual}"


def _expected_outcome(mismatches: Sequence[Mismatch], maximum: Fraction, actual: t.Outcome | None, lang: str) -> str:
    status = actual.status if actual else "scored"
    points = actual.points if actual else Fraction(0)
    for mismatch in mismatches:
        if mismatch.what == "status":
            status = mismatch.expected
        elif mismatch.what == "points":
            points = mismatch.expected
    entry = t.Outcome(status, points if status == "scored" else Fraction(0), maximum, actual.detail if actual and actual.status == status else None)
    return next(iter(trace_lines([entry], lang)))


def indicator_diff(result: Result, number_: str, mismatches: Sequence[Mismatch], lang: str) -> list[str]:
    """The indicator's explanation lines, its outcome line as expected (-) and as scored (+)."""
    indicator = result.indicator(number_)
    lines = indicator_lines(indicator, lang)
    outcomes = [e for e in indicator.trace or () if isinstance(e, t.Outcome)]
    expected = _expected_outcome(mismatches, indicator.max, outcomes[-1] if outcomes else None, lang)
    marked = [i for i, line in enumerate(lines) if line.lstrip().startswith(_OUTCOME_MARK)]
    out = ["  " + line for line in lines]
    if marked:
        at = marked[-1]
        indent = lines[at][: len(lines[at]) - len(lines[at].lstrip())]
        out[at] = "+ " + lines[at]
        out.insert(at, "- " + indent + expected)
    else:
        out.append("- " + expected)
        out.append("+ " + explain_word("outcome.scored", lang, points=number(indicator.points, lang), max=number(indicator.max, lang)))
    return out


def result_diff(result: Result, mismatches: Sequence[Mismatch], lang: str) -> list[str]:
    """The result line as expected (-) and as scored (+), with the recognition conditions."""
    wanted = {m.what: m.expected for m in mismatches}
    passed = VERDICTS[wanted["verdict"]] if "verdict" in wanted else result.passed

    def line(verdict: bool | None, total: Any, maximum: Any) -> str:
        word = explain_word(f"verdict.{str(verdict).lower()}", lang)
        return explain_word("result", lang, verdict=word, total=number(total, lang), max=number(maximum, lang))

    out = ["- " + line(passed, wanted.get("total", result.total), wanted.get("max", result.max)), "+ " + line(result.passed, result.total, result.max)]
    out.extend("    " + reason_line(reason, lang) for reason in result.reasons)
    return out


def failure_lines(outcome: Outcome, lang: str, sources: Mapping[str, str] | None = None) -> list[str]:
    """Why a test failed: one line per expectation, then the explanation lines that differ.

    `sources`: texts of the test files, to show the line of a fact the engine refused."""
    lines = [mismatch_line(m, lang) for m in outcome.mismatches]
    result = outcome.result
    if outcome.diagnostics:
        lines.append(text("diagnostics", lang))
        lines.extend("  " + d for d in render_diagnostics(outcome.diagnostics, lang, {**(sources or {}), **outcome.sources}).split("\n"))
    if result is None:
        return lines
    by_indicator: dict[str, list[Mismatch]] = {}
    for mismatch in outcome.mismatches:
        if mismatch.what in ("points", "status"):
            by_indicator.setdefault(str(mismatch.indicator), []).append(mismatch)
    whole = [m for m in outcome.mismatches if m.what in ("total", "max", "verdict")]
    if by_indicator or whole:
        lines.append(text("explanation", lang))
    if whole:
        lines.extend(result_diff(result, whole, lang))
    for number_, found in by_indicator.items():
        lines.extend(indicator_diff(result, number_, found, lang))
    return lines


def report_text(outcomes: Sequence[Outcome], lang: str, out: TextIO, sources: Mapping[str, str] | None = None) -> None:
    """`file:`, then `name: PASS` or `name: FAIL` with the diff, then `PASS: n/m` (and `FAIL: k/m`)."""
    current = None
    for outcome in outcomes:
        test = outcome.test
        if test.file != current:
            current = test.file
            out.write(for_terminal(f"{test.file}:") + "\n")
        verdict = text("pass" if outcome.passed else "fail", lang)
        out.write(for_terminal(f"  {one_line(test.name)}: {verdict}") + "\n")
        if not outcome.passed:
            for line in failure_lines(outcome, lang, sources):
                out.write(for_terminal("      " + line) + "\n")
    passed = sum(o.passed for o in outcomes)
    total = len(outcomes)
    out.write(RULE + "\n")
    out.write(text("summary.pass", lang, passed=passed, total=total) + "\n")
    if passed != total:
        out.write(text("summary.fail", lang, failed=total - passed, total=total) + "\n")


def _json_value(mismatch: Mismatch, value: Any) -> Any:
    if mismatch.what in ("errors", "warnings"):
        return list(value)
    return json_number(value)


def to_dict(outcomes: Sequence[Outcome], lang: str, sources: Mapping[str, str] | None = None) -> dict[str, Any]:
    """The JSON report `ytxa-spec-tests/1` (docs/spec-tests.md, schema in spectest/schema.json)."""
    tests = []
    for outcome in outcomes:
        test = outcome.test
        tests.append(
            {
                "file": test.file,
                "line": test.span.line,
                "name": test.name,
                "as_of": test.as_of.isoformat() if test.as_of else None,
                "result": "pass" if outcome.passed else "fail",
                "mismatches": [
                    {
                        "what": m.what,
                        "indicator": m.indicator,
                        "expected": _json_value(m, m.expected),
                        "actual": _json_value(m, m.actual),
                        "line": m.span.line if m.span else None,
                        "column": m.span.column if m.span else None,
                        "message": mismatch_line(m, lang),
                    }
                    for m in outcome.mismatches
                ],
                "diff": [] if outcome.passed else failure_lines(outcome, lang, sources),
            }
        )
    passed = sum(o.passed for o in outcomes)
    return {
        "schema": SCHEMA,
        "engine": f"ytxa-rules {__version__}",
        "summary": {"total": len(outcomes), "passed": passed, "failed": len(outcomes) - passed},
        "tests": tests,
    }


def report_json(outcomes: Sequence[Outcome], lang: str, out: TextIO, sources: Mapping[str, str] | None = None) -> None:
    json.dump(to_dict(outcomes, lang, sources), out, ensure_ascii=False, indent=2)
    out.write("\n")
