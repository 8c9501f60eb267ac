"""`ytxa fmt` for amendment files: the header, then each operation in canonical layout."""

from __future__ import annotations

from collections.abc import Iterator
from typing import assert_never

import attrs

from ytxa_rules import ast
from ytxa_rules.syntax.formatter import (
    _blank,
    _fact_words,
    _indicator,
    _Line,
    _line,
    _q,
    _recognition,
    _rule,
    _table,
    _value,
    _wrap,
    entry_text,
)
from ytxa_rules.syntax.unparse import expr_text


def amendment_lines(amendment: ast.Amendment) -> Iterator[_Line]:
    yield _line(amendment, 0, f"amendment {_q(amendment.id)}")
    fields = [
        ("title", amendment.title and _q(amendment.title)),
        ("corrects" if amendment.corrects else "amends", _q(amendment.amends) if amendment.amends is not None else None),
        ("issued", amendment.issued and amendment.issued.isoformat()),
        ("effective", amendment.effective and amendment.effective.isoformat()),
        ("reason", amendment.reason and _q(amendment.reason)),
    ]
    for key, value in fields:
        if value:
            yield _Line(amendment.span.line, 2, f"{key} {value}")
    for name, text in amendment.scope:
        yield _Line(amendment.span.line, 2, f"applies to {name} {_q(text)}")
    for operation in amendment.operations:
        yield _blank(operation)
        yield from _operation(operation)


def _operation(op: ast.Operation) -> Iterator[_Line]:
    match op:
        case ast.Change():
            status = f" {op.status}" if op.status else ""
            yield _line(op, 0, f"change {_target(op.target)} to {_new_value(op.new)}{status}")
        case ast.ReplaceRule():
            yield _line(op, 0, f"replace indicator {op.indicator} rule")
            yield from _rule(op.rule, 2)
        case ast.ReplaceRecognition():
            yield from _recognition(op.recognition, "replace ")
        case ast.AddIndicator():
            yield _line(op, 0, f"add to criterion {op.criterion}")
            yield from _indicator(op.indicator, 2)
        case ast.RemoveIndicator():
            yield _line(op, 0, f"remove indicator {op.indicator}")
        case ast.RemoveDeclaration():
            yield _line(op, 0, f"remove {op.kind} {op.name}")
        case ast.ChangeEnumValues():
            verb, link = ("add", "to") if op.add else ("remove", "from")
            yield _line(op, 0, f"{verb} values {', '.join(op.values)} {link} fact {op.fact}")
        case ast.AddTableEntries():
            yield _line(op, 0, f"add to table {op.table}")
            for entry in op.entries:
                yield _line(entry, 2, entry_text(entry))
        case ast.RemoveTableEntry():
            yield _line(op, 0, f"remove table {op.table} entry {', '.join(op.keys)}")
        case ast.AddDeclaration():
            yield from _declaration(op, "add")
        case ast.ReplaceDeclaration():
            yield from _declaration(op, "replace")
        case _:
            assert_never(op)


def _declaration(op: ast.AddDeclaration | ast.ReplaceDeclaration, verb: str) -> Iterator[_Line]:
    declaration = op.declaration
    match declaration:
        case ast.Fact():
            yield from _wrap(op, 0, [verb, *_fact_words(declaration)])
        case ast.Value():
            yield _line(op, 0, f"{verb} " + _value(declaration))
        case ast.Table():
            first, *rest = _table(declaration)
            yield attrs.evolve(first, text=f"{verb} " + first.text)
            yield from rest
        case _:
            assert_never(declaration)


def _target(target: ast.Target) -> str:
    match target:
        case ast.IndicatorTarget():
            path = "".join(f" {kind} {value}" for kind, value in target.path)
            return f"indicator {target.number}{path} {target.property}"
        case ast.CriterionTarget():
            return f"criterion {target.number} {target.property}"
        case ast.TableEntryTarget():
            return f"table {target.table} entry {', '.join(target.keys)}"
        case ast.ValueTarget():
            return f"value {target.name}"
        case ast.FactTarget():
            return f"fact {target.name} {target.property}"
        case ast.DocumentTarget():
            return f"document {target.property}"
        case _:
            assert_never(target)


def _new_value(new: ast.NewValue) -> str:
    if new.kind == "text":
        assert isinstance(new.value, str)
        return _q(new.value)
    if new.kind == "unknown":
        return "unknown"
    if new.kind == "expr":
        assert new.value is not None and not isinstance(new.value, str)
        return expr_text(new.value)
    return str(new.value)
