"""What the HTML templates show, as plain dicts built from result and plan-report data.

Every sentence is the one the text explanation and the text plan report print (the same
functions make it); this module only arranges them for the page.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from fractions import Fraction
from typing import Any

from ytxa_rules.engine.result import MISSING_DATA, NOT_APPLICABLE, IndicatorResult, Result
from ytxa_rules.messages.explain import text
from ytxa_rules.messages.html import HTML_WORDS, html_word
from ytxa_rules.messages.plans import plan_text
from ytxa_rules.plans.evaluate import MET, NOT_MET, PlanReport, TargetOutcome
from ytxa_rules.plans.render_text import header_lines, measure_line, milestone_parts, summary_line
from ytxa_rules.render.escape import one_line
from ytxa_rules.render.html.charts import criterion_chart, progress_chart
from ytxa_rules.render.numbers import date_text, number
from ytxa_rules.render.text import OPS, header, reason_line, trace_lines

LABEL_CHARS = 34  # criterion titles in the chart, before "…"


def _words(lang: str) -> dict[str, str]:
    words = {key: html_word(key, lang) for key in HTML_WORDS if "{" not in HTML_WORDS[key][0]}
    words["knockout_failed"] = text("knockout_failed", lang)
    words["provisional_status"] = text("status.provisional", lang)
    return words


def _share(points: Fraction | int, maximum: Fraction | int, lang: str) -> str:
    return number(Fraction(points) * 100 / maximum, lang, percent=True) if maximum else "—"


def _sort_key(value: Fraction | int | None) -> str:
    """A number for the sorting script (display elsewhere stays exact)."""
    if value is None:
        return ""
    exact = Fraction(value)
    return f"{exact.numerator // exact.denominator}.{(abs(exact) * 10**6 // 1) % 10**6:06d}" if exact >= 0 else f"{float(exact):.6f}"


def verdict_class(passed: bool | None) -> str:
    return {True: "pass", False: "fail"}.get(passed, "open")  # type: ignore[arg-type]


def station_name(result: Result) -> str:
    station = result.station
    return str(station.get("ten_xa") or station.get("ma_xa") or "—")


# ---------------------------------------------------------------- one station


def _steps(indicator: IndicatorResult, lang: str) -> list[dict[str, Any]]:
    steps: list[dict[str, Any]] = []
    for line in trace_lines(indicator.trace or (), lang):
        if line.startswith("    ") and steps:
            steps[-1]["details"].append(one_line(line.strip()))
        elif line.startswith("• "):
            steps.append({"text": one_line(line[2:]), "details": [], "outcome": False})
        else:
            steps.append({"text": one_line(line), "details": [], "outcome": True})
    return steps


def _indicator(indicator: IndicatorResult, lang: str) -> dict[str, Any]:
    if indicator.status == NOT_APPLICABLE:
        points = text("outcome.not_applicable", lang).lstrip("→ ").split(":")[0]
    elif indicator.status == MISSING_DATA:
        points = text("outcome.missing_data", lang, detail=", ".join(indicator.missing) or indicator.reason or "").lstrip("→ ").split(" (")[0]
    else:
        points = f"{number(indicator.points, lang)}/{number(indicator.max, lang)}"
    extra = []
    if indicator.amended_by:
        extra.append(text("amended", lang, ids=", ".join(indicator.amended_by)))
    if indicator.note:
        extra.append(text("note", lang, note=one_line(indicator.note)))
    return {
        "anchor": indicator.number.replace(".", "-"),
        "heading": one_line(text("indicator", lang, number=indicator.number, title=indicator.title)),
        "points": points,
        "full": indicator.status != MISSING_DATA and indicator.points >= indicator.max,
        "cite": one_line(text("cite", lang, cite=indicator.cite) if indicator.cite else text("no_cite", lang)),
        "provisional": indicator.provisional,
        "knockout": indicator.knockout,
        "knockout_failed": indicator.knockout_failed,
        "extra": extra,
        "steps": _steps(indicator, lang),
    }


def station_view(result: Result, lang: str) -> dict[str, Any]:
    lines = [one_line(line) for line in header(result, lang)]
    criteria = result.criteria
    labels = [one_line(f"{c.number}. {c.title}") for c in criteria]
    short = [label if len(label) <= LABEL_CHARS else label[: LABEL_CHARS - 1] + "…" for label in labels]
    values = [f"{number(c.points, lang)}/{number(c.max, lang)}" if c.max else "—" for c in criteria]
    by_criterion: dict[int, list[IndicatorResult]] = {}
    for indicator in result.indicators:
        by_criterion.setdefault(indicator.criterion, []).append(indicator)
    from ytxa_rules.version import __version__

    return {
        "title": html_word("station_title", lang, name=one_line(station_name(result))),
        "heading": lines[0],
        "lines": lines[1:4],
        "verdict": text(f"verdict.{str(result.passed).lower()}", lang),
        "verdict_class": verdict_class(result.passed),
        "total": f"{number(result.total, lang)}/{number(result.max, lang)}",
        "total_points": number(result.total, lang),
        "total_max": number(result.max, lang),
        "total_share": _share(result.total, result.max, lang),
        "reasons": [
            {"held": str(r.held).lower(), "mark": text(f"held.{str(r.held).lower()}", lang), "text": one_line(reason_line(r, lang).split(" ", 1)[1])}
            for r in result.reasons
        ],
        "missing": text("missing", lang, names=", ".join(result.missing)) if result.missing else "",
        "chart": criterion_chart(criteria, short, values),
        "criteria": [
            {"label": label, "points": number(c.points, lang), "max": number(c.max, lang), "share": _share(c.points, c.max, lang)}
            for label, c in zip(labels, criteria)
        ],
        "sections": [
            {
                "number": c.number,
                "heading": one_line(text("criterion", lang, number=c.number, title=c.title, points=number(c.points, lang), max=number(c.max, lang))),
                "indicators": [_indicator(i, lang) for i in by_criterion.get(c.number, [])],
            }
            for c in criteria
        ],
        "words": _words(lang),
        "footer": html_word("footer", lang, version=__version__, spec=result.spec_id, digest=result.digest[:12]),
    }


# ---------------------------------------------------------------- plans


def _target(target: TargetOutcome, year: int, lang: str) -> dict[str, Any]:
    lines = [one_line(measure_line(target, lang))]
    if target.left_out:
        lines.append(plan_text("left_out", lang, count=len(target.left_out), names=", ".join(one_line(n) for n in target.left_out)))
    if target.undecided:
        lines.append(plan_text("undecided", lang, count=len(target.undecided), names=", ".join(one_line(n) for n in target.undecided)))
    milestones = []
    ticks = []
    for milestone in target.milestones:
        timing, outcome, details = milestone_parts(target, milestone, year, lang)
        threshold = f"{OPS[milestone.op]} {number(milestone.threshold, lang, percent=True)}"
        ticks.append(f"{milestone.year}: {threshold}")
        milestones.append({
            "threshold": threshold + (f" — {one_line(milestone.description)}" if milestone.description else ""),
            "deadline": f"{milestone.year} ({timing})",
            "outcome": outcome,
            "status": milestone.status,
            "badge": "pass" if milestone.status == MET else "fail" if milestone.status == NOT_MET else "open",
            "detail": details,
        })
    return {
        "anchor": target.number.replace(".", "-"),
        "heading": one_line(plan_text("target", lang, number=target.number, title=target.title)),
        "cite": one_line(plan_text("cite", lang, cite=target.cite) if target.cite else plan_text("no_cite", lang)),
        "provisional": target.provisional,
        "lines": lines,
        "chart": progress_chart(target, ticks),
        "chart_caption": html_word("progress_caption", lang),
        "value": number(target.value, lang, percent=True) if target.value is not None else "—",
        "milestones": milestones,
    }


def plan_view(report: PlanReport, lang: str) -> dict[str, Any]:
    lines = [one_line(line) for line in header_lines(report, lang)]
    return {
        "anchor": "".join(ch if ch.isalnum() else "-" for ch in report.plan.id) + f"-{report.year}",
        "heading": lines[0],
        "lines": lines[1:],
        "targets": [_target(t, report.year, lang) for t in report.targets],
        "summary": summary_line(report, lang),
    }


# ---------------------------------------------------------------- a batch


def _reasons(result: Result, lang: str) -> str:
    failing = [one_line(reason_line(r, lang).split(" ", 1)[1]) for r in result.reasons if r.held is not True]
    return "; ".join(failing)


def batch_view(results: Sequence[Result], plans: Sequence[PlanReport], lang: str, links: Mapping[int, str], title: str | None) -> dict[str, Any]:
    from ytxa_rules.version import __version__

    numbers = [c.number for c in results[0].criteria] if results else []
    columns = [
        {"label": html_word("col.code", lang), "type": "text"},
        {"label": html_word("col.name", lang), "type": "text"},
        {"label": html_word("col.district", lang), "type": "text"},
        {"label": html_word("col.province", lang), "type": "text"},
        {"label": html_word("col.total", lang), "type": "number"},
        {"label": html_word("col.max", lang), "type": "number"},
        {"label": html_word("col.share", lang), "type": "number"},
        {"label": html_word("col.verdict", lang), "type": "text"},
        *({"label": html_word("col.criterion", lang, number=n), "type": "number", "title": t}
          for n, t in zip(numbers, [c.title for c in results[0].criteria] if results else [])),
        {"label": html_word("col.reasons", lang), "type": "text"},
    ]
    rows = []
    for position, result in enumerate(results):
        station = result.station
        share = Fraction(result.total) * 100 / result.max if result.max else None
        cells: list[dict[str, Any]] = [
            {"text": one_line(str(station.get("ma_xa", ""))), "sort": None, "num": False, "href": None},
            {"text": one_line(station_name(result)), "sort": None, "num": False, "href": links.get(position)},
            {"text": one_line(str(station.get("huyen", ""))), "sort": None, "num": False, "href": None},
            {"text": one_line(str(station.get("tinh", ""))), "sort": None, "num": False, "href": None},
            {"text": number(result.total, lang), "sort": _sort_key(result.total), "num": True, "href": None},
            {"text": number(result.max, lang), "sort": _sort_key(result.max), "num": True, "href": None},
            {"text": number(share, lang) if share is not None else "—", "sort": _sort_key(share), "num": True, "href": None},
            {"text": text(f"verdict.{str(result.passed).lower()}", lang), "sort": {True: "2", False: "0"}.get(result.passed, "1"), "num": False, "href": None},  # type: ignore[arg-type]
        ]
        by_number = {c.number: c for c in result.criteria}
        for n in numbers:
            criterion = by_number.get(n)
            cells.append({"text": number(criterion.points, lang) if criterion else "—", "sort": _sort_key(criterion.points if criterion else None), "num": True, "href": None})
        cells.append({"text": _reasons(result, lang), "sort": None, "num": False, "href": None})
        rows.append({"passed": str(result.passed).lower(), "cells": cells})
    passed = sum(1 for r in results if r.passed)
    failed = sum(1 for r in results if r.passed is False)
    summary = html_word(
        "summary", lang, passed=passed, count=len(results), share=_share(passed, len(results), lang), failed=failed, undecided=len(results) - passed - failed
    )
    specs = sorted({f"{r.spec_id}" for r in results})
    dates = sorted({r.as_of for r in results})
    lines = [text("spec", lang, id=", ".join(specs), title=results[0].spec_title)] if results else []
    if dates:
        lines.append(text("as_of", lang, date=", ".join(date_text(d, lang) for d in dates)))
    heading = title or (plans[0].plan.title if len(plans) == 1 else html_word("batch_title", lang))
    return {
        "title": one_line(heading),
        "heading": one_line(heading),
        "lines": [one_line(line) for line in lines],
        "summary": summary,
        "plans": [plan_view(r, lang) for r in plans],
        "columns": columns,
        "rows": rows,
        "words": _words(lang),
        "footer": html_word("footer_batch", lang, version=__version__),
    }
