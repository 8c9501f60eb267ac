"""A policy editor amends the criteria with a spec file only, no Python change."""

from __future__ import annotations

import datetime
import shutil
from pathlib import Path

import pytest

import ytxa_rules
from ytxa_rules.render.text import explain
from ytxa_rules.resources import builtin_specs_dir

AMENDMENT = """\
amendment "99/QĐ-BYT"
  title "Nâng mức tỷ lệ tham gia bảo hiểm y tế"
  amends "1300/QĐ-BYT"
  issued 2026-11-01
  effective 2027-01-01
  reason "nâng mức tối đa của chỉ tiêu 4 lên 97 %"

change indicator 4 band 1 threshold to 97%
"""


@pytest.fixture
def edited_specs(tmp_path: Path) -> Path:
    folder = tmp_path / "specs"
    shutil.copytree(builtin_specs_dir(), folder)
    (folder / "99-QD-BYT.ytxa").write_text(AMENDMENT, encoding="utf-8")
    return folder


def _station(bhyt: int) -> dict[str, object]:
    facts, _ = ytxa_rules.read_facts(Path(__file__).resolve().parent.parent / "examples" / "xa-dat-chuan.yaml")
    return {**facts, "dan_so": 1000, "so_nguoi_tham_gia_bhyt": bhyt, "so_nguoi_duoc_quan_ly_suc_khoe": 900, "so_nguoi_co_hssk_dien_tu": 800}


def test_new_amendment_changes_results_from_its_date(edited_specs: Path) -> None:
    spec = ytxa_rules.load(edited_specs)
    station = _station(960)  # 96 %: top band before, second band after
    before = spec.evaluate(station, datetime.date(2026, 12, 31), trace=True)
    after = spec.evaluate(station, datetime.date(2027, 1, 1), trace=True)
    assert before.indicator(4).points == 3
    assert after.indicator(4).points == 2
    assert after.total == before.total - 1
    assert before.amendments == ("1453/QĐ-BYT",)
    assert after.amendments == ("1453/QĐ-BYT", "99/QĐ-BYT")
    assert after.indicator(4).amended_by == ("99/QĐ-BYT",)
    assert before.indicator(4).amended_by == ()
    text = explain(after, "vi")
    assert "theo 99/QĐ-BYT, sửa đổi 1300/QĐ-BYT: nâng mức tối đa của chỉ tiêu 4 lên 97 %" in text
    assert after.digest != before.digest


def test_at_the_new_threshold_the_band_holds(edited_specs: Path) -> None:
    spec = ytxa_rules.load(edited_specs)
    assert spec.evaluate(_station(970), datetime.date(2027, 6, 1)).indicator(4).points == 3
    assert spec.evaluate(_station(969), datetime.date(2027, 6, 1)).indicator(4).points == 2


def test_amendment_targeting_nothing_is_a_located_error(tmp_path: Path) -> None:
    folder = tmp_path / "specs"
    shutil.copytree(builtin_specs_dir(), folder)
    (folder / "bad.ytxa").write_text(AMENDMENT.replace("indicator 4 band 1", "indicator 4 band 7"), encoding="utf-8")
    spec = ytxa_rules.load(folder)
    findings = [d for d in spec.check() if d.is_error]
    assert [d.code for d in findings] == ["E501"]
    assert findings[0].span is not None and findings[0].span.file.endswith("bad.ytxa") and findings[0].span.line == 8
    with pytest.raises(ytxa_rules.SpecError):
        spec.evaluate(_station(960), datetime.date(2027, 6, 1))
    assert spec.evaluate(_station(960), datetime.date(2026, 6, 1)).indicator(4).points == 3  # not yet in force


def test_two_amendments_changing_the_same_band_on_the_same_day_conflict(edited_specs: Path) -> None:
    other = AMENDMENT.replace('"99/QĐ-BYT"', '"100/QĐ-BYT"').replace("97%", "98%")
    (edited_specs / "100-QD-BYT.ytxa").write_text(other, encoding="utf-8")
    spec = ytxa_rules.load(edited_specs)
    assert "E504" in [d.code for d in spec.check()]


def test_an_error_the_amendment_causes_names_the_amendment(tmp_path: Path) -> None:
    folder = tmp_path / "specs"
    shutil.copytree(builtin_specs_dir(), folder)
    (folder / "bad.ytxa").write_text(AMENDMENT.replace("band 1 threshold to 97%", "max to 4"), encoding="utf-8")
    findings = ytxa_rules.load(folder).check()
    assert [d.code for d in findings] == ["E401", "N001"]
    assert findings[1].span is not None and findings[1].span.file.endswith("bad.ytxa")
    assert not findings[1].is_error
