"""Frozen syntax-tree nodes of the criteria language.

Every node carries the span it came from so that any later stage (checker, composer,
evaluator) can point a policy editor at the exact line. Spans and provenance are left out
of equality: two specs that say the same thing are equal wherever they were written, which
is what the formatter round-trip and the amendment tests compare.
"""

from __future__ import annotations

import datetime
from fractions import Fraction
from typing import Union

import attrs

from ytxa_rules.language.kinds import KINDS


@attrs.frozen
class Span:
    """A source position; columns count characters (not bytes), from 1."""

    file: str
    line: int
    column: int
    end_line: int
    end_column: int

    def __str__(self) -> str:
        return f"{self.file}:{self.line}:{self.column}"


NO_SPAN = Span("<generated>", 0, 0, 0, 0)


def _span() -> Span:
    return attrs.field(default=NO_SPAN, eq=False, repr=False)  # type: ignore[no-any-return]


@attrs.frozen
class AmendmentRef:
    """Which document changed a node, so traces can say "theo 1453/QĐ-BYT"."""

    id: str
    target: str
    corrects: bool
    reason: str
    effective: datetime.date
    scope: tuple[tuple[str, str], ...] = ()
    # The operation that made the change: post-compose errors are reported there.
    span: Span = attrs.field(default=NO_SPAN, eq=False, repr=False)


def _provenance() -> tuple[AmendmentRef, ...]:
    return attrs.field(default=(), eq=False, repr=False)  # type: ignore[no-any-return]


# ---------------------------------------------------------------- expressions


@attrs.frozen
class Number:
    value: Fraction
    percent: bool = False
    text: str = attrs.field(default="", eq=False)
    span: Span = _span()


@attrs.frozen
class Bool:
    value: bool
    span: Span = _span()


@attrs.frozen
class DateLiteral:
    """`2024-03-20` in an expression: compared with a `date` fact."""

    value: datetime.date
    span: Span = _span()


@attrs.frozen
class Ref:
    """A bare name: a fact, a derived value, a table, or an enum value (resolved by the checker)."""

    name: str
    span: Span = _span()


@attrs.frozen
class QualifiedRef:
    """`alias.name`: a result of another criteria set named in `uses`."""

    alias: str
    name: str
    span: Span = _span()


@attrs.frozen
class Call:
    function: str
    args: tuple[Expr, ...]
    span: Span = _span()


@attrs.frozen
class Neg:
    operand: Expr
    span: Span = _span()


@attrs.frozen
class Arith:
    op: str
    left: Expr
    right: Expr
    span: Span = _span()


@attrs.frozen
class Compare:
    op: str
    left: Expr
    right: Expr
    span: Span = _span()
    amended_by: tuple[AmendmentRef, ...] = _provenance()


@attrs.frozen
class In:
    operand: Expr
    options: tuple[Expr, ...]
    span: Span = _span()


@attrs.frozen
class Not:
    operand: Expr
    span: Span = _span()


@attrs.frozen
class And:
    operands: tuple[Expr, ...]
    span: Span = _span()


@attrs.frozen
class Or:
    operands: tuple[Expr, ...]
    span: Span = _span()


Expr = Union[Number, Bool, DateLiteral, Ref, QualifiedRef, Call, Neg, Arith, Compare, In, Not, And, Or]

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


# ---------------------------------------------------------------- amendments


@attrs.frozen
class IndicatorTarget:
    number: str
    path: tuple[tuple[str, str], ...]  # ("part" | "case" | "band" | "comparison", value)
    property: str
    span: Span = _span()


@attrs.frozen
class CriterionTarget:
    number: int
    property: str
    span: Span = _span()


@attrs.frozen
class TableEntryTarget:
    table: str
    key: str
    span: Span = _span()
    second: str | None = None  # `table T entry a, b`

    @property
    def keys(self) -> tuple[str, ...]:
        return (self.key,) if self.second is None else (self.key, self.second)


@attrs.frozen
class FactTarget:
    """`change fact NAME description|optional to …`."""

    name: str
    property: str
    span: Span = _span()


@attrs.frozen
class ValueTarget:
    name: str
    span: Span = _span()


@attrs.frozen
class DocumentTarget:
    property: str
    span: Span = _span()


Target = Union[IndicatorTarget, CriterionTarget, TableEntryTarget, ValueTarget, DocumentTarget, FactTarget]


@attrs.frozen
class NewValue:
    kind: str  # operator | status | text | unknown | expr
    value: str | Expr | None
    span: Span = _span()


@attrs.frozen
class Change:
    target: Target
    new: NewValue
    span: Span = _span()
    status: str | None = None  # `change table T entry K to 25% confirmed`


@attrs.frozen
class ReplaceRule:
    indicator: str
    rule: Rule
    span: Span = _span()


@attrs.frozen
class ReplaceRecognition:
    recognition: Recognition
    span: Span = _span()


@attrs.frozen
class AddIndicator:
    criterion: int
    indicator: Indicator
    span: Span = _span()


@attrs.frozen
class RemoveIndicator:
    indicator: str
    span: Span = _span()


@attrs.frozen
class AddDeclaration:
    declaration: Declaration
    span: Span = _span()


@attrs.frozen
class ReplaceDeclaration:
    """`replace fact|value|table …`: a new declaration under an existing name."""

    declaration: Declaration
    span: Span = _span()


@attrs.frozen
class RemoveDeclaration:
    kind: str  # fact | value | table
    name: str
    span: Span = _span()


@attrs.frozen
class ChangeEnumValues:
    """`add values a, b to fact X` / `remove values a from fact X`."""

    fact: str
    add: bool
    values: tuple[str, ...]
    span: Span = _span()


@attrs.frozen
class AddTableEntries:
    table: str
    entries: tuple[TableEntry, ...]
    span: Span = _span()


@attrs.frozen
class RemoveTableEntry:
    table: str
    key: str
    span: Span = _span()
    second: str | None = None  # `remove table T entry a, b`

    @property
    def keys(self) -> tuple[str, ...]:
        return (self.key,) if self.second is None else (self.key, self.second)


Operation = Union[
    Change,
    ReplaceRule,
    ReplaceRecognition,
    AddIndicator,
    RemoveIndicator,
    AddDeclaration,
    ReplaceDeclaration,
    RemoveDeclaration,
    ChangeEnumValues,
    AddTableEntries,
    RemoveTableEntry,
]


@attrs.frozen
class Amendment:
    id: str
    title: str
    amends: str | None
    corrects: bool
    issued: datetime.date | None
    effective: datetime.date | None
    reason: str
    operations: tuple[Operation, ...]
    span: Span = _span()
    scope: tuple[tuple[str, str], ...] = ()  # (("tinh", "Quảng Nam"),): only those stations

    def ref(self) -> AmendmentRef:
        assert self.effective is not None and self.amends is not None
        return AmendmentRef(self.id, self.amends, self.corrects, self.reason, self.effective, self.scope)


SpecFile = Union[Document, Amendment]
