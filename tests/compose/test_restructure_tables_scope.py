"""Indicators restructured in place, tables that gain keys, provincial amendments side by side."""

from __future__ import annotations

import datetime
from collections.abc import Callable
from typing import Any

import ytxa_rules
from tests.compose.conftest import header
from ytxa_rules.diff import diff_documents
from ytxa_rules.messages import message
from ytxa_rules.render.text import explain

BEFORE, AFTER = datetime.date(2025, 6, 30), datetime.date(2025, 7, 1)
Make = Callable[..., ytxa_rules.Spec]


def errors(spec: ytxa_rules.Spec) -> list[str]:
    return [d.code for d in spec.check() if d.is_error]


def test_retitle_and_replace_the_rule_in_one_amendment(specs_with: Make, station: dict[str, Any]) -> None:
    spec = specs_with(header() + 'change indicator 9 title to "Có người làm y học cổ truyền"\n'
                      "replace indicator 9 rule\n  points 1 when co_nhan_luc_yhct or co_bac_si_luan_phien\n")
    assert errors(spec) == []
    without = {**station, "co_nhan_luc_yhct": False, "co_bac_si_luan_phien": True}
    assert spec.evaluate(without, BEFORE).indicator(9).points == 0
    after = spec.evaluate(without, AFTER)
    assert after.indicator(9).points == 1 and after.indicator(9).title == "Có người làm y học cổ truyền"


def test_remove_and_add_the_same_number_in_one_amendment(specs_with: Make, station: dict[str, Any]) -> None:
    spec = specs_with(header() + "remove indicator 9\nadd to criterion 2\n"
                      '  indicator 9 "Có nhân lực y học cổ truyền được đào tạo" max 1 confirmed\n'
                      '    cite "25/2025/QĐ-BYT"\n    points 1 when co_nhan_luc_yhct and co_bac_si_luan_phien\n')
    assert errors(spec) == []
    alone = {**station, "co_nhan_luc_yhct": True, "co_bac_si_luan_phien": False}
    assert spec.evaluate(alone, BEFORE).indicator(9).points == 1
    assert spec.evaluate(alone, AFTER).indicator(9).points == 0


def test_real_conflicts_in_one_amendment_stay_errors(specs_with: Make) -> None:
    twice = specs_with(header() + "change indicator 4 band 1 threshold to 96%\nchange indicator 4 band 1 threshold to 97%\n")
    assert "E512" in errors(twice)
    band_of_replaced = specs_with(header() + "replace indicator 9 rule\n  points 1 when co_nhan_luc_yhct\n"
                                  "change indicator 9 band 1 points to 1\n")
    assert "E512" in errors(band_of_replaced)
    added_then_removed = specs_with(header() + 'add fact co_website_tram: bool "x"\nremove fact co_website_tram\n')
    assert "E512" in errors(added_then_removed)


def test_a_table_gains_a_key_and_a_changed_entry_is_confirmed(specs_with: Make, station: dict[str, Any]) -> None:
    spec = specs_with(header() + "add values hai_dao to fact vung_kinh_te\n"
                      "add to table nguong_thap_coi\n  hai_dao: 20% confirmed\n"
                      "change table nguong_thap_coi entry dong_bang_song_hong to 15% confirmed\n")
    assert errors(spec) == []
    island = {**station, "vung_kinh_te": "hai_dao", "ty_le_tre_duoi_5_thap_coi": 18}
    assert spec.evaluate(island, AFTER).indicator(35).points == 2
    try:
        spec.evaluate(island, BEFORE)
    except ytxa_rules.FactsError as exc:
        assert [d.code for d in exc.diagnostics] == ["F073"]
    else:
        raise AssertionError("hai_dao accepted before its date")
    delta = {**station, "ty_le_tre_duoi_5_thap_coi": 16}
    assert spec.evaluate(delta, BEFORE).indicator(35).points == 2  # 16 % ≤ 16.5 %
    assert spec.evaluate(delta, AFTER).indicator(35).points == 0  # 16 % > 15 %
    table = next(t for t in spec.composed(AFTER).tables if t.name == "nguong_thap_coi")
    entry = next(e for e in table.entries if e.key == "dong_bang_song_hong")
    assert entry.status == "confirmed" and [a.id for a in entry.amended_by] == ["25/2025/QĐ-BYT"]


def test_a_new_value_of_a_branch_key_must_get_its_case(specs_with: Make) -> None:
    spec = specs_with(header() + "add values 4 to fact vung\n")
    found = spec.check()
    assert "E214" in [d.code for d in found if d.is_error] and "N001" in [d.code for d in found]


def test_two_provinces_amend_the_same_band_from_the_same_day(specs_with: Make, station: dict[str, Any]) -> None:
    nam_dinh = header("12/QĐ-UBND", extra='  applies to tinh "Nam Định"') + "change indicator 4 band 1 threshold to 97%\n"
    quang_nam = header("34/QĐ-UBND", extra='  applies to tinh "Quảng Nam"') + "change indicator 4 band 1 threshold to 92%\n"
    spec = specs_with(nam_dinh, quang_nam)
    assert errors(spec) == []
    bhyt = {**station, "dan_so": 1000, "so_nguoi_tham_gia_bhyt": 960, "so_nguoi_duoc_quan_ly_suc_khoe": 900, "so_nguoi_co_hssk_dien_tu": 800}
    here = spec.evaluate(bhyt, AFTER, trace=True)
    assert here.indicator(4).points == 2 and here.indicator(4).amended_by == ("12/QĐ-UBND",)
    assert "12/QĐ-UBND" in explain(here, "vi")
    assert spec.evaluate(bhyt, BEFORE).indicator(4).points == 3
    there = spec.evaluate({**bhyt, "tinh": "Quảng Nam", "so_nguoi_tham_gia_bhyt": 920}, AFTER)
    assert there.indicator(4).points == 3 and there.indicator(4).amended_by == ("34/QĐ-UBND",)
    elsewhere = spec.evaluate({**bhyt, "tinh": "Huế", "so_nguoi_tham_gia_bhyt": 960}, AFTER)
    assert elsewhere.indicator(4).points == 3 and elsewhere.indicator(4).amended_by == ()


def test_two_national_amendments_on_the_same_day_still_clash(specs_with: Make) -> None:
    first = header("12/QĐ-BYT") + "change indicator 4 band 1 threshold to 97%\n"
    second = header("34/QĐ-BYT") + "change indicator 4 band 1 threshold to 92%\n"
    found = [d for d in specs_with(first, second).check() if d.code == "E504"]
    assert found and "chỉ tiêu 4 mức 1 ngưỡng" in message(found[0], "vi")


def test_diff_attributes_every_change(specs_with: Make) -> None:
    spec = specs_with(header() + 'change document title to "Bộ tiêu chí (sửa đổi 2025)"\n'
                      'add fact co_website_tram: bool optional "Trạm có trang thông tin điện tử"\n'
                      "remove indicator 9\nchange indicator 8 max to 3\nremove values thi_tran from fact loai_don_vi\n"
                      "change indicator 11 not_applicable to loai_don_vi = phuong or so_thon_to_dan_pho = 0\n"
                      "remove table nguong_thap_coi entry tay_nguyen\nadd to table nguong_thap_coi\n  tay_nguyen: 25% confirmed\n")
    changes = diff_documents(spec.composed(BEFORE), spec.composed(AFTER))
    assert changes and all(c.by == ("25/2025/QĐ-BYT",) for c in changes), [c for c in changes if not c.by]
    kinds = {(c.where, c.what) for c in changes}
    assert {("document", "title"), ("fact co_website_tram", "fact"), ("indicator 9", "indicator"), ("fact loai_don_vi", "fact")} <= kinds


def test_the_explanation_names_removed_indicators_and_changed_titles(specs_with: Make, station: dict[str, Any]) -> None:
    spec = specs_with(header() + 'change document title to "Bộ tiêu chí (sửa đổi 2025)"\n'
                      'change criterion 2 title to "Nhân lực y tế xã"\nremove indicator 9\nchange indicator 8 max to 3\n')
    after = explain(spec.evaluate(station, AFTER, trace=True), "vi")
    assert "Chỉ tiêu 9. Có nhân lực y học cổ truyền — bãi bỏ bởi: 25/2025/QĐ-BYT" in after
    assert "Tiêu chí 2. Nhân lực y tế xã" in after and after.count("Sửa đổi bởi: 25/2025/QĐ-BYT") >= 3
    english = explain(spec.evaluate(station, AFTER, trace=True), "en")
    assert "Indicator 9. Có nhân lực y học cổ truyền — removed by: 25/2025/QĐ-BYT" in english
    before = explain(spec.evaluate(station, BEFORE, trace=True), "vi")
    assert "bãi bỏ" not in before and "Nhân lực y tế xã" not in before
