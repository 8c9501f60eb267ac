"""A criteria set's nodes: declarations, scoring rules, indicators, criteria, recognition."""

from __future__ import annotations

import datetime
from fractions import Fraction
from typing import Union

import attrs

from ytxa_rules.ast.expressions import Expr, Number
from ytxa_rules.ast.spans import AmendmentRef, Span, _provenance, _span
from ytxa_rules.language.kinds import KINDS

# ---------------------------------------------------------------- declarations

FACT_KINDS = tuple(KINDS)  # the registry of fact kinds: ytxa_rules/language/kinds.py


@attrs.frozen
class FactType:
    kind: str
    values: tuple[str, ...] = ()


@attrs.frozen
class Bound:
    op: str
    expr: Expr
    span: Span = _span()


@attrs.frozen
class Fact:
    name: str
    type: FactType
    bounds: tuple[Bound, ...] = ()
    optional: bool = False
    description: str = ""
    span: Span = _span()
    amended_by: tuple[AmendmentRef, ...] = _provenance()


@attrs.frozen
class Value:
    name: str
    expr: Expr
    description: str = ""
    span: Span = _span()
    amended_by: tuple[AmendmentRef, ...] = _provenance()


@attrs.frozen
class TableEntry:
    key: str
    value: Number | None  # None: the law does not say (yet); evaluation reports missing data
    status: str | None = None
    span: Span = _span()
    amended_by: tuple[AmendmentRef, ...] = _provenance()
    second: str | None = None  # the value of the second key, in a table by two facts

    @property
    def keys(self) -> tuple[str, ...]:
        """The key values that pick this entry: one, or two in a two-key table."""
        return (self.key,) if self.second is None else (self.key, self.second)

    @property
    def label(self) -> str:
        """The keys as written: `tay_nguyen` or `tay_nguyen, thanh_thi`."""
        return ", ".join(self.keys)


@attrs.frozen
class Table:
    name: str
    key: str
    description: str
    entries: tuple[TableEntry, ...]
    span: Span = _span()
    amended_by: tuple[AmendmentRef, ...] = _provenance()
    second_key: str | None = None  # `table t by zone, region`: the second fact

    @property
    def keys(self) -> tuple[str, ...]:
        """The facts whose values pick an entry, in order."""
        return (self.key,) if self.second_key is None else (self.key, self.second_key)


Declaration = Union[Fact, Value, Table]  # what `add`/`replace`/`remove` of a declaration names

# ---------------------------------------------------------------- scoring rules


@attrs.frozen
class Band:
    points: Number
    condition: Expr | None  # None: `otherwise`
    span: Span = _span()
    amended_by: tuple[AmendmentRef, ...] = _provenance()


@attrs.frozen
class Bands:
    bands: tuple[Band, ...]
    span: Span = _span()


@attrs.frozen
class Case:
    keys: tuple[str, ...]
    bands: Bands
    span: Span = _span()


@attrs.frozen
class Branch:
    key: str
    cases: tuple[Case, ...]
    otherwise: Bands | None = None
    span: Span = _span()


PartRule = Union[Bands, Branch]  # what a `part` of a sum may hold


@attrs.frozen
class Part:
    title: str
    rule: PartRule
    span: Span = _span()
    # `part "…" not applicable when C: …`: while C holds the part is left out and its
    # maximum leaves the indicator's.
    not_applicable: Expr | None = None


@attrs.frozen
class Sum:
    parts: tuple[Part, ...]
    span: Span = _span()


Rule = Union[Bands, Branch, Sum]


@attrs.frozen
class Indicator:
    number: str
    title: str
    max: Number
    status: str
    knockout: bool
    cite: str | None
    note: str | None
    not_applicable: Expr | None
    rule: Rule | None
    span: Span = _span()
    amended_by: tuple[AmendmentRef, ...] = _provenance()


@attrs.frozen
class Criterion:
    number: int
    title: str
    max: Number
    indicators: tuple[Indicator, ...]
    span: Span = _span()
    amended_by: tuple[AmendmentRef, ...] = _provenance()


@attrs.frozen
class Amount:
    """`80% of max` (share set) or a number of points (points set)."""

    share: Fraction | None
    points: Fraction | None
    text: str = attrs.field(default="", eq=False)


@attrs.frozen
class Requirement:
    kind: str  # total | every_criterion | criterion | no_knockout
    op: str = ">="
    amount: Amount | None = None
    criterion: int | None = None
    description: str = ""
    span: Span = _span()


@attrs.frozen
class Recognition:
    title: str
    cite: str | None
    note: str | None
    requirements: tuple[Requirement, ...]
    span: Span = _span()
    amended_by: tuple[AmendmentRef, ...] = _provenance()


@attrs.frozen
class Succession:
    """`replaces "1300/QĐ-BYT" from 2027-01-01`."""

    document: str
    start: datetime.date
    span: Span = _span()


@attrs.frozen
class Removal:
    """Something an amendment removed: an indicator, a fact, a value, a table or an entry."""

    kind: str  # indicator | fact | value | table | entry | enum value
    name: str  # "47", "so_giuong", "nguong_thap_coi tay_nguyen", "loai_don_vi thi_tran"
    title: str
    amended_by: tuple[AmendmentRef, ...] = ()


@attrs.frozen
class Use:
    document: str
    alias: str
    span: Span = _span()


@attrs.frozen
class Document:
    id: str
    title: str
    issued: datetime.date | None
    effective: datetime.date | None
    total: Number | None
    assessment_year: str | None
    uses: tuple[Use, ...]
    facts: tuple[Fact, ...]
    values: tuple[Value, ...]
    tables: tuple[Table, ...]
    criteria: tuple[Criterion, ...]
    recognition: Recognition | None
    span: Span = _span()
    amended_by: tuple[AmendmentRef, ...] = _provenance()
    # Supersession: this document replaces another from a date, carrying or dropping
    # each of the other's amendments by name; and the date it stops being in force.
    replaces: Succession | None = None
    carries: tuple[str, ...] = ()
    drops: tuple[str, ...] = ()
    expires: datetime.date | None = None
    # Who changed the title or total, and what amendments removed (kept for diff and traces).
    header_by: tuple[AmendmentRef, ...] = _provenance()
    removed: tuple[Removal, ...] = attrs.field(default=(), eq=False, repr=False)

    def indicators(self) -> tuple[Indicator, ...]:
        return tuple(i for c in self.criteria for i in c.indicators)
