"""The benchmark's yardstick (benchmarks/plain_scorer.py) scores what the engine scores:
`bench.py` compares two programs that compute the same thing, station by station."""

from __future__ import annotations

import datetime

import pytest

from benchmarks.plain_scorer import score
from tests.reference.stations import random_stations

STATIONS = random_stations(2000, seed=13)


@pytest.mark.parametrize("as_of", [datetime.date(2023, 3, 19), datetime.date(2024, 12, 31)])
def test_plain_scorer_agrees_with_engine(spec, as_of: datetime.date) -> None:  # type: ignore[no-untyped-def]
    disagreements = []
    for number, station in enumerate(STATIONS):
        plain = score(station, as_of)
        result = spec.evaluate(station, as_of)
        got = (result.total, result.max, result.passed, [(c.points, c.max) for c in result.criteria],
               [None if i.status == "not_applicable" else i.points for i in result.indicators])
        want = (plain["total"], plain["max"], plain["passed"], plain["criteria"], plain["indicators"])
        if got != want:
            disagreements.append((number, got, want))
    assert not disagreements[:2], f"{len(disagreements)} of {len(STATIONS)} stations disagree"


def test_the_sample_reaches_every_outcome() -> None:
    """The agreement above means something only if the stations pass, fail and skip indicators."""
    results = [score(s, datetime.date(2024, 12, 31)) for s in STATIONS]
    assert {r["passed"] for r in results} == {True, False}
    for position in range(47):
        seen = {r["indicators"][position] for r in results}
        assert len(seen) >= 2, f"indicator {position + 1} always {seen}"
