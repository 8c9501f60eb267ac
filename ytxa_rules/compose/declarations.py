"""Amendment operations on declarations: facts, derived values, tables and their entries.

Each operation records its amendment on what it changed; what it removes is kept in
`Document.removed`, so diffs and explanations can say which amendment removed it.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Any, assert_never

import attrs

from ytxa_rules import ast
from ytxa_rules.compose.nodes import fail, localized, mark
from ytxa_rules.diagnostics import Diagnostic, error

Declaration = ast.Declaration
FIELDS = {ast.Fact: "facts", ast.Value: "values", ast.Table: "tables"}
KINDS = {"fact": "facts", "value": "values", "table": "tables"}


def declaration_kind(declaration: Declaration) -> str:
    """The word an amendment uses for a declaration (`remove fact …`)."""
    match declaration:
        case ast.Fact():
            return "fact"
        case ast.Value():
            return "value"
        case ast.Table():
            return "table"
        case _:
            assert_never(declaration)


def _names(doc: ast.Document) -> set[str]:
    return {f.name for f in doc.facts} | {v.name for v in doc.values} | {t.name for t in doc.tables}


def _with(doc: ast.Document, field: str, items: Any) -> ast.Document:
    changed: dict[str, Any] = {field: tuple(items)}
    return attrs.evolve(doc, **changed)


def removal(doc: ast.Document, kind: str, name: str, title: str, ref: ast.AmendmentRef) -> ast.Document:
    return attrs.evolve(doc, removed=(*doc.removed, ast.Removal(kind, name, title, (ref,))))


def add(doc: ast.Document, op: ast.AddDeclaration, ref: ast.AmendmentRef) -> ast.Document:
    declaration = op.declaration
    if declaration.name in _names(doc):
        raise fail("E511", op.span, name=declaration.name)
    field = FIELDS[type(declaration)]
    if isinstance(declaration, ast.Table):
        declaration = attrs.evolve(declaration, entries=tuple(mark(e, ref) for e in declaration.entries))
    return _with(doc, field, (*getattr(doc, field), mark(declaration, ref)))


def replace(doc: ast.Document, op: ast.ReplaceDeclaration, ref: ast.AmendmentRef) -> ast.Document:
    declaration = op.declaration
    field = FIELDS[type(declaration)]
    existing: Sequence[Declaration] = getattr(doc, field)
    if not any(d.name == declaration.name for d in existing):
        raise fail("E510", op.span, kind=declaration_kind(declaration), name=declaration.name)
    if isinstance(declaration, ast.Table):
        declaration = attrs.evolve(declaration, entries=tuple(mark(e, ref) for e in declaration.entries))
    new = mark(declaration, ref)
    return _with(doc, field, tuple(new if d.name == declaration.name else d for d in existing))


def remove(doc: ast.Document, op: ast.RemoveDeclaration, ref: ast.AmendmentRef) -> ast.Document:
    field = KINDS[op.kind]
    existing: Sequence[Declaration] = getattr(doc, field)
    found = next((d for d in existing if d.name == op.name), None)
    if found is None:
        raise fail("E510", op.span, kind=op.kind, name=op.name)
    doc = _with(doc, field, tuple(d for d in existing if d.name != op.name))
    return removal(doc, op.kind, op.name, found.description, ref)


def enum_values(doc: ast.Document, op: ast.ChangeEnumValues, ref: ast.AmendmentRef) -> ast.Document:
    fact = next((f for f in doc.facts if f.name == op.fact), None)
    if fact is None:
        raise fail("E510", op.span, kind="fact", name=op.fact)
    if fact.type.kind != "enum":
        raise fail("E521", op.span, name=op.fact)
    values = list(fact.type.values)
    for value in op.values:
        if op.add and value in values:
            raise fail("E522", op.span, value=value, name=op.fact)
        if not op.add and value not in values:
            raise fail("E501", op.span, kind="value", value=value, where=f"fact {op.fact}")
        if op.add:
            values.append(value)
        else:
            values.remove(value)
            doc = removal(doc, "enum value", f"{op.fact} {value}", fact.description, ref)
    if not values:
        raise fail("E523", op.span, name=op.fact)
    changed = mark(attrs.evolve(fact, type=ast.FactType("enum", tuple(values))), ref)
    return attrs.evolve(doc, facts=tuple(changed if f.name == op.fact else f for f in doc.facts))


def _table(doc: ast.Document, name: str, span: ast.Span) -> ast.Table:
    table = next((t for t in doc.tables if t.name == name), None)
    if table is None:
        raise fail("E510", span, kind="table", name=name)
    return table


def _with_table(doc: ast.Document, table: ast.Table, ref: ast.AmendmentRef) -> ast.Document:
    changed = mark(table, ref)
    return attrs.evolve(doc, tables=tuple(changed if t.name == table.name else t for t in doc.tables))


def add_entries(doc: ast.Document, op: ast.AddTableEntries, ref: ast.AmendmentRef) -> ast.Document:
    table = _table(doc, op.table, op.span)
    keys = {e.keys for e in table.entries}
    for entry in op.entries:
        if entry.keys in keys:
            raise fail("E524", entry.span, key=entry.label, table=op.table)
        keys.add(entry.keys)
        unit_check(table, entry.value, entry.span)
    added = tuple(mark(e, ref) for e in op.entries)
    return _with_table(doc, attrs.evolve(table, entries=(*table.entries, *added)), ref)


def remove_entry(doc: ast.Document, op: ast.RemoveTableEntry, ref: ast.AmendmentRef) -> ast.Document:
    table = _table(doc, op.table, op.span)
    label = ", ".join(op.keys)
    if not any(e.keys == op.keys for e in table.entries):
        raise fail("E501", op.span, kind="entry", value=label, where=f"table {op.table}")
    doc = _with_table(doc, attrs.evolve(table, entries=tuple(e for e in table.entries if e.keys != op.keys)), ref)
    return removal(doc, "entry", f"{op.table} {label}", table.description, ref)


def unit_check(table: ast.Table, value: ast.Number | None, span: ast.Span) -> None:
    """A percent put into a table of m² (or a plain number into a table of percents)."""
    units = {e.value.percent for e in table.entries if e.value is not None}
    if value is not None and len(units) == 1 and value.percent not in units:
        raise fail("E525", span, value=value.text, where=f"table {table.name}", unit=_unit(not value.percent))


def _unit(percent: bool) -> tuple[str, str, str]:
    return ("words", "tỷ lệ phần trăm", "percentages") if percent else ("words", "số (không phải %)", "plain numbers (not %)")


def unit_mismatch(old: ast.Expr, new: ast.Expr, where: str, span: ast.Span) -> None:
    """A threshold that was a percent changed to a count, or the other way round."""
    if isinstance(old, ast.Number) and isinstance(new, ast.Number) and old.percent != new.percent:
        raise fail("E525", span, value=new.text, where=where, unit=_unit(old.percent))


def fact_property(doc: ast.Document, target: ast.FactTarget, new: ast.NewValue, ref: ast.AmendmentRef) -> ast.Document:
    fact = next((f for f in doc.facts if f.name == target.name), None)
    if fact is None:
        raise fail("E510", target.span, kind="fact", name=target.name)
    fields: dict[str, Any]
    if target.property == "description":
        if new.kind != "text":
            raise fail("E506", new.span, property="description", expected=("words", "một chuỗi trong ngoặc kép", "a quoted string"))
        fields = {"description": new.value}
    else:
        if not isinstance(new.value, ast.Bool):
            raise fail("E506", new.span, property="optional", expected=("words", "yes hoặc no", "yes or no"))
        fields = {"optional": new.value.value}
    changed = mark(attrs.evolve(fact, **fields), ref)
    return attrs.evolve(doc, facts=tuple(changed if f.name == target.name else f for f in doc.facts))


def still_used(doc: ast.Document, amendment: ast.Amendment) -> list[Diagnostic]:
    """A fact, value or table the amendment removes while the composed document still reads it."""
    removed = {op.name: op for op in amendment.operations if isinstance(op, ast.RemoveDeclaration)}
    removed = {name: op for name, op in removed.items() if name not in _names(doc)}
    if not removed:
        return []
    found: dict[str, str] = {}
    for indicator in doc.indicators():
        for node in walk(indicator):
            if isinstance(node, ast.Ref) and node.name in removed:
                found.setdefault(node.name, f"indicator {indicator.number}")
            elif isinstance(node, ast.Branch) and node.key in removed:
                found.setdefault(node.key, f"indicator {indicator.number}")
    declared: tuple[ast.Fact | ast.Value, ...] = (*doc.facts, *doc.values)
    for declaration in declared:
        for node in walk(declaration):
            if isinstance(node, ast.Ref) and node.name in removed:
                found.setdefault(node.name, f"{declaration_kind(declaration)} {declaration.name}")
    for table in doc.tables:
        for key in table.keys:
            if key in removed:
                found.setdefault(key, f"table {table.name}")
    return [error("E526", removed[name].span, name=name, **localized({"where": where})) for name, where in found.items()]


def walk(node: Any) -> Iterator[Any]:
    """Every node under `node` (any AST node, parents first)."""
    if isinstance(node, tuple):
        for item in node:
            yield from walk(item)
        return
    if not attrs.has(type(node)) or isinstance(node, (ast.Span, ast.AmendmentRef)):
        return
    yield node
    for field in attrs.fields(type(node)):
        yield from walk(getattr(node, field.name))
