"""A wrong expectation fails with a readable diff: the output is pinned (tests/golden/)."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from ytxa_rules.cli import main

ROOT = Path(__file__).resolve().parents[2]
GOLDEN = ROOT / "tests" / "golden"
FIXTURES = Path("tests") / "spectest" / "fixtures"


def _run(monkeypatch: pytest.MonkeyPatch, *args: str) -> tuple[int, str, str]:
    monkeypatch.chdir(ROOT)  # paths in the output as given: relative, the same on every machine
    out, err = io.StringIO(), io.StringIO()
    code = main(["test", *args], out, err)
    return code, out.getvalue(), err.getvalue()


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_wrong_expectations_fail_with_a_diff(monkeypatch: pytest.MonkeyPatch, update_golden: bool, lang: str) -> None:
    code, out, err = _run(monkeypatch, str(FIXTURES / "wrong-expectation.yaml"), "--lang", lang)
    assert code == 1, err
    golden = GOLDEN / f"spectest-wrong-expectation.{lang}.txt"
    if update_golden or not golden.exists():
        golden.write_text(out, encoding="utf-8")
    assert out == golden.read_text(encoding="utf-8")


def test_the_diff_shows_the_expected_and_the_actual_explanation_line(monkeypatch: pytest.MonkeyPatch) -> None:
    code, out, _ = _run(monkeypatch, str(FIXTURES / "wrong-expectation.yaml"), "--run", "chỉ tiêu 4", "--lang", "en")
    assert code == 1
    lines = out.splitlines()
    assert "  sai: chỉ tiêu 4 ở 94,99 % không được 3 điểm: FAIL" in lines
    minus = [line for line in lines if line.lstrip().startswith("- ")]
    plus = [line for line in lines if line.lstrip().startswith("+ ")]
    assert [line.split("→")[1].strip() for line in minus] == ["3/3 points"]
    assert [line.split("→")[1].strip() for line in plus] == ["2/3 points"]
    assert any("ty_le_bhyt ≥ 95 %: 94.99 % ≥ 95 % — false" in line for line in lines), out
    assert lines[-2:] == ["PASS: 0/1", "FAIL: 1/1"]


def test_expected_errors_and_statuses_pass(monkeypatch: pytest.MonkeyPatch) -> None:
    code, out, err = _run(monkeypatch, str(FIXTURES / "expected-errors.yaml"))
    assert code == 0, out + err
    assert out.splitlines()[-1] == "PASS: 3/3"


def test_a_changed_expectation_is_caught(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """Each kind of expectation can fail: flip one value of a passing file at a time
    (`errors: []` says scoring must succeed, so the date before the document fails)."""
    text = (ROOT / FIXTURES / "expected-errors.yaml").read_text(encoding="utf-8")
    for old, new in [("[F008]", "[F009]"), ("[U002]", "[]"), ("max: 98", "max: 100"), ("not_applicable", "scored"), ('"7": 3', '"7": 2'), ('"7": 3', '"99": 3')]:
        assert old in text
        path = tmp_path / "changed.yaml"
        path.write_text(text.replace(old, new, 1), encoding="utf-8")
        out, err = io.StringIO(), io.StringIO()
        code = main(["test", str(path)], out, err)
        assert code == 1, (old, new, out.getvalue(), err.getvalue())
        assert out.getvalue().splitlines()[-1] == "FAIL: 1/3"
