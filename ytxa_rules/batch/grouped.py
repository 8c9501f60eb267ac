"""A station's summary read from a scored group of the columnar path, without a `Result`.

`columnar.batch.score_compiled` scores many rows at once; a batch keeps only a
`StationScore` of each, so this reads one straight from the group's answers (points per
criterion and indicator, statuses, verdict, reasons). The values are those
`batch.station.station_score` takes from a `Result`; tests/batch compares the two paths.
"""

from __future__ import annotations

from fractions import Fraction
from typing import TYPE_CHECKING, Any

import attrs

from ytxa_rules.batch.station import CriterionScore, IndicatorScore, Origin, Points, StationScore
from ytxa_rules.engine.compiled import CompiledSpec
from ytxa_rules.engine.result import NOT_APPLICABLE, SCORED
from ytxa_rules.facts.records import StationRecord

if TYPE_CHECKING:
    import datetime

    from ytxa_rules.columnar.result import Group


def _points(value: Fraction) -> Points:
    return value.numerator if value.denominator == 1 else value


@attrs.frozen
class Layout:
    """What every station of one compiled spec shares: numbers, criteria, maxima, knock-outs."""

    numbers: tuple[str, ...]
    criteria: tuple[int, ...]  # the criterion of each indicator
    criterion_numbers: tuple[int, ...]
    maxima: tuple[Points, ...]
    knockout: tuple[bool, ...]

    @classmethod
    def of(cls, compiled: CompiledSpec) -> Layout:
        pairs = [(c.number, i) for c in compiled.document.criteria for i in c.indicators]
        return cls(
            tuple(i.number for _, i in pairs), tuple(n for n, _ in pairs), tuple(c.number for c in compiled.document.criteria),
            tuple(_points(Fraction(i.max.value)) for _, i in pairs), tuple(i.knockout for _, i in pairs),
        )  # fmt: skip


def group_score(
    where: Origin, record: StationRecord, group: Group, j: int, layout: Layout, as_of: datetime.date, year_fact: str | None
) -> StationScore:
    """The summary of row `j` of `group`, equal to `station_score` of its `Result`."""
    statuses = group.statuses_of(j)
    points = group.indicator_points_of(j)
    indicators = []
    for position, status in enumerate(statuses):
        applicable = status != NOT_APPLICABLE
        earned: Points = _points(points[position]) if status == SCORED else 0
        indicators.append(IndicatorScore(
            layout.numbers[position], layout.criteria[position], earned, layout.maxima[position] if applicable else 0, status,
            layout.knockout[position] and applicable and not earned,
        ))  # fmt: skip
    criteria = tuple(
        CriterionScore(number, _points(got), _points(top)) for number, (got, top) in zip(layout.criterion_numbers, group.criterion_points_of(j))
    )
    year: Any = record.facts.get(year_fact) if year_fact else None
    return StationScore(
        origin=where,
        year=year if type(year) is int else None,
        as_of=as_of,
        total=Fraction(group.total_of(j)),
        max=Fraction(group.max_of(j)),
        passed=group.passed_of(j),
        missing=group.missing_of(j),
        criteria=criteria,
        indicators=tuple(indicators),
        reasons=tuple(r for r in group.reasons_of(j) if r.held is not True),
        facts=record.facts,
    )
