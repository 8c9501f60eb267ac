"""The `date` fact kind, end to end: declared, compared with date literals, read from
JSON, YAML and spreadsheet cells, checked by E403 like numbers, shown in JSON."""

from __future__ import annotations

import datetime
import json

import pytest

from tests.fuzz.regressions.spec.spec_helpers import spec_text
from ytxa_rules import ast
from ytxa_rules.check import check_document
from ytxa_rules.engine.compiled import CompiledSpec
from ytxa_rules.errors import FactsError
from ytxa_rules.render.numbers import json_number
from ytxa_rules.syntax.formatter import format_text
from ytxa_rules.syntax.parser import parse_text

AS_OF = datetime.date(2024, 12, 31)
FACTS = 'fact ngay_kiem_tra: date "Ngày kiểm tra gần nhất"\nfact x: count\n'
RULE = "points 2 when ngay_kiem_tra >= 2024-07-01 and x >= 1\n           1 when ngay_kiem_tra >= 2024-01-01"


def document(rule: str = RULE) -> ast.Document:
    parsed = parse_text(spec_text(FACTS, rule))
    assert isinstance(parsed, ast.Document)
    return parsed


def codes(rule: str) -> list[str]:
    return [d.code for d in check_document(document(rule))]


@pytest.mark.parametrize(
    ("day", "expected"),
    [("2024-07-01", 2), ("2024-06-30", 1), ("2024-01-01", 1), ("2023-12-31", 0), (datetime.date(2024, 8, 1), 2),
     (datetime.datetime(2024, 8, 1), 2), (" 2024-07-01 ", 2)],
)  # fmt: skip
def test_dates_score_on_both_paths(day: object, expected: int) -> None:
    assert [d for d in check_document(document()) if d.is_error] == []
    spec = CompiledSpec(document(), "dates")
    facts = {"ngay_kiem_tra": day, "x": 1}
    assert spec.evaluate(facts, AS_OF).total == expected
    assert spec.evaluate(facts, AS_OF, trace=True).total == expected


@pytest.mark.parametrize(
    ("day", "code"),
    [("2024-7-1", "F090"), ("01/07/2024", "F090"), ("20240701", "F090"), ("2024-02-30", "F090"), ("1899-12-31", "F091"),
     (20240701, "F005"), (True, "F005"), (datetime.datetime(2024, 7, 1, 9, 30), "F005")],
)  # fmt: skip
def test_bad_dates_are_located_facts_errors(day: object, code: str) -> None:
    spec = CompiledSpec(document(), "dates")
    with pytest.raises(FactsError) as refused:
        spec.evaluate({"ngay_kiem_tra": day, "x": 1}, AS_OF)
    assert [d.code for d in refused.value.diagnostics] == [code]
    assert refused.value.diagnostics[0].arguments["name"] == "ngay_kiem_tra"


def test_dates_from_json_and_yaml_files(tmp_path) -> None:  # type: ignore[no-untyped-def]
    from ytxa_rules.facts.read import read_facts

    spec = CompiledSpec(document(), "dates")
    (tmp_path / "a.json").write_text(json.dumps({"ngay_kiem_tra": "2024-07-02", "x": 1}), encoding="utf-8")
    (tmp_path / "a.yaml").write_text("ngay_kiem_tra: 2024-07-02\nx: 1\n", encoding="utf-8")
    for name in ("a.json", "a.yaml"):
        facts, where = read_facts(tmp_path / name)
        assert spec.evaluate(facts, AS_OF, where=where).total == 2, name


def test_unreachable_date_bands_are_found_like_numbers() -> None:
    assert "E403" in codes("points 2 when ngay_kiem_tra >= 2024-01-01\n           1 when ngay_kiem_tra >= 2024-07-01")
    assert "E403" not in codes(RULE)
    assert "E403" in codes("points 2 when ngay_kiem_tra = 2024-01-01 or ngay_kiem_tra = 2024-02-01\n           1 when ngay_kiem_tra = 2024-02-01")


@pytest.mark.parametrize(
    ("rule", "code"),
    [
        ("points 2 when ngay_kiem_tra >= 5", "E300"),
        ("points 2 when ngay_kiem_tra + 1 >= 2024-01-01", "E302"),
        ("points 2 when min(ngay_kiem_tra) >= 2024-01-01", "E306"),
        ("points 2 when x >= 2024-01-01", "E300"),
        ("points 2 when ngay_kiem_tra >= 2024-02-30", "E104"),
    ],
)
def test_dates_mixed_with_numbers_are_type_errors(rule: str, code: str) -> None:
    try:
        found = codes(rule)
    except Exception as refused:  # a day that does not exist is refused by the parser
        found = [d.code for d in getattr(refused, "diagnostics", ())]
    assert code in found


def test_a_date_in_json_output_is_its_iso_text() -> None:
    assert json_number(datetime.date(2024, 7, 1)) == "2024-07-01"


def test_date_literals_format_back_as_written() -> None:
    text = format_text(spec_text(FACTS, RULE))
    assert "ngay_kiem_tra >= 2024-07-01" in text and "fact ngay_kiem_tra: date" in text


def test_a_traced_date_is_shown_in_the_explanation_and_the_json_result() -> None:
    from ytxa_rules.render.text import explain

    spec = CompiledSpec(document(), "dates")
    result = spec.evaluate({"ngay_kiem_tra": "2024-03-01", "x": 1}, AS_OF, trace=True)
    assert "2024-03-01 ≥ 2024-07-01" in explain(result, "vi")
    assert "2024-03-01 ≥ 2024-01-01 — true" in explain(result, "en")
    assert '"2024-03-01"' in json.dumps(result.to_dict())
