"""Plain-text rendering of results: a summary table and a line-by-line explanation.

Reads only `Result` data and trace entries (never the engine's internals); all words
come from `ytxa_rules.messages.explain`, Vietnamese first.
"""

from __future__ import annotations

import weakref
from collections.abc import Iterable, Iterator
from fractions import Fraction
from typing import Any

from ytxa_rules.engine import trace as t
from ytxa_rules.engine.result import IndicatorResult, IndicatorRow, Reason, Result
from ytxa_rules.messages import message
from ytxa_rules.messages.explain import text
from ytxa_rules.render.escape import for_terminal, one_line
from ytxa_rules.render.numbers import date_text, distinct, number
from ytxa_rules.render.phrases import OPS, condition_text
from ytxa_rules.render.phrases import amended as _amended
from ytxa_rules.render.phrases import description as _description
from ytxa_rules.render.phrases import place as _place
from ytxa_rules.render.phrases import value_text as _value
from ytxa_rules.render.trace_text import trace_text

__all__ = ["OPS", "condition_text", "explain", "header", "indicator_lines", "reason_line", "summary", "trace_lines", "warning_lines"]

def _share(points: Fraction, maximum: Fraction, lang: str) -> str:
    if not maximum:
        return "—"
    return number(Fraction(points) * 100 / maximum, lang, percent=True)


def header(result: Result, lang: str) -> list[str]:
    station = result.station
    name = ", ".join(one_line(str(station[k])) for k in ("ten_xa", "ma_xa", "huyen", "tinh") if station.get(k))
    lines = [
        text("station", lang, name=name or "—"),
        text("spec", lang, id=result.spec_id, title=result.spec_title),
        *([text("amended", lang, ids=", ".join(result.amended_by()))] if result.amended_by() else []),
        text("as_of", lang, date=date_text(result.as_of, lang)),
        text("amendments", lang, ids=", ".join(result.amendments)) if result.amendments else text("no_amendments", lang),
    ]
    verdict = text(f"verdict.{str(result.passed).lower()}", lang)
    lines.append(text("result", lang, verdict=verdict, total=number(result.total, lang), max=number(result.max, lang)))
    return lines


def reason_line(reason: Reason, lang: str) -> str:
    mark = text(f"held.{str(reason.held).lower()}", lang)
    op = OPS.get(reason.op, reason.op)
    if reason.kind == "knockout":
        if reason.held is None:
            return f"{mark} " + text("reason.knockout_unknown", lang, indicators=", ".join(reason.indicators))
        key = "reason.knockout_ok" if reason.held else "reason.knockout_failed"
        return f"{mark} " + text(key, lang, indicators=", ".join(reason.indicators))
    assert reason.points is not None and reason.max is not None
    values = dict(points=number(reason.points, lang), max=number(reason.max, lang), op=op, number=reason.criterion)
    if reason.share is None:
        key = "reason.total_points" if reason.kind == "total" else "reason.criterion_points"
        return f"{mark} " + text(key, lang, target=number(reason.required, lang), **values)
    share = _share(reason.points, reason.max, lang)
    key = "reason.total" if reason.kind == "total" else "reason.criterion"
    return f"{mark} " + text(key, lang, share=share, target=number(reason.share, lang), **values)


def summary(result: Result, lang: str = "vi") -> str:
    """The header, the criteria table and the recognition conditions (`ytxa eval`)."""
    lines = header(result, lang)
    rows = [(f"{c.number:>2}  {c.title}", number(c.points, lang), number(c.max, lang)) for c in result.criteria]
    rows.append((text("total_row", lang), number(result.total, lang), number(result.max, lang)))
    width = min(max(len(r[0]) for r in rows), 90)
    lines.append("")
    lines.append(f"{text('criteria_header', lang):<{width}}  {text('points_header', lang):>6}  {text('max_header', lang):>6}")
    for label, points, maximum in rows:
        if len(label) > width:
            label = label[: width - 1] + "…"
        lines.append(f"{label:<{width}}  {points:>6}  {maximum:>6}")
    lines.append("")
    lines.append(text("conditions", lang))
    lines.extend("  " + reason_line(r, lang) for r in result.reasons)
    if result.missing:
        lines.append(text("missing", lang, names=", ".join(result.missing)))
    lines.extend(warning_lines(result, lang))
    return for_terminal("\n".join(lines)) + "\n"  # spec and facts text is shown, never acted on


def warning_lines(result: Result, lang: str) -> list[str]:
    """The plausibility warnings about the facts (none for most stations): scored, but check them."""
    if not result.warnings:
        return []
    return ["", text("warnings", lang)] + [f"  ⚠ [{w.code}] {one_line(message(w, lang))}" for w in result.warnings]


def explain(result: Result, lang: str = "vi") -> str:
    """The summary, then every indicator line by line (`ytxa explain`).

    Evaluate with `trace=True` to get the facts, values, comparisons and bands of each
    indicator; without a trace only its heading, citation and points are shown. Written
    from per-spec templates and the trace's steps (`render/trace_text.py`); the same text
    as `indicator_lines` of `result.indicators`.
    """
    lines = summary(result, lang).rstrip("\n").split("\n")
    tables = result.trace_tables
    trace = trace_text(tables, lang) if tables is not None else None
    static = _indicator_heads(result, lang)
    by_criterion: dict[int, list[IndicatorRow]] = {}
    for row in result.indicator_rows():
        by_criterion.setdefault(row.template.criterion, []).append(row)
    knockout_failed = "    " + text("knockout_failed", lang)
    for criterion in result.criteria:
        lines.append("")
        lines.append(
            text("criterion", lang, number=criterion.number, title=criterion.title, points=number(criterion.points, lang), max=number(criterion.max, lang))
        )
        if result.amended_by(criterion.number):
            lines.append("  " + text("amended", lang, ids=", ".join(result.amended_by(criterion.number))))
        for row in by_criterion.get(criterion.number, []):
            lines.append("")
            lines.extend(static[row.template.number])
            if trace is not None and row.steps is not None:
                detail = ", ".join(row.missing) if row.missing else row.detail
                lines.extend(trace.lines(row.steps, row.template.number, outcome_line(row.status, row.points, row.max, detail, lang), "    "))
            if row.knockout_failed:
                lines.append(knockout_failed)
    if result.removed:  # said, not silently dropped: the reader may know the old numbering
        lines.extend(["", text("removed_heading", lang)])
        lines.extend("  " + text("removed", lang, number=n, title=t, ids=", ".join(ids)) for n, t, ids in result.removed)
    return for_terminal("\n".join(lines)) + "\n"  # spec and facts text is shown, never acted on


_HEADS: weakref.WeakKeyDictionary[Any, dict[str, dict[str, list[str]]]] = weakref.WeakKeyDictionary()


def _indicator_heads(result: Result, lang: str) -> dict[str, list[str]]:
    """Per indicator number, the lines before its trace (heading, source, status, note):
    the spec's alone, so made once per compiled spec and language."""
    by_lang = _HEADS.get(result.compiled_spec)
    if by_lang is None:
        by_lang = _HEADS.setdefault(result.compiled_spec, {})
    heads = by_lang.get(lang)
    if heads is None:
        heads = by_lang.setdefault(lang, {row.template.number: _head(row.template, lang) for row in result.indicator_rows()})
    return heads


def _head(template: Any, lang: str) -> list[str]:
    return ["  " + line for line in _heading(template, lang)]


def _heading(indicator: Any, lang: str) -> list[str]:
    """An indicator's title, cite, status, amendments and note: from its compiled template
    (the explanation, made once per spec) or from an `IndicatorResult` (the same words)."""
    lines = [text("indicator", lang, number=indicator.number, title=indicator.title)]
    status = text("status.provisional" if indicator.provisional else "status.confirmed", lang)
    cite = text("cite", lang, cite=indicator.cite) if indicator.cite else text("no_cite", lang)
    extra = f" · {text('knockout', lang)}" if indicator.knockout else ""
    lines.append(f"  {cite} · {status}{extra}")
    if indicator.amended_by:
        lines.append("  " + text("amended", lang, ids=", ".join(indicator.amended_by)))
    if indicator.note:
        lines.append("  " + text("note", lang, note=indicator.note))
    return lines


def indicator_lines(indicator: IndicatorResult, lang: str) -> list[str]:
    lines = _heading(indicator, lang)
    lines.extend("  " + line for line in trace_lines(indicator.trace or (), lang))
    if indicator.knockout_failed:
        lines.append("  " + text("knockout_failed", lang))
    return lines


def trace_lines(entries: Iterable[t.TraceEntry], lang: str) -> Iterator[str]:
    pending: list[str] = []  # comparisons of the band about to be reported
    for entry in entries:
        if isinstance(entry, t.FactRead):
            value = _value(entry.value, lang, entry.type == "percent")
            yield "• " + text("fact", lang, name=entry.name, description=_description(entry.description), value=value)
        elif isinstance(entry, t.DerivedValue):
            yield "• " + _derived(entry, lang)
        elif isinstance(entry, t.OtherResult):
            shown = text(f"verdict.{str(entry.value).lower()}", lang) if entry.name == "passed" else _value(entry.value, lang)
            yield "• " + text("other_result", lang, alias=entry.alias, document=entry.document, name=entry.name, value=shown)
        elif isinstance(entry, t.TableLookup):
            value = _value(entry.value, lang, entry.percent) if entry.value is not None else text("table.unknown", lang)
            status = text("entry_status", lang, status=text(f"entry.{entry.status}", lang)) if entry.status else ""
            yield "• " + text(
                "table" if entry.second_key_fact is None else "table2", lang, table=entry.table, description=_description(entry.description),
                key=entry.key_fact, key_value=entry.key, second_key=entry.second_key_fact, second_value=entry.second_key, value=value, status=status,
            ) + _amended(entry.amended_by, lang)
        elif isinstance(entry, t.Comparison):
            percent = (entry.left_kind in t.PERCENT_KINDS, entry.right_kind in t.PERCENT_KINDS)
            left, right = distinct(entry.left_value, entry.right_value, lang, percent)
            held = text("true" if entry.held else "false", lang)
            op = OPS[entry.op]
            pending.append(
                text(
                    "compare", lang, left=condition_text(entry.left, lang), op=op, right=condition_text(entry.right, lang),
                    left_value=left, right_value=right, held=held,
                )
                + _amended(entry.amended_by, lang)
            )
        elif isinstance(entry, t.Membership):
            held = text("true" if entry.held else "false", lang)
            pending.append(text("membership", lang, operand=entry.operand, options=entry.options, value=_value(entry.value, lang), held=held))
        elif isinstance(entry, t.BranchTaken):
            yield "• " + text("branch", lang, key=entry.key, value=entry.value)
        elif isinstance(entry, t.NotApplicableCheck):
            held = text("true" if entry.held else "false", lang)
            if entry.part is None:
                yield "• " + text("not_applicable_check", lang, condition=condition_text(entry.condition, lang), held=held)
            else:  # one part of a sum
                reduced = text("part_reduced", lang, points=_value(entry.part_max, lang)) if entry.held else ""
                line = text("part_not_applicable_check", lang, part=_place(entry.part, lang), condition=condition_text(entry.condition, lang), held=held, reduced=reduced)
                yield "• " + line
            yield from ("    " + p for p in pending)
            pending = []
        elif isinstance(entry, t.BandTried):
            where = f" ({_place(entry.where, lang)})" if entry.where else ""
            if entry.condition == "otherwise":
                line = text("band.otherwise", lang, position=entry.position, where=where, points=number(entry.points, lang))
            else:
                held = text("band.held" if entry.held else "band.not_held", lang)
                line = text(
                    "band", lang, position=entry.position, where=where, points=number(entry.points, lang),
                    condition=condition_text(entry.condition, lang), held=held,
                )
            yield "• " + line + _amended(entry.amended_by, lang)
            yield from ("    " + p for p in pending)
            pending = []
        elif isinstance(entry, t.Outcome):
            yield from ("    " + p for p in pending)
            pending = []
            yield _outcome(entry, lang)


def _derived(entry: t.DerivedValue, lang: str) -> str:
    percent = entry.formula == "rate"
    value = _value(entry.value, lang, percent)
    values = [_value(v, lang) if v is not None else name for name, v in entry.operands]
    base = dict(name=entry.name, description=_description(entry.description), value=value)
    if entry.formula == "rate" and len(values) == 2:
        line = text("value.rate", lang, a=values[0], b=values[1], **base)
    elif entry.formula == "divide" and len(values) == 3:
        line = text("value.divide", lang, a=values[0], b=values[1], c=values[2], **base)
    elif entry.formula == "count":
        line = text("value.count", lang, items=", ".join(name for name, _ in entry.operands), **base)
    else:
        line = text("value", lang, **base) + f" = {entry.expression}"
    return line + _amended(entry.amended_by, lang)


def _outcome(outcome: t.Outcome, lang: str) -> str:
    return outcome_line(outcome.status, outcome.points, outcome.max, outcome.detail, lang)


def outcome_line(status: str, points: Any, maximum: Any, detail: str | None, lang: str) -> str:
    """"→ 2/3 điểm", or why the indicator is not applicable or lacks data."""
    if status == "scored":
        return text("outcome.scored", lang, points=number(points, lang), max=number(maximum, lang))
    detail = detail or ""
    if status == "not_applicable":
        line = text("outcome.not_applicable", lang)
        return line + (f" ({text('denominator_zero', lang, what=detail)})" if detail else "")
    if detail.startswith("?"):
        detail = text("unknown_value", lang, what=detail[1:])
    return text("outcome.missing_data", lang, detail=detail)
