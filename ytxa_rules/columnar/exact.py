"""Exact arithmetic on whole columns: rationals as integer numerator and denominator arrays.

A number column is `num / den` with `den > 0`, both integers: a count is `n / 1`, a
decimal or percent given with two decimals is `n / 100`, a rate is `n·100·dd / (nd·dn)`.
Nothing is ever a float, so `a/b op c/d` is decided as `a·d op c·b` on integers.

Every column carries a proven bound on `|num|` and on `den` (Python ints, exact). An
operation first works out the bound of its result; if it reaches `LIMIT` the operation
runs on object arrays of Python ints (unbounded, slower) instead of int64, so no result
can overflow. Bounds of fact columns are measured from the data, not assumed.
"""

from __future__ import annotations

import math
from typing import Any

import numpy as np

LIMIT = 2**62  # int64 holds ±(2**63 - 1); every int64 result stays below half of it
Array = Any  # an ndarray, or a Python int for a constant (broadcasts)


class Unsupported(Exception):
    """A construct or value the columnar path does not evaluate: use the per-station path."""


def _is_object(x: Array) -> bool:
    return isinstance(x, np.ndarray) and x.dtype == object


def wide(x: Array) -> Array:
    """The same integers as Python ints (object array), or the Python int itself."""
    if isinstance(x, np.ndarray) and x.dtype != object:
        return x.astype(object)
    return x


def _mul(x: Array, y: Array, bound: int) -> Array:
    if bound < LIMIT and not _is_object(x) and not _is_object(y):
        return x * y
    return wide(x) * wide(y)


def _add(x: Array, y: Array, bound: int) -> Array:
    if bound < LIMIT and not _is_object(x) and not _is_object(y):
        return x + y
    return wide(x) + wide(y)


def magnitude(x: Array) -> int:
    """The largest |value| of an integer column (exact)."""
    if isinstance(x, np.ndarray):
        if x.size == 0:
            return 0
        if x.dtype == object:
            return int(max(abs(v) for v in x.tolist()))
        return max(int(x.max()), -int(x.min()))
    return abs(int(x))


class Num:
    """A column of exact rationals `num / den`, `den > 0`, with bounds on both."""

    __slots__ = ("num", "den", "bound", "dbound")

    def __init__(self, num: Array, den: Array, bound: int, dbound: int):
        self.num, self.den = num, den
        self.bound, self.dbound = max(bound, 1), max(dbound, 1)

    @classmethod
    def constant(cls, numerator: int, denominator: int = 1) -> Num:
        return cls(numerator, denominator, abs(numerator), denominator)

    def __neg__(self) -> Num:
        return Num(-self.num, self.den, self.bound, self.dbound)

    def __add__(self, other: Num) -> Num:
        if isinstance(self.den, int) and isinstance(other.den, int):
            den = math.lcm(self.den, other.den)
            fa, fb = den // self.den, den // other.den
            left, right = _mul(self.num, fa, self.bound * fa), _mul(other.num, fb, other.bound * fb)
            bound = self.bound * fa + other.bound * fb
            return Num(_add(left, right, bound), den, bound, den)
        left = _mul(self.num, other.den, self.bound * other.dbound)
        right = _mul(other.num, self.den, other.bound * self.dbound)
        bound = self.bound * other.dbound + other.bound * self.dbound
        dbound = self.dbound * other.dbound
        return Num(_add(left, right, bound), _mul(self.den, other.den, dbound), bound, dbound)

    def __sub__(self, other: Num) -> Num:
        return self + (-other)

    def __mul__(self, other: Num) -> Num:
        bound, dbound = self.bound * other.bound, self.dbound * other.dbound
        return Num(_mul(self.num, other.num, bound), _mul(self.den, other.den, dbound), bound, dbound)

    def divided(self, other: Num) -> Num:
        """`self / other`; rows where `other` is 0 get a placeholder (the caller flags them)."""
        bound, dbound = self.bound * other.dbound, self.dbound * other.bound
        num = _mul(self.num, other.den, bound)
        den = _mul(self.den, other.num, dbound)
        if isinstance(den, np.ndarray):
            if not isinstance(num, np.ndarray):  # a constant over a column: a column too
                num = np.full(den.shape, num, dtype=object if bound >= LIMIT or _is_object(den) else np.int64)
            negative = den < 0
            num = np.where(negative, -num, num)
            den = np.where(negative, -den, den)
            den = np.where(den == 0, 1, den)
            if den.dtype != object and _is_object(num):
                den = wide(den)
        elif den < 0:
            num, den = -num, -den
        elif den == 0:
            den = 1
        return Num(num, den, bound, dbound)

    def is_zero(self) -> Array:
        return self.num == 0

    def truth(self) -> Array:
        return self.num != 0

    def sides(self, other: Num) -> tuple[Array, Array]:
        """`self` and `other` over one denominator: compare these to compare the values."""
        if isinstance(self.den, int) and isinstance(other.den, int) and self.den == other.den:
            return self.num, other.num
        left = _mul(self.num, other.den, self.bound * other.dbound)
        right = _mul(other.num, self.den, other.bound * self.dbound)
        return left, right

    def pick(self, where: Array, other: Num) -> Num:
        """Row by row: `self` where `where`, else `other` (min and max)."""
        bound, dbound = max(self.bound, other.bound), max(self.dbound, other.dbound)
        objects = bound >= LIMIT or dbound >= LIMIT or any(map(_is_object, (self.num, self.den, other.num, other.den)))
        if objects:
            num = np.where(where, wide(np.asarray(self.num, dtype=object)), wide(np.asarray(other.num, dtype=object)))
            den = np.where(where, wide(np.asarray(self.den, dtype=object)), wide(np.asarray(other.den, dtype=object)))
        else:
            num, den = np.where(where, self.num, other.num), np.where(where, self.den, other.den)
        return Num(num, den, bound, dbound)


def compare(op: str, left: Array, right: Array) -> Array:
    if op == ">=":
        return left >= right
    if op == "<=":
        return left <= right
    if op == ">":
        return left > right
    if op == "<":
        return left < right
    if op == "=":
        return left == right
    if op == "!=":
        return left != right
    raise Unsupported(f"operator {op}")


def as_flags(values: Array, rows: int) -> np.ndarray:
    """A boolean array of `rows` rows (object results of Python ints become bools)."""
    array = np.asarray(values)
    if array.dtype == object:
        array = array.astype(bool)
    if array.shape != (rows,):
        array = np.broadcast_to(array, (rows,)).copy()
    return array


def given(objects: np.ndarray) -> np.ndarray:
    """Which entries of an object array are not None."""
    return np.asarray(objects != None, dtype=bool)  # noqa: E711 - elementwise, as numpy means it
