"""Expressions of a checked spec evaluated over whole columns, exactly as the per-station code.

Each expression gives a column of values and a column of error codes: 0, or the first
problem the per-station code would raise for that row (a fact not given, a rate over 0,
a value the law leaves unknown), in the order that code reads its operands. `and`/`or`
short-circuit row by row: an operand's error counts only in rows that reached it, as in
Python. Every rule of `ytxa_rules.engine.expressions` is followed here, including the
order of a rate comparison (denominator, numerator, threshold, then the zero check).
"""

from __future__ import annotations

import math
from typing import Any, assert_never

import numpy as np

from ytxa_rules import ast
from ytxa_rules.check.scope import Scope
from ytxa_rules.columnar.columns import Column, FactColumns, Text
from ytxa_rules.columnar.exact import LIMIT, Num, Unsupported, as_flags, compare
from ytxa_rules.engine.expressions import FLIP
from ytxa_rules.engine.result import MISSING_DATA, NOT_APPLICABLE
from ytxa_rules.syntax.unparse import expr_text

Errors = Any  # 0, or an int32 array of error codes
FALLBACK = "fallback"  # a row the per-station path must score (it would raise, not score)
HUNDRED = Num.constant(100)


class ErrorCodes:
    """Error code -> (status, detail) as the per-station path reports it; 0 is "no error"."""

    def __init__(self) -> None:
        self.entries: list[tuple[str, str | None]] = [("", None)]
        self._codes: dict[tuple[str, str | None], int] = {}
        self.fallback = self.code(FALLBACK, None)

    def code(self, status: str, detail: str | None) -> int:
        key = (status, detail)
        found = self._codes.get(key)
        if found is None:
            found = self._codes[key] = len(self.entries)
            self.entries.append(key)
        return found


def first(earlier: Errors, later: Errors) -> Errors:
    """Per row, the error raised first: `earlier` where there is one, else `later`."""
    if isinstance(earlier, int) and earlier == 0:
        return later
    if isinstance(later, int) and later == 0:
        return earlier
    return np.where(earlier != 0, earlier, later)


def failing(mask: Any, code: int) -> Errors:
    """`code` in the rows of `mask`."""
    if isinstance(mask, (bool, np.bool_)):
        return code if mask else 0
    return np.where(mask, code, 0).astype(np.int32)


def as_number(column: Column) -> Num:
    if isinstance(column, Num):
        return column
    if isinstance(column, np.ndarray) and column.dtype == bool:  # Python: True == 1, True + 1 == 2
        return Num(column.astype(np.int64), 1, 1, 1)
    raise Unsupported("a number was expected")


class Evaluator:
    """Evaluates the expressions of one document over one batch of columns."""

    def __init__(self, scope: Scope, columns: FactColumns, errors: ErrorCodes):
        self.scope = scope
        self.columns = columns
        self.errors = errors
        self.rows = columns.count
        self._values: dict[str, tuple[Column, Errors]] = {}
        self._facts: dict[str, tuple[Column, Errors]] = {}

    # ------------------------------------------------------------ reading
    def fact(self, name: str) -> tuple[Column, Errors]:
        found = self._facts.get(name)
        if found is None:
            column, present = self.columns.column(name)
            missing = failing(~present, self.errors.code(MISSING_DATA, name)) if not present.all() else 0
            found = self._facts[name] = (column, missing)
        return found

    def truth(self, column: Column) -> np.ndarray:
        if isinstance(column, Num):
            return as_flags(column.truth(), self.rows)
        if isinstance(column, Text):
            return as_flags(np.not_equal(column.values, ""), self.rows)
        return as_flags(column, self.rows)

    # ------------------------------------------------------------ expressions
    def expr(self, e: ast.Expr, enum_context: str = "") -> tuple[Column, Errors]:
        match e:
            case ast.Number():
                if enum_context:
                    return Text(str(e.value.numerator)), 0
                return Num.constant(e.value.numerator, e.value.denominator), 0
            case ast.Bool():
                return np.full(self.rows, e.value), 0
            case ast.Ref():
                return self.ref(e)
            case ast.Call():
                return self.call(e)
            case ast.Neg():
                value, err = self.expr(e.operand)
                return -as_number(value), err
            case ast.Arith():
                return self.arith(e)
            case ast.Compare():
                return self.compare(e)
            case ast.In():
                return self.membership(e)
            case ast.Not():
                value, err = self.expr(e.operand)
                return ~self.truth(value), err
            case ast.And() | ast.Or():
                return self.logic(e)
            case ast.QualifiedRef() | ast.DateLiteral():  # another set's results; dates: per station
                raise Unsupported(type(e).__name__)
            case _:
                assert_never(e)

    def ref(self, e: ast.Ref) -> tuple[Column, Errors]:
        scope = self.scope
        if e.name in scope.facts:
            return self.fact(e.name)
        if e.name in scope.values:
            found = self._values.get(e.name)
            if found is None:
                found = self._values[e.name] = self.expr(scope.values[e.name].expr)
            return found
        if e.name in scope.tables:
            return self.table(scope.tables[e.name])
        return Text(e.name), 0  # an enum value

    def table(self, table: ast.Table) -> tuple[Column, Errors]:
        columns: list[Text] = []
        err: Errors = 0
        for name in table.keys:  # one key fact, or two: the pair picks the entry
            keys, key_err = self.fact(name)
            if not isinstance(keys, Text):
                raise Unsupported("a table keyed by a number")
            columns.append(keys)
            err = first(err, key_err)
        known = {entry.keys: entry.value.value for entry in table.entries if entry.value is not None}
        den = math.lcm(1, *(value.denominator for value in known.values()))
        scaled = {key: value.numerator * (den // value.denominator) for key, value in known.items()}
        bound = max((abs(v) for v in scaled.values()), default=0)
        num: Any = np.zeros(self.rows, dtype=np.int64 if bound < LIMIT else object)
        listed = np.zeros(self.rows, dtype=bool)
        lookup = err
        for entry in table.entries:
            rows = np.equal(columns[0].values, entry.key)
            for column, value in zip(columns[1:], entry.keys[1:]):
                rows &= np.equal(column.values, value)
            listed |= rows
            if entry.keys in scaled:
                num[rows] = scaled[entry.keys]
            else:  # the law leaves it unknown: UnknownValue("table[key]")
                lookup = first(lookup, failing(rows, self.errors.code(MISSING_DATA, f"?{table.name}[{entry.label}]")))
        lookup = first(lookup, failing(~listed, self.errors.fallback))  # not in the table: Python raises
        return Num(num, int(den), bound, int(den)), lookup

    def call(self, e: ast.Call) -> tuple[Column, Errors]:
        if e.function == "rate":
            (n, n_err), (d, d_err) = self.expr(e.args[0]), self.expr(e.args[1])
            return self.rate(as_number(n), as_number(d), first(n_err, d_err), e)
        evaluated = [self.expr(a) for a in e.args]
        err: Errors = 0
        for _, arg_err in evaluated:
            err = first(err, arg_err)
        if e.function == "count":
            held = sum((self.truth(value).astype(np.int64) for value, _ in evaluated), np.zeros(self.rows, dtype=np.int64))
            return Num(held, 1, len(e.args), 1), err
        if e.function not in ("min", "max"):
            raise Unsupported(f"function {e.function}")
        result = as_number(evaluated[0][0])
        for value, _ in evaluated[1:]:  # Python's min and max keep the first of equal values
            other = as_number(value)
            left, right = result.sides(other)
            keep = compare("<=" if e.function == "min" else ">=", left, right)
            result = result.pick(as_flags(keep, self.rows), other)
        return result, err

    def rate(self, n: Num, d: Num, err: Errors, call: ast.Call) -> tuple[Num, Errors]:
        """`rate(n, d)`: `n·100/d`; a zero denominator makes the indicator not applicable."""
        zero = failing(as_flags(d.is_zero(), self.rows), self.errors.code(NOT_APPLICABLE, expr_text(call)))
        return (n * HUNDRED).divided(d), first(err, zero)

    def arith(self, e: ast.Arith) -> tuple[Column, Errors]:
        (left, left_err), (right, right_err) = self.expr(e.left), self.expr(e.right)
        err = first(left_err, right_err)
        a, b = as_number(left), as_number(right)
        if e.op == "+":
            return a + b, err
        if e.op == "-":
            return a - b, err
        if e.op == "*":
            return a * b, err
        if e.op == "/":
            zero = failing(as_flags(b.is_zero(), self.rows), self.errors.code(NOT_APPLICABLE, expr_text(e)))
            return a.divided(b), first(err, zero)
        raise Unsupported(f"operator {e.op}")

    # ------------------------------------------------------------ conditions
    def enum_of(self, e: ast.Expr) -> str:
        if isinstance(e, ast.Ref) and e.name in self.scope.facts and self.scope.facts[e.name].type.kind == "enum":
            return e.name
        return ""

    def rate_of(self, e: ast.Expr) -> ast.Call | None:
        if isinstance(e, ast.Ref) and e.name in self.scope.values:
            e = self.scope.values[e.name].expr
        if isinstance(e, ast.Call) and e.function == "rate":
            return e
        return None

    def compare(self, e: ast.Compare) -> tuple[Column, Errors]:
        op, rate, other = e.op, self.rate_of(e.left), e.right
        if rate is None:
            op, rate, other = FLIP[e.op], self.rate_of(e.right), e.left
        if rate is not None and self.rate_of(other) is None:
            # As the generated code: denominator, numerator, threshold, then the zero check.
            (d, d_err), (n, n_err) = self.expr(rate.args[1]), self.expr(rate.args[0])
            threshold, t_err = self.expr(other)
            value, err = self.rate(as_number(n), as_number(d), first(first(d_err, n_err), t_err), rate)
            return self.relation(op, value, threshold), err
        (left, left_err) = self.expr(e.left, self.enum_of(e.right))
        (right, right_err) = self.expr(e.right, self.enum_of(e.left))
        return self.relation(e.op, left, right), first(left_err, right_err)

    def relation(self, op: str, left: Column, right: Column) -> np.ndarray:
        """`left op right` row by row, with Python's meaning for each pair of kinds."""
        if isinstance(left, Text) or isinstance(right, Text):
            if isinstance(left, Text) and isinstance(right, Text):
                return as_flags(compare(op, left.values, right.values), self.rows)
            if op in ("=", "!="):  # a text never equals a number
                return np.full(self.rows, op == "!=")
            raise Unsupported("text compared with a number")
        if isinstance(left, np.ndarray) and isinstance(right, np.ndarray):
            return as_flags(compare(op, left, right), self.rows)
        a, b = as_number(left), as_number(right)
        sides = a.sides(b)
        return as_flags(compare(op, *sides), self.rows)

    def membership(self, e: ast.In) -> tuple[Column, Errors]:
        operand, err = self.expr(e.operand)
        context = self.enum_of(e.operand)
        held = np.zeros(self.rows, dtype=bool)
        for option in e.options:
            value, option_err = self.expr(option, context)
            err = first(err, option_err)
            held |= self.relation("=", operand, value)
        return held, err

    def logic(self, e: ast.And | ast.Or) -> tuple[Column, Errors]:
        """Short-circuit per row: an operand runs (and may fail) only where it is reached."""
        conjunction = isinstance(e, ast.And)
        active = np.ones(self.rows, dtype=bool)
        held = np.full(self.rows, conjunction)
        err: Errors = 0
        for operand in e.operands:
            value, operand_err = self.expr(operand)
            truth = self.truth(value)
            if not (isinstance(operand_err, int) and operand_err == 0):
                err = first(err, np.where(active, operand_err, 0))
                reached = active & (operand_err == 0)
            else:
                reached = active
            held = np.where(reached, truth, held)
            active = reached & (truth if conjunction else ~truth)
        return held, err
