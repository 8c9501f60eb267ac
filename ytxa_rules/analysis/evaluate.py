"""Exact evaluation of expressions and rules over one station's values, for analyses.

The engine compiles each indicator to Python for speed; analyses (what-if search, plan
conditions, pooled sums) need to evaluate one expression or one indicator on values
that were never scored. This walker has the engine's semantics, which a property test
holds it to on every indicator: exact numbers, a zero denominator makes the indicator
not applicable, a fact not given is missing data, a table entry the law leaves unknown is
unknown, and `and` / `or` read their operands left to right only as far as needed.
"""

from __future__ import annotations

import operator
from collections.abc import Callable, Mapping
from fractions import Fraction
from typing import Any, assert_never

from ytxa_rules import ast
from ytxa_rules.language.functions import FUNCTIONS, DenominatorZero
from ytxa_rules.language.scope import Scope

COMPARE: dict[str, Callable[[Any, Any], bool]] = {
    ">=": operator.ge, "<=": operator.le, ">": operator.gt, "<": operator.lt, "=": operator.eq, "!=": operator.ne,
}


class Missing(Exception):
    """A fact the expression needs was not given."""

    def __init__(self, name: str):
        super().__init__(name)
        self.name = name


class NotApplicable(Exception):
    """A rate or a division by zero: the indicator leaves the maximum (criteria-1300 §6)."""


class Unknown(Exception):
    """A value the law leaves unknown (a table entry written `unknown`)."""


class Evaluator:
    """Evaluates expressions of one document's scope; stateless, safe to share."""

    def __init__(self, scope: Scope):
        self.scope = scope

    # ------------------------------------------------------------ rules
    def points(self, indicator: ast.Indicator, values: Mapping[str, Any]) -> Fraction | None:
        """The indicator's points, or None when it is not applicable. Raises Missing, Unknown."""
        try:
            if indicator.not_applicable is not None and self.truth(indicator.not_applicable, values):
                return None
            return self.rule(indicator.rule, values)
        except NotApplicable:
            return None

    def rule(self, rule: ast.Rule | None, values: Mapping[str, Any]) -> Fraction:
        match rule:
            case None:
                return Fraction(0)
            case ast.Bands() | ast.Branch():
                return self._part(rule, values)
            case ast.Sum():
                applying = [p for p in rule.parts if p.not_applicable is None or not self.truth(p.not_applicable, values)]
                if not applying:  # no part applies: the indicator does not
                    raise NotApplicable()
                return sum((self._part(p.rule, values) for p in applying), Fraction(0))
            case _:
                assert_never(rule)

    def _part(self, rule: ast.PartRule, values: Mapping[str, Any]) -> Fraction:
        match rule:
            case ast.Bands():
                return self._bands(rule, values)
            case ast.Branch():
                return self._branch(rule, values)
            case _:
                assert_never(rule)

    def _bands(self, bands: ast.Bands, values: Mapping[str, Any]) -> Fraction:
        for band in bands.bands:
            if band.condition is None or self.truth(band.condition, values):
                return band.points.value
        return Fraction(0)

    def _branch(self, branch: ast.Branch, values: Mapping[str, Any]) -> Fraction:
        key = self._fact(branch.key, values)
        for case in branch.cases:
            if key in case.keys:
                return self._bands(case.bands, values)
        if branch.otherwise is not None:
            return self._bands(branch.otherwise, values)
        return Fraction(0)

    # ------------------------------------------------------------ expressions
    def truth(self, expr: ast.Expr, values: Mapping[str, Any]) -> bool:
        return bool(self.value(expr, values))

    def value(self, expr: ast.Expr, values: Mapping[str, Any], enum_context: bool = False) -> Any:
        match expr:
            case ast.Number():
                return str(expr.value.numerator) if enum_context else expr.value
            case ast.Bool() | ast.DateLiteral():
                return expr.value
            case ast.Ref():
                return self._ref(expr.name, values)
            case ast.QualifiedRef():
                raise Unknown(f"{expr.alias}.{expr.name}")  # another set's result: not a fact of this station
            case ast.Call():
                return self._call(expr, values)
            case ast.Neg():
                return -self.value(expr.operand, values)
            case ast.Arith():
                left, right = self.value(expr.left, values), self.value(expr.right, values)
                if expr.op == "/":
                    if not right:
                        raise NotApplicable()
                    return Fraction(left) / right
                return {"+": operator.add, "-": operator.sub, "*": operator.mul}[expr.op](left, right)
            case ast.Compare():
                left_enum, right_enum = self._is_enum(expr.left), self._is_enum(expr.right)
                left = self.value(expr.left, values, right_enum)
                right = self.value(expr.right, values, left_enum)
                return COMPARE[expr.op](left, right)
            case ast.In():
                enum = self._is_enum(expr.operand)
                operand = self.value(expr.operand, values)
                return any(operand == self.value(o, values, enum) for o in expr.options)
            case ast.Not():
                return not self.value(expr.operand, values)
            case ast.And():
                return all(self.value(o, values) for o in expr.operands)
            case ast.Or():
                return any(self.value(o, values) for o in expr.operands)
            case _:
                assert_never(expr)

    def _is_enum(self, expr: ast.Expr) -> bool:
        fact = self.scope.facts.get(expr.name) if isinstance(expr, ast.Ref) else None
        return fact is not None and fact.type.kind == "enum"

    def _fact(self, name: str, values: Mapping[str, Any]) -> Any:
        if name not in values:
            raise Missing(name)
        return values[name]

    def _ref(self, name: str, values: Mapping[str, Any]) -> Any:
        scope = self.scope
        if name in scope.facts:
            return self._fact(name, values)
        if name in scope.values:
            return self.value(scope.values[name].expr, values)
        if name in scope.tables:
            table = scope.tables[name]
            keys = tuple(self._fact(k, values) for k in table.keys)
            label = ", ".join(str(k) for k in keys)
            for entry in table.entries:
                if entry.keys == keys:
                    if entry.value is None:
                        raise Unknown(f"{name}[{label}]")
                    return entry.value.value
            raise Unknown(f"{name}[{label}]")
        return name  # a value of a `one of` fact, beside it (resolved by the checker)

    def _call(self, expr: ast.Call, values: Mapping[str, Any]) -> Any:
        """The registry's own implementation: the engine and analyses compute alike."""
        function = FUNCTIONS[expr.function]
        args = [self.value(a, values) for a in expr.args]
        try:
            if function.spread:
                return function.implementation(tuple(args))
            if function.takes_what:
                return function.implementation(*args, "")
            return function.implementation(*args)
        except DenominatorZero:
            raise NotApplicable() from None
