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
    if value is None:
        result = spec.evaluate(facts, datetime.date(2024, 12, 31))
        assert result.indicator(17).status == "missing_data"
        return
    with pytest.raises(ytxa_rules.FactsError) as info:
        spec.evaluate(facts, datetime.date(2024, 12, 31))
    assert {d.code for d in info.value.diagnostics} <= {"F005", "F011"}
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
