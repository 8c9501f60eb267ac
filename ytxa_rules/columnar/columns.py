"""Validated station values, turned into one typed column per fact as the rules read them.

Counts and years become int64 (object arrays of Python ints when a value is too large for
a proven int64 bound); decimals and percents become integers over one common denominator
of the column (`16.5` and `24` over 10: 165 and 240), so they stay exact; booleans become
bool arrays; `one of` and text facts object arrays of str. A fact not given in a row is a
placeholder value there, flagged in `present`: the rules' evaluation reports it missing.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import Any

import numpy as np

from ytxa_rules import ast
from ytxa_rules.columnar.exact import LIMIT, Num, given, magnitude, wide

NUMBER_KINDS = ("count", "year", "decimal", "percent")


class Text:
    """A column of str (or one str constant)."""

    __slots__ = ("values",)

    def __init__(self, values: Any):
        self.values = values


Column = Num | Text | np.ndarray  # a bool column is a plain bool ndarray


def _numbers(values: list[Any], present: np.ndarray) -> Num:
    """Ints and Fractions as integers over the column's common denominator."""
    den = math.lcm(*{v.denominator for v in values if v is not None}) if present.any() else 1
    if den == 1:
        ints = values if present.all() else [v if v is not None else 0 for v in values]
    else:
        ints = [v.numerator * (den // v.denominator) if v is not None else 0 for v in values]
    try:
        num: Any = np.array(ints, dtype=np.int64)
        bound = magnitude(num)
        if bound >= LIMIT:
            num = wide(num)
    except OverflowError:
        num = np.array(ints, dtype=object)
        bound = magnitude(num)
    return Num(num, den, bound, den)


class FactColumns:
    """The columns of one batch, built the first time a rule (or a bound) reads a fact.

    `lists` holds each fact's exact values in row order (None: not given); `keep`, if set,
    picks the rows this batch scores (the others were deferred to the per-station path).
    """

    def __init__(self, facts: Mapping[str, ast.Fact], lists: Mapping[str, Any], rows: int, keep: np.ndarray | None = None):
        self.facts = facts
        self.lists = lists
        self.rows = rows
        self.keep = keep
        self.count = rows if keep is None else len(keep)
        self._columns: dict[str, tuple[Column, np.ndarray]] = {}
        self._full: dict[str, tuple[Column, np.ndarray]] = {}

    def subset(self, keep: np.ndarray) -> FactColumns:
        """The same facts for rows `keep` only (columns built so far are reused)."""
        out = FactColumns(self.facts, self.lists, self.rows, keep)
        out._full = self._full
        return out

    def column(self, name: str) -> tuple[Column, np.ndarray]:
        """(values, present) of fact `name`."""
        found = self._columns.get(name)
        if found is None:
            full = self._full.get(name)
            if full is None:
                full = self._full[name] = self._build(name)
            found = self._columns[name] = full if self.keep is None else _select(full, self.keep)
        return found

    def _build(self, name: str) -> tuple[Column, np.ndarray]:
        values = self.lists[name]
        kind = self.facts[name].type.kind
        if isinstance(values, np.ndarray):  # an int or bool array, checked by the validator
            present = np.ones(len(values), dtype=bool)
            if kind == "bool":
                return values.astype(bool), present
            num = values.astype(np.int64)
            return Num(num, 1, magnitude(num), 1), present
        objects = np.array(values, dtype=object) if values else np.zeros(0, dtype=object)
        present = given(objects) if None in values else np.ones(len(values), dtype=bool)
        if kind == "bool":
            return (np.where(present, objects, False).astype(bool) if not present.all() else objects.astype(bool)), present
        if kind in NUMBER_KINDS:
            return _numbers(values, present), present
        return Text(np.where(present, objects, "")), present  # enum, text


def _select(found: tuple[Column, np.ndarray], keep: np.ndarray) -> tuple[Column, np.ndarray]:
    column, present = found
    if isinstance(column, Num):
        den = column.den[keep] if isinstance(column.den, np.ndarray) else column.den
        return Num(column.num[keep], den, column.bound, column.dbound), present[keep]
    if isinstance(column, Text):
        return Text(column.values[keep]), present[keep]
    return column[keep], present[keep]
