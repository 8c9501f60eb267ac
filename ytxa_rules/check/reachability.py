"""Which bands can never be reached (E403, E413), in near-linear time.

Band j is unreachable when its condition implies the condition of an earlier band i:
whenever j holds, i held first. The finding names the earliest such i. Comparing every
pair of bands is quadratic (10,000 bands did not finish in two minutes); instead:

- A condition can only imply another if both are about a common subject (`x` in
  `x >= 90%`, `x in (…)`, or the condition itself for a bare fact): other pairs are never
  compared.
- Simple thresholds (`x >= 90%`, `x < 5`, `x = 2`) are swept: for each subject, a
  staircase of the earlier thresholds that no earlier one already covers answers "the
  earliest earlier threshold containing this interval" by binary search. Thresholds inside
  `and` and `or` are asked the same way.
- Other pairs about a common subject (conditions with `and`, `or`, `in`) are compared one
  by one with `implies`, the first `COMPARED_CANDIDATES` of them per band. No decision
  needs more; a spec that has more may miss an E403, never get a wrong one.
"""

from __future__ import annotations

import heapq
import itertools
from collections.abc import Iterator, Sequence
from fractions import Fraction

from ytxa_rules import ast
from ytxa_rules.check.implication import FLIP, implies, literal_bound

COMPARED_CANDIDATES = 64

# What a threshold is about; a date threshold's subject is tagged, so that dates (as day
# numbers) are never ordered against numbers (the checker reports such a mix, E300).
Subject = ast.Expr | tuple[ast.Expr, str]
Key = tuple[Fraction, int]  # a bound, and 0 when it is included (closed), 1 when not


def _threshold(expr: ast.Expr) -> tuple[Subject, str, Fraction] | None:
    """`x op number` (flipping `number op x`) for the five ops that make an interval."""
    if not isinstance(expr, ast.Compare) or expr.op == "!=":
        return None
    right, left = literal_bound(expr.right), literal_bound(expr.left)
    if right is not None:
        subject, op, (bound, kind) = expr.left, expr.op, right
    elif left is not None:
        subject, op, (bound, kind) = expr.right, FLIP[expr.op], left
    else:
        return None
    return ((subject, kind) if kind != "number" else subject), op, bound


def subjects(expr: ast.Expr) -> set[Subject]:
    """What a condition is about; two conditions with none in common never imply each other."""
    if isinstance(expr, (ast.And, ast.Or)):
        found: set[Subject] = set()
        for operand in expr.operands:
            found |= subjects(operand)
        return found
    threshold = _threshold(expr)
    if threshold is not None:
        return {threshold[0]}
    if isinstance(expr, ast.Compare):
        if isinstance(expr.right, ast.Number):
            return {expr.left}
        if isinstance(expr.left, ast.Number):
            return {expr.right}
        return {expr.left} if expr.op == "=" else {expr}
    if isinstance(expr, ast.In):
        return {expr.operand}
    return {expr}


class _Staircase:
    """Earlier rays of one direction: the earliest one whose key is <= a query's key.

    A ray added later with a key no smaller than an earlier one's is covered by it (that
    one is earlier and contains more), so the kept keys strictly decrease.
    """

    def __init__(self) -> None:
        self.keys: list[Key] = []
        self.indices: list[int] = []

    def add(self, key: Key, index: int) -> None:
        if not self.keys or key < self.keys[-1]:
            self.keys.append(key)
            self.indices.append(index)

    def earliest(self, key: Key) -> int | None:
        low, high = 0, len(self.keys)
        while low < high:  # the first position whose key is <= `key`
            middle = (low + high) // 2
            if self.keys[middle] <= key:
                high = middle
            else:
                low = middle + 1
        return self.indices[low] if low < len(self.keys) else None


def _lower(op: str, bound: Fraction) -> Key | None:
    """The lower end of `x op bound` as a key (None: unbounded below)."""
    if op in (">=", "="):
        return (bound, 0)
    if op == ">":
        return (bound, 1)
    return None


def _upper(op: str, bound: Fraction) -> Key | None:
    """The upper end, negated so that "contains" is again "key <= key"."""
    if op in ("<=", "="):
        return (-bound, 0)
    if op == "<":
        return (-bound, 1)
    return None


class _Thresholds:
    """Every earlier simple threshold, by subject, in three indexes."""

    def __init__(self) -> None:
        self.lower: dict[Subject, _Staircase] = {}
        self.upper: dict[Subject, _Staircase] = {}
        self.points: dict[tuple[Subject, Fraction], int] = {}

    def add(self, subject: Subject, op: str, bound: Fraction, index: int) -> None:
        if op == "=":
            self.points.setdefault((subject, bound), index)
        lower, upper = _lower(op, bound), _upper(op, bound)
        if lower is not None and op != "=":
            self.lower.setdefault(subject, _Staircase()).add(lower, index)
        if upper is not None and op != "=":
            self.upper.setdefault(subject, _Staircase()).add(upper, index)

    def containing(self, parts: Sequence[tuple[Subject, str, Fraction]]) -> int | None:
        """The earliest threshold containing every part (all about one subject)."""
        subject = parts[0][0]
        found = []
        lowers = [key for _, op, bound in parts if (key := _lower(op, bound)) is not None]
        if subject in self.lower and len(lowers) == len(parts):
            found.append(self.lower[subject].earliest(min(lowers)))
        uppers = [key for _, op, bound in parts if (key := _upper(op, bound)) is not None]
        if subject in self.upper and len(uppers) == len(parts):
            found.append(self.upper[subject].earliest(min(uppers)))
        if all(op == "=" for _, op, _ in parts) and len({bound for _, _, bound in parts}) == 1:
            found.append(self.points.get((subject, parts[0][2])))
        return min((i for i in found if i is not None), default=None)

    def implied_by(self, expr: ast.Expr) -> tuple[int | None, bool]:
        """The earliest threshold `expr` implies, and whether that answer is exact."""
        threshold = _threshold(expr)
        if threshold is not None:
            return self.containing([threshold]), True
        if isinstance(expr, ast.And):  # implies a threshold when one of its parts does
            results = [self.implied_by(operand) for operand in expr.operands]
            found = [i for i, _ in results if i is not None]
            return min(found, default=None), all(exact for _, exact in results)
        if isinstance(expr, ast.Or):  # when all of its parts do
            parts = [part for operand in expr.operands if (part := _threshold(operand)) is not None]
            if len(parts) == len(expr.operands) and len({part[0] for part in parts}) == 1:
                return self.containing(parts), True
            return None, False
        if isinstance(expr, ast.In):  # `x in (5)` implies `x = 5`: compared one by one
            return None, False
        return None, True  # `not`, a bare fact, `x = y`…: never imply a threshold


def unreachable(bands: Sequence[ast.Band]) -> Iterator[tuple[int, int]]:
    """(band, earliest earlier band it can never get past), 0-based, in order."""
    thresholds = _Thresholds()
    others: dict[Subject, list[int]] = {}  # earlier bands that are not simple thresholds
    simple: dict[Subject, list[int]] = {}  # earlier simple thresholds, for inexact cases
    open_list = True  # bands after an `otherwise` are compared with those before it only
    for index, band in enumerate(bands):
        condition = band.condition
        if condition is None:
            open_list = False
            continue
        about = subjects(condition)
        best, exact = thresholds.implied_by(condition)
        lists = [others.get(s, []) for s in about] + ([] if exact else [simple.get(s, []) for s in about])
        candidates = (i for i, _ in itertools.groupby(heapq.merge(*lists)))
        for earlier in itertools.islice(candidates, COMPARED_CANDIDATES):
            if best is not None and earlier >= best:
                break
            earlier_condition = bands[earlier].condition
            assert earlier_condition is not None
            if implies(condition, earlier_condition):
                best = earlier
                break
        if best is not None:
            yield index, best
        if open_list:
            threshold = _threshold(condition)
            if threshold is not None:
                thresholds.add(*threshold, index)
                for subject in about:
                    simple.setdefault(subject, []).append(index)
            else:
                for subject in about:
                    others.setdefault(subject, []).append(index)
