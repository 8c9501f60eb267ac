"""One scored station, kept small: what reports, roll-ups and impact comparisons read.

A `Result` carries the whole evaluation; a batch of 10,000 keeps only this summary of
each (identity, points per criterion and indicator, verdict, failed conditions) and
streams the full results to the writers that want them.
"""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from fractions import Fraction
from typing import Any, NamedTuple

import attrs

from ytxa_rules.diagnostics import Diagnostic
from ytxa_rules.engine.compiled import CompiledSpec
from ytxa_rules.engine.result import NOT_APPLICABLE, SCORED, Reason, Result
from ytxa_rules.facts.records import Cell, StationRecord

# Facts that identify a station, by role; the first one given is used.
ROLES: dict[str, tuple[str, ...]] = {
    "id": ("ma_xa", "ma_tram", "ma_don_vi"),
    "name": ("ten_xa", "ten_tram"),
    "district": ("huyen", "khu_vuc", "quan_huyen"),
    "province": ("tinh", "tinh_thanh"),
}


def role(facts: Mapping[str, Any], name: str) -> str:
    for fact in ROLES[name]:
        value = facts.get(fact)
        if value is not None and str(value).strip():
            return str(value).strip()
    return ""


Points = int | Fraction  # whole points as int: sums and comparisons of 10,000 stations stay fast


def _points(value: Fraction) -> Points:
    return value.numerator if value.denominator == 1 else value


class IndicatorScore(NamedTuple):
    number: str
    criterion: int
    points: Points
    max: Points  # 0 when not applicable
    status: str  # scored | not_applicable | missing_data
    knockout_failed: bool


class CriterionScore(NamedTuple):
    number: int
    points: Points
    max: Points  # applicable maximum


@attrs.frozen
class Origin:
    """Where a station was read: its place in the input, file and row."""

    position: int  # 0-based, in input order
    file: str
    row: int
    id: str
    name: str
    district: str
    province: str

    @property
    def where(self) -> str:
        return f"{self.file}:{self.row}"


def origin(position: int, record: StationRecord) -> Origin:
    facts = record.facts
    station_id = role(facts, "id") or (record.label or "")
    return Origin(position, record.file, record.row, station_id, role(facts, "name"), role(facts, "district"), role(facts, "province"))


@attrs.frozen
class StationScore:
    origin: Origin
    year: int | None
    as_of: datetime.date
    total: Fraction
    max: Fraction
    passed: bool | None
    missing: tuple[str, ...]
    criteria: tuple[CriterionScore, ...]
    indicators: tuple[IndicatorScore, ...]
    reasons: tuple[Reason, ...]  # the recognition conditions not held (False) or undecided (None)
    facts: Mapping[str, Any] = attrs.field(eq=False, repr=False)  # as read, for plan targets

    @property
    def share(self) -> Fraction:
        """Total as a percentage of the applicable maximum."""
        return self.total * 100 / self.max if self.max else Fraction(0)

    @property
    def knockouts_failed(self) -> tuple[str, ...]:
        return tuple(i.number for i in self.indicators if i.knockout_failed)


@attrs.frozen
class _Layout:
    """What every result of one compiled spec shares: indicator numbers, criteria, maxima."""

    numbers: tuple[str, ...]
    criteria: tuple[int, ...]
    maxima: tuple[Points, ...]
    knockout: tuple[bool, ...]


_LAYOUTS: dict[int, tuple[CompiledSpec, _Layout]] = {}


def _layout(compiled: CompiledSpec) -> _Layout:
    cached = _LAYOUTS.get(id(compiled))
    if cached is not None and cached[0] is compiled:
        return cached[1]
    pairs = [(c.number, i) for c in compiled.document.criteria for i in c.indicators]
    layout = _Layout(
        tuple(i.number for _, i in pairs), tuple(n for n, _ in pairs), tuple(_points(Fraction(i.max.value)) for _, i in pairs),
        tuple(i.knockout for _, i in pairs),
    )  # fmt: skip
    _LAYOUTS[id(compiled)] = (compiled, layout)
    return layout


def indicator_scores(result: Result, compiled: CompiledSpec) -> tuple[IndicatorScore, ...]:
    """Each indicator's points, applicable maximum and status, from `Result.indicator_scores()`
    (building `result.indicators` costs more than scoring itself).
    The same values as `result.indicators`; tests/batch compares the two."""
    statuses, points = result.indicator_scores()
    layout = _layout(compiled)
    if len(statuses) != len(layout.numbers):  # a result of another compiled spec: take the full view
        return tuple(IndicatorScore(i.number, i.criterion, _points(i.points), _points(i.max), i.status, i.knockout_failed) for i in result.indicators)
    out = []
    for position, status in enumerate(statuses):
        applicable = status != NOT_APPLICABLE
        earned = points[position] if status == SCORED else 0
        if isinstance(earned, Fraction):
            earned = _points(earned)
        out.append(IndicatorScore(
            layout.numbers[position], layout.criteria[position], earned, layout.maxima[position] if applicable else 0, status,
            layout.knockout[position] and applicable and not earned,
        ))  # fmt: skip
    return tuple(out)


def station_score(origin_: Origin, record: StationRecord, result: Result, compiled: CompiledSpec, year_fact: str | None) -> StationScore:
    year = record.facts.get(year_fact) if year_fact else None
    return StationScore(
        origin=origin_,
        year=year if type(year) is int else None,
        as_of=result.as_of,
        total=Fraction(result.total),
        max=Fraction(result.max),
        passed=result.passed,
        missing=result.missing,
        criteria=tuple(CriterionScore(c.number, _points(c.points), _points(c.max)) for c in result.criteria),
        indicators=indicator_scores(result, compiled),
        reasons=tuple(r for r in result.reasons if r.held is not True),
        facts=record.facts,
    )


@attrs.frozen
class RejectedStation:
    """A station not scored, with every problem found in it, each locatable to its cell."""

    origin: Origin
    problems: tuple[Diagnostic, ...]
    cells: Any = attrs.field(eq=False, repr=False)  # fact -> Cell lookup, for messages
    tabular: bool = False
    sources: dict[str, str] = attrs.field(factory=dict, eq=False, repr=False)

    def cell(self, diagnostic: Diagnostic) -> Cell | None:
        from ytxa_rules.render.located import cell_of

        return cell_of(diagnostic, self.cells)
