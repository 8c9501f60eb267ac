"""`ytxa test --format json` follows its schema, for passing and failing tests alike."""

from __future__ import annotations

import io
import json
from pathlib import Path

import jsonschema
import pytest

from ytxa_rules.cli import main

ROOT = Path(__file__).resolve().parents[2]
SCHEMA = json.loads((ROOT / "ytxa_rules" / "spectest" / "schema.json").read_text(encoding="utf-8"))


def test_json_report_of_failures_is_valid_and_complete(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    out = io.StringIO()
    assert main(["test", "tests/spectest/fixtures/wrong-expectation.yaml", "--format", "json", "--lang", "en"], out, io.StringIO()) == 1
    report = json.loads(out.getvalue())
    jsonschema.validate(report, SCHEMA)
    assert report["summary"] == {"total": 4, "passed": 1, "failed": 3}
    points = report["tests"][1]["mismatches"][0]
    assert (points["what"], points["indicator"], points["expected"], points["actual"], points["line"]) == ("points", "4", 3, 2, 15)
    assert any(line.startswith("- ") for line in report["tests"][1]["diff"])
    errors = report["tests"][3]["mismatches"][0]
    assert (errors["expected"], errors["actual"]) == (["F005"], ["F008"])


def test_json_report_of_the_shipped_tests_is_valid() -> None:
    out = io.StringIO()
    assert main(["test", "--format", "json", "--run", "^chỉ tiêu 4:"], out, io.StringIO()) == 0
    report = json.loads(out.getvalue())
    jsonschema.validate(report, SCHEMA)
    assert report["summary"]["failed"] == 0 and report["summary"]["total"] >= 9


def test_format_errors_in_json_are_findings(tmp_path: Path) -> None:
    path = tmp_path / "bad.yaml"
    path.write_text("tests:\n  - name: a\n    expect: {}\n", encoding="utf-8")
    out = io.StringIO()
    assert main(["test", str(path), "--format", "json"], out, io.StringIO()) == 2
    findings = json.loads(out.getvalue())
    assert [(f["code"], f["line"], f["column"]) for f in findings] == [("E718", 3, 5)]
