"""Facts validated a column at a time, accepting exactly what the generated fast validator accepts.

`facts.fastpath` decides per station "valid, here are the exact values" or "not sure".
This module answers the same question for all stations at once, one fact at a time:
a row is *accepted* only if every one of its values passes the very tests the fast
validator applies (`type(v) is int`, percents in 0–100, plain decimals of at most
`FACTS_MAX_DIGITS` characters, bounds, no unknown names). Everything else (a float, a
text cell, a bound broken, a percent at most 1 that may need a warning, a missing fact
under `strict`) is *deferred*: that row goes through `validate` and the per-station path,
so its errors and warnings are exactly those of `Spec.evaluate`.
"""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from fractions import Fraction
from typing import Any

import numpy as np

from ytxa_rules import ast
from ytxa_rules.columnar.columns import FactColumns
from ytxa_rules.columnar.exact import Num, as_flags, compare, given
from ytxa_rules.columnar.table import Table
from ytxa_rules.facts.number_text import INT_LIMIT
from ytxa_rules.facts.scalars import EXACT_BOOL_WORDS
from ytxa_rules.limits import FACTS_MAX_DIGITS

NONE = type(None)


class Ratio:
    """An exact decimal as `numerator / denominator` (already in lowest terms), cheaper than a Fraction."""

    __slots__ = ("numerator", "denominator")

    def __init__(self, numerator: int, denominator: int):
        self.numerator, self.denominator = numerator, denominator


def _decimal(v: Decimal, percent: bool) -> Any:
    """The fast validator's test of one Decimal: the exact value, or None to defer."""
    if not v.is_finite() or (percent and not 0 <= v <= 100):
        return None
    s = str(v)
    if len(s) > FACTS_MAX_DIGITS or "E" in s:
        return None
    if not percent:
        p = s.find(".")
        if p > 0 and len(s) - p == 4:
            return None
    n, d = v.as_integer_ratio()
    return n if d == 1 else Ratio(n, d)


def _number(v: Any, kind: str) -> Any:
    """One value of a number fact as the fast validator takes it, or None to defer."""
    t = type(v)
    if kind == "count":
        return v if t is int and 0 <= v < INT_LIMIT else None
    if kind == "year":
        return v if t is int and 1900 <= v <= 2100 else None
    percent = kind == "percent"
    if t is Decimal:
        return _decimal(v, percent)
    if t is not int:
        return None
    if percent:
        return v if 0 <= v <= 100 else None
    return v if -INT_LIMIT < v < INT_LIMIT else None


def _accept_array(values: np.ndarray, fact: ast.Fact) -> tuple[Any, np.ndarray] | None:
    """A numpy int or bool column checked at once (None: look at it value by value)."""
    kind, dtype = fact.type.kind, values.dtype.kind
    if dtype == "b":
        return (values, np.ones(len(values), dtype=bool)) if kind == "bool" else None
    if kind == "count":
        return values, values >= 0
    if kind == "year":
        return values, (values >= 1900) & (values <= 2100)
    if kind == "percent":
        return values, (values >= 0) & (values <= 100)
    if kind == "decimal":
        return values, np.ones(len(values), dtype=bool)  # int64 is far inside ±10**40
    return None


def _accept(values: Any, fact: ast.Fact) -> tuple[Any, np.ndarray]:
    """(exact values, accepted) for one fact's column; None stays None (not given)."""
    if isinstance(values, np.ndarray):
        found = _accept_array(values, fact)
        if found is not None:
            return found
        values = values.tolist()
    kind = fact.type.kind
    types = set(map(type, values))
    rows = len(values)
    if kind == "text" and types <= {str, NONE} or kind == "bool" and types <= {bool, NONE}:
        return values, np.ones(rows, dtype=bool)
    if kind in ("count", "year") and types <= {int, NONE}:
        try:  # one vectorised range check
            array = np.array(values if NONE not in types else [0 if v is None else v for v in values], dtype=np.int64)
        except OverflowError:
            pass
        else:
            if kind == "count":
                return (array if NONE not in types else values), array >= 0
            return values, ((array >= 1900) & (array <= 2100)) | ~given(np.array(values, dtype=object))
    if kind == "enum" and types <= {str, NONE}:
        allowed = frozenset(fact.type.values)
        return values, np.fromiter((v is None or v in allowed for v in values), dtype=bool, count=rows)
    if kind in ("percent", "decimal") and types <= {Decimal, int, NONE}:
        return _decimals(values, kind == "percent")
    out: list[Any] = []
    accepted = np.ones(rows, dtype=bool)
    for index, v in enumerate(values):
        if v is None:
            out.append(None)
            continue
        exact = _one(v, fact)
        if exact is None:
            accepted[index] = False
        out.append(exact)
    return out, accepted


def _decimals(values: list[Any], percent: bool) -> tuple[list[Any], np.ndarray]:
    """`_decimal` and `_number` for a whole column, in one loop (the hot case of JSON facts).

    A Decimal's text decides everything `_decimal` tests (its value and how it is
    written), so the answer is remembered by text: a column repeats its values.
    """
    out: list[Any] = []
    append = out.append
    accepted = np.ones(len(values), dtype=bool)
    seen: dict[str, Any] = {}
    for index, v in enumerate(values):
        if v is None:
            append(None)
        elif type(v) is int:
            if percent and not 0 <= v <= 100 or not -INT_LIMIT < v < INT_LIMIT:
                accepted[index] = False
            append(v)
        else:
            text = str(v)
            exact = seen.get(text, seen)
            if exact is seen:
                exact = seen[text] = _decimal(v, percent)
            if exact is None:
                accepted[index] = False
            append(exact)
    return out, accepted


def _one(v: Any, fact: ast.Fact) -> Any:
    kind = fact.type.kind
    if kind == "bool":
        return v if type(v) is bool else EXACT_BOOL_WORDS.get(v) if type(v) is str else None
    if kind == "enum":
        if type(v) is str:
            return v if v in fact.type.values else None
        if type(v) is int and -INT_LIMIT < v < INT_LIMIT and str(v) in fact.type.values:
            return str(v)
        return None
    if kind == "text":
        return v if type(v) is str else None
    return _number(v, kind)


def accept(facts: Mapping[str, ast.Fact], table: Table, strict: bool) -> tuple[FactColumns, np.ndarray, np.ndarray]:
    """Columns of every row (values of deferred rows are placeholders), which rows are
    accepted, and which of them have a percent in (0, 1] (they may need a warning)."""
    count = table.count
    accepted = table.known_names(frozenset(facts))
    lists: dict[str, list[Any]] = {}
    for name, fact in facts.items():
        values, ok = _accept(table.values(name), fact)
        lists[name] = values
        accepted &= ok
    columns = FactColumns(facts, lists, count)
    if strict:  # a missing fact is an error under strict: the per-row check names it
        for name, fact in facts.items():
            if not fact.optional:
                accepted &= columns.column(name)[1]
    for fact in facts.values():
        for bound in fact.bounds:
            accepted &= ~_breaks(columns, fact.name, bound, count)
    low = np.zeros(count, dtype=bool)
    for name, fact in facts.items():
        if fact.type.kind == "percent":
            value, present = columns.column(name)
            assert isinstance(value, Num) and isinstance(value.den, int)
            low |= present & as_flags(value.num > 0, count) & as_flags(value.num <= value.den, count)
    if strict:  # a warning is an error under strict: the per-row check raises it
        accepted &= ~low
    return columns, accepted, low & accepted


def percent_values(facts: Mapping[str, ast.Fact], columns: FactColumns, row: int) -> dict[str, Any]:
    """The exact percents of one row, as the validators give them (for plausibility warnings)."""
    out: dict[str, Any] = {}
    for name, fact in facts.items():
        if fact.type.kind == "percent":
            value = columns.lists[name][row]
            if value is not None:
                out[name] = int(value) if type(value) is not Ratio else Fraction(value.numerator, value.denominator)
    return out


def _breaks(columns: FactColumns, name: str, bound: ast.Bound, rows: int) -> np.ndarray:
    """Rows where `name` breaks `bound` (or where the bound is not a number or a fact)."""
    if isinstance(bound.expr, ast.Number):
        limit: Any = Num.constant(bound.expr.value.numerator, bound.expr.value.denominator)
        limit_present: Any = True
    elif isinstance(bound.expr, ast.Ref) and bound.expr.name in columns.facts:
        limit, limit_present = columns.column(bound.expr.name)
    else:
        return np.ones(rows, dtype=bool)  # an arithmetic bound: the fast validator defers too
    value, present = columns.column(name)
    if not isinstance(value, Num) or not isinstance(limit, Num):
        return np.ones(rows, dtype=bool)
    left, right = value.sides(limit)
    broken = as_flags(compare("<" if bound.op == ">=" else ">", left, right), rows)
    return broken & present & limit_present
