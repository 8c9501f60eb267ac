"""The criteria reference page, generated from a spec (`ytxa docs`, and the docs site).

Every criterion and indicator with its maximum, its rule in words, its citation, its
confirmed/provisional status, the amendments that changed it, and its source text.
Generated, never written by hand, so it cannot drift from the spec.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterator
from typing import assert_never

from ytxa_rules import ast
from ytxa_rules.messages.amendments import AMENDMENT_VERBS
from ytxa_rules.messages.explain import text
from ytxa_rules.messages.texts import pick
from ytxa_rules.render.escape import fence_for, for_markdown, for_terminal
from ytxa_rules.render.facts_reference import facts_section
from ytxa_rules.render.numbers import number
from ytxa_rules.render.text import condition_text
from ytxa_rules.syntax.formatter import format_node, requirement_text
from ytxa_rules.syntax.unparse import expr_text


def _w(word: str, lang: str, **args: object) -> str:
    return text(f"ref.{word}", lang, **args)


def _md(value: object) -> str:
    """Text from the spec, as literal Markdown (never markup, raw HTML or a table break)."""
    return for_markdown(str(value))


def _condition(expr: ast.Expr, lang: str) -> str:
    return _md(condition_text(expr_text(expr), lang))


def _ref(refs: tuple[ast.AmendmentRef, ...], lang: str) -> str:
    parts = []
    for ref in dict.fromkeys(refs):
        verb = pick(AMENDMENT_VERBS, "corrects" if ref.corrects else "amends", lang)
        parts.append(f"{_md(ref.id)} ({verb} {_md(ref.target)}, {ref.effective.isoformat()}: {_md(ref.reason)})")
    return "; ".join(parts)


def _bands(bands: ast.Bands, lang: str, indent: str) -> Iterator[str]:
    for band in bands.bands:
        points = _w("points", lang, points=band.points.text)
        if band.condition is None:
            yield f"{indent}- {_w('otherwise', lang, points=points)}"
        else:
            yield f"{indent}- {_w('band', lang, points=points, condition=_condition(band.condition, lang))}"
    if bands.bands and bands.bands[-1].condition is not None:
        yield f"{indent}- {_w('zero', lang)}"


def _branch(branch: ast.Branch, lang: str, indent: str) -> Iterator[str]:
    yield f"{indent}- {_w('by', lang, key=branch.key)}"
    for case in branch.cases:
        yield f"{indent}    - {_w('case', lang, keys=_md(', '.join(case.keys)))}:"
        yield from _bands(case.bands, lang, indent + "        ")
    if branch.otherwise is not None:
        yield f"{indent}    - {_w('else', lang)}:"
        yield from _bands(branch.otherwise, lang, indent + "        ")


def rule_in_words(rule: ast.Rule | None, lang: str) -> Iterator[str]:
    match rule:
        case None:
            return
        case ast.Bands() | ast.Branch():
            yield f"- {_w('rule', lang)}:"
            yield from _part(rule, lang, "    ")
        case ast.Sum():
            yield f"- {_w('rule_sum', lang)}:"
            for index, part in enumerate(rule.parts, 1):
                yield f"    - {_w('part', lang, title=_md(part.title or index))}:"
                if part.not_applicable is not None:
                    yield f"        - {_w('not_applicable', lang)}: {_condition(part.not_applicable, lang)}"
                yield from _part(part.rule, lang, "        ")
        case _:
            assert_never(rule)


def _part(rule: ast.PartRule, lang: str, indent: str) -> Iterator[str]:
    match rule:
        case ast.Bands():
            yield from _bands(rule, lang, indent)
        case ast.Branch():
            yield from _branch(rule, lang, indent)
        case _:
            assert_never(rule)


def _indicator(indicator: ast.Indicator, lang: str) -> Iterator[str]:
    yield f"### {_w('indicator', lang, number=_md(indicator.number), title=_md(indicator.title))}"
    yield ""
    status = _w("provisional" if indicator.status == "provisional" else "confirmed", lang)
    yield f"- {_w('max', lang)}: {_w('points', lang, points=indicator.max.text)} · {_w('status', lang)}: **{status}**"
    if indicator.knockout:
        yield f"- **{_w('knockout', lang)}**"
    yield f"- {_w('cite', lang)}: {_md(indicator.cite or '—')}"
    if indicator.note:
        yield f"- {_w('note', lang)}: {_md(indicator.note)}"
    if indicator.not_applicable is not None:
        yield f"- {_w('not_applicable', lang)}: {_condition(indicator.not_applicable, lang)}"
    yield from rule_in_words(indicator.rule, lang)
    if indicator.amended_by:
        yield f"- {_w('amended', lang)}: {_ref(indicator.amended_by, lang)}"
    yield ""
    yield f"???+ example \"{_w('source', lang)}\""
    source = for_terminal(format_node(indicator).rstrip("\n"))  # shown, not acted on: no bidi tricks
    fence = fence_for(source)
    yield f"    {fence}ytxa"
    yield from ("    " + line if line else "" for line in source.split("\n"))
    yield f"    {fence}"
    yield ""


def criteria_reference(document: ast.Document, as_of: datetime.date, lang: str = "vi") -> str:
    """The Markdown reference page of `document` as composed on `as_of`."""
    lines = [f"# {_md(document.title)} ({_md(document.id)})", "", f"*{_w('generated', lang)}*", ""]
    lines += [f"| {_w('field', lang)} | {_w('value', lang)} |", "|---|---|"]
    dates = " / ".join(d.isoformat() if d else "—" for d in (document.issued, document.effective))
    amendments = _ref(document.amended_by, lang) or _w("none", lang)
    lines += [
        f"| {_w('document', lang)} | {_md(document.id)} |",
        f"| {_w('issued', lang)} | {dates} |",
        f"| {_w('as_of', lang)} | {as_of.isoformat()} |",
        f"| {_w('amendments', lang)} | {amendments} |",
        f"| {_w('total', lang)} | {document.total.text if document.total else '—'} |",
        f"| {_w('counts', lang)} | {len(document.criteria)} / {len(document.indicators())} |",
        "",
    ]
    if document.recognition is not None:
        lines += [f"## {_w('recognition', lang)}", ""]
        for requirement in document.recognition.requirements:
            described = f" — {_md(requirement.description)}" if requirement.description else ""
            lines.append(f"- `{requirement_text(requirement)}`{described}")
        lines += ["", f"{_w('cite', lang)}: {_md(document.recognition.cite or '—')}", ""]
    for criterion in document.criteria:
        lines += [f"## {_w('criterion', lang, number=criterion.number, title=_md(criterion.title), max=criterion.max.text)}", ""]
        lines += [_w("table_head", lang), "|---|---|---|---|"]
        for indicator in criterion.indicators:
            status = _w("provisional" if indicator.status == "provisional" else "confirmed", lang)
            lines.append(f"| {_md(indicator.number)} | {_md(indicator.title)} | {indicator.max.text} | {status} |")
        lines.append("")
        for indicator in criterion.indicators:
            lines += list(_indicator(indicator, lang))
    lines += facts_section(document, lang)
    if document.values:
        lines += [f"## {_w('values', lang)}", ""]
        lines += [f"- `{v.name}` = `{expr_text(v.expr)}` — {_md(v.description)}" for v in document.values]
        lines.append("")
    if document.tables:
        lines += [f"## {_w('tables', lang)}", ""]
        for table in document.tables:
            heads = " | ".join(f"`{key}`" for key in table.keys)
            rule = "|---" * len(table.keys)
            lines += [f"### `{table.name}` — {_md(table.description)}", "", f"| {heads} | | |", f"{rule}|---|---|"]
            for entry in table.entries:
                value = number(entry.value.value, lang, percent=entry.value.percent) if entry.value else _w("unknown", lang)
                keys = " | ".join(_md(key) for key in entry.keys)
                lines.append(f"| {keys} | {value} | {_md(entry.status or '')} |")
            lines.append("")
    return "\n".join(lines).rstrip("\n") + "\n"
