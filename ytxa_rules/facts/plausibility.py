"""Plausibility warnings: values that are valid but probably not what the station meant.

A warning never changes a score; it is shown with the result, and with `strict` it is an
error. The percents of a station are compared with each other, since one value alone
cannot tell 0.865 % from a fraction 0.865 that should have been 86.5 %:

- W600: a percent in (0, 1] while another percent of the station is above 1;
- W601: two or more percents in (0, 1] and none above 1: the data look like fractions
  throughout (a spreadsheet's percent cells read as 0–1).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from fractions import Fraction
from typing import Any

from ytxa_rules import ast
from ytxa_rules.diagnostics import Diagnostic, warning
from ytxa_rules.facts.scalars import exact_decimal_text


def small(value: Any) -> bool:
    """0 < value <= 1, cheaply for the ints and Fractions that validated percents are."""
    if type(value) is int:
        return value == 1
    if type(value) is Fraction:
        return 0 < value.numerator <= value.denominator
    return False


def percent_warnings(values: Mapping[str, Any], percents: Sequence[str], where: Mapping[str, ast.Span]) -> list[Diagnostic]:
    given = [(name, values[name]) for name in percents if name in values]
    fractions = [(name, value) for name, value in given if small(value)]
    if not fractions:
        return []
    if any(value > 1 for _, value in given):
        return [
            warning("W600", where.get(name), name=name, value=exact_decimal_text(value), percent=exact_decimal_text(value * 100))
            for name, value in fractions
        ]
    if len(fractions) >= 2:
        names = ", ".join(f"`{name}`" for name, _ in fractions)
        return [warning("W601", where.get(fractions[0][0]), names=names, count=len(fractions))]
    return []
