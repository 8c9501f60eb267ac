"""`BatchResult`: the scores of many stations, by row, with the full result of any row on demand.

Rows keep the order they were given in. A row whose facts are invalid has no scores; its
located errors are in `errors` (the same `FactsError` `Spec.evaluate` raises). For speed,
`groups` gives the arrays of each columnar group directly (points scaled by `scale`).
"""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from fractions import Fraction
from typing import Protocol

from ytxa_rules.engine.result import Reason, Result
from ytxa_rules.errors import YtxaError


class Group(Protocol):
    """What a group of scored rows answers, columnar or per station (`j`: row in the group)."""

    def total_of(self, j: int) -> int | Fraction: ...
    def max_of(self, j: int) -> int | Fraction: ...
    def passed_of(self, j: int) -> bool | None: ...
    def criterion_points_of(self, j: int) -> tuple[tuple[Fraction, Fraction], ...]: ...
    def indicator_points_of(self, j: int) -> tuple[Fraction, ...]: ...
    def statuses_of(self, j: int) -> tuple[str, ...]: ...
    def details_of(self, j: int) -> tuple[str | None, ...]: ...
    def reasons_of(self, j: int) -> tuple[Reason, ...]: ...
    def missing_of(self, j: int) -> tuple[str, ...]: ...
    def row(self, j: int, trace: bool = False) -> Result: ...


class BatchResult:
    """Scores of a batch; `fallback` names why some rows were scored per station (or None)."""

    def __init__(
        self,
        count: int,
        as_of: Sequence[datetime.date],
        errors: dict[int, YtxaError],
        groups: Sequence[tuple[Group, Sequence[int]]],
        fallback: str | None,
    ):
        self.count = count
        self.as_of = list(as_of)
        self.errors = errors
        self.groups = list(groups)
        self.fallback = fallback
        self._places: list[tuple[Group, int] | None] | None = None

    @property
    def _place(self) -> list[tuple[Group, int] | None]:
        """Row -> (group, row in the group), worked out when a row is first asked for."""
        if self._places is None:
            places: list[tuple[Group, int] | None] = [None] * self.count
            for group, rows in self.groups:  # later groups override (rows handed back)
                for j, i in enumerate(rows):
                    places[i] = (group, j)
            self._places = places
        return self._places

    def __len__(self) -> int:
        return self.count

    @property
    def columnar_rows(self) -> int:
        """How many rows the columnar path scored (the others: per station, or invalid)."""
        from ytxa_rules.columnar.stations import StationGroup

        return sum(1 for p in self._place if p is not None and not isinstance(p[0], StationGroup))

    def _at(self, i: int) -> tuple[Group, int]:
        place = self._place[i]
        if place is None:
            raise self.errors[i]
        return place

    def ok(self, i: int) -> bool:
        return self._place[i] is not None

    # ------------------------------------------------------------ one row
    def total(self, i: int) -> int | Fraction:
        group, j = self._at(i)
        return group.total_of(j)

    def max(self, i: int) -> int | Fraction:
        group, j = self._at(i)
        return group.max_of(j)

    def passed(self, i: int) -> bool | None:
        group, j = self._at(i)
        return group.passed_of(j)

    def criterion_points(self, i: int) -> tuple[tuple[Fraction, Fraction], ...]:
        """(points, applicable maximum) per criterion, in document order."""
        group, j = self._at(i)
        return group.criterion_points_of(j)

    def indicator_points(self, i: int) -> tuple[Fraction, ...]:
        group, j = self._at(i)
        return group.indicator_points_of(j)

    def statuses(self, i: int) -> tuple[str, ...]:
        group, j = self._at(i)
        return group.statuses_of(j)

    def details(self, i: int) -> tuple[str | None, ...]:
        """Per indicator: why it is not applicable or what data is missing (`IndicatorResult.reason`)."""
        group, j = self._at(i)
        return group.details_of(j)

    def reasons(self, i: int) -> tuple[Reason, ...]:
        group, j = self._at(i)
        return group.reasons_of(j)

    def missing(self, i: int) -> tuple[str, ...]:
        group, j = self._at(i)
        return group.missing_of(j)

    def row(self, i: int, trace: bool = False) -> Result:
        """The full per-station `Result` of row `i` (with its explanation if `trace`)."""
        group, j = self._at(i)
        return group.row(j, trace)

    # ------------------------------------------------------------ every row
    @property
    def totals(self) -> list[int | Fraction | None]:
        return [self.total(i) if self.ok(i) else None for i in range(self.count)]

    @property
    def maxima(self) -> list[int | Fraction | None]:
        return [self.max(i) if self.ok(i) else None for i in range(self.count)]

    @property
    def verdicts(self) -> list[bool | None]:
        """Passed, failed, or None (undecided, or facts invalid: see `errors`)."""
        return [self.passed(i) if self.ok(i) else None for i in range(self.count)]
