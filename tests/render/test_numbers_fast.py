"""The fast paths of `render/numbers.py` agree with the plain arithmetic they replace."""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

from hypothesis import given
from hypothesis import strategies as st

from ytxa_rules.render import numbers

fractions = st.fractions(max_denominator=10**6) | st.integers(-(10**12), 10**12).map(Fraction)
decimals = st.decimals(allow_nan=False, allow_infinity=False, places=4, min_value=-(10**9), max_value=10**9)


@given(fractions | decimals | st.integers(-(10**30), 10**30), st.integers(0, 10))
def test_integer_rounding_is_fraction_rounding(value: Fraction | Decimal | int, places: int) -> None:
    assert numbers._rounded(value, places) == round(Fraction(value) * 10**places)


@given(st.integers(-(10**40), 10**40), st.sampled_from(["vi", "en"]))
def test_grouping_matches_python_formatting(value: int, lang: str) -> None:
    thousands = "." if lang == "vi" else ","
    assert numbers.number(value, lang) == f"{value:,}".replace(",", thousands)


@given(decimals, st.sampled_from(["vi", "en"]), st.integers(0, 4), st.booleans())
def test_remembered_decimal_texts_are_computed_ones(value: Decimal, lang: str, places: int, percent: bool) -> None:
    first = numbers.number(value, lang, places, percent)
    assert numbers.number(value, lang, places, percent) == first
    assert first == numbers._number(value, lang, places, " %" if percent else "")
    assert numbers.json_number(value) == numbers._json_number(value) == numbers.json_number(Fraction(value))


def test_equal_decimals_written_alike_share_a_memo_entry() -> None:
    """95.2 and 95.20 are one value: the memo may answer for either, and must answer the same."""
    assert numbers.number(Decimal("95.20"), "vi") == numbers.number(Decimal("95.2"), "vi") == "95,2"
    assert numbers.json_number(Decimal("-0.00")) == numbers.json_number(Decimal("0")) == 0


def test_the_memo_is_bounded() -> None:
    for n in range(numbers._MEMO_SIZE + 10):
        numbers.json_number(Decimal(n) / 4)
    assert len(numbers._decimal_json) <= numbers._MEMO_SIZE
