"""Numbers for people: Vietnamese style (2.923; 95,03 %) or English (2,923; 95.03 %).

Display rounds to two decimals and says so with "≈"; exact values are never shown
rounded without the mark, and two different values never display alike (89,999 % is not
shown as 90,00 %).
"""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction
from typing import Any

from ytxa_rules.language.kinds import json_value

SEPARATORS = {"vi": (".", ","), "en": (",", ".")}
_STR_SAFE_BITS = 13_000  # about 3,900 digits: under Python's 4,300-digit limit of int → str


def _digits(value: int) -> str:
    """The decimal digits of a non-negative int of any size (str() refuses more than 4,300)."""
    if value.bit_length() <= _STR_SAFE_BITS:
        return str(value)
    half = (value.bit_length() * 3 // 10) // 2  # about half the digits
    high, low = divmod(value, 10**half)
    return _digits(high) + _digits(low).rjust(half, "0")


def _fixed(value: Fraction | int | Decimal, places: int) -> str:
    """`value` rounded half-even to `places` decimals, exactly, as plain text ("-12.50")."""
    exact = Fraction(value)
    scaled = round(exact * 10**places)  # Fraction rounding is exact and half-even, at any size
    sign = "-" if scaled < 0 else ""
    digits = _digits(abs(scaled)).rjust(places + 1, "0")
    if not places:
        return sign + digits
    return f"{sign}{digits[:-places]}.{digits[-places:]}"


def _decimal(value: Fraction | int, places: int) -> Fraction:
    """`value` rounded to `places` decimals (to compare two displays)."""
    return Fraction(round(Fraction(value) * 10**places), 10**places)


def _exact_places(value: Fraction) -> int | None:
    """Decimal places needed to write `value` exactly, if it terminates within 10."""
    for places in range(0, 11):
        if (value * 10**places).denominator == 1:
            return places
    return None


def _group(text: str, lang: str) -> str:
    thousands, point = SEPARATORS[lang]
    sign = "-" if text.startswith("-") else ""
    text = text.lstrip("-")
    whole, _, fraction = text.partition(".")
    groups: list[str] = []
    while len(whole) > 3:
        groups.insert(0, whole[-3:])
        whole = whole[:-3]
    groups.insert(0, whole)
    result = sign + thousands.join(groups)
    return result + (point + fraction if fraction else "")


def number(value: Any, lang: str = "vi", places: int = 2, percent: bool = False) -> str:
    """`value` for display; non-terminating or long values rounded with "≈"."""
    if isinstance(value, bool) or not isinstance(value, (int, Fraction, Decimal)):
        return str(value)
    exact = Fraction(value)
    needed = _exact_places(exact)
    prefix = ""
    if needed is not None and needed <= places:
        text = _fixed(exact, needed)
    else:
        text = _fixed(exact, places)
        prefix = "≈"
    suffix = " %" if percent else ""
    return prefix + _group(text, lang) + suffix


def distinct(left: Any, right: Any, lang: str = "vi", percent: tuple[bool, bool] = (False, False)) -> tuple[str, str]:
    """Both values for display, with enough places that different values look different."""
    places = 2
    numeric = all(isinstance(v, (int, Fraction, Decimal)) and not isinstance(v, bool) for v in (left, right))
    if numeric and not _same(left, right):
        while places < 10 and _decimal(Fraction(left), places) == _decimal(Fraction(right), places):
            places += 1
    return number(left, lang, places, percent[0]), number(right, lang, places, percent[1])


def _same(left: Any, right: Any) -> bool:
    try:
        return bool(Fraction(left) == Fraction(right))
    except (TypeError, ValueError):
        return left == right


def json_number(value: Any) -> Any:
    """Whole numbers as JSON numbers; other exact values as strings ("95.2", "73075/769")."""
    if isinstance(value, bool) or value is None or isinstance(value, str):
        return value
    if not isinstance(value, (int, Fraction, Decimal)):  # a date…: the kind's own JSON form
        return json_value(value)
    exact = Fraction(value)
    if exact.denominator == 1:
        return exact.numerator
    places = _exact_places(exact)
    if places is not None:
        return _fixed(exact, places)
    sign = "-" if exact < 0 else ""
    return f"{sign}{_digits(abs(exact.numerator))}/{_digits(exact.denominator)}"
