"""Expressions back to canonical source text (formatter, checker messages, traces)."""

from __future__ import annotations

from ytxa_rules import ast

# Binding strength: a child weaker than its parent needs brackets.
_STRENGTH = {ast.Or: 1, ast.And: 2, ast.Not: 3, ast.Compare: 4, ast.In: 4}
_ARITH = {"+": 5, "-": 5, "*": 6, "/": 6}


def _strength(expr: ast.Expr) -> int:
    if isinstance(expr, ast.Arith):
        return _ARITH[expr.op]
    if isinstance(expr, ast.Neg):
        return 7
    return _STRENGTH.get(type(expr), 8)


def _child(expr: ast.Expr, minimum: int) -> str:
    text = expr_text(expr)
    return f"({text})" if _strength(expr) < minimum else text


def expr_text(expr: ast.Expr) -> str:
    if isinstance(expr, ast.Number):
        return expr.text or _number(expr)
    if isinstance(expr, ast.Bool):
        return "yes" if expr.value else "no"
    if isinstance(expr, ast.DateLiteral):
        return expr.value.isoformat()
    if isinstance(expr, ast.Ref):
        return expr.name
    if isinstance(expr, ast.QualifiedRef):
        return f"{expr.alias}.{expr.name}"
    if isinstance(expr, ast.Call):
        return f"{expr.function}({', '.join(expr_text(a) for a in expr.args)})"
    if isinstance(expr, ast.Neg):
        return "-" + _child(expr.operand, 7)
    if isinstance(expr, ast.Arith):
        strength = _ARITH[expr.op]
        # Left-associative: the right child needs brackets at equal strength.
        return f"{_child(expr.left, strength)} {expr.op} {_child(expr.right, strength + 1)}"
    if isinstance(expr, ast.Compare):
        return f"{_child(expr.left, 5)} {expr.op} {_child(expr.right, 5)}"
    if isinstance(expr, ast.In):
        options = ", ".join(_child(o, 5) for o in expr.options)
        return f"{_child(expr.operand, 5)} in ({options})"
    if isinstance(expr, ast.Not):
        if isinstance(expr.operand, ast.In):  # written `x not in (…)`: keep the editor's words
            options = ", ".join(_child(o, 5) for o in expr.operand.options)
            return f"{_child(expr.operand.operand, 5)} not in ({options})"
        return "not " + _child(expr.operand, 3)
    if isinstance(expr, ast.And):
        return " and ".join(_child(o, 3) for o in expr.operands)
    assert isinstance(expr, ast.Or)
    return " or ".join(_child(o, 2) for o in expr.operands)


def _number(number: ast.Number) -> str:
    value = number.value
    if value.denominator == 1:
        text = str(value.numerator)
    else:
        from decimal import Decimal

        text = format(Decimal(value.numerator) / Decimal(value.denominator), "f")
    return text + ("%" if number.percent else "")


def sum_text(expr: ast.Expr) -> str:
    """An expression where the grammar wants a sum (a bound, an `in` option): bracketed if weaker."""
    return _child(expr, 5)
