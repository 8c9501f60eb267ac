"""Two-key tables and parts that may not apply in a base document: parsed, formatted back
to the same text, checked with located errors, scored and explained (vi, en, JSON)."""

from __future__ import annotations

import datetime
import json
from fractions import Fraction
from pathlib import Path

import pytest

import ytxa_rules
from ytxa_rules.check import check_document
from ytxa_rules.engine.compiled import CompiledSpec
from ytxa_rules.render.json_result import result_to_dict as result_json
from ytxa_rules.render.text import explain
from ytxa_rules.syntax.formatter import format_text
from ytxa_rules.syntax.parser import parse_text

AS_OF = datetime.date(2025, 6, 1)
TABLE = """\
table yeu_cau by loai, vung "Diện tích yêu cầu (m²)"
  xa, 1: 500
  xa, 2: 400
  phuong, 1: 300
  phuong, 2: unknown confirmed
"""
SPEC = """\
document "T/1"
  title "Thử"
  issued 2025-01-01
  effective 2025-01-01
  total 5

fact vung: one of 1, 2 "Vùng"
fact loai: one of xa, phuong "Loại"
fact dien_tich: count "Diện tích"
fact co_hop_dong: bool "Hợp đồng"
fact hai_dao: bool "Hải đảo"

{table}
criterion 1 "Một" max 5

  indicator 1 "Đất" max 2 confirmed
    cite "T/1, chỉ tiêu 1"
    points 2 when dien_tich >= yeu_cau
           1 when dien_tich >= 0.5 * yeu_cau

  indicator 2 "Tổng" max 3 confirmed
    cite "T/1, chỉ tiêu 2"
    points sum
      part "Hợp đồng" not applicable when hai_dao:
        2 when co_hop_dong
      part "Diện tích" not applicable when hai_dao and loai = phuong:
        1 when dien_tich >= 100

recognition "Đạt"
  cite "T/1"
  require total >= 50% of max
"""


def document(table: str = TABLE) -> ytxa_rules.ast.Document:
    parsed = parse_text(SPEC.format(table=table), "t.ytxa")
    assert isinstance(parsed, ytxa_rules.ast.Document)
    return parsed


def located(table: str) -> list[tuple[str, str]]:
    return [(d.code, str(d.span)) for d in check_document(document(table)) if d.is_error]


def test_the_text_parses_formats_back_to_itself_and_checks() -> None:
    parsed = document()
    table = parsed.tables[0]
    assert table.keys == ("loai", "vung") and [e.keys for e in table.entries][:2] == [("xa", "1"), ("xa", "2")]
    assert parsed.indicators()[1].rule.parts[0].not_applicable == ytxa_rules.ast.Ref("hai_dao")  # type: ignore[union-attr]
    assert format_text(SPEC.format(table=TABLE)) == SPEC.format(table=TABLE)
    assert parse_text(format_text(SPEC.format(table=TABLE))) == parsed
    assert located(TABLE) == []


@pytest.mark.parametrize(
    ("table", "expected"),
    [
        # a pair missing: one error at the table, listing the pairs
        ('table yeu_cau by loai, vung "x"\n  xa, 1: 500\n  xa, 2: 400\n  phuong, 1: 300\n', [("E541", "t.ytxa:13:1")]),
        # a pair given twice: at the second
        (TABLE + "  xa, 1: 450\n", [("E208", "t.ytxa:18:3")]),
        # a value that is no value of the second key, and the pair it leaves out
        (TABLE.replace("phuong, 2: unknown", "phuong, 3: unknown"), [("E541", "t.ytxa:13:1"), ("E211", "t.ytxa:17:3")]),
        # one value in a table by two facts
        (TABLE.replace("phuong, 2: unknown", "phuong: unknown"), [("E541", "t.ytxa:13:1"), ("E540", "t.ytxa:17:3")]),
        # the same fact twice; a key that is not a choice; a key that does not exist
        ('table yeu_cau by vung, vung "x"\n  1, 1: 500\n', [("E542", "t.ytxa:13:1")]),
        (TABLE.replace("by loai, vung", "by loai, dien_tich"), [("E209", "t.ytxa:13:1")]),
        (TABLE.replace("by loai, vung", "by loai, vungg"), [("E200", "t.ytxa:13:1")]),
    ],
)
def test_table_errors_are_located(table: str, expected: list[tuple[str, str]]) -> None:
    assert located(table) == expected


def test_the_missing_pairs_are_named() -> None:
    text = 'table yeu_cau by loai, vung "x"\n  xa, 1: 500\n'
    [found] = [d for d in check_document(document(text)) if d.is_error]
    assert found.arguments == {"table": "yeu_cau", "count": 3, "pairs": "xa, 2; phuong, 1; phuong, 2"}


def test_a_part_condition_that_is_no_condition_is_located() -> None:
    text = SPEC.format(table=TABLE).replace("not applicable when hai_dao:", "not applicable when dien_tich:")
    parsed = parse_text(text, "t.ytxa")
    assert isinstance(parsed, ytxa_rules.ast.Document)
    assert [(d.code, str(d.span)) for d in check_document(parsed) if d.is_error] == [("E301", "t.ytxa:29:43")]


@pytest.fixture(scope="module")
def compiled() -> CompiledSpec:
    return CompiledSpec(document(), "test")


def test_the_pair_of_values_picks_the_entry(compiled: CompiledSpec) -> None:
    station = {"loai": "phuong", "vung": 1, "dien_tich": 300, "co_hop_dong": True, "hai_dao": False}
    result = compiled.evaluate(station, AS_OF, trace=True)
    assert result.indicator(1).points == 2
    assert "yeu_cau (Diện tích yêu cầu (m²)), loai = phuong, vung = 1: 300" in explain(result, "vi")
    entry = next(e for e in result_json(result)["indicators"][0]["trace"] if e["kind"] == "table")
    assert (entry["key_fact"], entry["key"], entry["second_key_fact"], entry["second_key"]) == ("loai", "phuong", "vung", "1")
    unknown = compiled.evaluate({**station, "vung": 2}, AS_OF)
    assert unknown.indicator(1).status == "missing_data" and unknown.indicator(1).reason == "?yeu_cau[phuong, 2]"


def test_a_part_that_does_not_apply_reduces_the_maximum(compiled: CompiledSpec) -> None:
    station = {"loai": "xa", "vung": 1, "dien_tich": 500, "co_hop_dong": True, "hai_dao": True}
    result = compiled.evaluate(station, AS_OF, trace=True)
    two = result.indicator(2)
    assert (two.points, two.max, two.status) == (1, 1, "scored")  # 3 less part 1's 2
    assert (result.total, result.max) == (3, 3)
    assert [(c.points, c.max) for c in result.criteria] == [(3, 3)]
    assert compiled.evaluate(station, AS_OF).indicator(2).max == 1  # the untraced path agrees
    en = explain(result, "en")
    assert 'part 1 "Hợp đồng": not applicable when hai_dao → true (not applicable: the maximum is reduced by 2)' in en
    assert 'part 2 "Diện tích": not applicable when hai_dao and loai = phuong → false' in en
    checks = [e for e in result_json(result)["indicators"][1]["trace"] if e["kind"] == "not_applicable"]
    assert [(c["part"], c["held"], c["part_max"]) for c in checks] == [('part 1 "Hợp đồng"', True, 2), ('part 2 "Diện tích"', False, 1)]
    json.dumps(result_json(result))


def test_when_no_part_applies_the_indicator_does_not(compiled: CompiledSpec) -> None:
    station = {"loai": "phuong", "vung": 1, "dien_tich": 500, "co_hop_dong": True, "hai_dao": True}
    result = compiled.evaluate(station, AS_OF, trace=True)
    assert (result.indicator(2).status, result.indicator(2).max) == ("not_applicable", Fraction(0))
    assert result.max == 2


def test_a_part_condition_with_a_missing_fact_is_missing_data(compiled: CompiledSpec) -> None:
    station = {"loai": "xa", "vung": 1, "dien_tich": 500, "co_hop_dong": True}
    two = compiled.evaluate(station, AS_OF).indicator(2)
    assert (two.status, two.missing, two.max) == ("missing_data", ("hai_dao",), 3)


def test_the_facts_reference_needs_both_keys(tmp_path: Path) -> None:
    spec_file = tmp_path / "t.ytxa"
    spec_file.write_text(SPEC.format(table=TABLE), encoding="utf-8")
    spec = ytxa_rules.load(spec_file)
    assert {"loai", "vung"} <= set(spec.at(AS_OF)._dependencies[0])
