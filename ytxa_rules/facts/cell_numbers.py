"""Numbers written as text in spreadsheets, and what an Excel number format says.

A CSV cell is text: `86,5` and `86.5` are both 86.5, `1.250.000` and `1,250,000` are both
1250000, and `1.250,5` is 1250.5. One separator followed by exactly three digits (`1.250`,
`12,500`) is refused for decimals and percents: a Vietnamese reader means 1250, a program
1.25. For counts and years it can only mean thousands. Digits outside ASCII are never
numbers here.
"""

from __future__ import annotations

import functools
import re
from decimal import Decimal

import attrs

from ytxa_rules.language.kinds import WHOLE_KINDS

_GROUPED_SPACES = re.compile(r"[0-9]{1,3}(?:[ \u00a0\u202f][0-9]{3})+(?:[.,][0-9]+)?")
_PLAIN = re.compile(r"[0-9]+")
_ONE_SEPARATOR = re.compile(r"([0-9]+)([.,])([0-9]+)")
_THOUSANDS = {".": re.compile(r"[0-9]{1,3}(?:\.[0-9]{3})+"), ",": re.compile(r"[0-9]{1,3}(?:,[0-9]{3})+")}
_BOTH = re.compile(r"([0-9]{1,3}(?:([.,])[0-9]{3})*)([.,])([0-9]+)")


@attrs.frozen
class Ambiguous:
    """`1.250`: thousands (`whole`) or decimals (`decimal`)? The reader must not guess."""

    whole: int
    decimal: str


def parse_text(text: str, kind: str) -> int | Decimal | Ambiguous | None:
    """The number written in `text` for a fact of `kind`, or None if it is not one."""
    text = text.strip()
    if kind == "percent" and text.endswith("%"):
        text = text[:-1].rstrip()
    sign = ""
    if text[:1] in "+-":
        sign, text = ("-" if text[0] == "-" else ""), text[1:].lstrip()
    if _GROUPED_SPACES.fullmatch(text):
        text = re.sub(r"[ \u00a0\u202f]", "", text)
    if _PLAIN.fullmatch(text):
        return int(sign + text)
    one = _ONE_SEPARATOR.fullmatch(text)
    if one:
        whole, separator, rest = one.groups()
        thousands = len(rest) == 3 and 1 <= len(whole) <= 3 and not whole.startswith("0")
        if thousands and kind in WHOLE_KINDS:
            return int(sign + whole + rest)
        if thousands:
            return Ambiguous(int(sign + whole + rest), f"{sign}{whole},{rest.rstrip('0') or '0'}")
        return Decimal(f"{sign}{whole}.{rest}")
    for separator, pattern in _THOUSANDS.items():
        if pattern.fullmatch(text):
            return int(sign + text.replace(separator, ""))
    both = _BOTH.fullmatch(text)
    if both and both.group(2) and both.group(2) != both.group(3):
        whole = both.group(1).replace(both.group(2), "")
        return Decimal(f"{sign}{whole}.{both.group(4)}")
    return None


def _unquoted(number_format: str) -> str:
    """The format without its quoted literals ("%"), escaped characters (\\%) and [colours]."""
    out = re.sub(r'"[^"]*"', "", number_format)
    out = re.sub(r"\\.", "", out)
    return re.sub(r"\[[^\]]*\]", "", out)


@functools.lru_cache(maxsize=256)
def percent_format(number_format: str | None) -> bool:
    """Whether Excel shows the cell ×100 with a `%` (`0.0%`), not a literal "%" (`0.0"%"`)."""
    if not number_format or "%" not in number_format:
        return False
    return "%" in _unquoted(number_format)


@functools.lru_cache(maxsize=256)
def zero_padding(number_format: str | None) -> int:
    """Digits a format like `00000` pads a whole number to (0 when it does not)."""
    if not number_format:
        return 0
    plain = _unquoted(number_format).split(";")[0]
    return len(plain) if plain and set(plain) == {"0"} else 0
