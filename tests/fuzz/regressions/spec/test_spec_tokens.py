"""Issue 9, "input that misleads a reviewer": digits from other scripts and look-alike
letters are refused where they are written, with the ASCII spelling as a hint."""

from __future__ import annotations

import pytest

from tests.fuzz.regressions.spec.spec_helpers import spec_text
from ytxa_rules.diagnostics import Diagnostic
from ytxa_rules.errors import SpecError
from ytxa_rules.messages import render_diagnostic
from ytxa_rules.syntax.parser import parse_text


def _refused(text: str) -> Diagnostic:
    with pytest.raises(SpecError) as raised:
        parse_text(text, "spec.ytxa")
    (diagnostic,) = raised.value.diagnostics
    return diagnostic


def test_a_bengali_four_that_looks_like_an_eight_is_refused() -> None:
    # `৪0%` reads as 80 % on screen; Python's Decimal reads it as 40.
    diagnostic = _refused(spec_text("fact x: percent\n", "points 2 when x >= ৪0%"))
    assert diagnostic.code == "E121"
    assert (diagnostic.span.line, diagnostic.span.column, diagnostic.span.end_column) == (10, 24, 27)
    assert diagnostic.arguments["suggestion"] == "40%" and diagnostic.arguments["value"] == 4
    english = render_diagnostic(diagnostic, "en")
    assert "BENGALI DIGIT FOUR" in english and "did you mean `40%`" in english


@pytest.mark.parametrize(
    ("written", "where"),
    [
        ("fact x: count\n", "points 2 when x >= ٨"),  # an Arabic-Indic eight in a number
        ("fact x: count\n", "points 2 when x >= 1.٥"),  # … in the decimals
        ("fact x১: count\n", "points 2 when x১ >= 1"),  # a Bengali one in a name
    ],
)
def test_digits_of_other_scripts_are_refused_everywhere(written: str, where: str) -> None:
    assert _refused(spec_text(written, where)).code == "E121"


def test_a_date_in_other_digits_is_refused() -> None:
    text = spec_text("fact x: count\n", "points 2 when x >= 1").replace("effective 2024-01-01", "effective ২০২৪-01-01")
    diagnostic = _refused(text)
    assert diagnostic.code == "E121" and diagnostic.arguments["suggestion"] == "2024-01-01"


@pytest.mark.parametrize(
    "name",
    [
        "dаn_so",  # a Cyrillic а
        "ｄan_so",  # a fullwidth ｄ
        "dan_sο",  # a Greek omicron
        "ﬁ_so",  # a ligature
        "dan\u0338_so",  # a combining mark with no Vietnamese letter
    ],
)
def test_names_that_only_look_latin_are_refused(name: str) -> None:
    diagnostic = _refused(spec_text(f"fact {name}: count\nfact dan_so: count\n", "points 2 when dan_so >= 1"))
    assert diagnostic.code == "E122" and (diagnostic.span.line, diagnostic.span.column) == (5, 6)


def test_vietnamese_names_typed_composed_or_decomposed_are_welcome() -> None:
    document = parse_text(spec_text("fact tỷ_lệ_đạt_ưu: count\n", "points 2 when tỷ_lệ_đạt_ưu >= 1"))
    assert document.facts[0].name == "tỷ_lệ_đạt_ưu"  # type: ignore[union-attr]


def test_a_name_of_a_hundred_thousand_letters_is_refused_and_not_echoed() -> None:
    name = "x" * 100_000
    diagnostic = _refused(spec_text(f"fact {name}: count\n", f"points 2 when {name} >= 1"))
    assert diagnostic.code == "E128" and len(diagnostic.arguments["found"]) <= 40
