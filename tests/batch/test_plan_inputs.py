"""`ytxa plan` reads stations through the batch readers: a filled workbook, bad rows located."""

from __future__ import annotations

import json
from pathlib import Path

from reference.stations import random_stations

from batch.sheets import NAMES, SPEC, run, station_rows, write_xlsx
from ytxa_rules.library import Library
from ytxa_rules.plans.evaluate import plan_reports
from ytxa_rules.plans.render_json import plan_report_dict
from ytxa_rules.resources import builtin_specs_dir


def test_plan_reads_a_workbook_and_locates_a_bad_cell(tmp_path: Path) -> None:
    stations = random_stations(12, seed=139)
    for s in stations:
        s["tinh"] = "Nam Định"
    rows = station_rows(stations)
    rows[2][NAMES.index("dan_so")] = "nhiều"
    book = write_xlsx(tmp_path / "xa.xlsx", NAMES, rows)
    code, out, err = run("plan", "--plan", "139/KH-UBND", str(book), "--format", "json")
    assert code == 2  # one row left out, the others counted
    column = NAMES.index("dan_so")
    assert "xa.xlsx:4:" in err and "F005" in err and "nhiều" in err and column >= 0
    plan = Library.from_paths([builtin_specs_dir()]).plans["139/KH-UBND"].tree
    good = [s for n, s in enumerate(stations) if n != 2]
    expected = plan_report_dict(plan_reports(plan, SPEC, [SPEC.evaluate(s) for s in good]))  # type: ignore[arg-type]
    assert json.loads(out) == json.loads(json.dumps(expected, ensure_ascii=False))


def test_plan_as_the_first_input_still_works(tmp_path: Path) -> None:
    book = write_xlsx(tmp_path / "xa.xlsx", NAMES, station_rows(random_stations(3, seed=1)))
    with_option = run("plan", "--plan", "139/KH-UBND", str(book))
    positional = run("plan", "139/KH-UBND", str(book))
    assert with_option == positional and with_option[0] == 0
    assert run("plan", "139/KH-UBND")[0] == 2  # a plan and no stations
