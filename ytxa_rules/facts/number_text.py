"""Numbers written as text in facts (YAML scalars, JSON numbers, number strings), read strictly.

One syntax for every reader: a sign, digits without a leading zero, a decimal part after
a dot, an exponent; what JSON and YAML 1.2 agree on. Forms that YAML 1.1 or Python's
`Decimal()` would also take (`0x9`, `0b1`, `1_0`, `01`, base 60 `1:30`, Bengali or
Arabic digits) are not numbers here: `why_not_a_number` names the slip for a hint.

Reading never expands a number: `1e99999999` stays a `Decimal` of one digit, and
`check_limits` refuses it before anything turns it into an integer of 10^8 digits.
"""

from __future__ import annotations

import re
import unicodedata
from decimal import Decimal, InvalidOperation
from fractions import Fraction
from typing import Any

from ytxa_rules.limits import FACTS_MAX_DIGITS, FACTS_MAX_EXPONENT
from ytxa_rules.render.escape import foreign_digit

INTEGER = re.compile(r"[-+]?(?:0|[1-9][0-9]*)")
DECIMAL = re.compile(r"[-+]?(?:\.[0-9]+|(?:0|[1-9][0-9]*)(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?")
INT_LIMIT = 10**FACTS_MAX_DIGITS  # the first integer with too many digits

# Slips, each with why it is not read as a number (vi, en).
_GROUPED = re.compile(r"[-+]?[1-9][0-9]{0,2}(?P<sep>[.,])[0-9]{3}(?:(?P=sep)[0-9]{3})*")
_BASES = re.compile(r"[-+]?0[xXoObB][0-9a-fA-F_]+")
_SEXAGESIMAL = re.compile(r"[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+(?:\.[0-9_]*)?")
WHY = {
    "underscore": ("dấu `_` không dùng trong số", "`_` is not used in numbers"),
    "leading_zero": ("số không viết chữ số 0 ở đầu (YAML 1.1 đọc `010` là 8)", "numbers have no leading zero (YAML 1.1 reads `010` as 8)"),
    "base": ("chỉ viết số thập phân, không viết hệ 16, 8 hay 2", "write numbers in decimal, not hexadecimal, octal or binary"),
    "sexagesimal": ("dấu `:` không dùng trong số (YAML 1.1 đọc `1:30` là 90)", "`:` is not used in numbers (YAML 1.1 reads `1:30` as 90)"),
}


def number_from_text(text: str) -> int | Decimal | None:
    """The number `text` writes in the accepted syntax (an `int` when whole and short), else None."""
    if INTEGER.fullmatch(text):
        if len(text) - (text[0] in "+-") <= FACTS_MAX_DIGITS:
            return int(text)
        return decimal_from_text(text)  # too long for an int: kept unexpanded, refused by the limits
    if DECIMAL.fullmatch(text):
        return decimal_from_text(text)
    return None


def decimal_from_text(text: str) -> Decimal:
    """`Decimal(text)` for text already in the number syntax, even with an exponent of 19 digits or more."""
    try:
        return Decimal(text)
    except InvalidOperation:  # an exponent of 19 digits or more: keep it out of range, unexpanded
        mantissa, _, exponent = text.lower().partition("e")
        return Decimal(f"{mantissa or 0}E{'-' if exponent.startswith('-') else '+'}999999999")


def check_limits(value: int | Decimal | Fraction) -> tuple[str, dict[str, Any]] | None:
    """(code, arguments) when a finite number is beyond the facts limits, else None. Cheap for any size."""
    if isinstance(value, int):
        return None if -INT_LIMIT < value < INT_LIMIT else ("F014", {"limit": FACTS_MAX_DIGITS})
    if isinstance(value, Fraction):
        if -INT_LIMIT < value.numerator < INT_LIMIT and value.denominator < INT_LIMIT:
            return None
        return ("F014", {"limit": FACTS_MAX_DIGITS})
    shown = str(value)  # cheap: plain notation this short is within both limits
    if len(shown) <= FACTS_MAX_DIGITS and "E" not in shown:
        return None
    parts = value.as_tuple()
    if len(parts.digits) > FACTS_MAX_DIGITS:
        return ("F014", {"limit": FACTS_MAX_DIGITS})
    exponent = parts.exponent
    if not isinstance(exponent, int) or not -FACTS_MAX_EXPONENT <= exponent <= FACTS_MAX_EXPONENT:
        return ("F015", {"limit": FACTS_MAX_EXPONENT})
    return None


def thousands_reading(value: Decimal) -> int | None:
    """1250 for `1.250`: the number if its dot were a Vietnamese thousands separator.

    Only a text-born decimal with exactly three digits after the dot and one to three
    before it (not `0.865`, not `1.25`, not `1234.567`) can be read both ways.
    """
    if value.as_tuple().exponent != -3 or not 1 <= abs(value) < 1000:
        return None
    return int(value.scaleb(3))


def why_not_a_number(text: str) -> tuple[str, dict[str, Any]] | None:
    """(code, arguments) naming the slip when `text` looks like a number but is not read as one."""
    text = text.strip()
    digit = foreign_digit(text)
    if digit is not None:
        ascii_text = "".join(str(unicodedata.digit(c)) if unicodedata.category(c) == "Nd" else c for c in text)
        suggestion = ascii_text if number_from_text(ascii_text) is not None else None
        return ("F018", {"digit": digit, "suggestion": suggestion})
    grouped = _GROUPED.fullmatch(text)
    if grouped and (grouped.group("sep") == "," or text.count(".") > 1):
        whole = text.replace(grouped.group("sep"), "")
        if text.count(grouped.group("sep")) == 1:  # `1,250`: 1250, or 1.25 with a decimal comma
            return ("F016", {"choices": _choices(whole, text.replace(",", "."))})
        return ("F016", {"choices": _choices(whole)})
    if _BASES.fullmatch(text):
        return ("F017", {"why": _why("base"), "suggestion": None})
    if _SEXAGESIMAL.fullmatch(text):
        return ("F017", {"why": _why("sexagesimal"), "suggestion": None})
    if "_" in text and number_from_text(text.replace("_", "")) is not None:
        return ("F017", {"why": _why("underscore"), "suggestion": str(number_from_text(text.replace("_", "")))})
    stripped = re.sub(r"^([-+]?)0+(?=[0-9])", r"\1", text)
    if stripped != text and number_from_text(stripped) is not None:
        return ("F017", {"why": _why("leading_zero"), "suggestion": stripped})
    return None


def _why(key: str) -> tuple[str, str, str]:
    vi, en = WHY[key]
    return ("words", vi, en)


def _choices(*readings: str) -> tuple[str, str, str]:
    """`1250` or `1.25`, in both languages (a 'words' argument of a diagnostic)."""
    shown = [f"`{_plain(r)}`" for r in readings]
    return ("words", " hoặc ".join(shown), " or ".join(shown))


def _plain(text: str) -> str:
    number = number_from_text(text)
    return format(number.normalize(), "f") if isinstance(number, Decimal) else text


def choices_for(value: Decimal, whole_only: bool) -> tuple[str, str, str]:
    """What to write instead of an ambiguous `1.250`: `1250` or `1.25` (a count: `1250`, or `1`)."""
    thousands = thousands_reading(value)
    decimal = format(value.normalize(), "f")
    if whole_only and value != value.to_integral_value():
        return _choices(str(thousands))
    return _choices(str(thousands), decimal)
