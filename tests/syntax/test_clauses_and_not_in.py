"""`not applicable` may follow the scoring rule, and `x not in (…)` is an ordinary condition.

Both used to fail: the first parsed as the start of `x not in (…)`, the second reached the
checker as a raw parse-tree node and crashed it.
"""

from __future__ import annotations

import pytest

from ytxa_rules import ast
from ytxa_rules.check import check_document
from ytxa_rules.errors import SpecError
from ytxa_rules.syntax.formatter import format_text
from ytxa_rules.syntax.parser import parse_text

SPEC = """document "T"
  effective 2023-03-09
  total 1
fact loai_don_vi: one of xa, phuong, thi_tran "Loại đơn vị"
fact co_bac_si: bool "Có bác sĩ"
criterion 1 "Nhân lực" max 1
  indicator 1 "Có bác sĩ" max 1 provisional
    cite "1300/QĐ-BYT, chỉ tiêu 7"
    points 1 when co_bac_si and loai_don_vi not in (phuong, thi_tran)
    not applicable when loai_don_vi = phuong
recognition
  cite "1300/QĐ-BYT, Phần III"
  require total >= 80% of max
"""


def _document(text: str) -> ast.Document:
    document = parse_text(text)
    assert isinstance(document, ast.Document)
    return document


def test_not_applicable_after_the_rule() -> None:
    indicator = _document(SPEC).indicators()[0]
    assert indicator.not_applicable is not None
    assert indicator.rule is not None


def test_not_in_is_a_negated_membership() -> None:
    rule = _document(SPEC).indicators()[0].rule
    assert isinstance(rule, ast.Bands)
    condition = rule.bands[0].condition
    assert isinstance(condition, ast.And)
    assert isinstance(condition.operands[1], ast.Not)
    assert isinstance(condition.operands[1].operand, ast.In)


def test_not_in_checks_clean_and_formats_as_written() -> None:
    assert [d for d in check_document(_document(SPEC)) if d.is_error] == []
    formatted = format_text(SPEC)
    assert "loai_don_vi not in (phuong, thi_tran)" in formatted
    assert _document(formatted) == _document(SPEC)


def test_misspelt_enum_value_in_not_in_is_reported() -> None:
    document = _document(SPEC.replace("not in (phuong,", "not in (phuongg,"))
    assert [d.code for d in check_document(document) if d.is_error] == ["E207"]


@pytest.mark.parametrize("written", ["not aplicable", "nto applicable"])
def test_misspelt_not_applicable_is_suggested(written: str) -> None:
    with pytest.raises(SpecError) as caught:
        parse_text(SPEC.replace("not applicable", written))
    (diagnostic,) = caught.value.diagnostics
    assert (diagnostic.arguments["found"], diagnostic.arguments["suggestion"]) == (written, "not applicable")
