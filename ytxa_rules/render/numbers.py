"""Numbers for people: Vietnamese style (2.923; 95,03 %) or English (2,923; 95.03 %).

Display rounds to two decimals and says so with "≈"; exact values are never shown
rounded without the mark, and two different values never display alike (89,999 % is not
shown as 90,00 %).
"""

from __future__ import annotations

import datetime
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


def _ratio(value: Fraction | int | Decimal) -> tuple[int, int]:
    """Numerator and positive denominator, without building a Fraction for an int or a Fraction."""
    if type(value) is int:
        return value, 1
    if isinstance(value, Fraction):
        return value.numerator, value.denominator
    return Fraction(value).as_integer_ratio()


def _rounded(value: Fraction | int | Decimal, places: int) -> int:
    """`value` · 10^places rounded half-even, exactly, in integers (as `round` of a Fraction)."""
    numerator, denominator = _ratio(value)
    scaled, rest = divmod(numerator * 10**places, denominator)  # floor, and 0 <= rest < denominator
    if 2 * rest > denominator or (2 * rest == denominator and scaled & 1):
        scaled += 1
    return scaled


def _fixed(value: Fraction | int | Decimal, places: int) -> str:
    """`value` rounded half-even to `places` decimals, exactly, as plain text ("-12.50")."""
    scaled = _rounded(value, places)
    sign = "-" if scaled < 0 else ""
    digits = _digits(abs(scaled)).rjust(places + 1, "0")
    if not places:
        return sign + digits
    return f"{sign}{digits[:-places]}.{digits[-places:]}"


def _exact_places(value: Fraction) -> int | None:
    """Decimal places needed to write `value` exactly, if it terminates within 10.

    A reduced fraction terminates when its denominator is 2^a·5^b, after max(a, b) places.
    """
    denominator = value.denominator
    twos = fives = 0
    while not denominator & 1 and twos <= 10:
        denominator >>= 1
        twos += 1
    while not denominator % 5 and fives <= 10:
        denominator //= 5
        fives += 1
    places = max(twos, fives)
    return places if denominator == 1 and places <= 10 else None


def _decimal_parts(value: Decimal) -> tuple[str, str, int] | None:
    """(sign, digits, places) of a finite Decimal written exactly with as few places as it
    needs (95.20 → ("", "952", 1)), without building a Fraction; None if not finite."""
    if not value.is_finite():
        return None
    sign, digits, exponent = value.as_tuple()
    assert isinstance(exponent, int)
    if len(digits) + abs(exponent) > 4000:  # far beyond any fact: the general path copes
        return None
    text = "".join(map(str, digits))
    while exponent < 0 and len(text) > 1 and text.endswith("0"):
        text = text[:-1]
        exponent += 1
    if exponent >= 0:
        text = text + "0" * exponent if text != "0" else "0"
        exponent = 0
    text = text.lstrip("0") or "0"
    if text == "0":
        return ("", "0", 0)
    return ("-" if sign else "", text, -exponent)


def _plain_decimal(parts: tuple[str, str, int]) -> str:
    """The text of `_decimal_parts`: "-12.5"."""
    sign, digits, places = parts
    if not places:
        return sign + digits
    digits = digits.rjust(places + 1, "0")
    return f"{sign}{digits[:-places]}.{digits[-places:]}"


def _signed_digits(value: int) -> str:
    return "-" + _digits(-value) if value < 0 else _digits(value)


def _group(text: str, lang: str) -> str:
    thousands, point = SEPARATORS[lang]
    whole, _, fraction = text.partition(".")
    sign = ""
    if whole.startswith("-"):
        sign, whole = "-", whole[1:]
    if len(whole) > 3:
        head = len(whole) % 3 or 3
        whole = whole[:head] + "".join(thousands + whole[i : i + 3] for i in range(head, len(whole), 3))
    return sign + whole + (point + fraction if fraction else "")


# Decimals (facts) are formatted from a bounded memo: a station's percents and decimals come
# from a small set, and a Decimal's hash is cheap (a Fraction's is not: those are computed).
_MEMO_SIZE = 8192
_decimal_texts: dict[tuple[Decimal, str, int, bool], str] = {}
_decimal_json: dict[Decimal, Any] = {}


def _remember(memo: dict[Any, Any], key: Any, value: Any) -> Any:
    if len(memo) >= _MEMO_SIZE:
        memo.clear()
    memo[key] = value
    return value


def number(value: Any, lang: str = "vi", places: int = 2, percent: bool = False) -> str:
    """`value` for display; non-terminating or long values rounded with "≈"."""
    kind = type(value)
    suffix = " %" if percent else ""
    if kind is Fraction and value.denominator == 1:  # points and maxima: whole, mostly
        value, kind = value.numerator, int
    if kind is int:  # the common case: no Fraction, no rounding
        if -1000 < value < 1000:  # nothing to group
            return str(value) + suffix
        return _group(str(value) if value.bit_length() <= _STR_SAFE_BITS else _signed_digits(value), lang) + suffix
    if kind is Decimal and value.is_finite():  # a signalling NaN cannot even be hashed
        key = (value, lang, places, percent)
        found = _decimal_texts.get(key)
        if found is None:
            found = _remember(_decimal_texts, key, _number(value, lang, places, suffix))
        return found
    return _number(value, lang, places, suffix)


def _number(value: Any, lang: str, places: int, suffix: str) -> str:
    if type(value) is Decimal:
        parts = _decimal_parts(value)
        if parts is not None and parts[2] <= places:
            return _group(_plain_decimal(parts), lang) + suffix
    if isinstance(value, bool) or not isinstance(value, (int, Fraction, Decimal)):
        return str(value)
    exact: Fraction = value if isinstance(value, Fraction) else Fraction(value)
    if exact.denominator == 1:
        return _group(_signed_digits(exact.numerator), lang) + suffix
    needed = _exact_places(exact)
    prefix = ""
    if needed is not None and needed <= places:
        text = _fixed(exact, needed)
    else:
        text = _fixed(exact, places)
        prefix = "≈"
    return prefix + _group(text, lang) + suffix


def distinct(left: Any, right: Any, lang: str = "vi", percent: tuple[bool, bool] = (False, False)) -> tuple[str, str]:
    """Both values for display, with enough places that different values look different."""
    places = 2
    if type(left) is int and type(right) is int:  # whole numbers: two places tell any two apart
        return number(left, lang, places, percent[0]), number(right, lang, places, percent[1])
    numeric = all(isinstance(v, (int, Fraction, Decimal)) and not isinstance(v, bool) for v in (left, right))
    if numeric and _short(left) and _short(right):  # shown exactly: different values look different
        return number(left, lang, places, percent[0]), number(right, lang, places, percent[1])
    if numeric and not _same(left, right):
        while places < 10 and _rounded(left, places) == _rounded(right, places):
            places += 1
    return number(left, lang, places, percent[0]), number(right, lang, places, percent[1])


def _short(value: Any) -> bool:
    """`value` is written exactly with at most two decimals."""
    if type(value) is int:
        return True
    if type(value) is Decimal:
        parts = _decimal_parts(value)
        return parts is not None and parts[2] <= 2
    places = _exact_places(value if type(value) is Fraction else Fraction(value))
    return places is not None and places <= 2


def _same(left: Any, right: Any) -> bool:
    try:
        return bool(Fraction(left) == Fraction(right))
    except (TypeError, ValueError):
        return left == right


def date_text(value: datetime.date, lang: str) -> str:
    """A date as a reader of that language writes it: 20/03/2023 in Vietnamese, ISO in English."""
    return value.strftime("%d/%m/%Y") if lang == "vi" else value.isoformat()


def json_number(value: Any) -> Any:
    """Whole numbers as JSON numbers; other exact values as strings ("95.2", "73075/769")."""
    kind = type(value)
    if kind is int or kind is bool or kind is str or value is None:
        return value
    if kind is Fraction and value.denominator == 1:  # points and maxima: whole, mostly
        return value.numerator
    if kind is Decimal:
        if not value.is_finite():
            return _json_number(value)
        found = _decimal_json.get(value)
        if found is None:
            found = _remember(_decimal_json, value, _json_number(value))
        return found
    return _json_number(value)


def _json_number(value: Any) -> Any:
    if type(value) is Decimal:
        parts = _decimal_parts(value)
        if parts is not None and parts[2] <= 10:
            return int(parts[0] + parts[1]) if not parts[2] else _plain_decimal(parts)
    if isinstance(value, bool) or isinstance(value, str):
        return value
    if not isinstance(value, (int, Fraction, Decimal)):  # a date…: the kind's own JSON form
        return json_value(value)
    exact: Fraction = value if isinstance(value, Fraction) else Fraction(value)
    if exact.denominator == 1:
        return exact.numerator
    places = _exact_places(exact)
    if places is not None:
        return _fixed(exact, places)
    sign = "-" if exact < 0 else ""
    return f"{sign}{_digits(abs(exact.numerator))}/{_digits(exact.denominator)}"
