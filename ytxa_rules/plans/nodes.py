"""Frozen syntax-tree nodes of plan files (kế hoạch): aggregate targets over stations.

A plan is the third kind of spec file, beside criteria documents and amendments. Its
targets are measured over the stations of an area, each scored with the criteria
document the plan names; see docs/plans.md for the language and `plans.evaluate` for
how each measure is computed.
"""

from __future__ import annotations

import datetime
from fractions import Fraction
from typing import Union

import attrs

from ytxa_rules import ast


def _span() -> ast.Span:
    return attrs.field(default=ast.NO_SPAN, eq=False, repr=False)  # type: ignore[no-any-return]


@attrs.frozen
class AreaMatch:
    """`area tinh "Nam Định"`: only stations whose fact `tinh` names this place count."""

    fact: str
    place: str
    span: ast.Span = _span()


@attrs.frozen
class ShareRecognised:
    """The share of stations the criteria document recognises (đạt chuẩn)."""

    span: ast.Span = _span()


@attrs.frozen
class ShareWhere:
    """The share of stations whose facts meet a condition."""

    condition: ast.Expr
    span: ast.Span = _span()


@attrs.frozen
class Pooled:
    """A rate over the pooled stations: sum of numerators / sum of denominators × 100."""

    rate: ast.Expr  # `rate(a, b)`, or the name of a value defined as one (checked)
    span: ast.Span = _span()


Measure = Union[ShareRecognised, ShareWhere, Pooled]


@attrs.frozen
class Milestone:
    """`require >= 90% by 2026`: the measure must hold the threshold by the end of `year`."""

    op: str
    threshold: ast.Number
    year: int
    description: str = ""
    span: ast.Span = _span()


@attrs.frozen
class Target:
    number: str
    title: str
    status: str  # confirmed | provisional
    cite: str | None
    note: str | None
    measure: Measure | None
    milestones: tuple[Milestone, ...]
    span: ast.Span = _span()

    @property
    def provisional(self) -> bool:
        return self.status == "provisional"


@attrs.frozen
class Plan:
    id: str
    title: str
    issuer: str
    issued: datetime.date | None
    effective: datetime.date | None
    criteria: str | None  # the criteria document whose verdicts and facts the targets read
    areas: tuple[AreaMatch, ...]
    cite: str | None
    note: str | None
    targets: tuple[Target, ...]
    span: ast.Span = _span()
    criteria_span: ast.Span = _span()


def share_value(numerator: Fraction | int, denominator: Fraction | int) -> Fraction | None:
    """numerator / denominator × 100, exact; None when there is nothing to divide by."""
    if not denominator:
        return None
    return Fraction(numerator) * 100 / Fraction(denominator)
