"""Expression nodes, and `Expr`, the closed union every stage matches exhaustively."""

from __future__ import annotations

import datetime
from fractions import Fraction
from typing import Union

import attrs

from ytxa_rules.ast.spans import AmendmentRef, Span, _provenance, _span


@attrs.frozen
class Number:
    value: Fraction
    percent: bool = False
    text: str = attrs.field(default="", eq=False)
    span: Span = _span()


@attrs.frozen
class Bool:
    value: bool
    span: Span = _span()


@attrs.frozen
class DateLiteral:
    """`2024-03-20` in an expression: compared with a `date` fact."""

    value: datetime.date
    span: Span = _span()


@attrs.frozen
class Ref:
    """A bare name: a fact, a derived value, a table, or an enum value (resolved by the checker)."""

    name: str
    span: Span = _span()


@attrs.frozen
class QualifiedRef:
    """`alias.name`: a result of another criteria set named in `uses`."""

    alias: str
    name: str
    span: Span = _span()


@attrs.frozen
class Call:
    function: str
    args: tuple[Expr, ...]
    span: Span = _span()


@attrs.frozen
class Neg:
    operand: Expr
    span: Span = _span()


@attrs.frozen
class Arith:
    op: str
    left: Expr
    right: Expr
    span: Span = _span()


@attrs.frozen
class Compare:
    op: str
    left: Expr
    right: Expr
    span: Span = _span()
    amended_by: tuple[AmendmentRef, ...] = _provenance()


@attrs.frozen
class In:
    operand: Expr
    options: tuple[Expr, ...]
    span: Span = _span()


@attrs.frozen
class Not:
    operand: Expr
    span: Span = _span()


@attrs.frozen
class And:
    operands: tuple[Expr, ...]
    span: Span = _span()


@attrs.frozen
class Or:
    operands: tuple[Expr, ...]
    span: Span = _span()


Expr = Union[Number, Bool, DateLiteral, Ref, QualifiedRef, Call, Neg, Arith, Compare, In, Not, And, Or]
