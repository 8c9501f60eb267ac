"""Stations per second: the engine against a plain hand-written scorer of the same catalog.

    python benchmarks/bench.py [--stations 10000] [--repeat 3] [--growth [47,500,5000,50000]]

Prints one line per phase (best of `--repeat` runs). The bar the engine is held to: without
the trace no slower than the hand-written scorer (tests/reference/scorer.py); with the
full trace within 2x of it. Results are discarded as they are produced, as a batch job
that writes each one out would do.
"""

from __future__ import annotations

import argparse
import datetime
import gc
import json
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import ytxa_rules  # noqa: E402
from tests.reference.scorer import score  # noqa: E402
from tests.reference.stations import random_stations  # noqa: E402
from ytxa_rules.check import check_document  # noqa: E402
from ytxa_rules.render.text import explain  # noqa: E402
from ytxa_rules.syntax.parser import parse_text  # noqa: E402

AS_OF = datetime.date(2024, 12, 31)


def best(repeat: int, work: Callable[[], object]) -> float:
    timings = []
    for _ in range(repeat):
        gc.collect()
        start = time.perf_counter()
        work()
        timings.append(time.perf_counter() - start)
    return min(timings)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--stations", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument(
        "--growth", nargs="?", const="47,500,5000,50000", metavar="SIZES",
        help="also print how parse, check, compile and evaluate grow with the number of indicators (benchmarks/growth.py)",
    )
    args = parser.parse_args()
    stations = random_stations(args.stations, seed=1300)
    n = len(stations)

    spec_text = (ROOT / "criteria_specs" / "1300-QD-BYT.ytxa").read_text(encoding="utf-8")
    parse_seconds = best(args.repeat, lambda: parse_text(spec_text, "1300"))
    document = parse_text(spec_text, "1300")
    check_seconds = best(args.repeat, lambda: check_document(document))  # type: ignore[arg-type]
    compile_seconds = best(args.repeat, lambda: ytxa_rules.load().at(AS_OF))
    spec = ytxa_rules.load()
    compiled = spec.at(AS_OF)

    def reference() -> None:
        for station in stations:
            score(station, AS_OF)

    def engine(trace: bool) -> Callable[[], None]:
        def run() -> None:
            for station in stations:
                compiled.evaluate(station, AS_OF, trace=trace)

        return run

    def engine_entries() -> None:
        for station in stations:
            for indicator in compiled.evaluate(station, AS_OF, trace=True).indicators:
                _ = indicator.trace  # build the entries

    validated = [compiled.validator.validate(station)[0] for station in stations]

    def scoring(trace: bool) -> Callable[[], None]:
        def run() -> None:
            for values in validated:
                compiled.run(values, AS_OF, trace=trace)

        return run

    def validation() -> None:
        for station in stations:
            compiled.validator.validate(station)

    sample = stations[: max(n // 10, 1)]

    def to_json() -> None:
        for station in sample:
            json.dumps(compiled.evaluate(station, AS_OF, trace=True).to_dict(), ensure_ascii=False)

    def to_text() -> None:
        for station in sample:
            explain(compiled.evaluate(station, AS_OF, trace=True), "vi")

    rows = [
        ("hand-written scorer (tests/reference)", best(args.repeat, reference), n),
        ("engine, no trace (validate + score + verdict)", best(args.repeat, engine(False)), n),
        ("engine, trace recorded", best(args.repeat, engine(True)), n),
        ("engine, trace recorded + entries built", best(args.repeat, engine_entries), n),
        ("scoring only (facts already validated)", best(args.repeat, scoring(False)), n),
        ("scoring + trace recorded (facts validated)", best(args.repeat, scoring(True)), n),
        ("full validation alone (the thorough path)", best(args.repeat, validation), n),
        ("engine + trace + JSON serialisation", best(args.repeat, to_json), len(sample)),
        ("engine + trace + Vietnamese text", best(args.repeat, to_text), len(sample)),
    ]
    print(f"ytxa-rules {ytxa_rules.__version__}, Python {sys.version.split()[0]}, {n} generated stations, best of {args.repeat}")
    print(f"parse 1300 spec: {parse_seconds * 1000:.1f} ms · check: {check_seconds * 1000:.1f} ms · compose+compile: {compile_seconds * 1000:.1f} ms")
    baseline = rows[0][1] / rows[0][2]
    print(f"{'phase':<48} {'stations/s':>11} {'µs/station':>11} {'× scorer':>9}")
    for label, seconds, count in rows:
        per = seconds / count
        print(f"{label:<48} {count / seconds:>11,.0f} {per * 1e6:>11.1f} {per / baseline:>9.2f}")
    if args.growth:
        print()
        subprocess.run([sys.executable, str(Path(__file__).with_name("growth.py")), "--sizes", args.growth], check=True)


if __name__ == "__main__":
    main()
