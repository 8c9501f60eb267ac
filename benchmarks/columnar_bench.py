"""µs per station: the columnar batch path against the per-station path and a plain scorer.

    python benchmarks/columnar_bench.py [--stations 10000] [--repeat 5]

Prints one line per way of scoring the same generated stations (best of `--repeat` runs)
and its ratio to the plain hand-written scorer (benchmarks/plain_scorer.py when present,
else tests/reference/scorer.py; both `score(facts, as_of)`). The target of issue 13: the
batch at most 0.1× the plain scorer's time per station. Before timing, the batch is
checked against `Spec.evaluate` on every station, so a fast wrong answer cannot pass.
"""

from __future__ import annotations

import argparse
import datetime
import gc
import importlib
import os
import platform
import sys
import time
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import numpy as np  # noqa: E402

import ytxa_rules  # noqa: E402
from tests.reference.stations import random_stations  # noqa: E402
from ytxa_rules.columnar import evaluate_batch  # noqa: E402

AS_OF = datetime.date(2024, 12, 31)


def best(repeat: int, work: Callable[[], object]) -> float:
    timings = []
    for _ in range(repeat):
        gc.collect()
        start = time.perf_counter()
        work()
        timings.append(time.perf_counter() - start)
    return min(timings)


def plain_scorer() -> tuple[str, Callable[[dict[str, Any], datetime.date], Any]]:
    for module in ("benchmarks.plain_scorer", "tests.reference.scorer"):
        try:
            return module, importlib.import_module(module).score
        except ImportError:
            continue
    raise SystemExit("no plain scorer found")


def as_columns(stations: list[dict[str, Any]]) -> dict[str, Any]:
    """The stations as columns: whole numbers and booleans as numpy arrays (as from pandas), decimals as lists."""
    names = sorted({name for facts in stations for name in facts})
    columns: dict[str, Any] = {}
    for name in names:
        values = [facts.get(name) for facts in stations]
        if all(type(v) is int for v in values):
            columns[name] = np.array(values, dtype=np.int64)
        elif all(type(v) is bool for v in values):
            columns[name] = np.array(values, dtype=bool)
        else:
            columns[name] = values
    return columns


def check(spec: Any, stations: list[dict[str, Any]]) -> None:
    batch = spec.evaluate_batch(stations, AS_OF)
    for i, facts in enumerate(stations):
        result = spec.evaluate(facts, AS_OF)
        if (batch.total(i), batch.passed(i), batch.statuses(i)) != (result.total, result.passed, tuple(result._raw[0])):
            raise SystemExit(f"station {i}: the batch disagrees with Spec.evaluate")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--stations", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    spec = ytxa_rules.load()
    stations = random_stations(args.stations, 2024)
    columns = as_columns(stations)
    decimals = sum(1 for v in columns.values() if isinstance(v, list) and any(isinstance(x, Decimal) for x in v))
    name, score = plain_scorer()
    check(spec, stations)
    n = len(stations)
    rows: list[tuple[str, float]] = []
    rows.append((f"plain scorer ({name})", best(args.repeat, lambda: [score(f, AS_OF) for f in stations])))
    rows.append(("Spec.evaluate per station", best(args.repeat, lambda: [spec.evaluate(f, AS_OF) for f in stations])))
    rows.append(
        ("evaluate_batch, per-station path", best(args.repeat, lambda: evaluate_batch(spec, stations, AS_OF, columnar=False)))
    )
    rows.append(("evaluate_batch, rows (dicts)", best(args.repeat, lambda: spec.evaluate_batch(stations, AS_OF))))
    rows.append(("evaluate_batch, columns", best(args.repeat, lambda: spec.evaluate_batch(columns, AS_OF))))
    batch = spec.evaluate_batch(columns, AS_OF)
    rows.append(("  + read totals and verdicts", best(args.repeat, lambda: spec.evaluate_batch(columns, AS_OF).verdicts)))
    plain = rows[0][1]
    print(f"{n} stations of {spec.id}, as of {AS_OF}; best of {args.repeat}; {platform.python_version()}, numpy {np.__version__}")
    print(
        f"load average {os.getloadavg()[0]:.2f} on {os.cpu_count()} CPUs; {decimals} decimal/percent columns given as lists of Decimal"
    )
    print(f"columnar rows: {batch.columnar_rows} of {n}")
    print(f"{'way of scoring':<40} {'µs/station':>11} {'× plain':>8}")
    for label, seconds in rows:
        print(f"{label:<40} {seconds / n * 1e6:>11.1f} {seconds / plain:>8.3f}")


if __name__ == "__main__":
    main()
