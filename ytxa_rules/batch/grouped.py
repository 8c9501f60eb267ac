"""A station's summary read from a scored group of the columnar path, without a `Result`.

`columnar.batch.score_compiled` scores many rows at once; a batch keeps only a
`StationScore` of each, so this reads one straight from the group's answers (points per
criterion and indicator, statuses, verdict, reasons). The values are those
`batch.station.station_score` takes from a `Result`; tests/batch compares the two paths.
"""

from __future__ import annotations

from collections.abc import Sequence
from fractions import Fraction
from typing import TYPE_CHECKING, Any

import attrs

from ytxa_rules import ast
from ytxa_rules.batch.station import CriterionScore, IndicatorScore, Origin, Points, StationScore
from ytxa_rules.engine.compiled import CompiledSpec
from ytxa_rules.engine.result import MISSING_DATA, NOT_APPLICABLE, SCORED, Reason
from ytxa_rules.facts.records import StationRecord

if TYPE_CHECKING:
    import datetime

    from ytxa_rules.columnar.result import Group


STATUSES = (SCORED, NOT_APPLICABLE, MISSING_DATA)  # as `columnar.scores` codes them
UNDECIDED = -1


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


class Summaries:
    """The summaries of one scored group's rows.

    A columnar group's arrays are turned into Python lists once, and the many equal
    indicator and criterion scores are shared, so a row costs a few list look-ups; any
    other group (rows scored per station) answers row by row."""

    def __init__(self, group: Group, layout: Layout):
        from ytxa_rules.columnar.scores import ColumnarGroup

        self.group, self.layout = group, layout
        self.arrays: Any = None
        if isinstance(group, ColumnarGroup):
            self.scale = group.scale
            self.arrays = (
                group.status.tolist(), group.points.tolist(), group.criterion_points.tolist(), group.criterion_max.tolist(),
                group.total.tolist(), group.max.tolist(), group.passed.tolist(), group.held.tolist(),
            )  # fmt: skip
            self.conditions = _conditions(group.requirements, group.compiled.document.criteria)
        self.exact: dict[int, Points] = {}
        self.indicators: dict[tuple[int, int, int], IndicatorScore] = {}
        self.criteria: dict[tuple[int, int, int], CriterionScore] = {}

    def _exact(self, scaled: int) -> Points:
        found = self.exact.get(scaled)
        if found is None:
            found = self.exact[scaled] = _points(Fraction(scaled, self.scale))
        return found

    def _indicator(self, position: int, status: int, scaled: int) -> IndicatorScore:
        found = self.indicators.get((position, status, scaled))
        if found is None:
            layout = self.layout
            applicable = status != 1  # STATUSES: scored, not applicable, missing data
            earned = self._exact(scaled) if status == 0 else 0
            found = self.indicators[(position, status, scaled)] = IndicatorScore(
                layout.numbers[position], layout.criteria[position], earned, layout.maxima[position] if applicable else 0,
                STATUSES[status], layout.knockout[position] and applicable and not earned,
            )  # fmt: skip
        return found

    def _criterion(self, position: int, got: int, top: int) -> CriterionScore:
        found = self.criteria.get((position, got, top))
        if found is None:
            number = self.layout.criterion_numbers[position]
            found = self.criteria[(position, got, top)] = CriterionScore(number, self._exact(got), self._exact(top))
        return found

    def _reasons(self, j: int, held: list[int], points: list[int], maxima: list[int], total: int, maximum: int) -> tuple[Reason, ...]:
        """The conditions not held (or undecided), as `recognition.reasons` words them."""
        if UNDECIDED not in held and 0 not in held:
            return ()
        out = []
        scale = self.scale
        for flag, (kind, description, index, number, title, share, op, required) in zip(held, self.conditions):
            if flag == 1:
                continue
            outcome = None if flag == UNDECIDED else False
            if kind == "knockout":
                out.append(Reason("knockout", outcome, description, indicators=self.group.knockouts_failed_of(j)))  # type: ignore[attr-defined]
            elif kind == "total":
                out.append(Reason("total", outcome, description, None, "", Fraction(total, scale), Fraction(maximum, scale), share, op, (), required))
            else:
                out.append(Reason(
                    "criterion", outcome, description, number, title, Fraction(points[index], scale), Fraction(maxima[index], scale), share, op, (), required,
                ))  # fmt: skip
        return tuple(out)

    def station(self, where: Origin, record: StationRecord, j: int, as_of: datetime.date, year_fact: str | None) -> StationScore:
        """The summary of row `j`, equal to `station_score` of its `Result`."""
        if self.arrays is None:
            return group_score(where, record, self.group, j, self.layout, as_of, year_fact)
        status, points, criterion_points, criterion_max, total, maximum, passed, held = self.arrays
        row_status, row_points = status[j], points[j]
        indicator, criterion = self._indicator, self._criterion
        year: Any = record.facts.get(year_fact) if year_fact else None
        verdict = passed[j]
        return StationScore(
            origin=where,
            year=year if type(year) is int else None,
            as_of=as_of,
            total=Fraction(total[j], self.scale),
            max=Fraction(maximum[j], self.scale),
            passed=None if verdict == UNDECIDED else bool(verdict),
            missing=self.group.missing_of(j),
            criteria=tuple(criterion(k, got, top) for k, (got, top) in enumerate(zip(criterion_points[j], criterion_max[j]))),
            indicators=tuple(indicator(k, row_status[k], row_points[k]) for k in range(len(row_status))),
            reasons=self._reasons(j, held[j], criterion_points[j], criterion_max[j], total[j], maximum[j]),
            facts=record.facts,
        )


Condition = tuple[str, str, int, int | None, str, Any, str, Any]


def _conditions(requirements: Sequence[ast.Requirement], criteria: Sequence[ast.Criterion]) -> list[Condition]:
    """(kind, description, criterion index, number, title, share, op, required points) per
    condition, in the order of `recognition.reasons` (and of the group's `held` columns)."""
    out: list[Condition] = []
    for req in requirements:
        share = req.amount.share if req.amount is not None else None
        required = req.amount.points if req.amount is not None else None
        if req.kind == "no_knockout":
            out.append(("knockout", req.description, -1, None, "", None, req.op, None))
        elif req.kind == "total":
            out.append(("total", req.description, -1, None, "", share, req.op, required))
        else:
            for index, criterion in enumerate(criteria):
                if req.kind == "every_criterion" or criterion.number == req.criterion:
                    out.append(("criterion", req.description, index, criterion.number, criterion.title, share, req.op, required))
    return out


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
