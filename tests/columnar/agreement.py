"""What both paths must agree on for one station, read from each path's own output."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ytxa_rules.columnar import BatchResult
from ytxa_rules.engine.result import Result


def per_station(result: Result) -> dict[str, Any]:
    """Everything `Spec.evaluate` decides, from its compact raw arrays (fast to read)."""
    statuses, points, details = result._raw[:3]
    return {
        "total": result.total,
        "max": result.max,
        "passed": result.passed,
        "missing": result.missing,
        "statuses": tuple(statuses),
        "details": tuple(details),
        "points": tuple(p if s == "scored" else 0 for p, s in zip(points, statuses)),
        "criteria": tuple((c.points, c.max) for c in result.criteria),
        "reasons": result.reasons,
        "warnings": result.warnings,
    }


def batched(batch: BatchResult, i: int) -> dict[str, Any]:
    return {
        "total": batch.total(i),
        "max": batch.max(i),
        "passed": batch.passed(i),
        "missing": batch.missing(i),
        "statuses": batch.statuses(i),
        "details": batch.details(i),
        "points": batch.indicator_points(i),
        "criteria": batch.criterion_points(i),
        "reasons": batch.reasons(i),
        "warnings": batch.row(i).warnings,
    }


def disagreements(spec: Any, stations: list[Mapping[str, Any]], batch: BatchResult, as_of: Any, **options: Any) -> list[str]:
    """Rows where the batch differs from `Spec.evaluate` (errors compared as diagnostics)."""
    found = []
    for i, facts in enumerate(stations):
        date = as_of[i] if isinstance(as_of, list) else as_of
        try:
            want: Any = per_station(spec.evaluate(facts, date, **options))
        except Exception as exc:  # noqa: BLE001 - the batch must keep the same error
            want = ("error", type(exc).__name__, getattr(exc, "diagnostics", str(exc)))
        if batch.ok(i):
            got: Any = batched(batch, i)
        else:
            exc = batch.errors[i]
            got = ("error", type(exc).__name__, exc.diagnostics)
        if got != want:
            keys = [k for k in want if isinstance(want, dict) and isinstance(got, dict) and got[k] != want[k]]
            found.append(
                f"row {i}: {keys or (got, want)} got {[got[k] for k in keys] if keys else ''} want {[want[k] for k in keys] if keys else ''}"
            )
    return found
