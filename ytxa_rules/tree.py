"""Walks over the AST that several stages share (checker, composer, compiler, docs)."""

from __future__ import annotations

from collections.abc import Iterator
from fractions import Fraction
from typing import assert_never

from ytxa_rules import ast


def children(expr: ast.Expr) -> tuple[ast.Expr, ...]:
    """The direct sub-expressions, left to right."""
    match expr:  # the commonest nodes first: this runs for every node of every walk
        case ast.Ref() | ast.Number() | ast.Bool() | ast.DateLiteral() | ast.QualifiedRef():
            return ()
        case ast.Compare() | ast.Arith():
            return (expr.left, expr.right)
        case ast.Call():
            return expr.args
        case ast.And() | ast.Or():
            return expr.operands
        case ast.Neg() | ast.Not():
            return (expr.operand,)
        case ast.In():
            return (expr.operand, *expr.options)
        case _:
            assert_never(expr)


def walk(expr: ast.Expr) -> Iterator[ast.Expr]:
    """Every sub-expression, parents first."""
    yield expr
    for child in children(expr):
        yield from walk(child)


def comparisons(expr: ast.Expr) -> list[ast.Compare]:
    """The comparisons of a condition in reading order of their operators
    (`count(x > 1, y) >= 2`: first `x > 1`, then `… >= 2`), as amendments number them."""
    found: list[ast.Compare] = []
    for child in children(expr):
        found.extend(comparisons(child))
    if isinstance(expr, ast.Compare):
        found.append(expr)
    return found


def band_lists(rule: ast.Rule | None) -> Iterator[tuple[str, ast.Bands]]:
    """Each ordered list of bands in a rule, with a readable place ("case 1", "part 2")."""
    match rule:
        case None:
            return
        case ast.Bands() | ast.Branch():
            yield from _part_lists(rule, "")
        case ast.Sum():
            for index, part in enumerate(rule.parts, 1):
                yield from _part_lists(part.rule, f"part {index}")
        case _:
            assert_never(rule)


def _part_lists(rule: ast.PartRule, where: str) -> Iterator[tuple[str, ast.Bands]]:
    match rule:
        case ast.Bands():
            yield (where, rule)
        case ast.Branch():
            yield from _branch_lists(rule, where + " " if where else "")
        case _:
            assert_never(rule)


def _branch_lists(branch: ast.Branch, prefix: str) -> Iterator[tuple[str, ast.Bands]]:
    for case in branch.cases:
        yield (f"{prefix}case {', '.join(case.keys)}", case.bands)
    if branch.otherwise is not None:
        yield (f"{prefix}else", branch.otherwise)


def rule_expressions(rule: ast.Rule | None) -> Iterator[ast.Expr]:
    if isinstance(rule, ast.Sum):  # `part … not applicable when C`
        yield from (p.not_applicable for p in rule.parts if p.not_applicable is not None)
    for _, bands in band_lists(rule):
        for band in bands.bands:
            if band.condition is not None:
                yield band.condition


def indicator_expressions(indicator: ast.Indicator) -> Iterator[ast.Expr]:
    if indicator.not_applicable is not None:
        yield indicator.not_applicable
    yield from rule_expressions(indicator.rule)


def branch_keys(rule: ast.Rule | None) -> Iterator[ast.Branch]:
    match rule:
        case None | ast.Bands():
            return
        case ast.Branch():
            yield rule
        case ast.Sum():
            for part in rule.parts:
                if isinstance(part.rule, ast.Branch):
                    yield part.rule
        case _:
            assert_never(rule)


def referenced_names(expr: ast.Expr) -> Iterator[str]:
    for node in walk(expr):
        if isinstance(node, ast.Ref):
            yield node.name


def part_max(part: ast.Part) -> Fraction:
    """The most one part of a sum can award: what leaves the maximum when it does not apply."""
    return max_points(part.rule)


def max_points(rule: ast.Rule | None) -> Fraction:
    """The most a rule can ever award (sum of parts; best case of a branch)."""

    def best(bands: ast.Bands) -> Fraction:
        return max((b.points.value for b in bands.bands), default=Fraction(0))

    def best_rule(rule: ast.PartRule) -> Fraction:
        match rule:
            case ast.Bands():
                return best(rule)
            case ast.Branch():
                lists = [c.bands for c in rule.cases] + ([rule.otherwise] if rule.otherwise else [])
                return max((best(b) for b in lists), default=Fraction(0))
            case _:
                assert_never(rule)

    match rule:
        case None:
            return Fraction(0)
        case ast.Sum():
            return sum((best_rule(p.rule) for p in rule.parts), Fraction(0))
        case ast.Bands() | ast.Branch():
            return best_rule(rule)
        case _:
            assert_never(rule)
