"""Reproducers of findings in other parts of the code that are not fixed yet.

Each folder under tests/fuzz/regressions/pending/ is a saved case whose `case.json` says
what it found (`expected.found`: status, code, where) and who should fix it
(`expected.owner`). They are not run as failing tests; the regression test lists them
(skipped, with the list), and the short profile does not fail on a finding with the same
signature. When the owner fixes one, its folder moves up to tests/fuzz/regressions/ with
the outcome it must now have.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

from tests.fuzz.case import Outcome

PENDING = Path(__file__).resolve().parent / "regressions" / "pending"


def signature(status: str, code: str, where: str) -> tuple[str, str, str]:
    """A finding without line numbers (those move as the code is edited).

    A hang is known by the function it was stopped in, whatever stage it was reached from
    (a worker killed from outside has no function: there the stage says where it was).
    """
    if status == "hang" and where != "killed":
        return status, "", where
    return status, code, re.sub(r":[^:/]*$", "", where)


def pending_cases() -> list[tuple[Path, dict[str, Any]]]:
    found = []
    for folder in sorted(PENDING.iterdir()) if PENDING.is_dir() else []:
        record = folder / "case.json"
        if record.exists():
            found.append((folder, json.loads(record.read_text(encoding="utf-8"))["expected"]))
    return found


def pending_signatures() -> set[tuple[str, str, str]]:
    return {signature(e["found"]["status"], e["found"]["code"], e["found"]["where"]) for _, e in pending_cases()}


def is_pending(outcome: Outcome) -> bool:
    return signature(outcome.status, outcome.code, outcome.where) in pending_signatures()
