"""Amendment errors where the editor can fix them, and the new checks on amendments."""

from __future__ import annotations

from collections.abc import Callable

import ytxa_rules
from tests.compose.conftest import header
from ytxa_rules.messages import message

Make = Callable[..., ytxa_rules.Spec]


def findings(spec: ytxa_rules.Spec) -> list[tuple[str, str, int]]:
    return [(d.code, d.span.file.rsplit("/", 1)[-1], d.span.line) for d in spec.check() if d.span is not None]


def test_issued_after_effective(specs_with: Make) -> None:
    text = header(effective="2025-06-01")  # issued 2025-06-20
    assert ("E111", "sua-doi-0.ytxa", 1) in findings(specs_with(text + "change indicator 4 band 1 threshold to 97%\n"))


def test_percent_into_a_table_of_square_metres(specs_with: Make) -> None:
    found = [d for d in specs_with(header() + "change table dien_tich_yeu_cau entry 1 to 50%\n").check() if d.is_error]
    assert [d.code for d in found] == ["E525"]
    assert "bảng dien_tich_yeu_cau" in message(found[0], "vi") and "số (không phải %)" in message(found[0], "vi")
    added = specs_with(header() + "add to table muc_tieu_nha_tieu\n  1: 90\n")
    assert "E524" in [d.code for d in added.check()]  # the entry exists already: say so first


def test_count_into_a_percent_threshold(specs_with: Make) -> None:
    found = [d for d in specs_with(header() + "change indicator 4 band 1 threshold to 97\n").check() if d.is_error]
    assert [d.code for d in found] == ["E525"]
    assert "tỷ lệ phần trăm" in message(found[0], "vi")


def test_an_operation_that_changes_nothing(specs_with: Make) -> None:
    spec = specs_with(header() + "change indicator 4 band 1 threshold to 95%\nchange indicator 5 band 1 threshold to 97%\n")
    warned = [d for d in spec.check() if d.code == "W520"]
    assert len(warned) == 1 and warned[0].span is not None and warned[0].span.line == 8
    assert "chỉ tiêu 4 mức 1 ngưỡng" in message(warned[0], "vi")


def test_an_error_after_composing_is_reported_at_the_operation(specs_with: Make) -> None:
    # 3 points from 85 % and 2 from 90 %: band 2 can never be reached — in the base file's
    # band, but caused by the amendment.
    spec = specs_with(header() + "change indicator 4 band 1 threshold to 85%\n")
    found = spec.check()
    errors = [d for d in found if d.is_error]
    assert errors and all(d.span is not None and d.span.file.endswith("sua-doi-0.ytxa") for d in errors)
    notes = [d for d in found if d.code == "N001" and d.span is not None and d.span.file.endswith("1300-QD-BYT.ytxa")]
    assert notes, "a note at the base line the error came from"
