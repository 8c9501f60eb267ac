"""Seconds to score 10,000 stations from XLSX, CSV and JSON Lines, as `ytxa batch` does.

    python benchmarks/batch_bench.py [--stations 10000] [--repeat 1]

Writes the three files once (stations from tests/reference/stations.py), then times, for
each: reading (file to station records), scoring (validation, evaluation, roll-up), and
the whole command with an XLSX and a JSON Lines output. Prints one line per phase.
"""

from __future__ import annotations

import argparse
import csv
import gc
import io
import json
import sys
import tempfile
import time
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import ytxa_rules  # noqa: E402
from tests.reference.stations import random_stations  # noqa: E402
from ytxa_rules.batch.rollup import roll_up  # noqa: E402
from ytxa_rules.batch.run import score_batch  # noqa: E402
from ytxa_rules.batch.template import cell_value  # noqa: E402
from ytxa_rules.cli import main  # noqa: E402
from ytxa_rules.facts.sources import read_sources  # noqa: E402


def best(repeat: int, work: Callable[[], object]) -> tuple[float, float]:
    """(wall seconds, CPU seconds) of the best run: on a shared machine CPU time is steadier."""
    timings = []
    for _ in range(repeat):
        gc.collect()
        start, cpu = time.perf_counter(), time.process_time()
        work()
        timings.append((time.perf_counter() - start, time.process_time() - cpu))
    return min(timings)


def shown(timing: tuple[float, float]) -> str:
    return f"{timing[0]:6.2f} s ({timing[1]:5.2f} s CPU)"


def _json(value: Any) -> Any:
    return float(value) if isinstance(value, Decimal) else value


def write_inputs(folder: Path, stations: list[dict[str, Any]], names: list[str], kinds: dict[str, str]) -> dict[str, Path]:
    import openpyxl

    book = openpyxl.Workbook(write_only=True)
    sheet = book.create_sheet("Trạm")
    sheet.append(names)
    for station in stations:
        sheet.append([cell_value(kinds[n], station.get(n), "vi") for n in names])
    book.save(folder / "tram.xlsx")
    with open(folder / "tram.csv", "w", encoding="utf-8", newline="") as stream:
        writer = csv.writer(stream)
        writer.writerow(names)
        for station in stations:
            writer.writerow(["có" if v is True else "không" if v is False else "" if v is None else v for v in (station.get(n) for n in names)])
    with open(folder / "tram.jsonl", "w", encoding="utf-8") as stream:
        for station in stations:
            stream.write(json.dumps({k: _json(v) for k, v in station.items()}, ensure_ascii=False) + "\n")
    return {"xlsx": folder / "tram.xlsx", "csv": folder / "tram.csv", "jsonl": folder / "tram.jsonl"}


def main_() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--stations", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, default=1)
    args = parser.parse_args()
    stations = random_stations(args.stations, seed=12)
    for number, station in enumerate(stations, 1):
        station["ma_xa"] = f"{number:05d}"  # one row per station and year
    spec = ytxa_rules.load()
    facts = spec.at(spec.default_as_of(stations[0])).scope.facts
    names = list(facts)
    kinds = {n: f.type.kind for n, f in facts.items()}
    with tempfile.TemporaryDirectory() as folder:
        files = write_inputs(Path(folder), stations, names, kinds)
        print(f"{args.stations} stations, best of {args.repeat}")
        for kind, path in files.items():
            print(time_file(kind, path, spec, facts, args.stations, args.repeat, Path(folder) / "out"))


def time_file(kind: str, path: Path, spec: ytxa_rules.Spec, facts: Any, stations: int, repeat: int, out: Path) -> str:
    size = path.stat().st_size / 1e6
    items: list[Any] = []

    def read() -> None:
        items[:] = list(read_sources([str(path)], facts))

    reading = best(repeat, read)
    scoring = best(repeat, lambda: roll_up(score_batch(spec, items)))
    whole = best(repeat, lambda: main(["batch", str(path), "-o", f"{out}.xlsx", "-o", f"{out}.jsonl"], io.StringIO(), io.StringIO()))
    return (f"{kind:>6} ({size:5.1f} MB): read {shown(reading)}  score+roll-up {shown(scoring)}  "
            f"`ytxa batch -o .xlsx -o .jsonl` {shown(whole)}  ({stations / whole[1]:,.0f} stations per CPU second)")  # fmt: skip


if __name__ == "__main__":
    main_()
