"""The steps of an indicator's trace, as `tracing.steps_of` returns them: named tuples.

A step holds only what varies per station; the static parts (texts, descriptions, which
facts a node reads, amendment provenance) are in the spec's `TraceTables`, under the
step's `node`. Steps are `NamedTuple`s, so renderers read fields by name at the cost of a
tuple, and dispatch on the step's class (`type(step)`), never on a tag string.
"""

from __future__ import annotations

from typing import Any, NamedTuple, Union

new_step = tuple.__new__  # `new_step(FactShown, (name, value))`: a step without the class's Python-level __new__


class FactShown(NamedTuple):
    """A fact read, shown once before the first step that needs it (`tables.facts[name]`)."""

    name: str
    value: Any


class ValueComputed(NamedTuple):
    """A derived value (`tables.nodes[node]`), with the values of its operands."""

    node: int
    value: Any
    operands: tuple[Any, ...]


class OtherResultRead(NamedTuple):
    """A result of another criteria set (`alias.total`…)."""

    alias: str
    name: str
    value: Any


class TableLookedUp(NamedTuple):
    """A table entry looked up; `key` is a pair of values in a table by two facts."""

    node: int
    key: Any
    value: Any


class Compared(NamedTuple):
    """A comparison, with the value kind of each side (a fact kind, "number", "percent"…)."""

    node: int
    left: Any
    right: Any
    held: Any
    left_kind: str
    right_kind: str


class MembershipTested(NamedTuple):
    """An `in (…)` test."""

    node: int
    value: Any
    held: Any


class BranchTaken(NamedTuple):
    """The case of a `points by` that applied."""

    node: int
    value: Any


class BandTried(NamedTuple):
    """A band of points tried (`tables.bands[band]`)."""

    band: int
    held: bool


class NotApplicableTested(NamedTuple):
    """The indicator's `not applicable when` (`tables.not_applicable[indicator]`)."""

    held: bool


class PartNotApplicableTested(NamedTuple):
    """One part's `not applicable when` (`tables.excluded_parts[part]`)."""

    part: int
    held: bool


Step = Union[
    FactShown, ValueComputed, OtherResultRead, TableLookedUp, Compared, MembershipTested, BranchTaken, BandTried,
    NotApplicableTested, PartNotApplicableTested,
]  # fmt: skip
