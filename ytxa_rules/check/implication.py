"""Decide, conservatively, whether one band condition implies another.

Used to find bands that can never be reached: if band j's condition implies an earlier
band i's, then whenever j holds i held first. "False" means "could not prove it", never
"proved it does not", so the checker only reports what is certain.
"""

from __future__ import annotations

from fractions import Fraction
from typing import assert_never

from ytxa_rules import ast
from ytxa_rules.language.types import FLIP

__all__ = ["FLIP", "implies", "literal_bound"]
Interval = tuple[Fraction | None, bool, Fraction | None, bool]  # low, low closed, high, high closed


def literal_bound(expr: ast.Expr) -> tuple[Fraction, str] | None:
    """A literal of an ordered kind as an exact number, and the kind: a date is its day number."""
    match expr:
        case ast.Number():
            return expr.value, "number"
        case ast.DateLiteral():
            return Fraction(expr.value.toordinal()), "date"
        # Every other node: a new literal of an ordered kind must be added above, or E403
        # silently skips it (the trap this match closes).
        case ast.Bool() | ast.Ref() | ast.QualifiedRef() | ast.Call() | ast.Neg() | ast.Arith():
            return None
        case ast.Compare() | ast.In() | ast.Not() | ast.And() | ast.Or():
            return None
        case _:
            assert_never(expr)


def _normalise(expr: ast.Compare) -> tuple[ast.Expr, str, Fraction, str] | None:
    """`x op literal`, flipping `literal op x`; None when neither side is a literal."""
    right, left = literal_bound(expr.right), literal_bound(expr.left)
    if right is not None:
        return expr.left, expr.op, *right
    if left is not None:
        return expr.right, FLIP[expr.op], *left
    return None


def _interval(op: str, bound: Fraction) -> Interval | None:
    return {
        ">=": (bound, True, None, False),
        ">": (bound, False, None, False),
        "<=": (None, False, bound, True),
        "<": (None, False, bound, False),
        "=": (bound, True, bound, True),
    }.get(op)


def _inside(inner: Interval, outer: Interval) -> bool:
    low, low_closed, high, high_closed = inner
    o_low, o_low_closed, o_high, o_high_closed = outer
    if o_low is not None:
        if low is None or low < o_low or (low == o_low and low_closed and not o_low_closed):
            return False
    if o_high is not None:
        if high is None or high > o_high or (high == o_high and high_closed and not o_high_closed):
            return False
    return True


def _compare_implies(p: ast.Compare, q: ast.Compare) -> bool:
    left_p, left_q = _normalise(p), _normalise(q)
    if left_p is None or left_q is None or left_p[0] != left_q[0]:
        return False
    if left_p[3] != left_q[3]:
        return False  # a date beside a number: the checker reports it (E300), nothing to prove
    inner, outer = _interval(left_p[1], left_p[2]), _interval(left_q[1], left_q[2])
    return inner is not None and outer is not None and _inside(inner, outer)


def _members(expr: ast.Expr) -> tuple[ast.Expr, frozenset[ast.Expr]] | None:
    """`x in (a, b)` and `x = a` as (x, {a, b})."""
    if isinstance(expr, ast.In):
        return expr.operand, frozenset(expr.options)
    if isinstance(expr, ast.Compare) and expr.op == "=" and not isinstance(expr.left, ast.Number):
        return expr.left, frozenset({expr.right})
    return None


def implies(p: ast.Expr, q: ast.Expr) -> bool:
    """True only when every station satisfying `p` satisfies `q`."""
    if p == q:
        return True
    if isinstance(q, ast.And):
        return all(implies(p, part) for part in q.operands)
    if isinstance(p, ast.Or):
        return all(implies(part, q) for part in p.operands)
    if isinstance(p, ast.And) and any(implies(part, q) for part in p.operands):
        return True
    if isinstance(q, ast.Or):
        return any(implies(p, part) for part in q.operands)
    if isinstance(p, ast.Compare) and isinstance(q, ast.Compare) and _compare_implies(p, q):
        return True
    sets_p, sets_q = _members(p), _members(q)
    if sets_p and sets_q and sets_p[0] == sets_q[0]:
        return sets_p[1] <= sets_q[1]
    return False
