"""One fact's value to its exact form, or the reason it cannot be one (a code and arguments).

The one place that decides what a value of each kind may be: which words are yes and no,
which Python, numpy and pandas values are numbers or missing, and which number texts
are refused (`number_text`). The validator adds the fact's name and place and collects
every problem. numpy and pandas are recognised by duck typing, never imported.
"""

from __future__ import annotations

import datetime
import math
import re
import unicodedata
from collections.abc import Callable, Mapping
from decimal import Decimal, InvalidOperation
from fractions import Fraction
from typing import Any

from ytxa_rules.facts.number_text import check_limits, choices_for, number_from_text, thousands_reading, why_not_a_number
from ytxa_rules.language.kinds import DATE_RANGE
from ytxa_rules.render.escape import one_line

_ISO_DAY = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
SHOWN_CHARS = 80  # a name or value in a message is clipped to this many characters

TRUE_WORDS = ("yes", "có", "true")
FALSE_WORDS = ("no", "không", "false")
BOOL_WORDS: dict[str, bool] = {**dict.fromkeys(TRUE_WORDS, True), **dict.fromkeys(FALSE_WORDS, False)}
# The spellings the generated fast validator takes as they are; any other goes the long way.
EXACT_BOOL_WORDS: dict[str, bool] = {form: v for w, v in BOOL_WORDS.items() for form in (w, w.capitalize(), w.upper())}
# Near misses, for a hint only: never read as an answer.
_HINT_YES = {"co", "đúng", "dung", "x", "1", "on", "y", "ok", "đ"}
_HINT_NO = {"khong", "ko", "k", "sai", "0", "off", "n", "s"}


class Refused(Exception):
    """A value that cannot be a fact of its kind: the diagnostic code and its arguments."""

    def __init__(self, code: str, **args: Any):
        super().__init__(code)
        self.code = code
        self.arguments = args


def kind_of(value: Any) -> tuple[str, str]:
    if value is None:
        return ("type", "null")
    if isinstance(value, bool):
        return ("type", "bool")
    if isinstance(value, int):
        return ("type", "count" if value >= 0 else "negative")
    if isinstance(value, (float, Decimal, Fraction)):
        return ("type", "decimal")
    if isinstance(value, str):
        return ("type", "text")
    if isinstance(value, (list, tuple)):
        return ("type", "list")
    if isinstance(value, Mapping):
        return ("type", "mapping")
    return ("type", type(value).__name__)


def shown(value: Any) -> str:
    """A name or value as a message shows it: on one line, control characters visible, clipped."""
    try:
        text = one_line(str(value))
    except ValueError:  # an integer too long for str(): it is refused for its length anyway
        return "…"
    return text if len(text) <= SHOWN_CHARS else text[: SHOWN_CHARS - 1] + "…"


# ---------------------------------------------------------------- missing values, numpy


def is_missing(value: Any) -> bool:
    """None, NaN (float, Decimal, numpy), pandas NA and NaT: an empty cell, not a value."""
    if value is None:
        return True
    if isinstance(value, float):
        return value != value
    if isinstance(value, Decimal):
        return value.is_nan()
    cls = type(value)
    if cls.__name__ in ("NAType", "NaTType") and cls.__module__.startswith("pandas"):
        return True
    if cls.__module__ == "numpy" and getattr(value, "ndim", None) == 0:
        inner = value.item()
        return inner is None or (isinstance(inner, float) and inner != inner)
    return False


def plain(value: Any) -> Any:
    """A numpy scalar as the Python value it holds (np.int64 → int, np.bool_ → bool, …)."""
    cls = type(value)
    if cls.__module__ != "numpy" or getattr(value, "ndim", None) != 0:
        return value
    if value.dtype.kind == "f":  # its own shortest text: float32 0.865 stays 0.865, not 0.8650000095…
        return float(str(value))
    return value.item()


# ---------------------------------------------------------------- converters


def _refuse_type(kind: str, value: Any) -> Refused:
    return Refused("F005", expected=("type", kind), found=kind_of(value), suggestion=hint(kind, value))


def _refuse_text(kind: str, value: str) -> Refused:
    """A string where a number is needed: the slip it shows (`1.250.000`, `০`, `0x9`), else F005."""
    slip = why_not_a_number(value)
    if slip is None or (kind == "percent" and slip[0] == "F016"):  # 1,234 % can only be 1.234 %
        return _refuse_type(kind, value)
    return Refused(slip[0], text=shown(value.strip()), **slip[1])


def _limited(number: int | Decimal | Fraction, shown_as: Any) -> None:
    problem = check_limits(number)
    if problem is not None:
        raise Refused(problem[0], text=shown(shown_as), **problem[1])


def _ratio(number: Decimal) -> int | Fraction:
    numerator, denominator = number.as_integer_ratio()
    return numerator if denominator == 1 else Fraction(numerator, denominator)


def to_number(value: Any, kind: str, upper: Fraction | int | None = None) -> int | Fraction:
    """An exact number from int, Fraction, Decimal, float, or (decimals, percents) a number string.

    A decimal written `1.250` is refused where its dot could be a thousands separator:
    always for a count, for a decimal unless a fixed upper bound rules out 1250.
    """
    value_type = type(value)  # exact types first: isinstance(…, Fraction) goes through ABCMeta
    text_born = True
    number: Decimal | int
    if value_type is Decimal or (value_type is not bool and isinstance(value, Decimal)):
        if not value.is_finite():
            raise _refuse_type(kind, value)
        number = value
    elif value_type is bool:
        raise _refuse_type(kind, value)
    elif value_type is int or isinstance(value, int) and not isinstance(value, bool):
        _limited(value, value)
        return int(value)
    elif value_type is float or isinstance(value, float):  # from Python callers: as typed, never ambiguous
        if not math.isfinite(value):
            raise _refuse_type(kind, value)
        number = Decimal(repr(float(value)))
        text_born = False
    elif isinstance(value, str):
        parsed = number_from_text(value.strip())
        if parsed is None or kind not in ("decimal", "percent"):
            if isinstance(parsed, Decimal) and kind == "count" and thousands_reading(parsed) is not None:
                raise Refused("F016", text=shown(value.strip()), choices=choices_for(parsed, whole_only=True))
            raise _refuse_text(kind, value)
        number = parsed
    elif isinstance(value, Fraction):
        _limited(value, value)
        return value.numerator if value.denominator == 1 else value
    else:
        raise _refuse_type(kind, value)
    if isinstance(number, int):
        _limited(number, value)
        return number
    _limited(number, value)
    if text_born and kind in ("count", "decimal"):
        thousands = thousands_reading(number)
        if thousands is not None and (kind == "count" or upper is None or thousands <= upper):
            raise Refused("F016", text=shown(value), choices=choices_for(number, whole_only=kind == "count"))
    return _ratio(number)


def to_bool(value: Any, upper: Any = None) -> bool:
    if isinstance(value, bool):
        return value
    if isinstance(value, str):
        word = unicodedata.normalize("NFC", value).strip().casefold()
        if word in BOOL_WORDS:
            return BOOL_WORDS[word]
    raise _refuse_type("bool", value)


def to_count(value: Any, upper: Any = None) -> int:
    number = to_number(value, "count", upper)
    if isinstance(number, int) and number >= 0:  # 2.0 from a spreadsheet is the count 2
        return number
    raise _refuse_type("count", value)


def to_decimal(value: Any, upper: Any = None) -> int | Fraction:
    return to_number(value, "decimal", upper)


def to_percent(value: Any, upper: Any = None) -> int | Fraction:
    return to_number(value, "percent", upper)


def to_year(value: Any, upper: Any = None) -> int:
    if isinstance(value, str):
        raise _refuse_text("year", value)
    number = to_number(value, "year")
    if isinstance(number, int):
        return number
    raise _refuse_type("year", value)


def to_date(value: Any, upper: Any = None) -> datetime.date:
    """A day: a date (YAML, a spreadsheet's date cell at midnight) or the text YYYY-MM-DD."""
    day = None
    if type(value) is datetime.date:
        day = value
    elif type(value) is datetime.datetime and value.time() == datetime.time() and value.tzinfo is None:
        day = value.date()
    elif isinstance(value, str):
        text = value.strip()
        if _ISO_DAY.fullmatch(text):
            try:
                day = datetime.date.fromisoformat(text)
            except ValueError:
                day = None
        if day is None:
            raise Refused("F090", text=shown(text))
    if day is None:
        raise _refuse_type("date", value)
    if not DATE_RANGE[0] <= day <= DATE_RANGE[1]:
        raise Refused("F091", value=day.isoformat(), low=DATE_RANGE[0].isoformat(), high=DATE_RANGE[1].isoformat())
    return day


def to_text(value: Any, upper: Any = None) -> str:
    if isinstance(value, str):
        return value
    raise _refuse_type("text", value)


def enum_key(value: Any) -> str | None:
    """The listed value a `one of` answer names: text as written (NFC), or a whole number's digits."""
    if isinstance(value, str):
        return unicodedata.normalize("NFC", value)
    if isinstance(value, bool):
        return None
    if isinstance(value, (int, float, Decimal, Fraction)):
        try:
            number = to_number(value, "count")
        except Refused as refused:
            if refused.code in ("F014", "F015"):  # beyond the limits: say so, not "not one of"
                raise
            return None
        return str(number) if isinstance(number, int) else None
    return None


CONVERTERS: dict[str, Callable[[Any, Any], Any]] = {
    "bool": to_bool,
    "count": to_count,
    "decimal": to_decimal,
    "percent": to_percent,
    "year": to_year,
    "text": to_text,
    "date": to_date,
}


def hint(kind: str | None, value: Any) -> str | None:
    """What to write instead, for the usual slips of people typing facts by hand."""
    text = value.strip() if isinstance(value, str) else None
    if kind == "bool" and (text is not None or isinstance(value, int)):
        word = unicodedata.normalize("NFC", str(value)).strip().casefold()
        return "yes" if word in _HINT_YES else "no" if word in _HINT_NO else None
    if kind in ("percent", "decimal", "count", "year") and text:
        cleaned = text.rstrip("%").strip().replace(",", ".") if text.count(",") <= 1 else None
        number = number_from_text(cleaned) if cleaned else None
        if number is None:
            return None
        return str(number) if isinstance(number, int) else format(number, "f") if abs(number.adjusted()) < 40 else None
    if kind == "text" and isinstance(value, (int, Decimal)) and not isinstance(value, bool):
        return f'"{shown(value)}"'
    return None


def exact_decimal_text(value: Fraction | int) -> str:
    """A value accepted as a fact, for a message: exact when it terminates, else to 28 digits."""
    if isinstance(value, int) or value.denominator == 1:
        return str(int(value))
    try:
        return format(Decimal(value.numerator) / Decimal(value.denominator), "f")
    except InvalidOperation:
        return f"{value.numerator}/{value.denominator}"
