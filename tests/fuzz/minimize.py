"""Make a finding's input smaller while it still gives the same finding (delta debugging).

Lines of each file are removed in halves, quarters, …, then single lines, as long as the
outcome keeps its signature; a small reproducer is easier to hand over and to fix.
"""

from __future__ import annotations

from collections.abc import Callable

import attrs

from tests.fuzz.case import Case, Outcome
from tests.fuzz.pending import signature
from tests.fuzz.runner import Runner


def _lines(data: bytes) -> list[bytes]:
    return data.split(b"\n")


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
        units = _lines(case.files[name])
        parts = 2
        while len(units) >= 2 and runs < budget_runs:
            size = -(-len(units) // parts)
            for start in range(0, len(units), size):
                candidate_units = units[:start] + units[start + size :]
                candidate = attrs.evolve(case, files={**case.files, name: b"\n".join(candidate_units)})
                if same(candidate):
                    units, case = candidate_units, candidate
                    parts = max(parts - 1, 2)
                    log(f"{name}: {len(units)} lines")
                    break
            else:
                if parts >= len(units):
                    break
                parts = min(len(units), parts * 2)
    return case
