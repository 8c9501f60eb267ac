"""Every finding the fuzzers ever made, replayed with the outcome it must have now.

Each folder here is a saved case (`case.json` and `files/`); `expected` in `case.json`
gives the status (and, for a documented error, the code) the input must now produce.
Folders under `pending/` reproduce findings in other areas that are not fixed yet: they
are listed, not run (see tests/fuzz/pending.py).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.fuzz.case import Case
from tests.fuzz.pending import pending_cases
from tests.fuzz.runner import run_all

HERE = Path(__file__).resolve().parent
CASES = sorted(p.parent for p in HERE.glob("*/case.json"))


@pytest.fixture(scope="module")
def outcomes():  # type: ignore[no-untyped-def]
    results = run_all(((i, Case.load(folder)) for i, folder in enumerate(CASES)), jobs=2)
    return {CASES[i].name: outcome for i, _, outcome in results}


@pytest.mark.parametrize("folder", CASES, ids=[c.name for c in CASES])
def test_regression(folder: Path, outcomes) -> None:  # type: ignore[no-untyped-def]
    expected = json.loads((folder / "case.json").read_text(encoding="utf-8"))["expected"]
    outcome = outcomes[folder.name]
    assert outcome.status == expected["status"], f"{folder.name}: {outcome.key}\n{outcome.detail}"
    if "code" in expected:
        assert outcome.code == expected["code"], f"{folder.name}: {outcome.key}"


def test_pending_reproducers_are_listed() -> None:
    pending = pending_cases()
    lines = [f"{folder.name} [{e.get('owner', '?')}]: {e['found']['status']} {e['found']['code']} {e['found']['where']}" for folder, e in pending]
    for folder, expected in pending:
        case = Case.load(folder)
        assert case.files or case.argv or case.stdin, folder
        assert {"status", "code", "where"} <= set(expected["found"]), folder
    if pending:
        pytest.skip(f"{len(pending)} pending reproducers, not run until fixed:\n" + "\n".join(lines))
