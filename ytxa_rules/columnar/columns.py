"""Validated station values, turned into one typed column per fact as the rules read them.

Counts and years become int64 (object arrays of Python ints when a value is too large for
a proven int64 bound); decimals and percents become integers over one common denominator
of the column (`16.5` and `24` over 10: 165 and 240), so they stay exact; booleans become
bool arrays; `one of` and text facts object arrays of str. A fact not given in a row is a
placeholder value there, flagged in `present`: the rules' evaluation reports it missing.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np

from ytxa_rules import ast
from ytxa_rules.columnar.exact import LIMIT, Num, magnitude, wide

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
        ints = [v if v is not None else 0 for v in values]
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
    """The columns of one batch, built the first time a rule reads a fact."""

    def __init__(self, facts: Mapping[str, ast.Fact], rows: Sequence[dict[str, Any]]):
        self.facts = facts
        self.rows = rows
        self.count = len(rows)
        self._columns: dict[str, tuple[Column, np.ndarray]] = {}

    def column(self, name: str) -> tuple[Column, np.ndarray]:
        """(values, present) of fact `name`."""
        found = self._columns.get(name)
        if found is None:
            found = self._columns[name] = self._build(name)
        return found

    def _build(self, name: str) -> tuple[Column, np.ndarray]:
        values = [row.get(name) for row in self.rows]
        objects = np.array(values, dtype=object) if values else np.zeros(0, dtype=object)
        present = np.not_equal(objects, None).astype(bool)
        kind = self.facts[name].type.kind
        if kind == "bool":
            return np.where(present, objects, False).astype(bool), present
        if kind in NUMBER_KINDS:
            return _numbers(values, present), present
        return Text(np.where(present, objects, "")), present  # enum, text
