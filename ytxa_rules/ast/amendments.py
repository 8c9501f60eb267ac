"""An amendment's nodes: what its operations point at and change, and the spec file union."""

from __future__ import annotations

import datetime
from typing import Union

import attrs

from ytxa_rules.ast.document import Declaration, Document, Indicator, Recognition, Rule, TableEntry
from ytxa_rules.ast.expressions import Expr
from ytxa_rules.ast.spans import AmendmentRef, Span, _span

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
