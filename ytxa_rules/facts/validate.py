"""Check station facts against a spec's declarations and convert them to exact values.

Every problem is collected (not just the first, up to `FACTS_MAX_PROBLEMS`), each naming
the fact and where it came from. Counts become `int`, decimals and percents `int` or
`Fraction`, so no float ever reaches a threshold. A fact given as null or NaN (an empty
spreadsheet cell, pandas' NA) counts as not given. What a value of each kind may be is
decided in `scalars`; values that are valid but implausible give warnings
(`plausibility`), never a silent score.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Mapping
from decimal import Decimal
from fractions import Fraction
from typing import Any, NamedTuple

from ytxa_rules import ast
from ytxa_rules.diagnostics import Diagnostic, error
from ytxa_rules.errors import FactsError
from ytxa_rules.facts.number_text import INT_LIMIT
from ytxa_rules.facts.plausibility import percent_warnings
from ytxa_rules.facts.scalars import (
    CONVERTERS,
    Refused,
    enum_key,
    exact_decimal_text,
    is_missing,
    kind_of,
    plain,
    shown,
)
from ytxa_rules.limits import FACTS_MAX_PROBLEMS
from ytxa_rules.suggest import closest
from ytxa_rules.syntax.unparse import expr_text


class Checked(NamedTuple):
    """A station's facts as the engine reads them, what is missing, and what looks wrong."""

    values: dict[str, Any]
    missing: tuple[str, ...]
    warnings: tuple[Diagnostic, ...]


class FactsValidator:
    """Built once per compiled spec; validates one station per call."""

    def __init__(self, facts: Mapping[str, ast.Fact]):
        self.facts = dict(facts)
        self.kinds = {name: fact.type.kind for name, fact in self.facts.items()}
        self.enums = {name: frozenset(f.type.values) for name, f in self.facts.items() if f.type.kind == "enum"}
        self.required = tuple(n for n, f in self.facts.items() if not f.optional)
        # (fact, bound, fixed limit or None, other fact or None): most bounds are one of the two.
        self.bounds = [
            (
                fact.name,
                bound,
                bound.expr.value if isinstance(bound.expr, ast.Number) else None,
                bound.expr.name if isinstance(bound.expr, ast.Ref) else None,
            )
            for fact in self.facts.values()
            for bound in fact.bounds
        ]
        # The smallest fixed upper bound of each fact: `1.250` is not ambiguous under `<= 100`.
        self.upper: dict[str, Fraction] = {}
        for name, bound, fixed, _ in self.bounds:
            if bound.op == "<=" and fixed is not None:
                self.upper[name] = min(self.upper.get(name, fixed), fixed)
        self.percents = [n for n, f in self.facts.items() if f.type.kind == "percent"]
        self.years = [n for n, f in self.facts.items() if f.type.kind == "year"]

    def validate(
        self, raw: Mapping[str, Any], where: Mapping[str, ast.Span] | None = None
    ) -> tuple[dict[str, Any], tuple[str, ...]]:
        """(exact values of the facts given, names of declared facts not given)."""
        checked = self.check(raw, where)
        return checked.values, checked.missing

    def check(self, raw: Mapping[str, Any], where: Mapping[str, ast.Span] | None = None) -> Checked:
        """Values, missing facts and plausibility warnings; raises `FactsError` listing every problem."""
        where = where or {}
        problems: list[Diagnostic] = []
        hidden = 0  # problems past FACTS_MAX_PROBLEMS: counted, not built
        values: dict[str, Any] = {}
        kinds, enums = self.kinds, self.enums
        if any(isinstance(k, str) and k not in kinds for k in raw):
            raw = _composed(raw, where, problems)  # names typed decomposed (e + U+0302 + U+0301) are the same names
        for name, value in raw.items():
            if value is None:
                continue
            kind = kinds.get(name)
            value_type = type(value)
            # Fast paths for the common, already exact inputs.
            if kind == "count":
                if value_type is int and 0 <= value < INT_LIMIT:
                    values[name] = value
                    continue
            elif kind == "bool":
                if value_type is bool:
                    values[name] = value
                    continue
            elif kind == "enum":
                if value_type is str and value in enums[name]:
                    values[name] = value
                    continue
                if value_type is int and -INT_LIMIT < value < INT_LIMIT and str(value) in enums[name]:
                    values[name] = str(value)
                    continue
            elif kind is None:
                if not is_missing(value):
                    if len(problems) < FACTS_MAX_PROBLEMS:
                        problems.append(self._unknown(name, where))
                    else:
                        hidden += 1
                continue
            if value_type is Decimal:  # the readers' numbers: NaN is an empty cell, the rest is converted
                if value.is_nan():
                    continue
            elif value_type is not int and value_type is not str:
                if is_missing(value):
                    continue
                value = plain(value)
            try:
                values[name] = self._enum(name, value) if kind == "enum" else CONVERTERS[kind](value, self.upper.get(name))
            except Refused as refused:
                if len(problems) < FACTS_MAX_PROBLEMS:
                    problems.append(error(refused.code, where.get(name), name=name, **refused.arguments))
                else:
                    hidden += 1
        for problem in self._check_ranges(values, where):
            if len(problems) < FACTS_MAX_PROBLEMS:
                problems.append(problem)
            else:
                hidden += 1
        if problems:  # in the order of the file, when we know it
            problems.sort(key=lambda d: (d.span.line, d.span.column) if d.span else (0, 0))
            if hidden:
                problems.append(error("F021", None, count=hidden, limit=FACTS_MAX_PROBLEMS))
            raise FactsError(problems)
        return Checked(values, self.missing(values), tuple(self.warnings(values, where)))

    def warnings(self, values: Mapping[str, Any], where: Mapping[str, ast.Span] | None = None) -> list[Diagnostic]:
        """Plausibility warnings for validated values (see `plausibility`)."""
        return percent_warnings(values, self.percents, where or {})

    def missing(self, values: Mapping[str, Any]) -> tuple[str, ...]:
        """Declared, non-optional facts not given."""
        if len(values) == len(self.facts):
            return ()
        return tuple(n for n in self.required if n not in values)

    def _enum(self, name: str, value: Any) -> str:
        key = enum_key(value)
        if key is not None and key in self.enums[name]:
            return key
        values = self.facts[name].type.values
        match = closest(shown(value), values, cutoff=0.6)
        raise Refused("F008", value=shown(value), values=", ".join(values), suggestion=match)

    def _unknown(self, name: Any, where: Mapping[str, ast.Span]) -> Diagnostic:
        if not isinstance(name, str):
            return error("F013", None, found=kind_of(name))
        return error("F004", where.get(name), name=shown(name), suggestion=closest(name, self.facts) if len(name) < 200 else None)

    def _check_ranges(self, values: dict[str, Any], where: Mapping[str, ast.Span]) -> list[Diagnostic]:
        problems = []
        for name in self.percents:
            value = values.get(name)
            if value is not None and not 0 <= value <= 100:
                problems.append(error("F011", where.get(name), name=name, value=exact_decimal_text(value)))
        for name in self.years:
            value = values.get(name)
            if value is not None and not 1900 <= value <= 2100:
                problems.append(error("F012", where.get(name), name=name, value=value))
        for name, bound, fixed, other in self.bounds:
            value = values.get(name)
            if value is None:
                continue
            limit: Any
            if fixed is not None:
                limit = fixed
            elif other is not None:
                limit = values.get(other)
            else:
                limit = _bound_value(bound.expr, values)
            if limit is None or isinstance(limit, (bool, str)):
                continue  # bounded by a fact not given: nothing to compare with
            if (bound.op == ">=" and value < limit) or (bound.op == "<=" and value > limit):
                args: dict[str, Any] = dict(name=name, value=exact_decimal_text(value), op=bound.op, bound=exact_decimal_text(limit))
                if fixed is not None:
                    problems.append(error("F006", where.get(name), **args))
                else:
                    problems.append(error("F007", where.get(name), other=expr_text(bound.expr), **args))
        return problems


def _composed(raw: Mapping[str, Any], where: Mapping[str, ast.Span], problems: list[Diagnostic]) -> dict[str, Any]:
    """Names and text in NFC; two names that are one name composed are given twice (F009)."""
    out: dict[Any, Any] = {}
    for key, value in raw.items():
        name = unicodedata.normalize("NFC", key) if isinstance(key, str) else key
        if name in out:  # two keys, one name: never keep one of them silently
            problems.append(error("F009", where.get(key), name=shown(name)))
            continue
        out[name] = unicodedata.normalize("NFC", value) if isinstance(value, str) else value
    return out


def _bound_value(expr: ast.Expr, values: Mapping[str, Any]) -> Fraction | int | None:
    if isinstance(expr, ast.Number):
        return expr.value
    if isinstance(expr, ast.Ref):
        value = values.get(expr.name)
        return value if isinstance(value, (int, Fraction)) and not isinstance(value, bool) else None
    if isinstance(expr, ast.Neg):
        inner = _bound_value(expr.operand, values)
        return None if inner is None else -inner
    if isinstance(expr, ast.Arith):
        left, right = _bound_value(expr.left, values), _bound_value(expr.right, values)
        if left is None or right is None:
            return None
        if expr.op == "+":
            return left + right
        if expr.op == "-":
            return left - right
        if expr.op == "*":
            return left * right
        return Fraction(left) / right if right else None
    return None

