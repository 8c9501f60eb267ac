"""The spec tests shipped with the built-in criteria pass, cover every band, and are current."""

from __future__ import annotations

import io
import subprocess
import sys
from collections import defaultdict
from fractions import Fraction
from pathlib import Path

import ytxa_rules
from ytxa_rules import ast
from ytxa_rules.cli import main
from ytxa_rules.resources import builtin_specs_dir
from ytxa_rules.spectest import load_tests, run_tests

ROOT = Path(__file__).resolve().parents[2]
TESTS = builtin_specs_dir() / "tests"


def _outcomes():  # type: ignore[no-untyped-def]
    files, _ = load_tests([TESTS])
    spec = ytxa_rules.load()
    return files, run_tests(files, lambda document: spec if document is None else ytxa_rules.load(document=document))


def test_every_shipped_spec_test_passes() -> None:
    files, outcomes = _outcomes()
    failed = [f"{o.test.file}:{o.test.span.line}: {o.test.name}" for o in outcomes if not o.passed]
    assert len(outcomes) > 500
    assert not failed, failed


def test_every_band_of_every_indicator_is_reached_by_a_test() -> None:
    """Each band's points are expected somewhere, and so is a score below the lowest band."""
    files, _ = _outcomes()
    expected: dict[tuple[str | None, str], set[Fraction]] = defaultdict(set)
    for test_file in files:
        for test in test_file.tests:
            for indicator in test.expect.indicators:
                if indicator.points is not None and indicator.status in (None, "scored"):
                    expected[(test_file.document, indicator.number)].add(indicator.points)
    missing = []
    for document_id in ("1300/QĐ-BYT", "318/QĐ-TTg"):
        spec = ytxa_rules.load(document=document_id)
        document = spec.composed(spec.document.effective or spec.default_as_of({}))
        key_document = None if document_id == "1300/QĐ-BYT" else document_id
        for criterion in document.criteria:
            for indicator in criterion.indicators:
                reached = expected[(key_document, indicator.number)]
                bands = _band_points(indicator.rule)
                if not reached and document_id == "318/QĐ-TTg":
                    continue  # 15.1: every threshold is `unknown` in the law: tested as missing data
                if not bands <= reached:
                    missing.append(f"{document_id} {indicator.number}: bands {sorted(bands)} tested {sorted(reached)}")
    assert not missing, missing


def _band_points(rule: object) -> set[Fraction]:
    """Every band's points, and 0 when no band is `otherwise` (no band held)."""
    if isinstance(rule, ast.Bands):
        found = {band.points.value for band in rule.bands}
        return found if any(band.condition is None for band in rule.bands) else found | {Fraction(0)}
    if isinstance(rule, ast.Branch):
        found: set[Fraction] = set()
        for case in rule.cases:
            found |= _band_points(case.bands)
        return found
    if isinstance(rule, ast.Sum):  # the parts add up: the total of all parts and nothing at all
        return {sum((max(_band_points(p.rule)) for p in rule.parts), Fraction(0)), Fraction(0)}
    return set()


def test_the_1453_correction_is_tested_on_both_sides_of_its_date() -> None:
    files, _ = _outcomes()
    by_value: dict[object, dict[bool, set[Fraction]]] = defaultdict(lambda: defaultdict(set))
    effective = ytxa_rules.load().amendments[0].effective
    assert effective is not None
    for test_file in files:
        for test in test_file.tests:
            for indicator in test.expect.indicators:
                if indicator.number == "35" and test.as_of is not None and indicator.points is not None:
                    key = (test.facts.get("vung_kinh_te"), str(test.facts.get("ty_le_tre_duoi_5_thap_coi")))
                    by_value[key][test.as_of >= effective].add(indicator.points)
    flipped = [k for k, sides in by_value.items() if sides[True] and sides[False] and sides[True] != sides[False]]
    assert len(flipped) >= 7, "the same station must score differently before and after 1453/QĐ-BYT, in every region"


def test_the_generated_files_are_what_the_script_writes() -> None:
    done = subprocess.run([sys.executable, str(ROOT / "scripts" / "generate-spec-tests"), "--check"], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr


def test_ytxa_test_runs_the_shipped_tests_by_default() -> None:
    out, err = io.StringIO(), io.StringIO()
    code = main(["test", "--run", "^chỉ tiêu 35, 2023-03-20"], out, err)
    assert code == 0, out.getvalue() + err.getvalue()
    lines = out.getvalue().splitlines()
    assert lines[0].endswith("dinh-chinh-1453.yaml:")
    assert lines[-1].startswith("PASS: ") and lines[-1].split(" ")[1].split("/")[0] == lines[-1].split("/")[1]
