"""Checks on what a document declares: header, names, enums, tables, unused facts."""

from __future__ import annotations

from collections.abc import Iterator

from ytxa_rules import ast
from ytxa_rules.check.scope import Scope
from ytxa_rules.diagnostics import Diagnostic, error, warning
from ytxa_rules.syntax.excerpt import excerpt, listing
from ytxa_rules.tree import branch_keys, indicator_expressions, referenced_names


def check_header(doc: ast.Document, scope: Scope) -> Iterator[Diagnostic]:
    if doc.effective is None:
        yield error("E110", doc.span, document=excerpt(doc.id))
    if doc.issued and doc.effective and doc.issued > doc.effective:
        yield error("E111", doc.span, issued=doc.issued, effective=doc.effective)
    if doc.assessment_year is not None:
        fact = scope.facts.get(doc.assessment_year)
        if fact is None or fact.type.kind != "year":
            yield error("E218", doc.span, name=doc.assessment_year)


def _declarations(doc: ast.Document) -> list[ast.Fact | ast.Value | ast.Table]:
    """Everything that declares a name, in one typed list."""
    return [*doc.facts, *doc.values, *doc.tables]


def check_names(doc: ast.Document, scope: Scope) -> Iterator[Diagnostic]:
    seen: dict[str, ast.Span] = {}
    own = {id(fact) for fact in doc.facts}  # by identity: comparing facts by value is slow and wrong
    imported = {name: fact for name, fact in scope.facts.items() if id(fact) not in own}
    owners = {id(f): u.document for u in reversed(doc.uses) if u.alias in scope.uses for f in scope.uses[u.alias].facts}
    for decl in _declarations(doc):
        if decl.name in imported:
            yield error("E222", decl.span, name=decl.name, document=excerpt(owners[id(imported[decl.name])]))
        elif decl.name in seen:
            yield error("E201", decl.span, name=decl.name, line=seen[decl.name].line)
        else:
            seen[decl.name] = decl.span
    for fact in doc.facts:
        values_seen: set[str] = set()
        for value in fact.type.values:
            if value in values_seen:
                yield error("E208", fact.span, value=value)
            values_seen.add(value)
    criteria_seen: set[int] = set()
    indicators_seen: set[str] = set()
    for criterion in doc.criteria:
        if criterion.number in criteria_seen:
            yield error("E202", criterion.span, number=criterion.number)
        criteria_seen.add(criterion.number)
        for indicator in criterion.indicators:
            if indicator.number in indicators_seen:
                yield error("E203", indicator.span, number=indicator.number)
            indicators_seen.add(indicator.number)


def check_tables(doc: ast.Document, scope: Scope) -> Iterator[Diagnostic]:
    for table in doc.tables:
        yield from _check_table(table, scope)


def _check_table(table: ast.Table, scope: Scope) -> Iterator[Diagnostic]:
    """Keys are `one of` facts; every value (or pair of values) has exactly one entry."""
    keys = table.keys
    if len(keys) == 2 and keys[0] == keys[1]:
        yield error("E542", table.span, table=table.name, key=keys[0])
        return
    facts = []
    for name in keys:
        fact = scope.facts.get(name)
        if fact is None:
            yield error("E200", table.span, name=name, suggestion=scope.suggest(name))
        elif fact.type.kind != "enum":
            yield error("E209", table.span, table=table.name, key=name)
        else:
            facts.append(fact)
    if len(facts) != len(keys):
        return
    given: set[tuple[str, ...]] = set()
    for entry in table.entries:
        if len(entry.keys) != len(keys):
            yield error("E540", entry.span, table=table.name, count=len(keys), keys=", ".join(keys), value=entry.label)
            continue
        strangers = [(v, k) for v, k in zip(entry.keys, keys) if v not in scope.enum_sets[k]]
        if entry.keys in given:
            yield error("E208", entry.span, value=entry.label)
        for value, key in strangers:
            yield error("E211", entry.span, table=table.name, value=value, key=key)
        given.add(entry.keys)
    if len(keys) == 1:
        for value in facts[0].type.values:
            if (value,) not in given:
                yield error("E210", table.span, table=table.name, value=value)
        return
    missing = [f"{a}, {b}" for a in facts[0].type.values for b in facts[1].type.values if (a, b) not in given]
    if missing:
        yield error("E541", table.span, table=table.name, count=len(missing), pairs=listing(missing, "; "))


def check_unused(doc: ast.Document, scope: Scope) -> Iterator[Diagnostic]:
    used: set[str] = set()
    for value in doc.values:
        used.update(referenced_names(value.expr))
    for table in doc.tables:
        used.update(table.keys)
    for fact in doc.facts:
        for bound in fact.bounds:
            used.update(referenced_names(bound.expr))
    for indicator in doc.indicators():
        for expr in indicator_expressions(indicator):
            used.update(referenced_names(expr))
        used.update(b.key for b in branch_keys(indicator.rule))
    if doc.assessment_year:
        used.add(doc.assessment_year)
    # A misspelt reference (reported as E200) stands for the name it resembles: do not
    # also tell the editor that the real one is unused.
    declared = [d.name for d in _declarations(doc)]
    for name in sorted(used - set(declared) - set(scope.enum_owner)):  # enum values are no misspellings
        intended = scope.suggest(name)
        if intended is not None:
            used.add(intended)
    for fact in doc.facts:
        if fact.name not in used and fact.type.kind != "text":
            yield warning("W220", fact.span, name=fact.name)
    others: list[ast.Value | ast.Table] = [*doc.values, *doc.tables]
    for decl in others:
        if decl.name not in used:
            yield warning("W221", decl.span, name=decl.name)
