"""A small version of benchmarks/service_load.py: concurrent clients, no error, no lost record.

Speed is measured by the benchmark script, not here; this only checks that under
concurrency every acknowledged record is in the database, once, on both backends.
"""

from __future__ import annotations

from benchmarks.service_load import run


def test_concurrent_evaluate_and_store_loses_nothing(database_url: str) -> None:
    figures = run(clients=6, requests=240, database=database_url, seconds=300)
    assert figures["errors"] == []
    assert figures["acknowledged"] == figures["distinct_ids"] == figures["stored"] == 240
