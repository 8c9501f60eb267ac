"""How the cost of a spec grows with its size: parse, check, compile, evaluate.

    python benchmarks/growth.py [--sizes 47,500,5000,50000] [--stations 20]

Specs are generated from the national criteria's shape: the 1300/QĐ-BYT document copied
as many times as needed (each copy with its own facts, values, tables, criteria and
indicators, renamed `…_2`, `…_3`), the last copy cut to reach the wanted number of
indicators. Each size runs in a fresh process; the peak memory of each phase is measured
in a second pass with `tracemalloc` (which slows Python down, so it never distorts the
times). Near-linear growth means a 10x bigger spec costs about 10x as much.
"""

from __future__ import annotations

import argparse
import datetime
import gc
import json
import re
import subprocess
import sys
import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.reference.stations import random_stations  # noqa: E402
from ytxa_rules.check import check_document  # noqa: E402
from ytxa_rules.engine.compiled import CompiledSpec  # noqa: E402
from ytxa_rules.syntax.parser import parse_text  # noqa: E402

AS_OF = datetime.date(2024, 12, 31)
NATIONAL = ROOT / "criteria_specs" / "1300-QD-BYT.ytxa"
_DECLARED = re.compile(r"^(?:fact|value|table) (\w+)", re.MULTILINE)


def _sections(text: str) -> tuple[str, str, str, str]:
    """(header, declarations, criteria, recognition) of the national spec's text."""
    declarations_start = text.index("\nfact ")
    criteria_start = text.index("\ncriterion ")
    recognition_start = text.index("\nrecognition ")
    return (
        text[:declarations_start],
        text[declarations_start:criteria_start],
        text[criteria_start:recognition_start],
        text[recognition_start:],
    )


def _criteria_blocks(criteria: str) -> list[tuple[str, list[tuple[int, str]]]]:
    """Each criterion's first line and its indicators as (max, text)."""
    blocks = []
    for block in re.split(r"\n(?=criterion )", criteria.strip("\n")):
        head, *indicators = re.split(r"\n(?=  indicator )", block)
        parsed = [(int(re.match(r'  indicator \d+ "[^"]*" max (\d+)', i).group(1)), i) for i in indicators]  # type: ignore[union-attr]
        blocks.append((head, parsed))
    return blocks


def generated_spec(indicators: int) -> tuple[str, int]:
    """The text of a spec with `indicators` indicators, and how many copies it holds."""
    text = NATIONAL.read_text(encoding="utf-8")
    header, declarations, criteria, recognition = _sections(text)
    names = _DECLARED.findall(declarations)
    renaming = re.compile(r"\b(" + "|".join(sorted(names, key=len, reverse=True)) + r")\b")
    blocks = _criteria_blocks(criteria)
    out_declarations: list[str] = []
    out_criteria: list[str] = []
    left, copy, criterion_no, indicator_no, total = indicators, 0, 0, 0, 0
    while left > 0:
        copy += 1
        suffix = "" if copy == 1 else f"_{copy}"
        out_declarations.append(renaming.sub(rf"\1{suffix}", declarations))
        for head, items in blocks:
            if left <= 0:
                break
            kept = items[:left]
            left -= len(kept)
            criterion_no += 1
            maximum = sum(m for m, _ in kept)
            total += maximum
            head = re.sub(r"^criterion \d+ (\".*\") max \d+", rf"criterion {criterion_no} \1 max {maximum}", head)
            parts = [head]
            for _, item in kept:
                indicator_no += 1
                item = re.sub(r"^  indicator \d+", f"  indicator {indicator_no}", item)
                parts.append(renaming.sub(rf"\1{suffix}", item))
            out_criteria.append("\n".join(parts))
    header = re.sub(r"total \d+", f"total {total}", header)
    body = "".join(out_declarations) + "\n" + "\n\n".join(out_criteria) + "\n"
    return header + body + recognition, copy


def stations_for(copies: int, count: int) -> list[dict[str, Any]]:
    """Facts for every copy's facts (each copy gets a different generated station)."""
    stations = []
    for index in range(count):
        facts: dict[str, Any] = {}
        for copy, station in enumerate(random_stations(copies, seed=1300 + index), 1):
            suffix = "" if copy == 1 else f"_{copy}"
            facts.update({name + suffix: value for name, value in station.items()})
        stations.append(facts)
    return stations


def _timed(work: Callable[[], Any]) -> tuple[float, Any]:
    gc.collect()
    start = time.perf_counter()
    result = work()
    return time.perf_counter() - start, result


def _peak(work: Callable[[], Any]) -> tuple[int, Any]:
    gc.collect()
    tracemalloc.start()
    try:
        result = work()
        return tracemalloc.get_traced_memory()[1], result
    finally:
        tracemalloc.stop()


def measure(indicators: int, station_count: int) -> dict[str, Any]:
    text, copies = generated_spec(indicators)
    stations = stations_for(copies, station_count)
    phases: dict[str, Callable[[Any], Any]] = {
        "parse": lambda _: parse_text(text, "growth.ytxa"),
        "check": lambda document: (document, check_document(document)),
        "compile": lambda checked: CompiledSpec(checked[0], "growth"),
        "evaluate": lambda compiled: [compiled.evaluate(s, AS_OF) for s in stations],
        "explain": lambda compiled: [compiled.evaluate(s, AS_OF, trace=True).indicators for s in stations[:2]],
    }
    row: dict[str, Any] = {"indicators": indicators, "bytes": len(text.encode("utf-8")), "stations": station_count}
    for measurer, suffix in ((_timed, "s"), (_peak, "peak")):
        value: Any = None
        compiled: Any = None
        for name, phase in phases.items():
            source = compiled if name in ("evaluate", "explain") else value
            amount, result = measurer(lambda: phase(source))  # noqa: B023 - called at once
            if name == "check":
                errors = [d for d in result[1] if d.is_error]
                assert not errors, errors[:3]
            if name == "compile":
                compiled = result
            if name not in ("evaluate", "explain"):
                value = result
            row[f"{name}_{suffix}"] = amount
        del value, compiled
    return row


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="47,500,5000,50000")
    parser.add_argument("--stations", type=int, default=20, help="stations scored per size")
    parser.add_argument("--one", type=int, help=argparse.SUPPRESS)  # a child process measuring one size
    args = parser.parse_args()
    if args.one:
        print(json.dumps(measure(args.one, args.stations)))
        return
    phases = ("parse", "check", "compile", "evaluate", "explain")
    print(f"growth of cost with spec size ({args.stations} stations evaluated, 2 explained, per size)")
    print(f"{'indicators':>10} {'MB':>6} " + " ".join(f"{p + ' s':>11}" for p in phases) + "   peak MB: " + " ".join(f"{p:>8}" for p in phases))
    for size in (int(s) for s in args.sizes.split(",")):
        done = subprocess.run(
            [sys.executable, __file__, "--one", str(size), "--stations", str(args.stations)],
            capture_output=True, text=True, check=False,
        )
        if done.returncode != 0:
            print(f"{size:>10} failed: {done.stderr.strip().splitlines()[-1] if done.stderr.strip() else done.returncode}")
            continue
        row = json.loads(done.stdout)
        times = " ".join(f"{row[p + '_s']:>11.3f}" for p in phases)
        peaks = " ".join(f"{row[p + '_peak'] / 1e6:>8.1f}" for p in phases)
        print(f"{size:>10} {row['bytes'] / 1e6:>6.2f} {times}   peak MB: {peaks}", flush=True)


if __name__ == "__main__":
    main()
