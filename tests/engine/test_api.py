"""The embedding API: load, evaluate, dates, missing data, immutability, threads."""

from __future__ import annotations

import datetime
import json
import threading
from fractions import Fraction
from pathlib import Path

import attrs
import pytest

import ytxa_rules
from ytxa_rules.engine.result import MISSING_DATA, NOT_APPLICABLE

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def station() -> dict[str, object]:
    facts, _ = ytxa_rules.read_facts(ROOT / "examples" / "xa-dat-chuan.yaml")
    return facts


def test_load_and_evaluate(spec, station) -> None:  # type: ignore[no-untyped-def]
    result = spec.evaluate(station, datetime.date(2024, 12, 31))
    assert (result.total, result.max, result.passed) == (87, 100, True)
    assert result.spec_id == "1300/QĐ-BYT" and result.amendments == ("1453/QĐ-BYT",)
    assert len(result.indicators) == 47 and len(result.criteria) == 10
    payload = result.to_dict()
    assert payload["schema"] == "ytxa-result/1"
    json.dumps(payload)  # serialisable as is


def test_default_as_of_is_end_of_assessment_year(spec, station) -> None:  # type: ignore[no-untyped-def]
    assert spec.evaluate(station).as_of == datetime.date(2024, 12, 31)
    no_year = {k: v for k, v in station.items() if k != "nam_danh_gia"}
    assert spec.evaluate(no_year).as_of == datetime.date.today()


def test_indicator_35_follows_the_erratum_by_date(spec, station) -> None:  # type: ignore[no-untyped-def]
    low_stunting = {**station, "ty_le_tre_duoi_5_thap_coi": 10}
    assert spec.evaluate(low_stunting, datetime.date(2023, 3, 19)).indicator(35).points == 0
    assert spec.evaluate(low_stunting, datetime.date(2023, 3, 20)).indicator(35).points == 2
    at_threshold = {**station, "ty_le_tre_duoi_5_thap_coi": Fraction(33, 2)}
    assert spec.evaluate(at_threshold, datetime.date(2023, 3, 19)).indicator(35).points == 2
    assert spec.evaluate(at_threshold, datetime.date(2023, 3, 20)).indicator(35).points == 2


def test_before_the_decision_is_a_usage_error(spec, station) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(ytxa_rules.UsageError):
        spec.evaluate(station, datetime.date(2023, 3, 8))


@pytest.mark.parametrize(("value", "points"), [(90, 3), ("90.00", 3), (89.999, 2), ("89.99", 2), (Fraction(8999, 100), 2)])
def test_exact_thresholds(spec, station, value, points) -> None:  # type: ignore[no-untyped-def]
    result = spec.evaluate({**station, "ty_le_trang_thiet_bi": value}, datetime.date(2024, 12, 31))
    assert result.indicator(17).points == points


def test_phuong_makes_indicator_11_not_applicable(spec, station) -> None:  # type: ignore[no-untyped-def]
    result = spec.evaluate({**station, "loai_don_vi": "phuong"}, datetime.date(2024, 12, 31))
    assert result.indicator(11).status == NOT_APPLICABLE
    assert result.max == 98
    assert next(c for c in result.criteria if c.number == 2).max == 8


def test_zero_denominator_is_not_applicable(spec, station) -> None:  # type: ignore[no-untyped-def]
    result = spec.evaluate({**station, "so_nguoi_khuyet_tat": 0, "so_nguoi_khuyet_tat_duoc_phcn": 0}, datetime.date(2024, 12, 31))
    assert result.indicator(32).status == NOT_APPLICABLE


def test_missing_data_is_reported_and_verdict_undecided_only_when_it_matters(spec, station) -> None:  # type: ignore[no-untyped-def]
    result = spec.evaluate({k: v for k, v in station.items() if k != "so_phong_chuc_nang"}, datetime.date(2024, 12, 31))
    assert result.indicator(14).status == MISSING_DATA and result.indicator(14).missing == ("so_phong_chuc_nang",)
    assert result.missing == ("so_phong_chuc_nang",) and not result.complete
    assert result.passed is True  # 85/100 even with 0 for indicator 14
    knockout_unknown = {k: v for k, v in station.items() if k != "co_dich_lon_khong_kiem_soat"}
    result = spec.evaluate(knockout_unknown, datetime.date(2024, 12, 31))
    assert result.passed is None
    assert any(r.kind == "knockout" and r.held is None for r in result.reasons)


def test_strict_makes_missing_facts_errors(spec, station) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(ytxa_rules.FactsError) as info:
        spec.evaluate({k: v for k, v in station.items() if k != "so_phong_chuc_nang"}, strict=True)
    assert [d.code for d in info.value.diagnostics] == ["F010"]


def test_results_are_immutable_and_deterministic(spec, station) -> None:  # type: ignore[no-untyped-def]
    first = spec.evaluate(station, trace=True)
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        first.total = 0  # type: ignore[misc]
    assert first.to_dict() == spec.evaluate(station, trace=True).to_dict()


def test_spec_is_safe_to_share_between_threads(station) -> None:  # type: ignore[no-untyped-def]
    spec = ytxa_rules.load()
    results: list[object] = []
    dates = [datetime.date(2023, 3, 19), datetime.date(2023, 3, 20), datetime.date(2025, 1, 1)] * 8

    def work(day: datetime.date) -> None:
        results.append(spec.evaluate({**station, "ty_le_tre_duoi_5_thap_coi": 10}, day).indicator(35).points)

    threads = [threading.Thread(target=work, args=(d,)) for d in dates]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(results) == sorted([0, 2, 2] * 8)


def test_318_reuses_the_1300_verdict(station) -> None:  # type: ignore[no-untyped-def]
    spec = ytxa_rules.load(document="318/QĐ-TTg")
    result = spec.evaluate({**station, "vung_kinh_te": "trung_du_mien_nui_phia_bac"}, datetime.date(2024, 12, 31))
    assert result.indicator("15.2").points == 1
    assert result.indicator("15.1").status == MISSING_DATA  # the BHYT floor is not known
    assert result.passed is None
    failing = {**station, "co_dich_lon_khong_kiem_soat": True}
    assert spec.evaluate(failing, datetime.date(2024, 12, 31)).indicator("15.2").points == 0
    assert spec.evaluate(failing, datetime.date(2024, 12, 31)).passed is False


def test_unknown_document_is_a_usage_error() -> None:
    with pytest.raises(ytxa_rules.UsageError) as info:
        ytxa_rules.load(document="9999/QĐ-BYT")
    assert "1300/QĐ-BYT" in info.value.render("en")


def test_text_renderers_are_public(spec, station) -> None:  # type: ignore[no-untyped-def]
    result = spec.evaluate(station, datetime.date(2024, 12, 31), trace=True)
    assert "Kết quả: ĐẠT — 87/100 điểm" in ytxa_rules.summary_text(result)
    explained = ytxa_rules.explain_text(result, "en")
    assert "Indicator 35." in explained and "[per 1453/QĐ-BYT, correcting 1300/QĐ-BYT" in explained
