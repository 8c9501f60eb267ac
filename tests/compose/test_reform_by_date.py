"""Facts amended from a date: values of a `one of` added and removed, facts added and removed.

Every change is an amendment file alone; stations are scored on both sides of its date.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from typing import Any

import pytest

import ytxa_rules
from tests.compose.conftest import header
from ytxa_rules.messages import message

BEFORE, AFTER = datetime.date(2025, 6, 30), datetime.date(2025, 7, 1)
Make = Callable[..., ytxa_rules.Spec]


def codes(exc: pytest.ExceptionInfo[ytxa_rules.FactsError]) -> list[str]:
    return [d.code for d in exc.value.diagnostics]


def test_a_value_removed_from_a_date_is_refused_from_that_date(specs_with: Make, station: dict[str, Any]) -> None:
    spec = specs_with(header() + "remove values thi_tran from fact loai_don_vi\n"
                      "change indicator 11 not_applicable to loai_don_vi = phuong or so_thon_to_dan_pho = 0\n")
    town = {**station, "loai_don_vi": "thi_tran"}
    assert spec.evaluate(town, BEFORE).indicator(11).points == 2
    with pytest.raises(ytxa_rules.FactsError) as refused:
        spec.evaluate(town, AFTER)
    assert codes(refused) == ["F072"]
    text = message(refused.value.diagnostics[0], "vi")
    assert "thi_tran" in text and "2025-07-01" in text and "25/2025/QĐ-BYT" in text
    assert "is not valid from 2025-07-01 (25/2025/QĐ-BYT)" in message(refused.value.diagnostics[0], "en")


def test_a_value_added_from_a_date_is_accepted_only_from_that_date(specs_with: Make, station: dict[str, Any]) -> None:
    spec = specs_with(header() + "add values dac_khu to fact loai_don_vi\n"
                      "change indicator 11 not_applicable to loai_don_vi in (phuong, dac_khu) or so_thon_to_dan_pho = 0\n")
    island = {**station, "loai_don_vi": "dac_khu"}
    with pytest.raises(ytxa_rules.FactsError) as refused:
        spec.evaluate(island, BEFORE)
    assert codes(refused) == ["F073"]
    assert "valid only from 2025-07-01" in message(refused.value.diagnostics[0], "en")
    after = spec.evaluate(island, AFTER)
    assert after.indicator(11).status == "not_applicable"
    assert spec.evaluate({**station, "loai_don_vi": "xa"}, AFTER).indicator(11).points == 2


def test_a_fact_added_later_is_accepted_from_its_date_and_named_before(specs_with: Make, station: dict[str, Any]) -> None:
    spec = specs_with(header() + 'add fact co_website_tram: bool optional "Trạm có trang thông tin điện tử"\n')
    with pytest.raises(ytxa_rules.FactsError) as refused:
        spec.evaluate({**station, "co_website_tram": True}, BEFORE)
    assert codes(refused) == ["F070"]
    assert "exists only from 2025-07-01 (25/2025/QĐ-BYT)" in message(refused.value.diagnostics[0], "en")
    assert spec.evaluate({**station, "co_website_tram": None}, BEFORE).total  # a blank cell serves both sides
    assert spec.evaluate({**station, "co_website_tram": True}, AFTER).total == spec.evaluate(station, BEFORE).total


def test_a_removed_fact_is_no_longer_required_even_strictly(specs_with: Make, station: dict[str, Any]) -> None:
    spec = specs_with(header() + "remove indicator 9\nremove fact co_nhan_luc_yhct\n"
                      "change indicator 8 max to 3\n")
    without = {k: v for k, v in station.items() if k != "co_nhan_luc_yhct"}
    with pytest.raises(ytxa_rules.FactsError) as missing:
        spec.evaluate(without, BEFORE, strict=True)
    assert codes(missing) == ["F010"]
    after = spec.evaluate(without, AFTER, strict=True)
    assert after.indicator(8).max == 3 and all(i.number != "9" for i in after.indicators)
    with pytest.raises(ytxa_rules.FactsError) as removed:
        spec.evaluate(station, AFTER)
    assert codes(removed) == ["F071"]
    assert "removed by 25/2025/QĐ-BYT" in message(removed.value.diagnostics[0], "en")


def test_a_fact_can_become_required_and_change_its_description(specs_with: Make, station: dict[str, Any]) -> None:
    spec = specs_with(header() + "change fact huyen optional to no\n"
                      'change fact huyen description to "Khu vực (sau sắp xếp đơn vị hành chính)"\n')
    without = {k: v for k, v in station.items() if k != "huyen"}
    assert spec.evaluate(without, BEFORE, strict=True).total > 0
    with pytest.raises(ytxa_rules.FactsError) as missing:
        spec.evaluate(without, AFTER, strict=True)
    assert codes(missing) == ["F010"]
    fact = next(f for f in spec.composed(AFTER).facts if f.name == "huyen")
    assert fact.description.startswith("Khu vực") and [a.id for a in fact.amended_by] == ["25/2025/QĐ-BYT"] * 2


def test_a_fact_redeclared_with_a_new_type_and_bounds(specs_with: Make, station: dict[str, Any]) -> None:
    spec = specs_with(header() + 'replace fact so_cuoc_hop_ban_chi_dao: count <= 12 "Số cuộc họp của Ban Chỉ đạo trong năm (tối đa 12)"\n')
    busy = {**station, "so_cuoc_hop_ban_chi_dao": 20}
    assert spec.evaluate(busy, BEFORE).indicator(1).points == 2
    with pytest.raises(ytxa_rules.FactsError) as refused:
        spec.evaluate(busy, AFTER)
    assert codes(refused) == ["F006"]


def test_a_value_and_a_table_removed(specs_with: Make, station: dict[str, Any]) -> None:
    spec = specs_with(header() + "remove indicator 38\nremove value ty_le_sang_loc_truoc_sinh\nchange indicator 37 max to 4\n"
                      "remove indicator 35\nremove table nguong_thap_coi\nremove fact ty_le_tre_duoi_5_thap_coi\n"
                      "change indicator 36 max to 4\n")
    assert not [d for d in spec.check() if d.is_error]
    doc = spec.composed(AFTER)
    assert "nguong_thap_coi" not in {t.name for t in doc.tables}
    assert "ty_le_sang_loc_truoc_sinh" not in {v.name for v in doc.values}
    assert {(r.kind, r.name) for r in doc.removed} >= {("indicator", "35"), ("table", "nguong_thap_coi"), ("value", "ty_le_sang_loc_truoc_sinh")}
    before = spec.evaluate(station, BEFORE)
    after = spec.evaluate({k: v for k, v in station.items() if k != "ty_le_tre_duoi_5_thap_coi"}, AFTER)
    assert before.indicator(35).max == 2 and after.indicator(36).max == 4


def test_removing_what_is_still_used_is_an_error_at_the_removal(specs_with: Make) -> None:
    spec = specs_with(header() + "remove table nguong_thap_coi\n")
    errors = [d for d in spec.check() if d.is_error]
    assert [d.code for d in errors] == ["E526"]
    assert errors[0].span is not None and errors[0].span.file.endswith("sua-doi-0.ytxa") and errors[0].span.line == 8
    assert "chỉ tiêu 35" in message(errors[0], "vi")
