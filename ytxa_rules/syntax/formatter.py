"""`ytxa fmt`: one canonical layout for every spec, keeping the editor's comments.

The layout is produced from the AST, so formatting never changes meaning
(parse(fmt(s)) == parse(s)); comments are re-attached by source line: a comment on its
own line goes before the construct that follows it, a comment after code stays at the
end of that code's line.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import assert_never

import attrs

from ytxa_rules import ast
from ytxa_rules.plans.nodes import Plan
from ytxa_rules.syntax.parser import parse_text
from ytxa_rules.syntax.unparse import expr_text, sum_text

WIDTH = 100

# What a document lists at the top level, in the editor's order.
_Item = ast.Fact | ast.Value | ast.Table | ast.Criterion | ast.Recognition


@attrs.frozen
class _Line:
    anchor: int  # source line of the construct this line prints (0: none)
    indent: int
    text: str  # "" for a blank line


def format_text(text: str, filename: str = "<spec>") -> str:
    """Canonical text of a spec; raises `SpecError` if it does not parse."""
    tree = parse_text(text, filename)
    gaps = _gaps(text)
    match tree:
        case ast.Document():
            lines = list(_document(tree, gaps))
        case ast.Amendment():
            from ytxa_rules.syntax.format_amendments import amendment_lines  # it uses this module's pieces

            lines = list(amendment_lines(tree))
        case Plan():
            from ytxa_rules.plans.format import plan_lines  # plans build on this module's pieces

            lines = list(plan_lines(tree))
        case _:
            assert_never(tree)
    source = text.split("\n")
    blank_after = {n for n in range(1, len(source)) if not source[n].strip()}  # 1-based line n, blank n+1
    return _render(_with_comments(lines, _comments(text), blank_after))


# ---------------------------------------------------------------- comments


def _comments(text: str) -> list[tuple[int, bool, str]]:
    """(line, stands alone, text) of every `#` comment outside strings."""
    found = []
    for number, line in enumerate(text.split("\n"), 1):
        in_string = False
        for column, char in enumerate(line):
            if char == '"':
                in_string = not in_string
            elif char == "#" and not in_string:
                found.append((number, not line[:column].strip(), line[column:].rstrip()))
                break
    return found


def _gaps(text: str) -> frozenset[int]:
    """Lines preceded by a blank line (above any comments directly over them)."""
    source = text.split("\n")
    gaps = set()
    for number in range(2, len(source) + 1):
        above = number - 2
        while above >= 0 and source[above].lstrip().startswith("#"):
            above -= 1
        if above >= 0 and not source[above].strip():
            gaps.add(number)
    return frozenset(gaps)


def _with_comments(lines: list[_Line], comments: list[tuple[int, bool, str]], blank_after: set[int]) -> list[_Line]:
    out = list(lines)
    standalone = [(line_no, text) for line_no, alone, text in comments if alone]
    for line_no, alone, text in comments:
        if alone:
            continue
        index = next((i for i, ln in enumerate(out) if ln.anchor == line_no and ln.text), None)
        if index is None:  # after code we print elsewhere: keep it, on its own line
            standalone.append((line_no, text))
        else:
            out[index] = attrs.evolve(out[index], text=f"{out[index].text}  {text}")
    for line_no, text in sorted(standalone, reverse=True):
        index = next((i for i, ln in enumerate(out) if ln.anchor >= line_no and ln.text), len(out))
        indent = out[index].indent if index < len(out) else 0
        if line_no in blank_after and index < len(out) and out[index].text:
            out.insert(index, _Line(line_no, 0, ""))  # a comment block kept apart from the code below
        out.insert(index, _Line(line_no, indent, text))
    return out


def _render(lines: list[_Line]) -> str:
    text: list[str] = []
    for line in lines:
        if not line.text:
            if text and text[-1] != "":
                text.append("")
            continue
        text.append(" " * line.indent + line.text)
    while text and text[-1] == "":
        text.pop()
    return "\n".join(text) + "\n"


# ---------------------------------------------------------------- pieces


def _q(text: str) -> str:
    return f'"{text}"'


def _line(node: object, indent: int, text: str) -> _Line:
    span = getattr(node, "span", ast.NO_SPAN)
    return _Line(span.line, indent, text)


def _blank(node: object) -> _Line:
    return _line(node, 0, "")


def _wrap(node: object, indent: int, words: list[str]) -> Iterator[_Line]:
    """Join words on one line, or fill continuation lines four spaces deeper."""
    if indent + len(" ".join(words)) <= WIDTH:
        yield _line(node, indent, " ".join(words))
        return
    current, current_indent = words[0], indent
    for word in words[1:]:
        if current_indent + len(current) + 1 + len(word) > WIDTH:
            yield _line(node, current_indent, current)
            current, current_indent = word, indent + 4
        else:
            current += " " + word
    yield _line(node, current_indent, current)


def _fact_words(fact: ast.Fact) -> list[str]:
    kind = fact.type.kind
    if kind == "enum":
        values = list(fact.type.values)
        words = [f"fact {fact.name}:", "one", "of"] + [v + "," for v in values[:-1]] + [values[-1]]
    else:
        words = [f"fact {fact.name}:", kind]
    for bound in fact.bounds:
        words += [bound.op, sum_text(bound.expr)]
    if fact.optional:
        words.append("optional")
    if fact.description:
        words.append(_q(fact.description))
    return words


def _value(value: ast.Value) -> str:
    described = f" {_q(value.description)}" if value.description else ""
    return f"value {value.name} = {expr_text(value.expr)}{described}"


def _table(table: ast.Table) -> Iterator[_Line]:
    described = f" {_q(table.description)}" if table.description else ""
    yield _line(table, 0, f"table {table.name} by {', '.join(table.keys)}{described}")
    for entry in table.entries:
        yield _line(entry, 2, entry_text(entry))


def entry_text(entry: ast.TableEntry) -> str:
    value = expr_text(entry.value) if entry.value is not None else "unknown"
    status = f" {entry.status}" if entry.status else ""
    return f"{entry.label}: {value}{status}"


def _bands(bands: ast.Bands, indent: int, lead: str = "") -> Iterator[_Line]:
    for index, band in enumerate(bands.bands):
        prefix = lead if index == 0 else " " * len(lead)
        tail = f"when {expr_text(band.condition)}" if band.condition is not None else "otherwise"
        yield _line(band, indent, f"{prefix}{band.points.text} {tail}")


def _branch(branch: ast.Branch, indent: int, lead: str) -> Iterator[_Line]:
    yield _line(branch, indent, f"{lead}by {branch.key}")
    for case in branch.cases:
        yield _line(case, indent + 2, f"case {', '.join(case.keys)}:")
        yield from _bands(case.bands, indent + 4)
    if branch.otherwise is not None:
        yield _Line(0, indent + 2, "else:")  # no position of its own: comments go to the bands
        yield from _bands(branch.otherwise, indent + 4)


def _rule(rule: ast.Rule, indent: int) -> Iterator[_Line]:
    match rule:
        case ast.Bands():
            yield from _bands(rule, indent, "points ")
        case ast.Branch():
            yield from _branch(rule, indent, "points ")
        case ast.Sum():
            yield _line(rule, indent, "points sum")
            for part in rule.parts:
                yield from _part(part, indent + 2)
        case _:
            assert_never(rule)


def _part(part: ast.Part, indent: int) -> Iterator[_Line]:
    title = f" {_q(part.title)}" if part.title else ""
    if part.not_applicable is not None:
        title += f" not applicable when {expr_text(part.not_applicable)}"
    match part.rule:
        case ast.Bands():
            yield _line(part, indent, f"part{title}:")
            yield from _bands(part.rule, indent + 2)
        case ast.Branch():
            yield from _branch(part.rule, indent, f"part{title}: ")
        case _:
            assert_never(part.rule)


def _indicator(indicator: ast.Indicator, indent: int) -> Iterator[_Line]:
    head = f"indicator {indicator.number} {_q(indicator.title)} max {indicator.max.text} {indicator.status}"
    yield _line(indicator, indent, head + (" knockout" if indicator.knockout else ""))
    inner = indent + 2
    if indicator.cite is not None:
        yield _Line(indicator.span.line, inner, f"cite {_q(indicator.cite)}")
    if indicator.note is not None:
        yield _Line(indicator.span.line, inner, f"note {_q(indicator.note)}")
    if indicator.not_applicable is not None:
        condition = indicator.not_applicable
        yield _line(condition, inner, f"not applicable when {expr_text(condition)}")
    if indicator.rule is not None:
        yield from _rule(indicator.rule, inner)


def _recognition(recognition: ast.Recognition, lead: str = "") -> Iterator[_Line]:
    title = f" {_q(recognition.title)}" if recognition.title else ""
    yield _line(recognition, 0, f"{lead}recognition{title}")
    if recognition.cite is not None:
        yield _Line(recognition.span.line, 2, f"cite {_q(recognition.cite)}")
    if recognition.note is not None:
        yield _Line(recognition.span.line, 2, f"note {_q(recognition.note)}")
    for requirement in recognition.requirements:
        described = f" {_q(requirement.description)}" if requirement.description else ""
        yield _line(requirement, 2, f"require {_requirement(requirement)}{described}")


def _requirement(requirement: ast.Requirement) -> str:
    if requirement.kind == "no_knockout":
        return "no knockout failed"
    assert requirement.amount is not None
    amount = requirement.amount
    how_much = f"{amount.text} of max" if amount.share is not None else amount.text
    subject = {"total": "total", "every_criterion": "every criterion"}.get(
        requirement.kind, f"criterion {requirement.criterion}"
    )
    return f"{subject} {requirement.op} {how_much}"


# ---------------------------------------------------------------- documents


def _document(doc: ast.Document, gaps: frozenset[int]) -> Iterator[_Line]:
    yield _line(doc, 0, f"document {_q(doc.id)}")
    fields = [
        ("title", doc.title and _q(doc.title)),
        ("issued", doc.issued and doc.issued.isoformat()),
        ("effective", doc.effective and doc.effective.isoformat()),
        ("total", doc.total and doc.total.text),
        ("assessment year", doc.assessment_year),
        ("replaces", doc.replaces and f"{_q(doc.replaces.document)} from {doc.replaces.start.isoformat()}"),
        ("carries", ", ".join(_q(c) for c in doc.carries)),
        ("drops", ", ".join(_q(d) for d in doc.drops)),
        ("expires", doc.expires and doc.expires.isoformat()),
    ]
    for key, value in fields:
        if value:
            yield _Line(doc.span.line, 2, f"{key} {value}")
    for use in doc.uses:
        yield _line(use, 2, f"uses {_q(use.document)} as {use.alias}")
    items: list[tuple[str, _Item]] = []
    items += [("fact", fact) for fact in doc.facts]
    items += [("value", value) for value in doc.values]
    items += [("table", table) for table in doc.tables]
    items += [("criterion", criterion) for criterion in doc.criteria]
    items += [("recognition", doc.recognition)] if doc.recognition is not None else []
    items.sort(key=lambda item: item[1].span.line)  # the editor's order, declarations and criteria alike
    previous = ""
    for kind, node in items:
        if kind != previous or kind in ("table", "criterion", "recognition") or node.span.line in gaps:
            yield _blank(node)
        previous = kind
        match node:
            case ast.Fact():
                yield from _wrap(node, 0, _fact_words(node))
            case ast.Value():
                yield _line(node, 0, _value(node))
            case ast.Table():
                yield from _table(node)
            case ast.Criterion():
                yield _line(node, 0, f"criterion {node.number} {_q(node.title)} max {node.max.text}")
                for indicator in node.indicators:
                    yield _blank(indicator)
                    yield from _indicator(indicator, 2)
            case ast.Recognition():
                yield from _recognition(node)
            case _:
                assert_never(node)


def format_node(node: ast.Indicator | ast.Recognition | ast.Table) -> str:
    """One construct in canonical layout, without comments (for generated reference pages)."""
    match node:
        case ast.Indicator():
            lines = list(_indicator(node, 0))
        case ast.Recognition():
            lines = list(_recognition(node))
        case ast.Table():
            lines = list(_table(node))
        case _:
            assert_never(node)
    return _render(lines)


def requirement_text(requirement: ast.Requirement) -> str:
    """A recognition requirement as written in a spec (`total >= 80% of max`)."""
    return _requirement(requirement)
