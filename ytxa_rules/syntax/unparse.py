"""Expressions back to canonical source text (formatter, checker messages, traces)."""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction
from typing import assert_never

from ytxa_rules import ast

# Binding strength: a child weaker than its parent needs brackets. A table, not a match:
# it runs for every child of every expression printed. It names every node class
# (tests/structure/test_exhaustive.py holds it to `ast.Expr`); `Arith` depends on its operator.
_STRENGTH: dict[type, int] = {ast.Or: 1, ast.And: 2, ast.Not: 3, ast.Compare: 4, ast.In: 4, ast.Neg: 7}
_STRENGTH.update(dict.fromkeys((ast.Number, ast.Bool, ast.DateLiteral, ast.Ref, ast.QualifiedRef, ast.Call), 8))
_ARITH = {"+": 5, "-": 5, "*": 6, "/": 6}


def _strength(expr: ast.Expr) -> int:
    if type(expr) is ast.Arith:
        return _ARITH[expr.op]
    return _STRENGTH[type(expr)]


def _child(expr: ast.Expr, minimum: int) -> str:
    text = expr_text(expr)
    return f"({text})" if _strength(expr) < minimum else text


def expr_text(expr: ast.Expr) -> str:
    match expr:
        case ast.Number():
            return expr.text or _number(expr)
        case ast.Bool():
            return "yes" if expr.value else "no"
        case ast.DateLiteral():
            return expr.value.isoformat()
        case ast.Ref():
            return expr.name
        case ast.QualifiedRef():
            return f"{expr.alias}.{expr.name}"
        case ast.Call():
            return f"{expr.function}({', '.join(expr_text(a) for a in expr.args)})"
        case ast.Neg():
            return "-" + _child(expr.operand, 7)
        case ast.Arith():
            strength = _ARITH[expr.op]
            # Left-associative: the right child needs brackets at equal strength.
            return f"{_child(expr.left, strength)} {expr.op} {_child(expr.right, strength + 1)}"
        case ast.Compare():
            return f"{_child(expr.left, 5)} {expr.op} {_child(expr.right, 5)}"
        case ast.In():
            options = ", ".join(_child(o, 5) for o in expr.options)
            return f"{_child(expr.operand, 5)} in ({options})"
        case ast.Not(operand=ast.In() as inside):  # written `x not in (…)`: keep the editor's words
            options = ", ".join(_child(o, 5) for o in inside.options)
            return f"{_child(inside.operand, 5)} not in ({options})"
        case ast.Not():
            return "not " + _child(expr.operand, 3)
        case ast.And():
            return " and ".join(_child(o, 3) for o in expr.operands)
        case ast.Or():
            return " or ".join(_child(o, 2) for o in expr.operands)
        case _:
            assert_never(expr)


def _number(number: ast.Number) -> str:
    return decimal_text(number.value) + ("%" if number.percent else "")


def decimal_text(value: Fraction) -> str:
    """An exact number as a spec writes it (`0.8`, `12.5`, `3`): never through a float."""
    if value.denominator == 1:
        return str(value.numerator)
    return format(Decimal(value.numerator) / Decimal(value.denominator), "f")


def sum_text(expr: ast.Expr) -> str:
    """An expression where the grammar wants a sum (a bound, an `in` option): bracketed if weaker."""
    return _child(expr, 5)
