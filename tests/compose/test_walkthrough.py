"""The administrative-reform walkthrough of docs/amendments.md, run as written."""

from __future__ import annotations

import datetime
import re
import shutil
from pathlib import Path
from typing import Any

import pytest

import ytxa_rules
from ytxa_rules.diff import diff_documents
from ytxa_rules.render.text import explain
from ytxa_rules.resources import builtin_specs_dir

PAGE = Path(__file__).resolve().parents[2] / "docs" / "amendments.md"
BEFORE, AFTER = datetime.date(2025, 6, 30), datetime.date(2025, 7, 1)


def walkthrough_block() -> str:
    blocks = re.findall(r"```ytxa\n(.*?)```", PAGE.read_text(encoding="utf-8"), re.S)
    return next(b for b in blocks if '"25/2025/QĐ-BYT"' in b)


@pytest.fixture(scope="module")
def spec(tmp_path_factory: pytest.TempPathFactory) -> ytxa_rules.Spec:
    folder = tmp_path_factory.mktemp("walkthrough") / "criteria_specs"
    shutil.copytree(builtin_specs_dir(), folder)
    (folder / "25-2025-QD-BYT.ytxa").write_text(walkthrough_block(), encoding="utf-8")
    return ytxa_rules.load(folder)


def test_the_amendment_checks_clean(spec: ytxa_rules.Spec) -> None:
    assert [d for d in spec.check() if d.is_error or d.code == "W520"] == []


def test_diff_attributes_each_change(spec: ytxa_rules.Spec) -> None:
    changes = diff_documents(spec.composed(BEFORE), spec.composed(AFTER))
    where = {c.where for c in changes}
    assert {"fact loai_don_vi", "fact huyen", "table dien_tich_yeu_cau", "indicator 11", "indicator 31 part 2"} <= where
    assert all(c.by == ("25/2025/QĐ-BYT",) for c in changes)
    [rekeyed] = [c for c in changes if c.where == "table dien_tich_yeu_cau" and c.what == "key"]
    assert (rekeyed.before, rekeyed.after) == ("vung", "loai_don_vi, vung")


def test_a_town_before_and_after(spec: ytxa_rules.Spec, station: dict[str, Any]) -> None:
    town = {**station, "loai_don_vi": "thi_tran"}
    assert spec.evaluate(town, BEFORE).indicator(11).points == 2
    with pytest.raises(ytxa_rules.FactsError) as refused:
        spec.evaluate(town, AFTER)
    [problem] = refused.value.diagnostics
    assert problem.code == "F072" and problem.arguments["amendment"] == "25/2025/QĐ-BYT"


def test_a_special_zone_before_and_after(spec: ytxa_rules.Spec, station: dict[str, Any]) -> None:
    zone = {**station, "loai_don_vi": "dac_khu", "dien_tich_dat_m2": 420}
    with pytest.raises(ytxa_rules.FactsError) as refused:
        spec.evaluate(zone, BEFORE)
    assert [d.code for d in refused.value.diagnostics] == ["F073"]
    after = spec.evaluate(zone, AFTER)
    assert after.indicator(11).status == "not_applicable" and after.indicator(12).points == 2


def test_a_special_zone_reads_the_two_key_table_and_loses_a_part_of_31(spec: ytxa_rules.Spec, station: dict[str, Any]) -> None:
    zone = {**station, "loai_don_vi": "dac_khu", "dien_tich_dat_m2": 390, "vung": 2}
    explained = spec.evaluate(zone, AFTER, trace=True)
    assert explained.indicator(12).points == 2  # 390 ≥ 350 (dac_khu, 2), not 400 (dac_khu, 1)
    lookup = next(e for e in explained.indicator(12).trace if type(e).__name__ == "TableLookup")
    assert (lookup.key_fact, lookup.key, lookup.second_key_fact, lookup.second_key, lookup.value) == ("loai_don_vi", "dac_khu", "vung", "2", 350)
    vi, en = explain(explained, "vi"), explain(explained, "en")
    assert "loai_don_vi = dac_khu, vung = 2: 350" in vi and "loai_don_vi = dac_khu, vung = 2: 350" in en
    indicator = explained.indicator(31)
    assert indicator.max == 2 and indicator.status == "scored"
    assert "không áp dụng khi loai_don_vi = dac_khu → đúng (không áp dụng: điểm tối đa bớt 1)" in vi
    assert "not applicable when loai_don_vi = dac_khu → true (not applicable: the maximum is reduced by 1)" in en
    village = spec.evaluate({**zone, "loai_don_vi": "xa", "dien_tich_dat_m2": 500, "vung": 1}, AFTER)
    assert village.indicator(31).max == 3
    six = {c.number: c for c in explained.criteria}[6]
    assert six.max == {c.number: c for c in village.criteria}[6].max - 1
    # The total's maximum follows: 1 point less for 31, and indicator 11 does not apply at all.
    assert village.max - explained.max == 1 + village.indicator(11).max - explained.indicator(11).max


def test_a_ward_before_and_after(spec: ytxa_rules.Spec, station: dict[str, Any]) -> None:
    ward = {**station, "loai_don_vi": "phuong", "dien_tich_dat_m2": 350}
    assert spec.evaluate(ward, BEFORE).indicator(12).points == 1
    assert spec.evaluate(ward, AFTER).indicator(12).points == 2


SPEC_TESTS = """\
# Cải cách hành chính 25/2025/QĐ-BYT: hai bên ngày hiệu lực.
example: xa-dat-chuan.yaml
tests:
  - name: "đặc khu vùng 2 từ 01/7/2025: bảng hai khóa, phần 2 chỉ tiêu 31 không áp dụng"
    as_of: 2025-07-01
    facts: {loai_don_vi: dac_khu, vung: 2, dien_tich_dat_m2: 360}
    expect:
      indicators:
        "11": {status: not_applicable}
        "12": {points: 2, status: scored}
        "31": {status: scored}
  - name: "phường vùng 2 trước 01/7/2025: 300 m² dưới 400 m² của vùng 2"
    as_of: 2025-06-30
    facts: {loai_don_vi: phuong, vung: 2, dien_tich_dat_m2: 300}
    expect:
      indicators:
        "12": {points: 1}
  - name: "phường vùng 2 từ 01/7/2025: 300 m² đạt 250 m² của (phuong, 2)"
    as_of: 2025-07-01
    facts: {loai_don_vi: phuong, vung: 2, dien_tich_dat_m2: 300}
    expect:
      indicators:
        "12": {points: 2}
"""


def test_policy_editors_spec_tests_cover_both_sides(spec: ytxa_rules.Spec, tmp_path: Path, station: dict[str, Any]) -> None:
    import io

    from ytxa_rules.cli import main

    folder = tmp_path / "criteria_specs"
    shutil.copytree(builtin_specs_dir(), folder)
    shutil.rmtree(folder / "tests")
    (folder / "25-2025-QD-BYT.ytxa").write_text(walkthrough_block(), encoding="utf-8")
    (folder / "tests").mkdir()
    (folder / "tests" / "cai-cach.yaml").write_text(SPEC_TESTS, encoding="utf-8")
    out = io.StringIO()
    assert main(["test", "--spec", str(folder)], out, io.StringIO()) == 0, out.getvalue()
    assert out.getvalue().splitlines()[-1] == "PASS: 3/3"
    # The maximum of the whole document follows the part left out (and indicator 11).
    zone = {**station, "loai_don_vi": "dac_khu", "vung": 2, "dien_tich_dat_m2": 360}
    expected_max = spec.evaluate(zone, AFTER).max
    wrong = SPEC_TESTS.replace('"31": {status: scored}', f'"31": {{status: scored}}\n      max: {expected_max + 1}')
    (folder / "tests" / "cai-cach.yaml").write_text(wrong, encoding="utf-8")
    out = io.StringIO()
    assert main(["test", "--spec", str(folder)], out, io.StringIO()) == 1
    assert "FAIL" in out.getvalue()
