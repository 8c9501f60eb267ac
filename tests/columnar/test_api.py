"""`Spec.evaluate_batch` at its edges: empty input, bad shapes and dates, one row in full."""

from __future__ import annotations

import datetime
from typing import Any

import pytest

from tests.reference.stations import random_stations
from ytxa_rules.errors import UsageError

AS_OF = datetime.date(2024, 12, 31)


def test_an_empty_batch_has_no_rows(spec: Any) -> None:
    for data in ([], {}):
        batch = spec.evaluate_batch(data, AS_OF)
        assert len(batch) == 0 and batch.totals == [] and batch.verdicts == [] and not batch.errors


def test_columns_of_different_lengths_are_refused(spec: Any) -> None:
    with pytest.raises(UsageError) as caught:
        spec.evaluate_batch({"dan_so": [100, 200], "co_dien": [True]}, AS_OF)
    assert [d.code for d in caught.value.diagnostics] == ["U100"]


def test_dates_must_be_one_per_station(spec: Any) -> None:
    stations = random_stations(3, 1)
    with pytest.raises(UsageError) as caught:
        spec.evaluate_batch(stations, [AS_OF, AS_OF])
    assert [d.code for d in caught.value.diagnostics] == ["U101"]
    with pytest.raises(UsageError) as caught:
        spec.evaluate_batch(stations, "2024-12-31")
    assert [d.code for d in caught.value.diagnostics] == ["U005"]


def test_a_date_before_the_criteria_is_that_rows_error(spec: Any) -> None:
    stations = random_stations(3, 1)
    batch = spec.evaluate_batch(stations, [AS_OF, datetime.date(2020, 1, 1), AS_OF])
    assert [d.code for d in batch.errors[1].diagnostics] == ["U002"]
    assert batch.ok(0) and batch.ok(2) and batch.verdicts[1] is None
    with pytest.raises(UsageError):
        batch.row(1)


def test_a_row_in_full_is_the_result_of_evaluate(spec: Any) -> None:
    stations = random_stations(20, 6)
    batch = spec.evaluate_batch(stations, AS_OF)
    for i in range(20):
        got, want = batch.row(i), spec.evaluate(stations[i], AS_OF)
        assert got.to_dict() == want.to_dict()
