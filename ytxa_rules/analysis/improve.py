"""For one indicator, the smallest fact changes that raise its points to each higher level.

Which facts may change: a station can act on what it does (counts of people served, yes/no
facts, percentages, its building's grade), not on what it is. So these stay as given:
text and year facts; `one of` facts that select a branch, a table row or a not-applicable
case (vùng, loại đơn vị); and the size of the problem: facts used as a rate's denominator, a
divisor, a bound of another fact, or in a not-applicable condition (population, households,
births).

Candidate values are solved exactly: for every comparison a fact takes part in, the
comparison's two sides are evaluated at three values of the fact; if they change linearly,
the boundary value is solved as a fraction and rounded to what the fact can hold (whole
numbers for counts, hundredths for decimals and percents), on both sides of the boundary.
Candidates outside the fact's bounds are dropped. Assignments are tried with one fact
changed, then two, and so on, and the first (fewest facts, then least change) that reaches
each level is kept.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Iterator, Mapping
from fractions import Fraction
from typing import Any

import attrs

from ytxa_rules import ast
from ytxa_rules.analysis.evaluate import Evaluator, Missing, NotApplicable, Unknown
from ytxa_rules.engine.codegen import fact_dependencies
from ytxa_rules.language.kinds import KINDS
from ytxa_rules.language.scope import Scope
from ytxa_rules.limits import GAP_ASSIGNMENTS_PER_INDICATOR
from ytxa_rules.tree import branch_keys, indicator_expressions, walk

HUNDREDTH = Fraction(1, 100)


@attrs.frozen
class FactChange:
    name: str
    old: Any
    new: Any
    description: str


@attrs.frozen
class Option:
    """Raising one indicator to `points` by changing `facts`."""

    indicator: str
    points: Fraction
    facts: tuple[FactChange, ...]
    effort: Fraction  # relative size of the change, for ranking options with as many facts


def fixed_facts(document: ast.Document, scope: Scope) -> frozenset[str]:
    """Facts that describe the station rather than what it does (see the module doc)."""
    fixed = {n for n, f in scope.facts.items() if f.type.kind in KINDS and not KINDS[f.type.kind].lever}
    for indicator in document.indicators():
        for branch in branch_keys(indicator.rule):
            fixed.add(branch.key)
        if indicator.not_applicable is not None:
            fixed.update(_names(indicator.not_applicable, scope))
    for table in scope.tables.values():
        fixed.update(table.keys)
    for fact in scope.facts.values():
        for bound in fact.bounds:
            fixed.update(_names(bound.expr, scope))
    expressions = [v.expr for v in scope.values.values()]
    expressions += [e for i in document.indicators() for e in indicator_expressions(i)]
    for expr in expressions:
        for node in walk(expr):
            if isinstance(node, ast.Call) and node.function == "rate" and len(node.args) == 2:
                fixed.update(_names(node.args[1], scope))
            elif isinstance(node, ast.Arith) and node.op == "/":
                fixed.update(_names(node.right, scope))
    return frozenset(fixed)


def _names(expr: ast.Expr, scope: Scope) -> set[str]:
    """Facts an expression reads, through derived values."""
    found: set[str] = set()
    pending = [expr]
    seen: set[str] = set()
    while pending:
        for node in walk(pending.pop()):
            if isinstance(node, ast.Ref):
                if node.name in scope.facts:
                    found.add(node.name)
                elif node.name in scope.values and node.name not in seen:
                    seen.add(node.name)
                    pending.append(scope.values[node.name].expr)
    return found


class Improver:
    """Options per indicator for one station (`values` validated, complete for the indicator)."""

    def __init__(self, document: ast.Document, scope: Scope, values: Mapping[str, Any]):
        self.document = document
        self.scope = scope
        self.values = dict(values)
        self.evaluator = Evaluator(scope)
        self.fixed = fixed_facts(document, scope)

    def options(self, indicator: ast.Indicator, current: Fraction) -> list[Option]:
        """The cheapest option for every level above `current` (ascending points)."""
        changeable = sorted(n for n in fact_dependencies((indicator,), self.scope)[0] if n not in self.fixed and n in self.values)
        candidates = {name: self._candidates(name, indicator) for name in changeable}
        best: dict[Fraction, Option] = {}
        tried = 0
        for size in range(1, len(changeable) + 1):
            for names in itertools.combinations(changeable, size):
                for combo in itertools.product(*(candidates[n] for n in names)):
                    tried += 1
                    if tried > GAP_ASSIGNMENTS_PER_INDICATOR:
                        return sorted(best.values(), key=lambda o: o.points)
                    option = self._try(indicator, dict(zip(names, combo)))
                    if option is not None and option.points > current:
                        known = best.get(option.points)
                        if known is None or (len(option.facts), option.effort) < (len(known.facts), known.effort):
                            best[option.points] = option
        return _useful(sorted(best.values(), key=lambda o: o.points))

    def _try(self, indicator: ast.Indicator, changes: dict[str, Any]) -> Option | None:
        values = {**self.values, **changes}
        try:
            points = self.evaluator.points(indicator, values)
        except (Missing, Unknown):
            return None
        if points is None:
            return None
        facts = tuple(FactChange(n, self.values[n], v, self.scope.facts[n].description) for n, v in changes.items())
        return Option(indicator.number, points, facts, sum((_effort(c.old, c.new) for c in facts), Fraction(0)))

    # ------------------------------------------------------------ candidate values
    def _candidates(self, name: str, indicator: ast.Indicator) -> list[Any]:
        """Values other than the current one worth trying for `name`."""
        fact = self.scope.facts[name]
        current = self.values[name]
        kind = fact.type.kind
        if kind == "bool":
            return [not current]
        if kind == "enum":
            return [v for v in fact.type.values if v != current]
        found: set[Any] = set()
        for compare in self._comparisons(indicator, name):
            boundary = self._boundary(compare, name)
            if boundary is not None:
                found.update(_around(boundary, kind))
        return sorted(v for v in found if v != current and self._within_bounds(fact, v))

    def _comparisons(self, indicator: ast.Indicator, name: str) -> Iterator[ast.Compare]:
        pending = list(indicator_expressions(indicator))
        seen: set[str] = set()
        while pending:
            for node in walk(pending.pop()):
                if isinstance(node, ast.Compare) and name in _names(node, self.scope):
                    yield node
                if isinstance(node, ast.Ref) and node.name in self.scope.values and node.name not in seen:
                    seen.add(node.name)
                    pending.append(self.scope.values[node.name].expr)

    def _boundary(self, compare: ast.Compare, name: str) -> Fraction | None:
        """The value of `name` at which both sides of `compare` are equal, if they move linearly."""
        start = Fraction(self.values[name])
        differences = []
        for step in (0, 1, 2):
            values = {**self.values, name: start + step}
            try:
                left = self.evaluator.value(compare.left, values)
                right = self.evaluator.value(compare.right, values)
            except (Missing, Unknown, NotApplicable, TypeError):
                return None
            if isinstance(left, (bool, str)) or isinstance(right, (bool, str)):
                return None
            differences.append(Fraction(left) - Fraction(right))
        slope = differences[1] - differences[0]
        if slope == 0 or differences[2] - differences[1] != slope:
            return None
        return start - differences[0] / slope

    def _within_bounds(self, fact: ast.Fact, value: Any) -> bool:
        if value < 0 or (fact.type.kind == "percent" and value > 100):
            return False
        for bound in fact.bounds:
            try:
                limit = self.evaluator.value(bound.expr, self.values)
            except (Missing, Unknown, NotApplicable):
                continue
            if (bound.op == ">=" and value < limit) or (bound.op == "<=" and value > limit):
                return False
        return True


def _around(boundary: Fraction, kind: str) -> set[Any]:
    """Values just at and on each side of a boundary that the fact's kind can hold."""
    if kind == "count":
        floor, ceiling = math.floor(boundary), math.ceil(boundary)
        return {floor - 1, floor, ceiling, ceiling + 1}
    low = Fraction(math.floor(boundary * 100), 100)
    high = Fraction(math.ceil(boundary * 100), 100)
    return {low - HUNDREDTH, low, high, high + HUNDREDTH}


def _effort(old: Any, new: Any) -> Fraction:
    if isinstance(old, bool) or isinstance(old, str):
        return Fraction(1)
    return abs(Fraction(new) - Fraction(old)) / max(abs(Fraction(old)), Fraction(1))


def _useful(options: list[Option]) -> list[Option]:
    """Drop a level whose option costs more than a higher level's (the higher one does better)."""
    kept: list[Option] = []
    for option in reversed(options):
        if not kept or (len(option.facts), option.effort) < (len(kept[-1].facts), kept[-1].effort):
            kept.append(option)
    return list(reversed(kept))
