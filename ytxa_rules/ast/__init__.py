"""Frozen syntax-tree nodes of the criteria language: `from ytxa_rules import ast`, then `ast.Document`.

Every node carries the span it came from so that any later stage (checker, composer,
evaluator) can point a policy editor at the exact line. Spans and provenance are left out
of equality: two specs that say the same thing are equal wherever they were written, which
is what the formatter round-trip and the amendment tests compare.

The nodes live in one module per job (spans, expressions, document, amendments); this
package only re-exports them, so every stage keeps writing `ast.Expr`, `ast.Document`.
"""

from __future__ import annotations

from ytxa_rules.ast.amendments import (
    AddDeclaration,
    AddIndicator,
    AddTableEntries,
    Amendment,
    Change,
    ChangeEnumValues,
    CriterionTarget,
    DocumentTarget,
    FactTarget,
    IndicatorTarget,
    NewValue,
    Operation,
    RemoveDeclaration,
    RemoveIndicator,
    RemoveTableEntry,
    ReplaceDeclaration,
    ReplaceRecognition,
    ReplaceRule,
    SpecFile,
    TableEntryTarget,
    Target,
    ValueTarget,
)
from ytxa_rules.ast.document import (
    FACT_KINDS,
    Amount,
    Band,
    Bands,
    Bound,
    Branch,
    Case,
    Criterion,
    Declaration,
    Document,
    Fact,
    FactType,
    Indicator,
    Part,
    PartRule,
    Recognition,
    Removal,
    Requirement,
    Rule,
    Succession,
    Sum,
    Table,
    TableEntry,
    Use,
    Value,
)
from ytxa_rules.ast.expressions import (
    And,
    Arith,
    Bool,
    Call,
    Compare,
    DateLiteral,
    Expr,
    In,
    Neg,
    Not,
    Number,
    Or,
    QualifiedRef,
    Ref,
)
from ytxa_rules.ast.spans import NO_SPAN, AmendmentRef, Span

# Every node class and union, by the module that defines it (spans, expressions, document, amendments).
__all__ = [
    "Span", "NO_SPAN", "AmendmentRef", "Number", "Bool", "DateLiteral", "Ref", "QualifiedRef", "Call", "Neg", "Arith",
    "Compare", "In", "Not", "And", "Or", "Expr", "FACT_KINDS", "FactType", "Bound", "Fact", "Value", "TableEntry", "Table",
    "Declaration", "Band", "Bands", "Case", "Branch", "PartRule", "Part", "Sum", "Rule", "Indicator", "Criterion", "Amount",
    "Requirement", "Recognition", "Succession", "Removal", "Use", "Document", "IndicatorTarget", "CriterionTarget",
    "TableEntryTarget", "FactTarget", "ValueTarget", "DocumentTarget", "Target", "NewValue", "Change", "ReplaceRule",
    "ReplaceRecognition", "AddIndicator", "RemoveIndicator", "AddDeclaration", "ReplaceDeclaration", "RemoveDeclaration",
    "ChangeEnumValues", "AddTableEntries", "RemoveTableEntry", "Operation", "Amendment", "SpecFile",
]
