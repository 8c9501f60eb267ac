"""The built-in functions of the registry, scored end to end (checked spec, both paths)."""

from __future__ import annotations

import datetime
from decimal import Decimal
from fractions import Fraction

import pytest

from tests.fuzz.regressions.spec.spec_helpers import spec_text
from ytxa_rules import ast
from ytxa_rules.check import check_document
from ytxa_rules.engine.compiled import CompiledSpec
from ytxa_rules.language.functions import FUNCTIONS, round_half_away
from ytxa_rules.syntax.parser import parse_text

AS_OF = datetime.date(2024, 6, 1)
FACTS = "fact x: count\nfact y: count\nfact d: decimal\nfact p: percent\n"


def compiled(rule: str, values: str = "") -> CompiledSpec:
    document = parse_text(spec_text(FACTS + values, rule))
    assert isinstance(document, ast.Document)
    assert [d.code for d in check_document(document) if d.is_error] == []
    return CompiledSpec(document, "functions")


def scores(spec: CompiledSpec, facts: dict[str, object]) -> tuple[object, object]:
    return spec.evaluate(facts, AS_OF).total, spec.evaluate(facts, AS_OF, trace=True).total


@pytest.mark.parametrize(
    ("value", "digits", "expected"),
    [
        (Fraction(5, 2), 0, 3), (Fraction(-5, 2), 0, -3), (Fraction(3, 2), 0, 2), (Fraction(7, 2), 0, 4),
        (Fraction(89249, 1000), 1, Fraction(892, 10)), (Fraction(89250, 1000), 1, Fraction(893, 10)),
        (Fraction(-8925, 100), 1, Fraction(-893, 10)), (Fraction(1, 3), 2, Fraction(33, 100)),
        (Fraction(2, 3), 2, Fraction(67, 100)), (7, 0, 7), (0, 3, 0), (Fraction(5, 1000), 2, Fraction(1, 100)),
    ],
)  # fmt: skip
def test_round_is_exact_and_takes_halves_away_from_zero(value: Fraction | int, digits: int, expected: Fraction | int) -> None:
    got = round_half_away(value, digits)
    assert got == expected and type(got) is type(expected)


def test_round_agrees_with_decimal_round_half_up() -> None:
    for numerator in range(-2000, 2001, 7):
        value = Fraction(numerator, 80)
        for digits in range(4):
            decimal = (Decimal(numerator) / Decimal(80)).quantize(Decimal(1).scaleb(-digits), rounding="ROUND_HALF_UP")
            assert round_half_away(value, digits) == Fraction(decimal)


def test_round_of_a_rate_scores_at_the_rounded_percentage() -> None:
    spec = compiled("points 2 when round(rate(x, y), 1) >= 89.3%")
    assert scores(spec, {"x": 8925, "y": 10000, "d": 0, "p": 0}) == (2, 2)  # 89.25 % shows as 89.3 %
    assert scores(spec, {"x": 8924, "y": 10000, "d": 0, "p": 0}) == (0, 0)  # 89.24 % shows as 89.2 %


def test_abs_scores_a_distance_either_side() -> None:
    spec = compiled("points 2 when abs(d - 10) <= 0.5")
    for d, expected in (("9.5", 2), ("10.5", 2), ("10.51", 0), ("9.49", 0), ("10", 2)):
        assert scores(spec, {"x": 0, "y": 1, "d": Decimal(d), "p": 0}) == (expected, expected), d


def test_min_and_max_of_one_argument_are_that_argument() -> None:
    spec = compiled("points 2 when min(x) >= 3 and max(y) <= 3")
    assert scores(spec, {"x": 3, "y": 3, "d": 0, "p": 0}) == (2, 2)
    assert scores(spec, {"x": 2, "y": 3, "d": 0, "p": 0}) == (0, 0)


@pytest.mark.parametrize(
    ("rule", "code"),
    [
        ("points 2 when round(d, x) >= 1", "E140"),
        ("points 2 when round(d, 13) >= 1", "E140"),
        ("points 2 when round(d, 1.5) >= 1", "E140"),
        ("points 2 when round(d) >= 1", "E205"),
        ("points 2 when abs(d, d) >= 1", "E205"),
        ("points 2 when abs(x >= 1) >= 1", "E306"),
        ("points 2 when round(x >= 1, 1) >= 1", "E306"),
    ],
)
def test_wrong_calls_are_located_errors(rule: str, code: str) -> None:
    document = parse_text(spec_text(FACTS, rule))
    assert isinstance(document, ast.Document)
    assert code in [d.code for d in check_document(document) if d.is_error]


def test_the_result_kind_follows_the_registry() -> None:
    """`round(rate(…), 1)` is a percent: compared with a fraction it draws W311 like a rate."""
    document = parse_text(spec_text(FACTS, "points 2 when round(rate(x, y), 1) >= 0.8"))
    assert isinstance(document, ast.Document)
    assert "W311" in [d.code for d in check_document(document)]


def test_every_function_is_documented_in_the_language_reference() -> None:
    from pathlib import Path

    page = (Path(__file__).resolve().parents[2] / "docs" / "language.md").read_text(encoding="utf-8")
    for function in FUNCTIONS.values():
        assert f"| `{function.signature}` |" in page, function.name
