"""Make a finding's input smaller while it still gives the same finding (delta debugging).

Each file is cut into units — lines, or for a one-line file (compact JSON) the items
between `, ` — and the units are removed in halves, quarters, …, then one by one, as long
as the outcome keeps its signature. A small reproducer is easier to hand over and to fix.
"""

from __future__ import annotations

import re
from collections.abc import Callable

import attrs

from tests.fuzz.case import Case, Outcome
from tests.fuzz.pending import signature
from tests.fuzz.runner import Runner


def _units(data: bytes) -> tuple[list[bytes], bytes]:
    if data.count(b"\n") >= 3:
        return data.split(b"\n"), b"\n"
    return re.split(rb"(?<=, )", data), b""


def minimize(case: Case, runner: Runner, found: Outcome, budget_runs: int = 300,
             log: Callable[[str], None] = lambda s: None) -> Case:
    """The smallest case found (within `budget_runs` runs) that still gives `found`."""
    wanted = signature(found.status, found.code, found.where)
    runs = 0

    def same(candidate: Case) -> bool:
        nonlocal runs
        runs += 1
        outcome = next(iter(runner.run([(0, candidate)])))[2]
        return signature(outcome.status, outcome.code, outcome.where) == wanted

    for name in sorted(case.files, key=lambda n: -len(case.files[n])):
        units, joiner = _units(case.files[name])
        parts = 2
        while len(units) >= 2 and runs < budget_runs:
            size = -(-len(units) // parts)
            for start in range(0, len(units), size):
                candidate_units = units[:start] + units[start + size :]
                candidate = attrs.evolve(case, files={**case.files, name: joiner.join(candidate_units)})
                if same(candidate):
                    units, case = candidate_units, candidate
                    parts = max(parts - 1, 2)
                    log(f"{name}: {len(units)} units")
                    break
            else:
                if parts >= len(units):
                    break
                parts = min(len(units), parts * 2)
    return case
