"""The data-entry template: its structure, and a filled template reads back into the same facts."""

from __future__ import annotations

import datetime
from pathlib import Path
from typing import Any

import pytest
from batch.sheets import COMPILED, FACTS, ROOT, SAMPLE, run, xlsx_value
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from strategies import stations

from ytxa_rules.facts.records import StationRecord
from ytxa_rules.facts.sources import read_sources


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("template") / "mau.xlsx"
    code, _, err = run("template", "-o", str(path), "--as-of", "2024-12-31")
    assert code == 0, err
    return path


def exact(facts: dict[str, Any]) -> dict[str, Any]:
    """The validated values; spaces around a text are not kept by the reader (stray spaces
    in cells are common and never meant)."""
    values, _ = COMPILED.validator.validate(facts)
    return {k: v.strip() if isinstance(v, str) else v for k, v in values.items()}


def fill(template: Path, target: Path, rows: list[dict[str, Any]]) -> Path:
    import openpyxl

    book = openpyxl.load_workbook(template)
    sheet = book.worksheets[0]
    names = [c.value for c in sheet[1]]
    for number, station in enumerate(rows, 2):
        for column, name in enumerate(names, 1):
            if name in station:
                sheet.cell(number, column, xlsx_value(name, station[name]))
    book.save(target)
    return target


def read_back(path: Path, sheet: str | None = None) -> list[StationRecord]:
    found = list(read_sources([str(path)], FACTS, sheet=sheet))
    records = [r for r in found if isinstance(r, StationRecord)]
    assert all(not r.problems for r in records), [r.problems for r in records]
    return records


def test_template_structure(template: Path) -> None:
    import openpyxl

    book = openpyxl.load_workbook(template)
    data, facts, example, lists = book.worksheets
    assert [s.sheet_state for s in book.worksheets] == ["visible", "visible", "visible", "hidden"]
    header = [c.value for c in data[1]]
    assert header == list(FACTS) and len(header) == 78
    assert data.freeze_panes == "A2"
    comments = {c.value: c.comment.text for c in data[1]}
    assert comments["dan_so"].startswith("Dân số") and "số đếm" in comments["dan_so"]
    assert "≤ dan_so" in comments["so_nguoi_tham_gia_bhyt"]
    column = {name: openpyxl.utils.get_column_letter(i) for i, name in enumerate(header, 1)}
    validations = {str(v.sqref).split(":")[0]: v for v in data.data_validations.dataValidation}

    def rule(name: str) -> Any:
        return validations[f"{column[name]}2"]

    assert rule("co_dien").type == "list" and rule("vung_kinh_te").type == "list"
    assert rule("dan_so").type == "whole" and (rule("dan_so").operator, rule("dan_so").formula1) == ("greaterThanOrEqual", "1")
    assert rule("so_phong_chuc_nang").type == "whole"
    assert rule("ty_le_trang_thiet_bi").type == "decimal" and (rule("ty_le_trang_thiet_bi").formula1, rule("ty_le_trang_thiet_bi").formula2) == ("0", "100")
    assert rule("nam_danh_gia").type == "whole" and rule("nam_danh_gia").formula2 == "2100"
    assert f"{column['ma_xa']}2" not in validations
    choices = [c.value for c in lists[openpyxl.utils.get_column_letter(2)]][1:]
    assert [v for v in choices if v] == ["xa", "phuong", "thi_tran"]
    documented = {row[0]: row for row in facts.iter_rows(min_row=4, values_only=True)}
    assert len(documented) == 78 and documented["so_nguoi_tham_gia_bhyt"][5] == "4"
    assert documented["dan_so"][6] == 8240  # the example value
    assert [c.value for c in example[2]][:2] == ["13669", "Xã Yên Thọ"]


def test_example_sheet_reads_back_as_the_example_file(template: Path) -> None:
    (record,) = read_back(template, sheet="Ví dụ")
    assert exact(record.facts) == exact(SAMPLE)
    code, out, _ = run("eval", str(template), "--sheet", "Ví dụ", "--lang", "en")
    assert code == 0 and "Result: PASSED — 87/100 points" in out


def test_filled_template_reads_back(template: Path, tmp_path: Path) -> None:
    rows = [SAMPLE, {**SAMPLE, "ma_xa": "00042", "co_dien": False, "ty_le_trang_thiet_bi": 99}]
    records = read_back(fill(template, tmp_path / "filled.xlsx", rows))
    assert [exact(r.facts) for r in records] == [exact(r) for r in rows]
    assert records[1].facts["ma_xa"] == "00042"  # a text column keeps the zeros


def test_empty_template_holds_no_station(template: Path) -> None:
    assert read_back(template) == []
    code, _, err = run("batch", str(template), "--lang", "en")
    assert code == 2 and "[U025]" in err


@settings(max_examples=10, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(rows=st.lists(stations(), min_size=1, max_size=4))
def test_any_stations_round_trip(template: Path, tmp_path: Path, rows: list[dict[str, Any]]) -> None:
    records = read_back(fill(template, tmp_path / "filled.xlsx", rows))
    assert [exact(r.facts) for r in records] == [exact(r) for r in rows]


def test_template_options(tmp_path: Path) -> None:
    code, _, err = run("template", "-o", str(tmp_path / "mau.csv"), "--lang", "en")
    assert code == 2 and "[U023]" in err
    code, _, _ = run("template", "-o", str(tmp_path / "en.xlsx"), "--lang", "en", "--as-of", datetime.date(2023, 3, 19).isoformat())
    import openpyxl

    book = openpyxl.load_workbook(tmp_path / "en.xlsx")
    assert code == 0 and book.sheetnames[:3] == ["Data", "Facts", "Example"]
    assert [c.value for c in book["Example"][2]][9] == "yes"


def test_reference_page_has_the_facts_table() -> None:
    from ytxa_rules.render.reference import criteria_reference

    page = criteria_reference(COMPILED.document, datetime.date(2024, 12, 31), "vi")
    section = page.split("## Dữ kiện (78)")[1].split("\n## ")[0]
    rows = [line for line in section.splitlines() if line.startswith("| `")]
    assert len(rows) == 78
    # Markdown escapes only what would change the page (render/escape.for_markdown)
    assert "| `so_nguoi_tham_gia_bhyt` | số đếm (nguyên ≥ 0) | ≤ dan_so | Số người tham gia bảo hiểm y tế | 4 |" in rows
    assert (ROOT / "examples" / "xa-dat-chuan.yaml").exists()
