"""Structural amendment operations: replace, add, remove (changes live in `changes`)."""

from __future__ import annotations

from typing import assert_never

import attrs

from ytxa_rules import ast
from ytxa_rules.compose import declarations
from ytxa_rules.compose.changes import change
from ytxa_rules.compose.nodes import fail, map_indicator, mark


def apply(doc: ast.Document, op: ast.Operation, ref: ast.AmendmentRef) -> ast.Document:
    match op:
        case ast.Change():
            return change(doc, op, ref)
        case ast.ReplaceRule():
            rule = mark_rule(op.rule, ref)
            return map_indicator(doc, op.indicator, op.span, lambda i: mark(attrs.evolve(i, rule=rule), ref))
        case ast.ReplaceRecognition():
            return attrs.evolve(doc, recognition=mark(op.recognition, ref))
        case ast.AddIndicator():
            return _add_indicator(doc, op, ref)
        case ast.RemoveIndicator():
            return _remove_indicator(doc, op, ref)
        case ast.AddDeclaration():
            return declarations.add(doc, op, ref)
        case ast.ReplaceDeclaration():
            return declarations.replace(doc, op, ref)
        case ast.RemoveDeclaration():
            return declarations.remove(doc, op, ref)
        case ast.ChangeEnumValues():
            return declarations.enum_values(doc, op, ref)
        case ast.AddTableEntries():
            return declarations.add_entries(doc, op, ref)
        case ast.RemoveTableEntry():
            return declarations.remove_entry(doc, op, ref)
        case _:
            assert_never(op)


def _add_indicator(doc: ast.Document, op: ast.AddIndicator, ref: ast.AmendmentRef) -> ast.Document:
    if any(i.number == op.indicator.number for i in doc.indicators()):
        raise fail("E508", op.span, number=op.indicator.number)
    if not any(c.number == op.criterion for c in doc.criteria):
        raise fail("E509", op.span, number=op.criterion)
    added = mark(attrs.evolve(op.indicator, rule=mark_rule(op.indicator.rule, ref)), ref)
    criteria = tuple(
        attrs.evolve(c, indicators=(*c.indicators, added)) if c.number == op.criterion else c for c in doc.criteria
    )
    return attrs.evolve(doc, criteria=criteria)


def _remove_indicator(doc: ast.Document, op: ast.RemoveIndicator, ref: ast.AmendmentRef) -> ast.Document:
    removed = next((i for i in doc.indicators() if i.number == op.indicator), None)
    if removed is None:
        raise fail("E500", op.span, number=op.indicator)
    criteria = tuple(
        attrs.evolve(c, indicators=tuple(i for i in c.indicators if i.number != op.indicator)) for c in doc.criteria
    )
    return declarations.removal(attrs.evolve(doc, criteria=criteria), "indicator", op.indicator, removed.title, ref)


def mark_rule(rule: ast.Rule | None, ref: ast.AmendmentRef) -> ast.Rule | None:
    def bands(b: ast.Bands) -> ast.Bands:
        return attrs.evolve(b, bands=tuple(mark(band, ref) for band in b.bands))

    def branch_or_bands(r: ast.PartRule) -> ast.PartRule:
        match r:
            case ast.Bands():
                return bands(r)
            case ast.Branch():
                cases = tuple(attrs.evolve(c, bands=bands(c.bands)) for c in r.cases)
                return attrs.evolve(r, cases=cases, otherwise=bands(r.otherwise) if r.otherwise else None)
            case _:
                assert_never(r)

    match rule:
        case None:
            return None
        case ast.Sum():
            return attrs.evolve(rule, parts=tuple(attrs.evolve(p, rule=branch_or_bands(p.rule)) for p in rule.parts))
        case ast.Bands() | ast.Branch():
            return branch_or_bands(rule)
        case _:
            assert_never(rule)
