"""The places where other parts of the package plug into the service (`service/adapters/`).

Spreadsheet uploads are read by the batch readers (`facts.sources`), and plan targets come
from the plan files (`ytxa_rules.plans`), with the admin table as an override.
"""

from __future__ import annotations

import datetime
from fractions import Fraction
from pathlib import Path

import pytest

import ytxa_rules
from ytxa_rules.plans.nodes import ShareRecognised
from ytxa_rules.service.adapters import tabular
from ytxa_rules.service.adapters.plans import TableTargets, target_source
from ytxa_rules.service.errors import ServiceError
from ytxa_rules.service.store.database import Database

FACTS = ytxa_rules.load().at(datetime.date(2024, 12, 31)).scope.facts


def test_spreadsheet_formats_are_told_from_the_type_or_the_name() -> None:
    assert tabular.format_of("text/csv") == "CSV" and tabular.format_of("", "xa.XLSX") == "XLSX" and tabular.format_of("application/json") is None


def test_spreadsheet_uploads_read_rows_numbered_by_sheet_row() -> None:
    upload = tabular.read_upload("ma_xa;tinh;nam_danh_gia;co_dien\n1;Nam Định;2024;có\n2;Nam Định;2024;có lẽ\n".encode(), "CSV", "xa.csv", 10, FACTS)
    rows = upload.rows
    assert upload.warnings == ()
    assert [r.number for r in rows] == [2, 3]
    assert rows[0].facts == {"ma_xa": "1", "tinh": "Nam Định", "nam_danh_gia": 2024, "co_dien": True} and not rows[0].problems
    assert [d.code for d in rows[1].problems] == ["F005"] and rows[1].tabular
    cell = rows[1].cells("co_dien")
    assert (cell.column, cell.header, cell.text) == ("D", "co_dien", "có lẽ")


def test_warnings_about_the_whole_sheet_come_back_once_not_dropped() -> None:
    text = "ma_xa,nam_danh_gia,co_dien\n1,2024,x\n2,2024,\n"
    upload = tabular.read_upload(text.encode(), "CSV", "xa.csv", 10, FACTS)
    assert [w.code for w in upload.warnings] == ["W620"]  # blank cells of an x column read as "no"
    assert [r.facts["co_dien"] for r in upload.rows if r.facts] == [True, False]


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
    from ytxa_rules.service.criteria import Criteria

    database = Database(f"sqlite:///{tmp_path / 't.db'}")
    database.migrate()
    criteria = Criteria()
    plans = [s.tree for s in criteria.library.plans.values()]
    return target_source(database, plans, criteria.default_id)  # type: ignore[arg-type]


def _plan_milestones(plan_id: str) -> list[tuple[int, Fraction]]:
    """The plan file's own `share recognised` milestones, read with the plans API (the reference)."""
    from ytxa_rules.library import Library
    from ytxa_rules.resources import builtin_specs_dir

    plan = Library.from_paths([builtin_specs_dir()]).plans[plan_id].tree
    return sorted((m.year, Fraction(m.threshold.value)) for t in plan.targets if isinstance(t.measure, ShareRecognised) for m in t.milestones)


def test_plan_targets_come_from_the_plan_files(tmp_path: Path) -> None:
    source = _source(tmp_path)
    assert not isinstance(source, TableTargets)
    nam_dinh = source.targets("nam-dinh")  # type: ignore[attr-defined]
    assert [(t.year, t.share) for t in nam_dinh] == _plan_milestones("139/KH-UBND") == [(2026, 90), (2028, 100)]
    assert {t.source for t in nam_dinh} == {"139/KH-UBND"}
    assert [(t.year, t.share) for t in source.targets("quang-nam")] == _plan_milestones("123/KH-UBND")  # type: ignore[attr-defined]
    assert source.targets("dong-nai") == []  # type: ignore[attr-defined]  # Long Khánh's plan is a city's, not the province's


def test_the_admin_table_overrides_a_province_until_emptied(tmp_path: Path) -> None:
    source = _source(tmp_path)
    source.set_targets("nam-dinh", {2025: "85"}, "sửa đổi kế hoạch")  # type: ignore[attr-defined]
    assert [(t.year, t.share, t.source) for t in source.targets("nam-dinh")] == [(2025, 85, "sửa đổi kế hoạch")]  # type: ignore[attr-defined]
    assert [t.year for t in source.targets("quang-nam")]  # type: ignore[attr-defined]  # other provinces keep their plans
    source.set_targets("nam-dinh", {}, "")  # type: ignore[attr-defined]
    assert [t.year for t in source.targets("nam-dinh")] == [2026, 2028]  # type: ignore[attr-defined]
