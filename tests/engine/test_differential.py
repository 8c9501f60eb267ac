"""The engine, reading the spec files, agrees with a plain-Python scorer written from the
catalog independently (tests/reference/scorer.py) on thousands of random stations,
many sitting exactly on thresholds or one step below them."""

from __future__ import annotations

import datetime

import pytest

from tests.reference.scorer import score
from tests.reference.stations import random_stations

STATIONS = random_stations(5000, seed=20261124)


@pytest.mark.parametrize("as_of", [datetime.date(2023, 3, 19), datetime.date(2023, 3, 20), datetime.date(2026, 12, 31)])
def test_engine_agrees_with_reference_scorer(spec, as_of: datetime.date) -> None:  # type: ignore[no-untyped-def]
    disagreements = []
    for number, station in enumerate(STATIONS):
        expected = score(station, as_of)
        result = spec.evaluate(station, as_of)
        got = {
            "total": result.total,
            "max": result.max,
            "passed": result.passed,
            "indicators": {int(i.number): (i.points, i.max, i.status) for i in result.indicators},
        }
        want = {
            "total": expected["total"],
            "max": expected["max"],
            "passed": expected["passed"],
            "indicators": {k: (v["points"], v["max"] if v["status"] == "scored" else 0, v["status"]) for k, v in expected["indicators"].items()},
        }
        if got != want:
            disagreements.append((number, got, want))
    assert not disagreements[:3], f"{len(disagreements)} of {len(STATIONS)} stations disagree"


def test_traced_and_untraced_paths_agree(spec) -> None:  # type: ignore[no-untyped-def]
    as_of = datetime.date(2024, 12, 31)
    for station in STATIONS[:500]:
        fast = spec.evaluate(station, as_of)
        traced = spec.evaluate(station, as_of, trace=True)
        assert [(i.points, i.status) for i in fast.indicators] == [(i.points, i.status) for i in traced.indicators]
        assert (fast.total, fast.max, fast.passed) == (traced.total, traced.max, traced.passed)
