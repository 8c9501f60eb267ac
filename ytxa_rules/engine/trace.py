"""Explanation trace entries: what was read, computed, compared and decided, in order.

Entries are data; renderers (`ytxa_rules.render`) turn them into Vietnamese, English or
JSON. The evaluator's traced path only logs small tuples; `tracing.materialise` turns
one indicator's log into these entries when someone reads the trace, from parts prepared
once per compiled spec (texts, descriptions, provenance, kinds).

Every compared value carries its kind, so a renderer never guesses it from text: a
declared fact kind (count, decimal, percent, bool, enum, year, text), `rate` for a rate
(shown as a percent), `number` for any other computed value.

Entries are named tuples: a station's trace has a few hundred, and a named tuple costs a
fraction of a class instance to build and to keep.
"""

from __future__ import annotations

from fractions import Fraction
from typing import Any, NamedTuple, Union

from ytxa_rules import ast


class FactRead(NamedTuple):
    name: str
    value: Any
    description: str
    type: str  # the declared kind: bool, count, decimal, percent, enum, year


class DerivedValue(NamedTuple):
    name: str
    value: Any
    description: str
    formula: str  # rate | divide | count | expr
    expression: str
    operands: tuple[tuple[str, Any], ...]
    amended_by: tuple[ast.AmendmentRef, ...] = ()


class OtherResult(NamedTuple):
    """A result of another criteria set named in `uses` (e.g. the 1300 verdict in 318)."""

    alias: str
    document: str
    name: str
    value: Any  # None: that set's verdict is undecided


class TableLookup(NamedTuple):
    table: str
    description: str
    key_fact: str
    key: str
    value: Fraction | None
    percent: bool
    status: str | None
    amended_by: tuple[ast.AmendmentRef, ...] = ()
    second_key_fact: str | None = None  # a table by two facts: the second, and its value
    second_key: str | None = None


PERCENT_KINDS = frozenset({"percent", "rate"})  # kinds shown as percentages


class Comparison(NamedTuple):
    left: str
    left_value: Any
    op: str
    right: str
    right_value: Any
    held: bool
    amended_by: tuple[ast.AmendmentRef, ...] = ()
    left_kind: str = "number"  # kind of each side's value (not part of the JSON form)
    right_kind: str = "number"


class Membership(NamedTuple):
    operand: str
    value: Any
    options: str
    held: bool


class BranchTaken(NamedTuple):
    key: str
    value: Any


class BandTried(NamedTuple):
    position: int
    where: str
    points: Fraction
    condition: str  # "otherwise" for the fallback band
    held: bool
    amended_by: tuple[ast.AmendmentRef, ...] = ()


class NotApplicableCheck(NamedTuple):
    condition: str
    held: bool
    part: str | None = None  # `part 2 "…"`: the check of one part of a sum (None: the indicator)
    part_max: Fraction | None = None  # what leaves the indicator's maximum when it holds


class Outcome(NamedTuple):
    status: str
    points: Fraction
    max: Fraction
    detail: str | None = None  # the missing facts, the zero denominator, the unknown value


TraceEntry = Union[
    FactRead, DerivedValue, OtherResult, TableLookup, Comparison, Membership, BranchTaken, BandTried, NotApplicableCheck, Outcome
]
