"""Hostile input never ends in a traceback or a wrong score: one regression test per problem
found while attacking the tool (named after it)."""

from __future__ import annotations

import datetime
import io
from decimal import Decimal
from pathlib import Path

import pytest

import ytxa_rules
from ytxa_rules.cli import main

SPEC = """\
document "A"
  title "a"
  effective 2024-01-01
  total 1
  uses "B" as b
fact x: bool "x"
criterion 1 "c" max 1
  indicator 1 "i" max 1 provisional
    cite "c"
    points 1 when x and b.passed
recognition "r"
  cite "c"
  require total >= 100% of max
"""


def run(*args: str) -> tuple[int, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main(list(args), out=out, err=err)
    return code, out.getvalue() + err.getvalue()


def test_uses_cycle_is_an_error_not_endless_recursion(tmp_path: Path) -> None:
    (tmp_path / "a.ytxa").write_text(SPEC, encoding="utf-8")
    other = SPEC.replace('"A"', '"B"').replace('"B" as b', '"A" as b').replace("fact x", "fact y").replace("when x", "when y")
    (tmp_path / "b.ytxa").write_text(other, encoding="utf-8")
    code, out = run("check", str(tmp_path))
    assert code == 1 and "E223" in out and "A → B → A" in out
    (tmp_path / "f.yaml").write_text("x: yes\ny: yes\n", encoding="utf-8")
    code, out = run("eval", str(tmp_path / "f.yaml"), "--spec", str(tmp_path), "--document", "A")
    assert code == 2 and "E223" in out


def test_self_use_is_a_cycle(tmp_path: Path) -> None:
    (tmp_path / "a.ytxa").write_text(SPEC.replace('"B" as b', '"A" as b'), encoding="utf-8")
    code, out = run("check", str(tmp_path))
    assert code == 1 and "E223" in out


@pytest.mark.parametrize(
    "value",
    [[1, 2], {"a": 1}, "1,234", "95%", "nan", "inf", Decimal("NaN"), True, None, 10**40, -1],
)
def test_odd_values_for_a_percent_never_score_wrongly(spec, value: object) -> None:  # type: ignore[no-untyped-def]
    facts, _ = ytxa_rules.read_facts(Path(__file__).resolve().parent.parent / "examples" / "xa-dat-chuan.yaml")
    facts = {**facts, "ty_le_trang_thiet_bi": value}
    if value is None or isinstance(value, Decimal):  # null and NaN: an empty cell, the fact is missing
        result = spec.evaluate(facts, datetime.date(2024, 12, 31))
        assert result.indicator(17).status == "missing_data"
        return
    with pytest.raises(ytxa_rules.FactsError) as info:
        spec.evaluate(facts, datetime.date(2024, 12, 31))
    assert {d.code for d in info.value.diagnostics} <= {"F005", "F011", "F014"}  # F014: 41 digits, over the limit
    assert "ty_le_trang_thiet_bi" in info.value.render("en")


def test_deeply_nested_expression_is_a_spec_error_or_parses(tmp_path: Path) -> None:
    deep = "(" * 400 + "x" + ")" * 400
    path = tmp_path / "deep.ytxa"
    path.write_text(SPEC.replace("x and b.passed", deep).replace('  uses "B" as b\n', ""), encoding="utf-8")
    code, out = run("check", str(path))
    assert code in (0, 1)
    assert "Traceback" not in out


def test_binary_and_empty_files(tmp_path: Path) -> None:
    (tmp_path / "bin.ytxa").write_bytes(b"\xff\xfe\x00garbage")
    code, out = run("check", str(tmp_path / "bin.ytxa"))
    assert code == 1 and "E002" in out
    (tmp_path / "empty.ytxa").write_text("", encoding="utf-8")
    code, out = run("check", str(tmp_path / "empty.ytxa"))
    assert code == 1 and "E100" in out
    (tmp_path / "empty.yaml").write_text("", encoding="utf-8")
    code, out = run("eval", str(tmp_path / "empty.yaml"))
    assert code == 0 and "CHƯA XÁC ĐỊNH" in out  # nothing given: undecided, never a pass


def test_infinity_is_a_facts_error_and_nan_is_missing(spec) -> None:  # type: ignore[no-untyped-def]
    facts, _ = ytxa_rules.read_facts(Path(__file__).resolve().parent.parent / "examples" / "xa-dat-chuan.yaml")
    for name in ("ty_le_trang_thiet_bi", "so_phong_chuc_nang"):
        for bad in (float("inf"), Decimal("Infinity"), float("-inf")):
            with pytest.raises(ytxa_rules.FactsError):
                spec.evaluate({**facts, name: bad}, datetime.date(2024, 12, 31))
        for empty in (float("nan"), Decimal("NaN")):  # pandas' empty cell: not given, never a number
            assert name in spec.evaluate({**facts, name: empty}, datetime.date(2024, 12, 31)).missing
    assert spec.evaluate({**facts, "so_phong_chuc_nang": 9.0}, datetime.date(2024, 12, 31)).indicator(14).points == 2


def test_as_of_must_be_a_date(spec) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(ytxa_rules.UsageError):
        spec.evaluate({}, "2024-12-31")  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("name", "value", "hint"),
    [("co_dien", "co", "yes"), ("co_dien", "off", "no"), ("ty_le_thuoc_thiet_yeu", "92%", "92"),
     ("dien_tich_dat_m2", "620,5", "620.5"), ("ma_xa", 13669, '"13669"')],
)
def test_facts_typed_by_hand_get_a_hint(spec, name: str, value: object, hint: str) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(ytxa_rules.FactsError) as info:
        spec.evaluate({name: value}, datetime.date(2024, 12, 31))
    assert info.value.diagnostics[0].arguments["suggestion"] == hint
    assert f"`{hint}`" in info.value.render("vi")


def test_two_amendment_files_with_one_id(tmp_path: Path) -> None:
    text = 'amendment "9/QĐ-BYT"\n  amends "1300/QĐ-BYT"\n  issued 2025-01-01\n  effective 2025-01-01\n  reason "x"\n\nchange indicator 4 band 1 threshold to 97%\n'
    (tmp_path / "a.ytxa").write_text(text, encoding="utf-8")
    (tmp_path / "b.ytxa").write_text(text.replace("97%", "96%"), encoding="utf-8")
    code, out = run("check", str(tmp_path))
    assert code == 1 and "E513" in out


def test_json_errors_for_bad_facts(tmp_path: Path) -> None:
    import json

    path = tmp_path / "f.yaml"
    path.write_text("co_dien: on\ndan_so: -3\n", encoding="utf-8")  # `on`: YAML 1.1 read it as true
    out, err = io.StringIO(), io.StringIO()
    assert main(["eval", str(path), "--format", "json", "--lang", "en"], out=out, err=err) == 2
    findings = json.loads(out.getvalue())
    assert [(f["code"], f["line"]) for f in findings] == [("F005", 1), ("F005", 2)]
    assert findings[0]["suggestion"] == "yes"


def test_yaml_tags_are_never_constructed(tmp_path: Path) -> None:
    path = tmp_path / "evil.yaml"
    path.write_text('dan_so: !!python/object/apply:os.system ["true"]\nco_dien: [1, {a: !!binary "aGk="}]\nx: !custom 3\n', encoding="utf-8")
    code, out = run("eval", str(path), "--lang", "en")
    assert code == 2 and out.count("[F002]") == 3 and "Traceback" not in out


@pytest.mark.parametrize(("name", "content"), [("deep.json", '{"a": ' + "[" * 20000 + "]" * 20000 + "}"), ("deep.yaml", "a: " + "[" * 20000 + "]" * 20000)])
def test_deeply_nested_facts_files(tmp_path: Path, name: str, content: str) -> None:
    (tmp_path / name).write_text(content, encoding="utf-8")
    code, out = run("eval", str(tmp_path / name))
    assert code == 2 and "[F002]" in out
