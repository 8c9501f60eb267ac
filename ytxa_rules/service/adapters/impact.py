"""What an amendment changes: each station scored without and with it, on the same date.

TODO(impact): `ytxa_rules.batch` (issue 12's `ytxa impact`) computes the same comparison
for a batch; when it lands, `compare` delegates to it so the CLI and the service agree.

Each station is scored on the later of its own as-of date and the amendment's effective
date, once with the criteria as loaded and once with the draft added, so the difference is
the draft's alone (other amendments in force on that date are on both sides).
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Iterable, Mapping
from typing import Any

import attrs

from ytxa_rules import ast
from ytxa_rules.api import Spec
from ytxa_rules.errors import FactsError, UsageError
from ytxa_rules.render.numbers import json_number
from ytxa_rules.service.errors import error_item


@attrs.frozen
class Station:
    key: Mapping[str, Any]  # how the caller names it: a row number, or the stored record
    facts: Mapping[str, Any]
    as_of: datetime.date | None


def compare(before: Spec, after: Spec, amendment: ast.Amendment, stations: Iterable[Station], check: Callable[[], None] = lambda: None, lang: str = "vi") -> dict[str, Any]:
    effective = amendment.effective
    rows: list[dict[str, Any]] = []
    errors: list[dict[str, Any]] = []
    per_indicator: dict[str, int] = {}
    counted = verdicts = points = 0
    for station in stations:
        check()
        own = station.as_of or before.default_as_of(station.facts)
        when = max(own, effective) if effective else own
        try:
            old = before.evaluate(station.facts, when)
            new = after.evaluate(station.facts, when)
        except (FactsError, UsageError) as exc:
            errors.extend({**error_item(d, lang), **dict(station.key)} for d in exc.diagnostics)
            continue
        counted += 1
        changed = [i.number for i in new.indicators if i.points != old.indicator(i.number).points or i.status != old.indicator(i.number).status]
        for number in changed:
            per_indicator[number] = per_indicator.get(number, 0) + 1
        verdicts += old.passed != new.passed
        points += old.total != new.total
        if changed or old.passed != new.passed:
            rows.append(
                {
                    **dict(station.key),
                    "as_of": when.isoformat(),
                    "before": {"total": json_number(old.total), "max": json_number(old.max), "passed": old.passed},
                    "after": {"total": json_number(new.total), "max": json_number(new.max), "passed": new.passed},
                    "indicators": changed,
                }
            )
    return {
        "amendment": {"id": amendment.id, "amends": amendment.amends, "effective": effective.isoformat() if effective else None},
        "stations": counted,
        "changed_verdict": verdicts,
        "changed_points": points,
        "per_indicator": dict(sorted(per_indicator.items(), key=lambda kv: _order(kv[0]))),
        "changes": rows,
        "errors": errors,
    }


def _order(number: str) -> tuple[int, ...]:
    return tuple(int(p) if p.isdigit() else 0 for p in number.split("."))
