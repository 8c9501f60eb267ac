"""Explanation trace entries: what was read, computed, compared and decided, in order.

Entries are data; renderers (`ytxa_rules.render`) turn them into Vietnamese, English or
JSON. The evaluator's traced path only logs small tuples; `tracing.materialise` turns
one indicator's log into these entries when someone reads the trace, from parts prepared
once per compiled spec (texts, descriptions, provenance, kinds).

Every compared value carries its kind, so a renderer never guesses it from text: a
declared fact kind (count, decimal, percent, bool, enum, year, text), `rate` for a rate
(shown as a percent), `number` for any other computed value.
"""

from __future__ import annotations

from fractions import Fraction
from typing import Any, Union

import attrs

from ytxa_rules import ast


@attrs.frozen
class FactRead:
    name: str
    value: Any
    description: str
    type: str  # the declared kind: bool, count, decimal, percent, enum, year


@attrs.frozen
class DerivedValue:
    name: str
    value: Any
    description: str
    formula: str  # rate | divide | count | expr
    expression: str
    operands: tuple[tuple[str, Any], ...]
    amended_by: tuple[ast.AmendmentRef, ...] = ()


@attrs.frozen
class OtherResult:
    """A result of another criteria set named in `uses` (e.g. the 1300 verdict in 318)."""

    alias: str
    document: str
    name: str
    value: Any  # None: that set's verdict is undecided


@attrs.frozen
class TableLookup:
    table: str
    description: str
    key_fact: str
    key: str
    value: Fraction | None
    percent: bool
    status: str | None
    amended_by: tuple[ast.AmendmentRef, ...] = ()


PERCENT_KINDS = frozenset({"percent", "rate"})  # kinds shown as percentages


@attrs.frozen
class Comparison:
    left: str
    left_value: Any
    op: str
    right: str
    right_value: Any
    held: bool
    amended_by: tuple[ast.AmendmentRef, ...] = ()
    left_kind: str = "number"  # kind of each side's value (not part of the JSON form)
    right_kind: str = "number"


@attrs.frozen
class Membership:
    operand: str
    value: Any
    options: str
    held: bool


@attrs.frozen
class BranchTaken:
    key: str
    value: Any


@attrs.frozen
class BandTried:
    position: int
    where: str
    points: Fraction
    condition: str  # "otherwise" for the fallback band
    held: bool
    amended_by: tuple[ast.AmendmentRef, ...] = ()


@attrs.frozen
class NotApplicableCheck:
    condition: str
    held: bool


@attrs.frozen
class Outcome:
    status: str
    points: Fraction
    max: Fraction
    detail: str | None = None  # the missing facts, the zero denominator, the unknown value


TraceEntry = Union[
    FactRead, DerivedValue, OtherResult, TableLookup, Comparison, Membership, BranchTaken, BandTried, NotApplicableCheck, Outcome
]
