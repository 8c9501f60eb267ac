"""Structural amendment operations: replace, add, remove (changes live in `changes`)."""

from __future__ import annotations

import attrs

from ytxa_rules import ast
from ytxa_rules.compose import declarations
from ytxa_rules.compose.changes import change
from ytxa_rules.compose.nodes import fail, map_indicator, mark


def apply(doc: ast.Document, op: ast.Operation, ref: ast.AmendmentRef) -> ast.Document:
    if isinstance(op, ast.Change):
        return change(doc, op, ref)
    if isinstance(op, ast.ReplaceRule):
        rule = mark_rule(op.rule, ref)
        return map_indicator(doc, op.indicator, op.span, lambda i: mark(attrs.evolve(i, rule=rule), ref))
    if isinstance(op, ast.ReplaceRecognition):
        return attrs.evolve(doc, recognition=mark(op.recognition, ref))
    if isinstance(op, ast.AddIndicator):
        if any(i.number == op.indicator.number for i in doc.indicators()):
            raise fail("E508", op.span, number=op.indicator.number)
        if not any(c.number == op.criterion for c in doc.criteria):
            raise fail("E509", op.span, number=op.criterion)
        added = mark(attrs.evolve(op.indicator, rule=mark_rule(op.indicator.rule, ref)), ref)
        criteria = tuple(
            attrs.evolve(c, indicators=(*c.indicators, added)) if c.number == op.criterion else c for c in doc.criteria
        )
        return attrs.evolve(doc, criteria=criteria)
    if isinstance(op, ast.RemoveIndicator):
        removed = next((i for i in doc.indicators() if i.number == op.indicator), None)
        if removed is None:
            raise fail("E500", op.span, number=op.indicator)
        criteria = tuple(
            attrs.evolve(c, indicators=tuple(i for i in c.indicators if i.number != op.indicator)) for c in doc.criteria
        )
        return declarations.removal(attrs.evolve(doc, criteria=criteria), "indicator", op.indicator, removed.title, ref)
    if isinstance(op, ast.AddDeclaration):
        return declarations.add(doc, op, ref)
    if isinstance(op, ast.ReplaceDeclaration):
        return declarations.replace(doc, op, ref)
    if isinstance(op, ast.RemoveDeclaration):
        return declarations.remove(doc, op, ref)
    if isinstance(op, ast.ChangeEnumValues):
        return declarations.enum_values(doc, op, ref)
    if isinstance(op, ast.AddTableEntries):
        return declarations.add_entries(doc, op, ref)
    assert isinstance(op, ast.RemoveTableEntry)
    return declarations.remove_entry(doc, op, ref)


def mark_rule(rule: ast.Rule | None, ref: ast.AmendmentRef) -> ast.Rule | None:
    def bands(b: ast.Bands) -> ast.Bands:
        return attrs.evolve(b, bands=tuple(mark(band, ref) for band in b.bands))

    def branch_or_bands(r: ast.Bands | ast.Branch) -> ast.Bands | ast.Branch:
        if isinstance(r, ast.Bands):
            return bands(r)
        cases = tuple(attrs.evolve(c, bands=bands(c.bands)) for c in r.cases)
        return attrs.evolve(r, cases=cases, otherwise=bands(r.otherwise) if r.otherwise else None)

    if rule is None:
        return None
    if isinstance(rule, ast.Sum):
        return attrs.evolve(rule, parts=tuple(attrs.evolve(p, rule=branch_or_bands(p.rule)) for p in rule.parts))
    return branch_or_bands(rule)
