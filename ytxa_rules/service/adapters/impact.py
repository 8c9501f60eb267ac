"""What an amendment changes for a set of stations: `ytxa impact`'s comparison, for the service.

The stations (given in the request, or the stored history) are scored twice by
`batch.run.score_batch`, without and with the draft, and compared by `batch.impact.compare`:
the same code as `ytxa impact`, so the command line and the service agree. Each station is
scored on the later of its own as-of date and the amendment's effective date, so the
difference is the draft's alone (other amendments in force on that date are on both sides).
This module only turns the `Impact` into the service's reply, keyed as the caller names
each station (a row number, or the stored record).
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Iterable, Mapping
from typing import Any

import attrs

from ytxa_rules import ast
from ytxa_rules.api import Spec
from ytxa_rules.batch.impact import Impact
from ytxa_rules.batch.impact import compare as compare_runs
from ytxa_rules.batch.run import score_batch
from ytxa_rules.facts.records import StationRecord
from ytxa_rules.render.numbers import json_number
from ytxa_rules.service.errors import error_item

SOURCE = "<stations>"


@attrs.frozen
class Station:
    key: Mapping[str, Any]  # how the caller names it: a row number, or the stored record
    facts: Mapping[str, Any]
    as_of: datetime.date | None


def compare(before: Spec, after: Spec, amendment: ast.Amendment, stations: Iterable[Station], check: Callable[[], None] = lambda: None, lang: str = "vi") -> dict[str, Any]:
    given = list(stations)
    records = [StationRecord(SOURCE, number, dict(s.facts), {}) for number, s in enumerate(given, start=1)]
    effective = amendment.effective
    dates: dict[int, datetime.date] = {}  # id of a record's facts -> the station's date (the batch hands each record's own facts)
    for record, station in zip(records, given):
        own = station.as_of or before.default_as_of(record.facts)
        dates[id(record.facts)] = max(own, effective) if effective else own

    def as_of(facts: Mapping[str, Any]) -> datetime.date:
        return dates[id(facts)]

    old = score_batch(before, records, as_of=as_of, progress=check)
    new = score_batch(after, records, as_of=as_of, progress=check)
    impact = compare_runs(old, new, before.id, amendment.id)
    return _reply(impact, amendment, [s.key for s in given], lang)


def _side(score: Any) -> dict[str, Any]:
    return {"total": json_number(score.total), "max": json_number(score.max), "passed": score.passed}


def _reply(impact: Impact, amendment: ast.Amendment, keys: list[Mapping[str, Any]], lang: str) -> dict[str, Any]:
    effective = amendment.effective
    return {
        "amendment": {"id": amendment.id, "amends": amendment.amends, "effective": effective.isoformat() if effective else None},
        "stations": impact.compared,
        "changed_verdict": impact.verdict_changed,
        "changed_points": impact.points_changed,
        "per_indicator": {i.number: i.changed for i in impact.indicators},
        "changes": [
            {
                **dict(keys[s.origin.position]),
                "as_of": s.after.as_of.isoformat(),
                "before": _side(s.before),
                "after": _side(s.after),
                "indicators": [c.number for c in s.indicators],
            }
            for s in impact.stations
        ],
        "errors": [{**error_item(d, lang), **dict(keys[r.origin.position])} for r in impact.rejected for d in r.problems],
    }
