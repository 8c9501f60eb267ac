"""A kept traced result stores its log flat; read back, it is the log the evaluator wrote."""

from __future__ import annotations

import datetime

import pytest

import ytxa_rules
from tests.reference.stations import random_stations
from ytxa_rules.engine.trace_log import ARITY, CompactLog, compact


@pytest.mark.parametrize("document", ["1300/QĐ-BYT", "318/QĐ-TTg"])
def test_every_record_kind_is_known_and_read_back_unchanged(document: str) -> None:
    spec = ytxa_rules.load(document=document)
    seen: set[str] = set()
    for station in random_stations(30, seed=41):
        result = spec.evaluate(station, datetime.date(2024, 12, 31), trace=True)
        logs = result._raw.logs
        assert isinstance(logs, CompactLog)  # nothing fell back to tuples: every kind is in ARITY
        flat = [record for log in logs for record in log]
        assert all(len(record) == ARITY[record[0]] for record in flat)
        seen.update(record[0] for record in flat)
        assert compact(list(logs))[len(logs) - 1] == logs[-1]
    assert {"band", "compare", "rate_compare"} <= seen


def test_an_unknown_record_keeps_the_log_as_it_is() -> None:
    logs = ((("band", 0, True),), (("new_kind", 1),))
    assert compact(logs) is logs
    logs = ((("band", 0, True, "extra"),),)
    assert compact(logs) is logs


def test_indexing_follows_sequence_rules() -> None:
    log = compact(((("band", 0, True), ("not_applicable", False)), (), (("compare", 3, 1, 2, False),)))
    assert len(log) == 3
    assert log[0] == (("band", 0, True), ("not_applicable", False))
    assert log[1] == ()
    assert log[-1] == (("compare", 3, 1, 2, False),)
    with pytest.raises(IndexError):
        log[3]
