"""What-if: the same stations scored two ways (without and with an amendment, or at two dates).

Both sides score the same records; a station is compared only when both sides scored it
(a station rejected on either side is listed as rejected). For each station: the total,
the verdict and every indicator whose points or status differ; for each indicator: how
many stations changed, up or down. `Impact` is frozen data; `to_dict()` is its JSON form
(`ytxa-impact/1`).
"""

from __future__ import annotations

from typing import Any

import attrs

from ytxa_rules.batch.run import BatchRun
from ytxa_rules.batch.station import Origin, Points, RejectedStation, StationScore
from ytxa_rules.render.numbers import json_number

SCHEMA = "ytxa-impact/1"


@attrs.frozen
class IndicatorChange:
    number: str
    before: Points
    after: Points
    before_status: str
    after_status: str


@attrs.frozen
class StationImpact:
    origin: Origin
    before: StationScore
    after: StationScore
    indicators: tuple[IndicatorChange, ...]  # only those that differ

    @property
    def verdict_changed(self) -> bool:
        return self.before.passed != self.after.passed

    @property
    def points_changed(self) -> bool:
        return self.before.total != self.after.total or self.before.max != self.after.max


@attrs.frozen
class IndicatorImpact:
    number: str
    title: str
    changed: int  # stations whose points or status on this indicator differ
    up: int
    down: int


@attrs.frozen
class Impact:
    before: str  # what each side is ("2024-12-31", "without 25/QĐ-SYT", …)
    after: str
    compared: int
    rejected: tuple[RejectedStation, ...]
    files_refused: int
    stations: tuple[StationImpact, ...]  # stations with any difference, in input order
    indicators: tuple[IndicatorImpact, ...]  # indicators with any difference, in spec order

    @property
    def verdict_changed(self) -> int:
        return sum(1 for s in self.stations if s.verdict_changed)

    @property
    def gained(self) -> int:
        return sum(1 for s in self.stations if s.after.passed is True and s.before.passed is not True)

    @property
    def lost(self) -> int:
        return sum(1 for s in self.stations if s.before.passed is True and s.after.passed is not True)

    @property
    def points_changed(self) -> int:
        return sum(1 for s in self.stations if s.points_changed)

    @property
    def unchanged(self) -> int:
        return self.compared - len(self.stations)

    def to_dict(self) -> dict[str, Any]:
        return {
            "schema": SCHEMA,
            "before": self.before,
            "after": self.after,
            "counts": {
                "compared": self.compared, "rejected": len(self.rejected), "files_refused": self.files_refused,
                "changed": len(self.stations), "unchanged": self.unchanged, "verdict_changed": self.verdict_changed,
                "gained": self.gained, "lost": self.lost, "points_changed": self.points_changed,
            },
            "indicators": [attrs.asdict(i) for i in self.indicators],
            "stations": [_station_dict(s) for s in self.stations],
        }  # fmt: skip


def _side(score: StationScore) -> dict[str, Any]:
    return {"as_of": score.as_of.isoformat(), "total": json_number(score.total), "max": json_number(score.max), "passed": score.passed}


def _station_dict(station: StationImpact) -> dict[str, Any]:
    o = station.origin
    return {
        "id": o.id, "name": o.name, "district": o.district, "province": o.province, "file": o.file, "row": o.row,
        "before": _side(station.before), "after": _side(station.after),
        "indicators": [
            {"number": c.number, "before": json_number(c.before), "after": json_number(c.after), "before_status": c.before_status, "after_status": c.after_status}
            for c in station.indicators
        ],
    }  # fmt: skip


def _changes(before: StationScore, after: StationScore) -> tuple[IndicatorChange, ...]:
    old = {i.number: i for i in before.indicators}
    new = {i.number: i for i in after.indicators}
    changes = []
    for number in dict.fromkeys([*old, *new]):
        a, b = old.get(number), new.get(number)
        points_a: Points = a.points if a else 0
        points_b: Points = b.points if b else 0
        status_a = a.status if a else "absent"
        status_b = b.status if b else "absent"
        if points_a != points_b or status_a != status_b:
            changes.append(IndicatorChange(number, points_a, points_b, status_a, status_b))
    return tuple(changes)


def compare(before: BatchRun, after: BatchRun, before_label: str, after_label: str) -> Impact:
    """The difference between two runs over the same inputs."""
    old = {s.origin.position: s for s in before.scored}
    new = {s.origin.position: s for s in after.scored}
    rejected = {r.origin.position: r for r in (*before.rejected, *after.rejected)}
    stations = []
    compared = 0
    for position in sorted(old.keys() & new.keys()):
        if position in rejected:
            continue
        compared += 1
        a, b = old[position], new[position]
        changes = _changes(a, b)
        if changes or a.total != b.total or a.max != b.max or a.passed != b.passed:
            stations.append(StationImpact(a.origin, a, b, changes))
    titles = {i.number: i.title for i in (*after.indicators, *before.indicators)}
    order = list(dict.fromkeys([*(i.number for i in before.indicators), *(i.number for i in after.indicators)]))
    tallies = []
    for number in order:
        found = [c for s in stations for c in s.indicators if c.number == number]
        if found:
            up = sum(1 for c in found if c.after > c.before)
            down = sum(1 for c in found if c.after < c.before)
            tallies.append(IndicatorImpact(number, titles.get(number, ""), len(found), up, down))
    return Impact(
        before_label, after_label, compared, tuple(rejected[p] for p in sorted(rejected)), len(before.files),
        tuple(stations), tuple(tallies),
    )  # fmt: skip
