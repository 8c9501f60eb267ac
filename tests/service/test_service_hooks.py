"""The places where other parts of the package plug into the service.

Today: CSV/XLSX uploads answer U067 and plan targets come from the table. The two
`xfail(strict=True)` tests describe the wired-in behaviour; the day a feature is wired into
its adapter they pass, strict xfail turns that into a failure, and the marker is removed.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from ytxa_rules.service.adapters import tabular
from ytxa_rules.service.adapters.plans import TableTargets, target_source
from ytxa_rules.service.errors import ServiceError
from ytxa_rules.service.store.database import Database


def test_spreadsheet_uploads_are_refused_with_u067_until_wired() -> None:
    with pytest.raises(ServiceError) as refused:
        tabular.read_upload(b"ma_xa\n1\n", "CSV", "xa.csv", 10)
    assert refused.value.status == 415 and refused.value.diagnostics[0].code == "U067"
    assert tabular.format_of("text/csv") == "CSV" and tabular.format_of("", "xa.XLSX") == "XLSX" and tabular.format_of("application/json") is None


@pytest.mark.xfail(strict=True, reason="TODO(tabular): enable when adapters/tabular.py calls the batch readers (issue 12)")
def test_spreadsheet_uploads_read_rows() -> None:
    rows = tabular.read_upload(b"ma_xa,tinh,nam_danh_gia\n1,Nam Dinh,2024\n", "CSV", "xa.csv", 10)
    assert [r.number for r in rows] == [2]


def _source(tmp_path: Path) -> object:
    database = Database(f"sqlite:///{tmp_path / 't.db'}")
    database.migrate()
    return target_source(database)


def test_plan_targets_come_from_the_table_for_now(tmp_path: Path) -> None:
    assert isinstance(_source(tmp_path), TableTargets)


@pytest.mark.xfail(strict=True, reason="TODO(plans): enable when adapters/plans.py reads the plan files (issue 12)")
def test_plan_targets_come_from_the_plan_files(tmp_path: Path) -> None:
    assert not isinstance(_source(tmp_path), TableTargets)
