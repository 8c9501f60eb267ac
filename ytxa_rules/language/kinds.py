"""Kinds of facts (`fact x: count`): one record each, read by every stage.

A kind says what its values are (numbers, yes/no, a date, a text), which comparisons
apply, how the facts fast path recognises a well-formed value, how a value appears in
JSON and whether the unreachable-band check (E403) can reason about its literals. The
parser keyword is the kind's name; the converters from files and cells live with the
readers (`facts.scalars.CONVERTERS`) and its name in messages in the catalog (`type.<kind>`),
both held to this list by a test. A kind without a
fast-path test is simply left to the thorough check, never a crash.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from typing import Any

import attrs

YEAR_RANGE = (1900, 2100)
ENUM_KIND = "enum"  # `one of a, b`: written by its values, not by its name
DATE_RANGE = (datetime.date(1900, 1, 1), datetime.date(2100, 12, 31))


def _iso(value: Any) -> Any:
    return value.isoformat() if isinstance(value, datetime.date) else value


@attrs.frozen
class FactKind:
    name: str  # also the parser keyword (`fact x: date`)
    numeric: bool = False  # takes part in arithmetic, bounds and numeric comparisons
    whole: bool = False  # a whole number (count, year): `1.250` from a sheet is 1250
    ordered: bool = False  # `<`, `>=` … compare its values (numbers, dates)
    station: bool = False  # describes the station rather than scoring it (not a what-if lever)
    lever: bool = True  # what-if analyses (`ytxa gap`) may try other values of it
    literal: str | None = None  # the type of the literals it compares with ("date")
    # One `elif` line of the fast path that returns None ("not sure") for a value it does
    # not recognise at once; `v` is the raw value. None: every value goes to the thorough check.
    fast_check: str | None = None
    python: type | None = None  # the Python type of its values, when no other kind's (date)
    json: Callable[[Any], Any] = attrs.field(default=_iso)  # such a value as JSON


KINDS: dict[str, FactKind] = {
    k.name: k
    for k in (
        FactKind("bool"),
        FactKind("count", numeric=True, whole=True, ordered=True),
        FactKind("decimal", numeric=True, ordered=True),
        FactKind("percent", numeric=True, ordered=True),
        FactKind("text", station=True, lever=False, fast_check="elif type(v) is not str: return None"),
        FactKind(
            "year", numeric=True, whole=True, ordered=True, station=True, lever=False,
            fast_check=f"elif type(v) is not int or not {YEAR_RANGE[0]} <= v <= {YEAR_RANGE[1]}: return None",
        ),
        FactKind(
            "date", ordered=True, literal="date", python=datetime.date, lever=False,
            # A date from YAML is a `datetime.date` already; JSON's "2024-03-20" goes the long way.
            fast_check="elif type(v) is not DATE or not DATE_LOW <= v <= DATE_HIGH: return None",
        ),
        FactKind("enum", station=True),
    )
}  # fmt: skip

NUMERIC_KINDS = frozenset(k.name for k in KINDS.values() if k.numeric)
WHOLE_KINDS = frozenset(k.name for k in KINDS.values() if k.whole)
STATION_KINDS = frozenset(k.name for k in KINDS.values() if k.station)


def json_value(value: Any) -> Any:
    """A value that is not a number (a date) as JSON: its kind's form."""
    for kind in KINDS.values():
        if kind.python is not None and type(value) is kind.python:
            return kind.json(value)
    return value
