"""Type checks of every expression site: bounds, values, conditions, branches."""

from __future__ import annotations

from collections.abc import Iterator

from ytxa_rules import ast
from ytxa_rules.check.scope import Scope, TypeInference
from ytxa_rules.check.values import value_order
from ytxa_rules.diagnostics import Diagnostic, error
from ytxa_rules.language.types import ERROR, NUMBER, PERCENT, fact_type, is_numeric
from ytxa_rules.suggest import closest
from ytxa_rules.syntax.excerpt import listing
from ytxa_rules.tree import band_lists, branch_keys


def check_expressions(doc: ast.Document, scope: Scope) -> Iterator[Diagnostic]:
    inference = TypeInference(scope)
    for fact in doc.facts:
        for bound in fact.bounds:
            declared = fact_type(fact.name, fact.type.kind)
            if not is_numeric(declared):
                inference.diagnostics.append(error("E304", bound.span, fact=fact.name, found=declared))
                continue
            found = inference.infer(bound.expr)
            if found != ERROR and (not is_numeric(found) or (found == PERCENT) != (declared == PERCENT)):
                if found != NUMBER:
                    inference.diagnostics.append(error("E303", bound.span, fact=fact.name, found=found))
    order = value_order(scope.values)
    inference.diagnostics.extend(order.diagnostics)
    inference.refuse(order.refused)
    for name in order.order:  # what a value uses first: no recursion through chains
        inference.value_type(name)
    for value in doc.values:
        inference.value_type(value.name)
    for indicator in doc.indicators():
        if indicator.not_applicable is not None:
            inference.expect_bool(indicator.not_applicable)
        if isinstance(indicator.rule, ast.Sum):
            for part in indicator.rule.parts:
                if part.not_applicable is not None:
                    inference.expect_bool(part.not_applicable)
        for _, bands in band_lists(indicator.rule):
            for band in bands.bands:
                if band.condition is not None:
                    inference.expect_bool(band.condition)
        for branch in branch_keys(indicator.rule):
            inference.diagnostics.extend(_check_branch(branch, scope))
    yield from _unique(inference.diagnostics)


def _check_branch(branch: ast.Branch, scope: Scope) -> Iterator[Diagnostic]:
    key = scope.facts.get(branch.key)
    if key is None:
        yield error("E200", branch.span, name=branch.key, suggestion=scope.suggest(branch.key))
        return
    if key.type.kind != "enum":
        yield error("E212", branch.span, key=branch.key)
        return
    values = key.type.values
    known = scope.enum_sets[branch.key]
    covered = {value for case in branch.cases for value in case.keys}
    missing = [v for v in values if v not in covered]
    seen: set[str] = set()
    misspelt = False
    for case in branch.cases:
        for value in case.keys:
            if value not in known:
                misspelt = True
                suggestion = closest(value, missing or values, cutoff=0.6)
                yield error("E213", case.span, value=value, key=branch.key, values=listing(values), suggestion=suggestion)
            elif value in seen:
                yield error("E215", case.span, value=value)
            seen.add(value)
    # A misspelt case value also leaves its real value uncovered: report the cause once.
    if missing and branch.otherwise is None and not misspelt:
        yield error("E214", branch.span, key=branch.key, values=listing(missing))


def _unique(diagnostics: list[Diagnostic]) -> Iterator[Diagnostic]:
    """A value used by many indicators is reported once, where it is defined."""
    seen: set[Diagnostic] = set()
    for diagnostic in diagnostics:
        if diagnostic not in seen:
            seen.add(diagnostic)
            yield diagnostic
