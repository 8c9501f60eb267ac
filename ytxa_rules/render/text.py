"""Plain-text rendering of results: a summary table and a line-by-line explanation.

Reads only `Result` data and trace entries (never the engine's internals); all words
come from `ytxa_rules.messages.explain`, Vietnamese first.
"""

from __future__ import annotations

import datetime
import functools
import re
from collections.abc import Iterable, Iterator
from fractions import Fraction
from typing import Any

from ytxa_rules import ast
from ytxa_rules.engine import trace as t
from ytxa_rules.engine.result import IndicatorResult, Reason, Result
from ytxa_rules.messages import message
from ytxa_rules.messages.explain import text
from ytxa_rules.render.escape import for_terminal, one_line
from ytxa_rules.render.numbers import distinct, number

OPS = {">=": "≥", "<=": "≤", "!=": "≠", "=": "=", ">": ">", "<": "<"}
_WORDS = {
    "vi": {"and": "và", "or": "hoặc", "not": "không", "in": "thuộc", "yes": "có", "no": "không có"},
    "en": {},
}
_KEYWORD = re.compile(r"\b(and|or|not|in|yes|no)\b")
_SYMBOL = re.compile(r">=|<=|!=")
_DECIMAL = re.compile(r"\b(\d+)\.(\d+)\b")
_PERCENT = re.compile(r"(\d)%")


@functools.lru_cache(maxsize=4096)  # conditions are the spec's: the same few hundred texts
def condition_text(expression: str, lang: str) -> str:
    """A condition from the spec, for reading aloud: ≥ ≤ ≠, "và/hoặc/không" in Vietnamese."""
    words = _WORDS[lang]
    text_ = _KEYWORD.sub(lambda m: words.get(m.group(1), m.group(1)), expression)
    text_ = _SYMBOL.sub(lambda m: OPS[m.group(0)], text_)
    if lang == "vi":
        text_ = _DECIMAL.sub(r"\1,\2", text_)
    return _PERCENT.sub(r"\1 %", text_)


def _date(value: datetime.date, lang: str) -> str:
    return value.strftime("%d/%m/%Y") if lang == "vi" else value.isoformat()


def _value(value: Any, lang: str, percent: bool = False) -> str:
    if isinstance(value, bool):
        return text("yes" if value else "no", lang)
    if isinstance(value, str):  # a text fact: one line, whatever the file holds
        return one_line(value)
    return number(value, lang, percent=percent)


def _share(points: Fraction, maximum: Fraction, lang: str) -> str:
    if not maximum:
        return "—"
    return number(Fraction(points) * 100 / maximum, lang, percent=True)


def _amended(refs: Iterable[ast.AmendmentRef], lang: str) -> str:
    out = []
    for ref in dict.fromkeys(refs):
        verb = text("verb.corrects" if ref.corrects else "verb.amends", lang)
        out.append(text("by_amendment", lang, id=ref.id, verb=verb, target=ref.target, reason=ref.reason))
    return "".join(out)


def header(result: Result, lang: str) -> list[str]:
    station = result.station
    name = ", ".join(one_line(str(station[k])) for k in ("ten_xa", "ma_xa", "huyen", "tinh") if station.get(k))
    lines = [
        text("station", lang, name=name or "—"),
        text("spec", lang, id=result.spec_id, title=result.spec_title),
        *([text("amended", lang, ids=", ".join(result.amended_by()))] if result.amended_by() else []),
        text("as_of", lang, date=_date(result.as_of, lang)),
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
    indicator; without a trace only its heading, citation and points are shown.
    """
    lines = summary(result, lang).rstrip("\n").split("\n")
    by_criterion: dict[int, list[IndicatorResult]] = {}
    for indicator in result.indicators:
        by_criterion.setdefault(indicator.criterion, []).append(indicator)
    for criterion in result.criteria:
        lines.append("")
        lines.append(
            text("criterion", lang, number=criterion.number, title=criterion.title, points=number(criterion.points, lang), max=number(criterion.max, lang))
        )
        if result.amended_by(criterion.number):
            lines.append("  " + text("amended", lang, ids=", ".join(result.amended_by(criterion.number))))
        for indicator in by_criterion.get(criterion.number, []):
            lines.append("")
            lines.extend("  " + line for line in indicator_lines(indicator, lang))
    if result.removed:  # said, not silently dropped: the reader may know the old numbering
        lines.extend(["", text("removed_heading", lang)])
        lines.extend("  " + text("removed", lang, number=n, title=t, ids=", ".join(ids)) for n, t, ids in result.removed)
    return for_terminal("\n".join(lines)) + "\n"  # spec and facts text is shown, never acted on


def indicator_lines(indicator: IndicatorResult, lang: str) -> list[str]:
    lines = [text("indicator", lang, number=indicator.number, title=indicator.title)]
    status = text("status.provisional" if indicator.provisional else "status.confirmed", lang)
    cite = text("cite", lang, cite=indicator.cite) if indicator.cite else text("no_cite", lang)
    extra = f" · {text('knockout', lang)}" if indicator.knockout else ""
    lines.append(f"  {cite} · {status}{extra}")
    if indicator.amended_by:
        lines.append("  " + text("amended", lang, ids=", ".join(indicator.amended_by)))
    if indicator.note:
        lines.append("  " + text("note", lang, note=indicator.note))
    lines.extend("  " + line for line in trace_lines(indicator.trace or (), lang))
    if indicator.knockout_failed:
        lines.append("  " + text("knockout_failed", lang))
    return lines


def _description(description: str) -> str:
    return f" ({description})" if description else ""


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


def _place(where: str, lang: str) -> str:
    """"part 2 case 1, 2" in the reader's language: "phần 2 trường hợp 1, 2"."""
    return " ".join(text(f"word.{w}", lang) if w in ("case", "part", "else") else w for w in where.split(" "))


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
    if outcome.status == "scored":
        return text("outcome.scored", lang, points=number(outcome.points, lang), max=number(outcome.max, lang))
    detail = outcome.detail or ""
    if outcome.status == "not_applicable":
        line = text("outcome.not_applicable", lang)
        return line + (f" ({text('denominator_zero', lang, what=detail)})" if detail else "")
    if detail.startswith("?"):
        detail = text("unknown_value", lang, what=detail[1:])
    return text("outcome.missing_data", lang, detail=detail)
