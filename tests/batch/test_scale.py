"""Issue 12, done when: a 10,000-row workbook with a sprinkling of bad rows scores in one
command; the counts match a direct computation, every bad row is listed with its row and
column, and every good row is in the output. (Speed is measured in benchmarks/, not here.)"""

from __future__ import annotations

import datetime
import json
from pathlib import Path
from typing import Any

from openpyxl.utils import get_column_letter
from reference.scorer import score as reference_score

from batch.conftest import SIZE
from batch.sheets import NAMES, run


def test_ten_thousand_rows(province: dict[str, Any], tmp_path: Path) -> None:
    output = tmp_path / "ket-qua.xlsx"
    code, out, err = run("batch", str(province["path"]), "-o", str(output), "--format", "json", "--lang", "en")
    bad: dict[int, tuple[str, Any, str]] = province["bad"]
    assert code == 2  # some rows were rejected; all the others are scored and written
    document = json.loads(out)
    good = [s for i, s in enumerate(province["stations"]) if i not in bad]
    assert document["counts"] == {"read": SIZE, "scored": SIZE - len(bad), "rejected": len(bad), "files_refused": 0}
    assert f"Read {SIZE} station(s): {SIZE - len(bad)} scored, {len(bad)} rejected for data errors" in err

    # The roll-up against an independent scorer of the same catalog.
    direct = [reference_score(s, datetime.date(s["nam_danh_gia"], 12, 31)) for s in good]
    passed = sum(1 for d in direct if d["passed"])
    overall = document["overall"]
    assert (overall["stations"], overall["passed"], overall["not_passed"], overall["undecided"]) == (len(good), passed, len(good) - passed, 0)

    # Every bad row, located by row and column, with its code.
    column = {n: get_column_letter(i + 1) for i, n in enumerate(NAMES)}
    listed = {(e["row"], e["column"], e["code"]) for e in document["errors"]}
    assert listed == {(index + 2, column[name], code) for index, (name, _, code) in bad.items()}
    for index, (name, _, code) in list(bad.items())[:20]:
        assert f"{province['path']}:{index + 2}:{column[name]}: error[{code}]" in err

    # Every good row in the output, in input order, with the points the scorer gives.
    import openpyxl

    book = openpyxl.load_workbook(output, read_only=True)
    rows = list(book["Results"].iter_rows(min_row=2, values_only=True))
    book.close()
    assert [r[2] for r in rows] == [s["ma_xa"] for s in good]
    assert [(r[7], r[8]) for r in rows] == [(d["total"], d["max"]) for d in direct]
    assert [r[10] for r in rows] == ["PASSED" if d["passed"] else "NOT PASSED" for d in direct]
