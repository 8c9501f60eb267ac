"""A new decision replaces the old from a date; its corrections are carried or dropped by name."""

from __future__ import annotations

import datetime
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

import ytxa_rules
from tests.compose.conftest import header
from ytxa_rules.resources import builtin_specs_dir

Make = Callable[..., ytxa_rules.Spec]
BEFORE, AFTER = datetime.date(2026, 12, 31), datetime.date(2027, 1, 1)


def new_decision(fields: str) -> str:
    """The national document under a new number, with its header fields replaced."""
    base = (builtin_specs_dir() / "1300-QD-BYT.ytxa").read_text(encoding="utf-8")
    head, _, rest = base.partition("  assessment year nam_danh_gia\n")
    body = rest.replace("1 when ty_le_bhyt >= 85%", "1 when ty_le_bhyt >= 80%")  # the new decision's change
    return (
        'document "2000/QĐ-BYT"\n  title "Bộ tiêu chí quốc gia về y tế xã (thay thế)"\n  issued 2026-10-01\n'
        f"  effective 2027-01-01\n  total 100\n  assessment year nam_danh_gia\n{fields}{body}"
    )


def errors(spec: ytxa_rules.Spec) -> list[str]:
    return [d.code for d in spec.check() if d.is_error]


def bhyt(station: dict[str, Any], people: int) -> dict[str, Any]:
    return {**station, "dan_so": 1000, "so_nguoi_tham_gia_bhyt": people, "so_nguoi_duoc_quan_ly_suc_khoe": 900, "so_nguoi_co_hssk_dien_tu": 800}


def test_the_new_decision_scores_from_its_date_and_carries_the_correction(specs_with: Make, station: dict[str, Any]) -> None:
    spec = specs_with(new_decision('  replaces "1300/QĐ-BYT" from 2027-01-01\n  carries "1453/QĐ-BYT"\n'))
    assert errors(spec) == [] and errors(ytxa_rules.Spec(spec.library, "2000/QĐ-BYT")) == []
    low = bhyt(station, 820)  # 82 %: nothing before, 1 point from the new decision
    assert spec.evaluate(low, BEFORE).indicator(4).points == 0
    after = spec.evaluate(low, AFTER)
    assert after.spec_id == "2000/QĐ-BYT" and after.indicator(4).points == 1
    # 1453 corrected indicator 35 to `<=`; carried, it still holds under the new decision.
    assert after.amendments == ("1453/QĐ-BYT",) and after.indicator(35).amended_by == ("1453/QĐ-BYT",)
    stunted = {**station, "ty_le_tre_duoi_5_thap_coi": 10}
    assert spec.evaluate(stunted, AFTER).indicator(35).points == 2


def test_a_dropped_correction_is_left_behind_on_purpose(specs_with: Make, station: dict[str, Any]) -> None:
    spec = specs_with(new_decision('  replaces "1300/QĐ-BYT" from 2027-01-01\n  drops "1453/QĐ-BYT"\n'))
    assert errors(ytxa_rules.Spec(spec.library, "2000/QĐ-BYT")) == []
    stunted = {**station, "ty_le_tre_duoi_5_thap_coi": 10}
    assert spec.evaluate(stunted, BEFORE).indicator(35).points == 2
    assert spec.evaluate(stunted, AFTER).indicator(35).points == 0 and spec.evaluate(stunted, AFTER).amendments == ()


def test_a_correction_neither_carried_nor_dropped_is_an_error(specs_with: Make) -> None:
    spec = specs_with(new_decision('  replaces "1300/QĐ-BYT" from 2027-01-01\n'))
    assert errors(ytxa_rules.Spec(spec.library, "2000/QĐ-BYT")) == ["E531"]


def test_an_amendment_of_the_replaced_document_after_the_replacement(specs_with: Make) -> None:
    late = header("7/2027/QĐ-BYT", effective="2027-03-01") + "change indicator 4 band 1 threshold to 97%\n"
    spec = specs_with(new_decision('  replaces "1300/QĐ-BYT" from 2027-01-01\n  carries "1453/QĐ-BYT"\n'), late)
    assert "E532" in errors(ytxa_rules.Spec(spec.library, "2000/QĐ-BYT"))


def test_a_document_can_expire(specs_with: Make, station: dict[str, Any], tmp_path: Path) -> None:
    text = new_decision("  expires 2028-01-01\n")
    folder = tmp_path / "alone"
    folder.mkdir()
    (folder / "2000.ytxa").write_text(text, encoding="utf-8")
    spec = ytxa_rules.load(folder)
    assert spec.evaluate(bhyt(station, 820), datetime.date(2027, 12, 31)).indicator(4).points == 1
    with pytest.raises(ytxa_rules.UsageError) as expired:
        spec.evaluate(station, datetime.date(2028, 1, 1))
    assert [d.code for d in expired.value.diagnostics] == ["E533"]
