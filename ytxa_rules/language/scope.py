"""Names of a document: one place that both the checker and the compiler ask.

A bare name in an expression is a fact, a derived value, a table, or (beside an enum
fact) one of that fact's values. The checker reports what does not resolve; the compiler
relies on the same answers, so the two can never disagree about what a name means.
"""

from __future__ import annotations

from collections.abc import Mapping

import attrs

from ytxa_rules import ast
from ytxa_rules.suggest import closest

SUGGESTED_NAMES = 200


@attrs.frozen
class Scope:
    document: ast.Document
    facts: Mapping[str, ast.Fact]
    values: Mapping[str, ast.Value]
    tables: Mapping[str, ast.Table]
    uses: Mapping[str, ast.Document]
    # Built once, so that asking "is this one of the values?" costs the same for 3 values
    # as for 100,000 (a table by commune).
    enum_sets: Mapping[str, frozenset[str]] = attrs.field(factory=dict)
    enum_owner: Mapping[str, str] = attrs.field(factory=dict)  # value -> first fact listing it
    _suggestions: dict[str, str | None] = attrs.field(factory=dict, eq=False, repr=False)

    @classmethod
    def of(cls, document: ast.Document, used: Mapping[str, ast.Document] | None = None) -> Scope:
        """Build the scope; facts of used documents are visible (same station)."""
        used = dict(used or {})
        facts: dict[str, ast.Fact] = {}
        for use in document.uses:
            other = used.get(use.document)
            if other is not None:
                for fact in other.facts:
                    facts.setdefault(fact.name, fact)
        for fact in document.facts:
            facts.setdefault(fact.name, fact)
        uses = {u.alias: used[u.document] for u in document.uses if u.document in used}
        enum_sets = {name: frozenset(f.type.values) for name, f in facts.items() if f.type.kind == "enum"}
        enum_owner: dict[str, str] = {}
        for name, fact in facts.items():
            for value in fact.type.values:
                enum_owner.setdefault(value, name)
        return cls(
            document,
            facts,
            {v.name: v for v in document.values},
            {t.name: t for t in document.tables},
            uses,
            enum_sets,
            enum_owner,
        )

    def names(self) -> list[str]:
        return [*self.facts, *self.values, *self.tables]

    def suggest(self, name: str) -> str | None:
        """A did-you-mean, worked out once per name and for SUGGESTED_NAMES names at most:
        each costs a pass over every declared name."""
        if name not in self._suggestions:
            if len(self._suggestions) >= SUGGESTED_NAMES:
                return None
            self._suggestions[name] = closest(name, self.names())
        return self._suggestions[name]

    def enum_values(self, fact_name: str) -> tuple[str, ...]:
        """The values of the `one of` fact `fact_name`, in the order written."""
        fact = self.facts.get(fact_name)
        return fact.type.values if fact is not None else ()

    def is_enum_literal(self, expr: ast.Expr) -> bool:
        """True when `expr`, written beside an enum fact, stands for one of its values."""
        if isinstance(expr, ast.Ref) and expr.name not in self.facts and expr.name not in self.values:
            return expr.name not in self.tables
        return isinstance(expr, ast.Number) and not expr.percent and expr.value.denominator == 1

    @staticmethod
    def literal_text(expr: ast.Expr) -> str:
        if isinstance(expr, ast.Ref):
            return expr.name
        assert isinstance(expr, ast.Number)
        return str(expr.value.numerator)
