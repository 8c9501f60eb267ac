"""Apply a document's recognition rule to the scores; decide đạt / không đạt.

With missing data the verdict is decided only if it cannot change: it is computed
once with missing indicators at 0 points (knock-outs failed) and once at full points
(knock-outs passed); if the two agree that is the verdict, otherwise it stays undecided.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from fractions import Fraction
from typing import Any

import attrs

from ytxa_rules import ast
from ytxa_rules.engine.result import Reason
from ytxa_rules.engine.runtime import COMPARE
from ytxa_rules.language.functions import Number, plain


@attrs.frozen
class Scores:
    """One scenario: criteria points and applicable maxima, failed knock-outs."""

    points: tuple[Number, ...]  # per criterion, in document order
    maxima: tuple[Number, ...]
    knockouts_failed: tuple[str, ...]

    @property
    def total(self) -> Number:
        return sum(self.points)

    @property
    def max(self) -> Number:
        return sum(self.maxima)


@attrs.frozen
class Condition:
    """A requirement compiled for one document: which criterion (index) and how."""

    kind: str  # total | criterion | knockout
    compare: Callable[[Any, Any], bool]
    share: Number | None
    points: Number | None
    index: int = -1


def compile_conditions(requirements: Sequence[ast.Requirement], numbers: Sequence[int]) -> tuple[Condition, ...]:
    out = []
    for req in requirements:
        if req.kind == "no_knockout":
            out.append(Condition("knockout", COMPARE["="], None, None))
            continue
        assert req.amount is not None
        share = None if req.amount.share is None else plain(req.amount.share)
        points = None if req.amount.points is None else plain(req.amount.points)
        if req.kind == "total":
            out.append(Condition("total", COMPARE[req.op], share, points))
        for index, number in enumerate(numbers):
            if req.kind == "every_criterion" or (req.kind == "criterion" and number == req.criterion):
                out.append(Condition("criterion", COMPARE[req.op], share, points, index))
    return tuple(out)


def conditions(compiled: Sequence[Condition], scores: Scores) -> list[bool]:
    """Whether each condition holds, in the order `reasons` lists them."""
    held = []
    total: Number | None = None
    maximum: Number = 0
    for condition in compiled:
        if condition.kind == "knockout":
            held.append(not scores.knockouts_failed)
            continue
        points: Number
        top: Number
        if condition.kind == "total":
            if total is None:
                total, maximum = scores.total, scores.max
            points, top = total, maximum
        else:
            points, top = scores.points[condition.index], scores.maxima[condition.index]
        if condition.share is not None:
            held.append(condition.compare(points * 100, condition.share * top))
        else:
            held.append(condition.compare(points, condition.points))
    return held


def verdict(low: list[bool], high: list[bool] | None) -> tuple[bool | None, tuple[bool | None, ...]]:
    """Combine the pessimistic and optimistic scenarios (`high` None: nothing missing)."""
    if high is None:
        return all(low), tuple(low)
    merged = tuple(a if a == b else None for a, b in zip(low, high))
    if all(merged):
        return True, merged
    if any(h is False for h in merged):
        return False, merged
    return None, merged


def reasons(
    requirements: Sequence[ast.Requirement],
    criteria: Sequence[ast.Criterion],
    scores: Scores,
    held: Sequence[bool | None],
) -> tuple[Reason, ...]:
    """One `Reason` per condition: what was compared, and whether it held."""
    out = []
    flags = iter(held)
    for req in requirements:
        share = req.amount.share if req.amount is not None else None
        required = req.amount.points if req.amount is not None else None
        if req.kind == "no_knockout":
            out.append(Reason("knockout", next(flags), req.description, indicators=scores.knockouts_failed))
        elif req.kind == "total":
            out.append(
                Reason("total", next(flags), req.description, None, "", Fraction(scores.total), Fraction(scores.max), share, req.op, (), required)
            )
        else:
            for index, criterion in enumerate(criteria):
                if req.kind == "every_criterion" or criterion.number == req.criterion:
                    points, maximum = Fraction(scores.points[index]), Fraction(scores.maxima[index])
                    out.append(
                        Reason(
                            "criterion", next(flags), req.description, criterion.number, criterion.title, points, maximum, share, req.op, (), required
                        )
                    )
    return tuple(out)
