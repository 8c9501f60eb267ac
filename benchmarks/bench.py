"""Every step a user reads, timed against a plain hand-written scorer of the same catalog.

    python benchmarks/bench.py [--stations 10000] [--repeat 5] [--batch 10000] [--cli-runs 11]
                               [--growth [47,500,5000]]

The yardstick is `benchmarks/plain_scorer.py`: straight-line Python with Fractions, no
validation, no trace (a test checks it scores what the engine scores). Each in-process
row is the CPU time of the best of `--repeat` runs over the same generated stations; "× plain" is the
time per station divided by the plain scorer's. Batch rows run `ytxa batch` as a user
does (a fresh process, reading a file, writing a results file), start-up included, and
count that process's CPU time. The CLI row is the median wall and CPU time of `ytxa eval`
of one station in a cold process (after one run that fills the caches). Memory
is what one result kept alive costs (tracemalloc), once its trace entries are built.
Targets (issue 13) are printed next to the rows they apply to.
"""

from __future__ import annotations

import argparse
import datetime
import gc
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import ytxa_rules  # noqa: E402
from benchmarks.plain_scorer import score as plain_score  # noqa: E402
from tests.reference.scorer import score as reference_score  # noqa: E402
from tests.reference.stations import random_stations  # noqa: E402
from ytxa_rules.check import check_document  # noqa: E402
from ytxa_rules.render.text import explain  # noqa: E402
from ytxa_rules.syntax.parser import parse_text  # noqa: E402

AS_OF = datetime.date(2024, 12, 31)
Row = tuple[str, float | None, int, str]  # label, seconds, stations, target


def best(repeat: int, work: Callable[[], object]) -> float:
    """CPU seconds of the fastest of `repeat` runs: on a shared machine CPU time is far
    steadier than wall time (other processes' load shows in wall time, not in ours)."""
    timings = []
    for _ in range(repeat):
        gc.collect()
        start = time.process_time()
        work()
        timings.append(time.process_time() - start)
    return min(timings)


def columnar(spec: ytxa_rules.Spec, stations: list[dict[str, Any]]) -> Callable[[], object] | None:
    """The columnar batch path (issue 13 item 3), when the engine has one: None otherwise.

    The hook for `Spec.evaluate_batch`: the bench prints its row next to the per-station ones.
    """
    evaluate_batch = getattr(spec, "evaluate_batch", None)
    if evaluate_batch is None:
        return None
    return lambda: evaluate_batch(stations, as_of=AS_OF)


def in_process_rows(args: argparse.Namespace, stations: list[dict[str, Any]]) -> tuple[list[Row], dict[str, float]]:
    spec = ytxa_rules.load()
    compiled = spec.at(AS_OF)
    n, repeat = len(stations), args.repeat
    sample = stations[: max(n // 10, 1)]
    traced = [compiled.evaluate(s, AS_OF, trace=True) for s in sample]
    untraced = [compiled.evaluate(s, AS_OF) for s in sample]
    for result in traced:
        _ = result.indicators
    traced_dicts = [r.to_dict() for r in traced]

    def loop(work: Callable[[dict[str, Any]], object], over: list[Any] = stations) -> Callable[[], None]:
        def run() -> None:
            for item in over:
                work(item)

        return run

    def entries(station: dict[str, Any]) -> None:
        for indicator in compiled.evaluate(station, AS_OF, trace=True).indicators:
            _ = indicator.trace

    ms = len(sample)
    rows: list[Row] = [
        ("plain hand-written scorer (benchmarks/plain_scorer.py)", best(repeat, loop(lambda s: plain_score(s, AS_OF))), n, ""),
        ("reference scorer (tests/reference/scorer.py)", best(repeat, loop(lambda s: reference_score(s, AS_OF))), n, ""),
        ("evaluate, no trace", best(repeat, loop(lambda s: compiled.evaluate(s, AS_OF))), n, "≤ 1.0×"),
        ("evaluate, trace recorded", best(repeat, loop(lambda s: compiled.evaluate(s, AS_OF, trace=True))), n, ""),
        ("evaluate + trace entries built", best(repeat, loop(entries)), n, ""),
        ("evaluate + to_dict(), no trace", best(repeat, loop(lambda s: compiled.evaluate(s, AS_OF).to_dict(), sample)), ms, ""),
        ("evaluate(trace=True).to_dict()", best(repeat, loop(lambda s: compiled.evaluate(s, AS_OF, trace=True).to_dict(), sample)), ms, "≤ 3×"),
        ("  to_dict() alone, traced result", best(repeat, loop(lambda r: r.to_dict(), traced)), ms, ""),
        ("  json.dumps alone, traced dict", best(repeat, loop(lambda d: json.dumps(d, ensure_ascii=False), traced_dicts)), ms, ""),
        ("evaluate + trace + JSON text", best(repeat, loop(lambda s: json.dumps(compiled.evaluate(s, AS_OF, trace=True).to_dict(), ensure_ascii=False), sample)), ms, ""),
        ("evaluate + trace + explain text (vi)", best(repeat, loop(lambda s: explain(compiled.evaluate(s, AS_OF, trace=True), "vi"), sample)), ms, "≤ 5×"),
    ]
    kept = [compiled.evaluate(s, AS_OF, trace=True) for s in stations]  # an auditor's session
    for result in kept:
        _ = result.indicators
    rows.append((f"evaluate, no trace, {len(kept):,} traced results kept alive", best(repeat, loop(lambda s: compiled.evaluate(s, AS_OF))), n, ""))
    del kept
    batch = columnar(spec, stations)
    rows.append(("columnar evaluate_batch (issue 13 item 3)", best(repeat, batch) if batch else None, n, "≤ 0.1×"))
    sizes = {
        "json_no_trace": statistics.mean(len(json.dumps(r.to_dict(), ensure_ascii=False).encode()) for r in untraced),
        "json_trace": statistics.mean(len(json.dumps(d, ensure_ascii=False).encode()) for d in traced_dicts),
    }
    sizes.update(memory(compiled, sample))
    return rows, sizes


def memory(compiled: Any, stations: list[dict[str, Any]]) -> dict[str, float]:
    """Bytes one result kept alive costs: untraced, traced, traced with its entries read."""
    found = {}
    for label, trace, read in (("memory_no_trace", False, False), ("memory_trace", True, False), ("memory_trace_entries", True, True)):
        gc.collect()
        tracemalloc.start()
        before = tracemalloc.get_traced_memory()[0]
        kept = []
        for station in stations:
            result = compiled.evaluate(station, AS_OF, trace=trace)
            if read:
                for indicator in result.indicators:
                    _ = indicator.trace
            kept.append(result)
        gc.collect()
        found[label] = (tracemalloc.get_traced_memory()[0] - before) / len(kept)
        tracemalloc.stop()
        del kept
    return found


# Child processes write bytecode (a user's install has it) even where the environment says not to.
_ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}


def _ytxa(*args: str) -> list[str]:
    return [sys.executable, "-m", "ytxa_rules.cli", *args]


def batch_rows(count: int) -> list[Row]:
    """`ytxa batch FILE -o results` from JSON Lines, CSV and XLSX: the whole command, as run."""
    from benchmarks.batch_bench import write_inputs

    stations = random_stations(count, seed=12)
    for number, station in enumerate(stations, 1):
        station["ma_xa"] = f"{number:05d}"
    facts = ytxa_rules.load().at(AS_OF).scope.facts
    rows: list[Row] = []
    with tempfile.TemporaryDirectory() as folder:
        files = write_inputs(Path(folder), stations, list(facts), {n: f.type.kind for n, f in facts.items()})
        for kind in ("jsonl", "csv", "xlsx"):
            for output in ("results.csv", "results.jsonl"):
                target = Path(folder) / output
                command = _ytxa("batch", str(files[kind]), "--as-of", AS_OF.isoformat(), "-o", str(target))
                seconds = _child_cpu(command)
                target_note = "≤ 0.1×" if output == "results.csv" and kind != "xlsx" else ""
                rows.append((f"ytxa batch {kind} → {output.split('.')[1]} ({count:,} stations)", seconds, count, target_note))
    return rows


def _child_cpu(command: list[str]) -> float:
    """CPU seconds (user + system) the command took, start-up included."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    subprocess.run(command, check=False, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd=ROOT, env=_ENV)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def cli_start(runs: int) -> tuple[float, float, float]:
    """Median wall and CPU seconds of `ytxa eval` on one station, cold, and CPU of `python -c pass`."""
    station = ROOT / "examples" / "xa-dat-chuan.yaml"
    command = _ytxa("eval", str(station))
    _child_cpu(command)  # the first run fills the caches (bytecode, parser tables, trees)
    walls, cpus = [], []
    for _ in range(runs):
        start = time.perf_counter()
        cpus.append(_child_cpu(command))
        walls.append(time.perf_counter() - start)
    python = statistics.median(_child_cpu([sys.executable, "-c", "pass"]) for _ in range(runs))
    return statistics.median(walls), statistics.median(cpus), python


def print_rows(rows: list[Row], baseline: float) -> None:
    print(f"{'step':<56} {'µs/station':>11} {'× plain':>8}  target")
    for label, seconds, count, target in rows:
        if seconds is None:
            print(f"{label:<56} {'—':>11} {'—':>8}  {target} (not available)")
            continue
        per = seconds / count
        print(f"{label:<56} {per * 1e6:>11.1f} {per / baseline:>8.2f}  {target}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--stations", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--batch", type=int, default=10_000, help="stations per `ytxa batch` file (0: skip the batch rows)")
    parser.add_argument("--cli-runs", type=int, default=11, help="cold `ytxa eval` runs (0: skip)")
    parser.add_argument(
        "--growth", nargs="?", const="47,500,5000", metavar="SIZES",
        help="also print how parse, check, compile and evaluate grow with the number of indicators (benchmarks/growth.py)",
    )
    args = parser.parse_args()
    stations = random_stations(args.stations, seed=1300)
    load = os.getloadavg()
    print(f"ytxa-rules {ytxa_rules.__version__}, Python {sys.version.split()[0]}, {os.cpu_count()} CPUs, "
          f"load {load[0]:.2f} {load[1]:.2f} {load[2]:.2f}, {len(stations)} generated stations, best of {args.repeat}")  # fmt: skip

    spec_text = (ROOT / "criteria_specs" / "1300-QD-BYT.ytxa").read_text(encoding="utf-8")
    parse_seconds = best(args.repeat, lambda: parse_text(spec_text, "1300"))
    document = parse_text(spec_text, "1300")
    check_seconds = best(args.repeat, lambda: check_document(document))  # type: ignore[arg-type]
    compile_seconds = best(args.repeat, lambda: ytxa_rules.load().at(AS_OF))
    print(f"parse 1300 spec {parse_seconds * 1000:.1f} ms · check {check_seconds * 1000:.1f} ms (parse + check target ≤ 20 ms) · "
          f"load + compose + compile {compile_seconds * 1000:.1f} ms")  # fmt: skip

    rows, sizes = in_process_rows(args, stations)
    baseline = rows[0][1] / rows[0][2]  # type: ignore[operator]
    if args.batch:
        rows += batch_rows(args.batch)
    print_rows(rows, baseline)
    print(f"JSON per station: {sizes['json_no_trace'] / 1000:.1f} KB without trace, {sizes['json_trace'] / 1000:.1f} KB with (target ≤ 8 KB compact)")
    print(f"memory per result kept: {sizes['memory_no_trace'] / 1000:.1f} KB untraced, {sizes['memory_trace'] / 1000:.1f} KB traced, "
          f"{sizes['memory_trace_entries'] / 1000:.1f} KB traced with entries read (target ≤ 10 KB)")  # fmt: skip
    if args.cli_runs:
        wall, cpu, python = cli_start(args.cli_runs)
        print(f"`ytxa eval` one station, cold process, median of {args.cli_runs}: {wall * 1000:.0f} ms wall, {cpu * 1000:.0f} ms CPU "
              f"(target ≤ 120 ms wall; `python -c pass` {python * 1000:.0f} ms CPU)")  # fmt: skip
    if args.growth:
        print()
        subprocess.run([sys.executable, str(Path(__file__).with_name("growth.py")), "--sizes", args.growth], check=True)


if __name__ == "__main__":
    main()
