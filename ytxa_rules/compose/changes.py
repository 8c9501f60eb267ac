"""`change … to …`: find the addressed node, check the new value's kind, replace it.

Addresses name what a policy editor sees in the decision: indicator 35, (part 2,)
(case 1,) band 1, (comparison 2); the comparison may be left out when the band's
condition has exactly one.
"""

from __future__ import annotations

from typing import Any, assert_never

import attrs

from ytxa_rules import ast
from ytxa_rules.compose.declarations import fact_property, unit_check, unit_mismatch
from ytxa_rules.compose.nodes import Failed, fail, map_indicator, mark
from ytxa_rules.messages.amendments import EXPECTED, WHY
from ytxa_rules.messages.texts import both
from ytxa_rules.tree import comparisons

BAND_PROPERTIES = ("operator", "threshold", "points", "condition")
def _why(key: str, **args: object) -> tuple[str, str, str]:
    return both(WHY, key, **args)


def _expected(prop: str) -> tuple[str, str, str]:
    return both(EXPECTED, prop)


def _new(op: ast.Change, prop: str, *kinds: str) -> Any:
    if op.new.kind not in kinds:
        raise fail("E506", op.new.span, property=prop, expected=_expected(prop))
    return op.new.value


def _number(op: ast.Change, prop: str) -> ast.Number:
    value = _new(op, prop, "expr")
    if not isinstance(value, ast.Number) or value.percent:
        raise fail("E506", op.new.span, property=prop, expected=_expected(prop))
    return value


def change(doc: ast.Document, op: ast.Change, ref: ast.AmendmentRef) -> ast.Document:
    target = op.target
    if op.status is not None and not isinstance(target, ast.TableEntryTarget):
        raise fail("E527", op.span, status=op.status)
    match target:
        case ast.FactTarget():
            return fact_property(doc, target, op.new, ref)
        case ast.IndicatorTarget():
            return map_indicator(doc, target.number, target.span, lambda i: mark(_indicator(i, target, op, ref), ref))
        case ast.CriterionTarget():
            return _criterion(doc, target, op, ref)
        case ast.TableEntryTarget():
            return _table_entry(doc, target, op, ref)
        case ast.ValueTarget():
            if not any(v.name == target.name for v in doc.values):
                raise fail("E510", target.span, kind="value", name=target.name)
            expr = _new(op, "value", "expr")
            values = tuple(mark(attrs.evolve(v, expr=expr), ref) if v.name == target.name else v for v in doc.values)
            return attrs.evolve(doc, values=values)
        case ast.DocumentTarget():
            header_by = (*doc.header_by, ref)
            if target.property == "title":
                return attrs.evolve(doc, title=_new(op, "title", "text"), header_by=header_by)
            return attrs.evolve(doc, total=_number(op, "total"), header_by=header_by)
        case _:
            assert_never(target)


def _criterion(doc: ast.Document, target: ast.CriterionTarget, op: ast.Change, ref: ast.AmendmentRef) -> ast.Document:
    if not any(c.number == target.number for c in doc.criteria):
        raise fail("E509", target.span, number=target.number)
    if target.property == "title":
        fields: dict[str, Any] = {"title": _new(op, "title", "text")}
    elif target.property == "max":
        fields = {"max": _number(op, "max")}
    else:
        raise fail("E502", target.span, property=target.property, where=f"criterion {target.number}", reason=_why("only_title_max"))
    criteria = tuple(mark(attrs.evolve(c, **fields), ref) if c.number == target.number else c for c in doc.criteria)
    return attrs.evolve(doc, criteria=criteria)


def _table_entry(doc: ast.Document, target: ast.TableEntryTarget, op: ast.Change, ref: ast.AmendmentRef) -> ast.Document:
    table = next((t for t in doc.tables if t.name == target.table), None)
    if table is None:
        raise fail("E510", target.span, kind="table", name=target.table)
    if not any(e.keys == target.keys for e in table.entries):
        raise fail("E501", target.span, kind="entry", value=", ".join(target.keys), where=f"table {target.table}")
    value = None if op.new.kind == "unknown" else _new(op, "entry", "expr", "unknown")
    if value is not None and not isinstance(value, ast.Number):
        raise fail("E506", op.new.span, property="entry", expected=_expected("entry"))
    unit_check(table, value, op.new.span)
    fields: dict[str, Any] = {"value": value}
    if op.status is not None:
        fields["status"] = op.status
    entries = tuple(mark(attrs.evolve(e, **fields), ref) if e.keys == target.keys else e for e in table.entries)
    tables = tuple(mark(attrs.evolve(t, entries=entries), ref) if t.name == target.table else t for t in doc.tables)
    return attrs.evolve(doc, tables=tables)


# ---------------------------------------------------------------- indicators


def _indicator(
    indicator: ast.Indicator, target: ast.IndicatorTarget, op: ast.Change, ref: ast.AmendmentRef
) -> ast.Indicator:
    prop = target.property
    if prop in BAND_PROPERTIES:
        return attrs.evolve(indicator, rule=_in_rule(indicator, target, op, ref))
    if prop == "not_applicable" and target.path and all(kind == "part" for kind, _ in target.path):
        return attrs.evolve(indicator, rule=_part_not_applicable(indicator, target, op))
    if target.path:
        raise fail("E502", target.span, property=prop, where=f"indicator {indicator.number}", reason=_why("indicator_property", prop=prop))
    if prop == "title":
        return attrs.evolve(indicator, title=_new(op, prop, "text"))
    if prop == "cite":
        return attrs.evolve(indicator, cite=_new(op, prop, "text"))
    if prop == "status":
        return attrs.evolve(indicator, status=_new(op, prop, "status"))
    if prop == "max":
        return attrs.evolve(indicator, max=_number(op, prop))
    if prop == "not_applicable":
        return attrs.evolve(indicator, not_applicable=_new(op, prop, "expr"))
    assert prop == "knockout"
    value = _new(op, prop, "expr")
    if not isinstance(value, ast.Bool):
        raise fail("E506", op.new.span, property=prop, expected=_expected(prop))
    return attrs.evolve(indicator, knockout=value.value)


def _part_not_applicable(indicator: ast.Indicator, target: ast.IndicatorTarget, op: ast.Change) -> ast.Rule:
    """`change indicator 31 part 2 not_applicable to …`: when that part is left out."""
    where = f"indicator {indicator.number}"
    rule = indicator.rule
    if len(target.path) != 1:
        raise fail("E502", target.span, property=target.property, where=where, reason=_why("twice"))
    if not isinstance(rule, ast.Sum):
        raise fail("E501", target.span, kind="part", value=target.path[0][1], where=where)
    index = _index(target.path[0][1], len(rule.parts), "part", where, target.span)
    condition = _new(op, "not_applicable", "expr")
    parts = tuple(attrs.evolve(p, not_applicable=condition) if i == index else p for i, p in enumerate(rule.parts))
    return attrs.evolve(rule, parts=parts)


def _in_rule(indicator: ast.Indicator, target: ast.IndicatorTarget, op: ast.Change, ref: ast.AmendmentRef) -> ast.Rule:
    path = dict(target.path)
    where = f"indicator {indicator.number}"
    if len(path) != len(target.path):
        raise fail("E502", target.span, property=target.property, where=where, reason=_why("twice"))
    if "band" not in path:
        raise fail("E502", target.span, property=target.property, where=where, reason=_why("band"))
    rule = indicator.rule
    if rule is None:
        raise fail("E405", target.span, number=indicator.number)
    match rule:
        case ast.Sum():
            if "part" not in path:
                raise fail("E502", target.span, property=target.property, where=where, reason=_why("part"))
            index = _index(path["part"], len(rule.parts), "part", where, target.span)
            part = rule.parts[index]
            new_part = attrs.evolve(part, rule=_in_branch_or_bands(part.rule, path, target, op, ref, f"{where} part {index + 1}"))
            return attrs.evolve(rule, parts=tuple(new_part if i == index else p for i, p in enumerate(rule.parts)))
        case ast.Bands() | ast.Branch():
            if "part" in path:
                raise fail("E501", target.span, kind="part", value=path["part"], where=where)
            return _in_branch_or_bands(rule, path, target, op, ref, where)
        case _:
            assert_never(rule)


def _index(text: str, size: int, kind: str, where: str, span: ast.Span) -> int:
    if not text.isdigit() or not 1 <= int(text) <= size:
        raise fail("E501", span, kind=kind, value=text, where=where)
    return int(text) - 1


def _in_branch_or_bands(
    rule: ast.PartRule, path: dict[str, str], target: ast.IndicatorTarget, op: ast.Change, ref: ast.AmendmentRef, where: str
) -> ast.PartRule:
    match rule:
        case ast.Bands():
            if "case" in path:
                raise fail("E501", target.span, kind="case", value=path["case"], where=where)
            return _in_bands(rule, path, target, op, ref, where)
        case ast.Branch():
            pass
        case _:
            assert_never(rule)
    if "case" not in path:
        raise fail("E502", target.span, property=target.property, where=where, reason=_why("case"))
    key = path["case"]
    for position, case in enumerate(rule.cases):
        if key in case.keys:
            new_case = attrs.evolve(case, bands=_in_bands(case.bands, path, target, op, ref, f"{where} case {key}"))
            return attrs.evolve(rule, cases=tuple(new_case if i == position else c for i, c in enumerate(rule.cases)))
    raise fail("E501", target.span, kind="case", value=key, where=where)


def _in_bands(
    bands: ast.Bands, path: dict[str, str], target: ast.IndicatorTarget, op: ast.Change, ref: ast.AmendmentRef, where: str
) -> ast.Bands:
    index = _index(path["band"], len(bands.bands), "band", where, target.span)
    band = bands.bands[index]
    prop = target.property
    where = f"{where} band {index + 1}"
    if prop == "points":
        band = attrs.evolve(band, points=_number(op, prop))
    elif prop == "condition":
        band = attrs.evolve(band, condition=_new(op, prop, "expr"))
    else:
        if band.condition is None:
            raise fail("E502", target.span, property=prop, where=where, reason=_why("otherwise"))
        condition = _in_comparison(band.condition, path, target, op, ref, where)
        band = attrs.evolve(band, condition=condition)
    band = mark(band, ref)
    return attrs.evolve(bands, bands=tuple(band if i == index else b for i, b in enumerate(bands.bands)))


def _in_comparison(
    condition: ast.Expr, path: dict[str, str], target: ast.IndicatorTarget, op: ast.Change, ref: ast.AmendmentRef, where: str
) -> ast.Expr:
    found = comparisons(condition)
    if "comparison" in path:
        chosen = found[_index(path["comparison"], len(found), "comparison", where, target.span)]
    elif len(found) == 1:
        chosen = found[0]
    else:
        reason = _why("several", count=len(found)) if found else _why("no_comparison")
        raise fail("E502", target.span, property=target.property, where=where, reason=reason)
    if target.property == "operator":
        replacement = attrs.evolve(chosen, op=_new(op, "operator", "operator"))
    else:
        threshold = _new(op, "threshold", "expr")
        unit_mismatch(chosen.right, threshold, where, op.new.span)
        replacement = attrs.evolve(chosen, right=threshold)
    return _replace(condition, chosen, mark(replacement, ref))


def _replace(node: Any, old: ast.Compare, new: ast.Compare) -> Any:
    """`node` with the node `old` (by identity) swapped for `new`, wherever it sits
    (inside and/or/not, a function's arguments, an arithmetic operand, …)."""
    if node is old:
        return new
    if isinstance(node, tuple):
        return tuple(_replace(item, old, new) for item in node)
    if not attrs.has(type(node)) or isinstance(node, ast.Span):
        return node
    changes = {}
    for field in attrs.fields(type(node)):
        value = getattr(node, field.name)
        replaced = _replace(value, old, new)
        if replaced is not value:
            changes[field.name] = replaced
    return attrs.evolve(node, **changes) if changes else node


__all__ = ["change", "Failed"]
