"""A percent that looks like a fraction is a warning in the result, the JSON, the text and on
stderr, and an error with `strict` (issue 9 "plausibility warnings", issue 12's 0.865)."""

from __future__ import annotations

import datetime
import io
import json
from pathlib import Path

import jsonschema
import pytest

import ytxa_rules
from ytxa_rules.cli import main
from ytxa_rules.facts.read import read_facts
from ytxa_rules.render.text import explain, summary

ROOT = Path(__file__).resolve().parents[2]
AS_OF = datetime.date(2024, 12, 31)
SAMPLE = (ROOT / "examples" / "xa-dat-chuan.yaml").read_text(encoding="utf-8")
PERCENTS = ("ty_le_trang_thiet_bi", "ty_le_thuoc_thiet_yeu", "ty_le_danh_muc_dvkt", "ty_le_luot_kcb_bhyt_tai_tram",
            "ty_le_kcb_yhct", "ty_le_tre_duoi_5_thap_coi", "ty_le_su_dung_bptt_hien_dai")


def example() -> dict[str, object]:
    facts, _ = read_facts(ROOT / "examples" / "xa-dat-chuan.yaml")
    return facts


def run(*args: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main(list(args), out=out, err=err)
    return code, out.getvalue(), err.getvalue()


def test_a_fraction_among_percents_is_a_warning_not_a_silent_score(spec, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "f.yaml"
    path.write_text(SAMPLE.replace("ty_le_trang_thiet_bi: 86.5", "ty_le_trang_thiet_bi: 0.865"), encoding="utf-8")
    facts, where = read_facts(path)
    result = spec.evaluate(facts, AS_OF, where=where)
    assert [(w.code, w.severity, w.arguments["name"], w.arguments["percent"]) for w in result.warnings] == [
        ("W600", "warning", "ty_le_trang_thiet_bi", "86.5")
    ]
    assert result.warnings[0].span is not None and result.warnings[0].span.line == SAMPLE.split("\n").index("ty_le_trang_thiet_bi: 86.5") + 1
    assert result.indicator(17).points == 0  # scored as written: the warning says what to check
    for lang, words in (("vi", "có phải ý bạn là 86.5?"), ("en", "did you mean 86.5?")):
        assert words in summary(result, lang) and words in explain(result, lang)
    code, out, err = run("eval", str(path), "--lang", "en")
    assert code == 0 and "[W600]" in out and f"{path}:" in err and "warning[W600]" in err
    code, out, err = run("eval", str(path), "--strict", "--lang", "en")
    assert code == 2 and "error[W600]" in err and out == ""


def test_warnings_in_the_json_result_follow_the_schema(spec, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "f.yaml"
    path.write_text(SAMPLE.replace("ty_le_kcb_yhct: 24", "ty_le_kcb_yhct: 0.24"), encoding="utf-8")
    code, out, _ = run("eval", str(path), "--format", "json")
    assert code == 0
    payload = json.loads(out)
    schema = json.loads((ROOT / "docs" / "reference" / "result-schema.json").read_text(encoding="utf-8"))
    jsonschema.validate(payload, schema)
    [warning] = payload["warnings"]
    assert warning["code"] == "W600" and warning["fact"] == "ty_le_kcb_yhct" and warning["line"] > 1
    assert "24" in warning["message"]["en"] and "24" in warning["message"]["vi"]
    assert json.loads(run("eval", str(ROOT / "examples" / "xa-dat-chuan.yaml"), "--format", "json")[1])["warnings"] == []


def test_every_percent_a_fraction_is_one_warning(spec) -> None:  # type: ignore[no-untyped-def]
    facts = example()
    for name in PERCENTS:
        facts[name] = facts[name] / 100  # type: ignore[operator]
    result = spec.evaluate(facts, AS_OF)
    assert [w.code for w in result.warnings] == ["W601"]
    assert result.warnings[0].arguments["count"] == len(PERCENTS)
    with pytest.raises(ytxa_rules.FactsError) as info:
        spec.evaluate(facts, AS_OF, strict=True)
    assert [d.code for d in info.value.diagnostics] == ["W601"]
    assert info.value.diagnostics[0].is_error


@pytest.mark.parametrize(
    ("changes", "codes"),
    [
        ({}, []),
        ({"ty_le_kcb_yhct": 1}, ["W600"]),  # 1 among 86.5, 92, …: a fraction, probably
        ({"ty_le_kcb_yhct": 0}, []),  # 0 is 0 on both scales
        ({"ty_le_kcb_yhct": 1.5}, []),
        ({n: None for n in PERCENTS[1:]} | {"ty_le_trang_thiet_bi": 0.865}, []),  # one percent alone: cannot tell
        ({n: 0 for n in PERCENTS[2:]} | {"ty_le_trang_thiet_bi": 0.865, "ty_le_thuoc_thiet_yeu": 0.92}, ["W601"]),
    ],
)
def test_when_percents_look_like_fractions(spec, changes: dict[str, object], codes: list[str]) -> None:  # type: ignore[no-untyped-def]
    facts = {**example(), **changes}
    fast = spec.evaluate(facts, AS_OF)
    assert [w.code for w in fast.warnings] == codes
    thorough = spec.at(AS_OF).validator.check(facts)
    assert [w.code for w in thorough.warnings] == codes


def test_strict_lists_missing_facts_and_warnings_together(spec) -> None:  # type: ignore[no-untyped-def]
    facts = {**example(), "ty_le_kcb_yhct": 0.5}
    del facts["so_phu_nu_de"]
    with pytest.raises(ytxa_rules.FactsError) as info:
        spec.evaluate(facts, AS_OF, strict=True)
    assert [d.code for d in info.value.diagnostics] == ["F010", "W600"]
