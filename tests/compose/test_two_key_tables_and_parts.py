"""Issue 11 item 10 as amendment files alone: tables keyed by two facts, and a part of a
`points sum` that does not apply, each scored on both sides of the amendment's date."""

from __future__ import annotations

import datetime
from collections.abc import Callable
from typing import Any

import ytxa_rules
from tests.compose.conftest import header
from ytxa_rules.render.text import explain

BEFORE, AFTER = datetime.date(2025, 6, 30), datetime.date(2025, 7, 1)
Make = Callable[..., ytxa_rules.Spec]

REKEY = (
    'replace table dien_tich_yeu_cau by loai_don_vi, vung "Diện tích đất theo loại đơn vị và vùng (m²)"\n'
    "  xa, 1: 500 confirmed\n  xa, 2: 400 confirmed\n  xa, 3: 300 confirmed\n"
    "  phuong, 1: 300 confirmed\n  phuong, 2: 250 confirmed\n  phuong, 3: 200 confirmed\n"
    "  thi_tran, 1: 450\n  thi_tran, 2: 350\n  thi_tran, 3: unknown\n"
)


def problems(spec: ytxa_rules.Spec) -> list[tuple[str, str]]:
    """(code, file:line:col) of each error, so a test says where it points."""
    found = []
    for d in spec.check():
        if d.is_error:
            span = d.span
            found.append((d.code, f"{span.file.rsplit('/', 1)[-1]}:{span.line}:{span.column}" if span else ""))
    return found


def land(spec: ytxa_rules.Spec, station: dict[str, Any], as_of: datetime.date, **facts: Any) -> Any:
    return spec.evaluate({**station, **facts}, as_of).indicator(12)


def test_a_table_re_keyed_by_two_facts_from_a_date(specs_with: Make, station: dict[str, Any]) -> None:
    spec = specs_with(header() + REKEY)
    assert problems(spec) == []
    town = dict(loai_don_vi="thi_tran", vung=2, dien_tich_dat_m2=380)
    assert land(spec, station, BEFORE, **town).points == 1  # 380 < 400 (region 2)
    assert land(spec, station, AFTER, **town).points == 2  # 380 ≥ 350 (thi_tran, 2)
    ward = dict(loai_don_vi="phuong", vung=3, dien_tich_dat_m2=210)
    assert land(spec, station, BEFORE, **ward).points == 1  # 210 < 300 (region 3)
    assert land(spec, station, AFTER, **ward).points == 2  # 210 ≥ 200 (phuong, 3)
    unknown = land(spec, station, AFTER, loai_don_vi="thi_tran", vung=3)
    assert unknown.status == "missing_data" and unknown.reason == "?dien_tich_yeu_cau[thi_tran, 3]"


def test_entries_of_a_two_key_table_are_changed_added_and_removed(specs_with: Make, station: dict[str, Any]) -> None:
    later = header("26/2025/QĐ-BYT", "2026-01-01") + (
        "change table dien_tich_yeu_cau entry thi_tran, 3 to 320 confirmed\n"
        "add values dac_khu to fact loai_don_vi\n"
        "add to table dien_tich_yeu_cau\n  dac_khu, 1: 400\n  dac_khu, 2: 380\n  dac_khu, 3: 360\n"
    )
    spec = specs_with(header() + REKEY, later)
    assert problems(spec) == []
    january = datetime.date(2026, 1, 1)
    assert land(spec, station, AFTER, loai_don_vi="thi_tran", vung=3).status == "missing_data"
    assert land(spec, station, january, loai_don_vi="thi_tran", vung=3, dien_tich_dat_m2=330).points == 2
    explained = spec.evaluate({**station, "loai_don_vi": "dac_khu", "vung": 2, "dien_tich_dat_m2": 380}, january, trace=True)
    assert explained.indicator(12).points == 2
    text = explain(explained, "en")
    assert "loai_don_vi = dac_khu, vung = 2: 380" in text and "26/2025/QĐ-BYT" in text


def test_removing_one_pair_leaves_the_table_incomplete_at_the_operation(specs_with: Make) -> None:
    spec = specs_with(header() + REKEY, header("26/2025/QĐ-BYT", "2026-01-01") + "remove table dien_tich_yeu_cau entry thi_tran, 3\n")
    # Reported at the table as composed (declared by the first amendment), naming the pair.
    assert problems(spec) == [("E541", "sua-doi-0.ytxa:8:9")]
    [found] = [d for d in spec.check() if d.code == "E541"]
    assert found.arguments["pairs"] == "thi_tran, 3" and found.arguments["count"] == 1


def test_a_pair_that_is_not_there_is_located(specs_with: Make) -> None:
    later = header("26/2025/QĐ-BYT", "2026-01-01")
    spec = specs_with(header() + REKEY, later + "change table dien_tich_yeu_cau entry thi_tran, 4 to 300\n")
    assert problems(spec) == [("E501", "sua-doi-1.ytxa:8:8")]
    twice = specs_with(header() + REKEY, later + "add to table dien_tich_yeu_cau\n  xa, 1: 520\n")
    assert problems(twice) == [("E524", "sua-doi-1.ytxa:9:3")]
    one_value = specs_with(header() + REKEY, later + "add to table dien_tich_yeu_cau\n  xa: 520\n")
    assert [code for code, _ in problems(one_value)] == ["E540"]


def test_a_part_of_indicator_31_does_not_apply_from_a_date(specs_with: Make, station: dict[str, Any]) -> None:
    spec = specs_with(header() + "change indicator 31 part 2 not_applicable to loai_don_vi = phuong\n")
    assert problems(spec) == []
    ward = {**station, "loai_don_vi": "phuong"}
    before, after = spec.evaluate(ward, BEFORE), spec.evaluate(ward, AFTER)
    assert before.indicator(31).max == 3 and after.indicator(31).max == 2
    assert after.indicator(31).points == min(before.indicator(31).points, 2)
    six_before = next(c for c in before.criteria if c.number == 6)
    six_after = next(c for c in after.criteria if c.number == 6)
    assert six_after.max == six_before.max - 1 and after.max == before.max - 1
    village = spec.evaluate({**station, "loai_don_vi": "xa"}, AFTER)
    assert village.indicator(31).max == 3


def test_replace_rule_with_every_part_not_applicable_makes_the_indicator_not_applicable(
    specs_with: Make, station: dict[str, Any]
) -> None:
    rule = (
        "replace indicator 31 rule\n  points sum\n"
        '    part "Hợp đồng" not applicable when loai_don_vi = phuong:\n      2 when co_hop_dong_kcb_bhyt\n'
        '    part "Tỷ lệ" not applicable when loai_don_vi in (phuong, thi_tran):\n'
        "      1 when ty_le_luot_kcb_bhyt_tai_tram >= 20%\n"
    )
    spec = specs_with(header() + rule)
    assert problems(spec) == []
    ward = {**station, "loai_don_vi": "phuong"}
    assert spec.evaluate(ward, BEFORE).indicator(31).status == "scored"
    after = spec.evaluate(ward, AFTER, trace=True)
    assert after.indicator(31).status == "not_applicable" and after.indicator(31).max == 0
    vi = explain(after, "vi")
    assert 'phần 1 "Hợp đồng": không áp dụng khi loai_don_vi = phuong → đúng (không áp dụng: điểm tối đa bớt 2)' in vi


def test_a_part_condition_must_be_a_condition(specs_with: Make) -> None:
    spec = specs_with(header() + "change indicator 31 part 2 not_applicable to dan_so\n")
    assert problems(spec) == [("E301", "sua-doi-0.ytxa:8:46")]  # at the new condition, in the amendment
    not_a_sum = specs_with(header() + "change indicator 4 part 1 not_applicable to loai_don_vi = phuong\n")
    assert [code for code, _ in problems(not_a_sum)] == ["E501"]
