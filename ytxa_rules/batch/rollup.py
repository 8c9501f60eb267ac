"""The roll-up of a batch: for the province and each district/area, how many pass and why not.

Per group: stations scored; passed / not passed / undecided, and the share passing as an
exact fraction (display rounds it); the distribution of the total as a share of the
applicable maximum in ten bands; for every indicator how many stations scored 0, lost
points, lacked data or had it not applicable; for every criterion how many missed its
recognition condition; knock-outs failed; and the not-passed stations closest to passing,
ranked by knock-outs failed, conditions missed and the least points they would need.

`RollUp` is frozen data; `to_dict()` is its JSON form (`ytxa-rollup/1`, documented in
docs/guides/province-workflow.md): exact numbers as in `ytxa-result/1`.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from fractions import Fraction
from typing import Any

import attrs

from ytxa_rules.batch.run import BatchRun, CriterionInfo, IndicatorInfo
from ytxa_rules.batch.station import StationScore
from ytxa_rules.engine.result import Reason
from ytxa_rules.render.numbers import json_number

SCHEMA = "ytxa-rollup/1"
CLOSEST = 10  # stations listed as closest to passing, per group
BANDS = tuple((low, low + 10) for low in range(0, 100, 10))  # [low, high) % of the maximum; the last includes 100


@attrs.frozen
class Band:
    low: int
    high: int
    stations: int


@attrs.frozen
class IndicatorTally:
    number: str
    criterion: int
    title: str
    knockout: bool
    zero: int  # scored 0 points (where applicable and the data was there)
    below_max: int  # scored less than the maximum (0 included)
    missing_data: int
    not_applicable: int
    knockout_failed: int


@attrs.frozen
class CriterionTally:
    number: int
    title: str
    missed: int  # stations whose recognition condition on this criterion does not hold


@attrs.frozen
class NearMiss:
    id: str
    name: str
    district: str
    province: str
    where: str  # file:row
    total: Fraction
    max: Fraction
    conditions_missed: int
    points_short: Fraction  # the least points it would need to gain (knock-outs aside)
    knockouts_failed: tuple[str, ...]
    reasons: tuple[Reason, ...]


@attrs.frozen
class GroupRollUp:
    level: str  # all | province | district
    province: str
    district: str
    stations: int
    passed: int
    not_passed: int
    undecided: int
    distribution: tuple[Band, ...]
    indicators: tuple[IndicatorTally, ...]  # most often at 0 points first
    criteria: tuple[CriterionTally, ...]  # most often missed first
    closest: tuple[NearMiss, ...]

    @property
    def share_passed(self) -> Fraction:
        return Fraction(self.passed * 100, self.stations) if self.stations else Fraction(0)

    @property
    def knockouts(self) -> tuple[IndicatorTally, ...]:
        return tuple(i for i in self.indicators if i.knockout)


@attrs.frozen
class RollUp:
    spec_id: str
    amendments: tuple[str, ...]
    read: int
    scored: int
    rejected: int
    files_refused: int
    overall: GroupRollUp
    provinces: tuple[GroupRollUp, ...]
    districts: tuple[GroupRollUp, ...]

    def to_dict(self) -> dict[str, Any]:
        return {
            "schema": SCHEMA,
            "spec": {"id": self.spec_id, "amendments": list(self.amendments)},
            "counts": {"read": self.read, "scored": self.scored, "rejected": self.rejected, "files_refused": self.files_refused},
            "overall": _group_dict(self.overall),
            "provinces": [_group_dict(g) for g in self.provinces],
            "districts": [_group_dict(g) for g in self.districts],
        }


def _shortfall(station: StationScore) -> tuple[int, Fraction]:
    """(conditions missed, least points needed): gaining points in criteria raises the
    total too, so the need is the larger of the total's and the criteria's together."""
    total_short = Fraction(0)
    criteria_short = Fraction(0)
    missed = 0
    for reason in station.reasons:
        if reason.held is not False or reason.kind == "knockout":
            missed += reason.held is False
            continue
        missed += 1
        assert reason.points is not None and reason.max is not None
        required = reason.required if reason.share is None else reason.share * reason.max / 100
        short = max(Fraction(required or 0) - reason.points, Fraction(0))
        if reason.kind == "total":
            total_short = max(total_short, short)
        else:
            criteria_short += short
    return missed, max(total_short, criteria_short)


def _near_miss(station: StationScore) -> NearMiss:
    missed, short = _shortfall(station)
    o = station.origin
    return NearMiss(o.id, o.name, o.district, o.province, o.where, station.total, station.max, missed, short, station.knockouts_failed, station.reasons)


def _near_key(near: NearMiss) -> tuple[Any, ...]:
    return (len(near.knockouts_failed), near.conditions_missed, near.points_short, -near.total)


@attrs.define
class _Tally:
    """Counts of one group, built station by station once and then added up the levels."""

    verdicts: dict[bool | None, int] = attrs.field(factory=lambda: {True: 0, False: 0, None: 0})
    bands: list[int] = attrs.field(factory=lambda: [0] * len(BANDS))
    zero: Counter[str] = attrs.field(factory=Counter)
    below: Counter[str] = attrs.field(factory=Counter)
    missing: Counter[str] = attrs.field(factory=Counter)
    not_applicable: Counter[str] = attrs.field(factory=Counter)
    knocked: Counter[str] = attrs.field(factory=Counter)
    missed: Counter[int] = attrs.field(factory=Counter)
    failing: list[NearMiss] = attrs.field(factory=list)

    def add(self, station: StationScore) -> None:
        self.verdicts[station.passed] += 1
        self.bands[min(int(station.share // 10), len(BANDS) - 1)] += 1
        for score in station.indicators:
            status = score.status
            if status == "not_applicable":
                self.not_applicable[score.number] += 1
            elif status == "missing_data":
                self.missing[score.number] += 1
            elif score.points < score.max:
                self.below[score.number] += 1
                if not score.points:
                    self.zero[score.number] += 1
            if score.knockout_failed:
                self.knocked[score.number] += 1
        for reason in station.reasons:
            if reason.kind == "criterion" and reason.held is False and reason.criterion is not None:
                self.missed[reason.criterion] += 1
        if station.passed is False:
            self.failing.append(_near_miss(station))

    def merge(self, other: _Tally) -> None:
        for key, count in other.verdicts.items():
            self.verdicts[key] += count
        self.bands = [a + b for a, b in zip(self.bands, other.bands)]
        for mine, theirs in ((self.zero, other.zero), (self.below, other.below), (self.missing, other.missing),
                             (self.not_applicable, other.not_applicable), (self.knocked, other.knocked)):  # fmt: skip
            mine.update(theirs)
        self.missed.update(other.missed)
        self.failing.extend(other.failing)

    def closest(self) -> tuple[NearMiss, ...]:
        self.failing.sort(key=_near_key)
        del self.failing[CLOSEST:]  # the closest of a union are among the closest of its parts
        return tuple(self.failing)


def _group(level: str, province: str, district: str, tally: _Tally, indicators: Sequence[IndicatorInfo], criteria: Sequence[CriterionInfo]) -> GroupRollUp:
    tallies = [
        IndicatorTally(i.number, i.criterion, i.title, i.knockout, tally.zero[i.number], tally.below[i.number],
                       tally.missing[i.number], tally.not_applicable[i.number], tally.knocked[i.number])
        for i in indicators
    ]  # fmt: skip
    tallies.sort(key=lambda t: (-t.zero, -t.below_max))  # stable: spec order among equals
    criterion_tallies = sorted((CriterionTally(c.number, c.title, tally.missed[c.number]) for c in criteria), key=lambda t: -t.missed)
    verdicts = tally.verdicts
    return GroupRollUp(
        level, province, district, sum(verdicts.values()), verdicts[True], verdicts[False], verdicts[None],
        tuple(Band(low, high, n) for (low, high), n in zip(BANDS, tally.bands)),
        tuple(tallies), tuple(criterion_tallies), tally.closest(),
    )  # fmt: skip


def roll_up(run: BatchRun) -> RollUp:
    """The roll-up of a batch, overall, per province and per (province, district)."""
    by_district: dict[tuple[str, str], _Tally] = {}
    for station in run.scored:
        key = (station.origin.province, station.origin.district)
        tally = by_district.get(key)
        if tally is None:
            tally = by_district[key] = _Tally()
        tally.add(station)
    args = (run.indicators, run.criteria)
    districts = [_group("district", p, d, t, *args) for (p, d), t in sorted(by_district.items())]
    by_province: dict[str, _Tally] = {}
    for (province, _), tally in by_district.items():
        by_province.setdefault(province, _Tally()).merge(tally)
    overall = _Tally()
    for tally in by_province.values():
        overall.merge(tally)
    return RollUp(
        spec_id=run.spec_id,
        amendments=run.amendments,
        read=run.read,
        scored=len(run.scored),
        rejected=len(run.rejected),
        files_refused=len(run.files),
        overall=_group("all", "", "", overall, *args),
        provinces=tuple(_group("province", p, "", t, *args) for p, t in sorted(by_province.items())),
        districts=tuple(districts),
    )


# ---------------------------------------------------------------- JSON


def _reason_dict(reason: Reason) -> dict[str, Any]:
    return {
        "kind": reason.kind, "held": reason.held, "criterion": reason.criterion, "points": json_number(reason.points),
        "max": json_number(reason.max), "share": json_number(reason.share), "required": json_number(reason.required),
        "op": reason.op, "indicators": list(reason.indicators),
    }  # fmt: skip


def _plain(value: Any) -> Any:
    if isinstance(value, Reason):
        return _reason_dict(value)
    if isinstance(value, tuple):
        return [_plain(v) for v in value]
    if attrs.has(type(value)):
        return {f.name: _plain(getattr(value, f.name)) for f in attrs.fields(type(value))}
    return json_number(value)


def _group_dict(group: GroupRollUp) -> dict[str, Any]:
    out: dict[str, Any] = _plain(group)
    out["share_passed"] = json_number(group.share_passed)
    return out


def groups(rollup: RollUp) -> Iterable[GroupRollUp]:
    yield rollup.overall
    yield from rollup.provinces
    yield from rollup.districts
