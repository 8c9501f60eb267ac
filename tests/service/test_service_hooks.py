"""The places where other parts of the package plug into the service (`service/adapters/`).

Spreadsheet uploads are read by the batch readers (`facts.sources`), and plan targets come
from the plan files (`ytxa_rules.plans`), with the admin table as an override.
"""

from __future__ import annotations

import datetime
from pathlib import Path

import pytest

import ytxa_rules
from ytxa_rules.service.adapters import tabular
from ytxa_rules.service.adapters.plans import TableTargets, target_source
from ytxa_rules.service.errors import ServiceError
from ytxa_rules.service.store.database import Database

FACTS = ytxa_rules.load().at(datetime.date(2024, 12, 31)).scope.facts


def test_spreadsheet_formats_are_told_from_the_type_or_the_name() -> None:
    assert tabular.format_of("text/csv") == "CSV" and tabular.format_of("", "xa.XLSX") == "XLSX" and tabular.format_of("application/json") is None


def test_spreadsheet_uploads_read_rows_numbered_by_sheet_row() -> None:
    rows = tabular.read_upload("ma_xa;tinh;nam_danh_gia;co_dien\n1;Nam Định;2024;có\n2;Nam Định;2024;có lẽ\n".encode(), "CSV", "xa.csv", 10, FACTS)
    assert [r.number for r in rows] == [2, 3]
    assert rows[0].facts == {"ma_xa": "1", "tinh": "Nam Định", "nam_danh_gia": 2024, "co_dien": True} and not rows[0].problems
    assert [d.code for d in rows[1].problems] == ["F005"] and rows[1].tabular
    cell = rows[1].cells("co_dien")
    assert (cell.column, cell.header, cell.text) == ("D", "co_dien", "có lẽ")


def test_a_sheet_naming_no_fact_is_refused_as_a_whole() -> None:
    with pytest.raises(ServiceError) as refused:
        tabular.read_upload(b"a,b\n1,2\n", "CSV", "x.csv", 10, FACTS)
    assert refused.value.status == 422 and refused.value.diagnostics


def test_too_many_sheet_rows_is_413() -> None:
    text = "ma_xa,nam_danh_gia\n" + "".join(f"{n},2024\n" for n in range(5))
    with pytest.raises(ServiceError) as refused:
        tabular.read_upload(text.encode(), "CSV", "x.csv", 4, FACTS)
    assert refused.value.status == 413 and refused.value.diagnostics[0].code == "U056"


def _source(tmp_path: Path) -> object:
    database = Database(f"sqlite:///{tmp_path / 't.db'}")
    database.migrate()
    return target_source(database)


def test_plan_targets_come_from_the_table_for_now(tmp_path: Path) -> None:
    assert isinstance(_source(tmp_path), TableTargets)


@pytest.mark.xfail(strict=True, reason="TODO(plans): enable when adapters/plans.py reads the plan files (issue 12)")
def test_plan_targets_come_from_the_plan_files(tmp_path: Path) -> None:
    assert not isinstance(_source(tmp_path), TableTargets)
