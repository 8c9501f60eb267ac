"""Check station facts against a spec's declarations and convert them to exact values.

Every problem is collected (not just the first), each naming the fact and where it came
from. Counts become `int`, decimals and percents `Fraction`, so no float ever reaches a
threshold. A fact given as null (an empty spreadsheet cell) counts as not given.
"""

from __future__ import annotations

import math
import unicodedata
from collections.abc import Callable, Mapping
from decimal import Decimal, InvalidOperation
from fractions import Fraction
from typing import Any

from ytxa_rules import ast
from ytxa_rules.diagnostics import Diagnostic, error
from ytxa_rules.errors import FactsError
from ytxa_rules.suggest import closest
from ytxa_rules.syntax.unparse import expr_text

Converter = Callable[[Any], Any]


class _Invalid(Exception):
    def __init__(self, expected: str):
        self.expected = expected


def _kind_of(value: Any) -> tuple[str, str]:
    if value is None:
        return ("type", "null")
    if isinstance(value, bool):
        return ("type", "bool")
    if isinstance(value, int):
        return ("type", "count" if value >= 0 else "negative")
    if isinstance(value, (float, Decimal, Fraction)):
        return ("type", "decimal")
    if isinstance(value, str):
        return ("type", "text")
    if isinstance(value, (list, tuple)):
        return ("type", "list")
    if isinstance(value, Mapping):
        return ("type", "mapping")
    return ("type", type(value).__name__)


def _bool(value: Any) -> bool:
    if isinstance(value, bool):
        return value
    raise _Invalid("bool")


def _count(value: Any) -> int:
    if type(value) is int:
        if value < 0:
            raise _Invalid("count")
        return value
    if isinstance(value, float) and not math.isfinite(value):
        raise _Invalid("count")
    if isinstance(value, (Decimal, Fraction, float)) and not isinstance(value, bool):
        if isinstance(value, Decimal) and not value.is_finite():
            raise _Invalid("count")
        if value == int(value) and value >= 0:  # 2.0 from a spreadsheet is the count 2
            return int(value)
    raise _Invalid("count")


def _exact(value: Any) -> Fraction:
    if isinstance(value, bool):
        raise _Invalid("decimal")
    if isinstance(value, (int, Fraction)):
        return Fraction(value)
    if isinstance(value, Decimal):
        if not value.is_finite():
            raise _Invalid("decimal")
        return Fraction(value)
    if isinstance(value, float):  # from Python callers: take the number as it was typed
        if not math.isfinite(value):  # NaN: an empty cell from pandas, never a number
            raise _Invalid("decimal")
        return Fraction(Decimal(repr(value)))
    if isinstance(value, str):
        try:
            parsed = Decimal(value.strip())  # no comma: "1,234" is ambiguous (1.234 or 1234)
        except InvalidOperation:
            raise _Invalid("decimal") from None
        if parsed.is_finite():
            return Fraction(parsed)
    raise _Invalid("decimal")


def _percent(value: Any) -> Fraction:
    try:
        return _exact(value)
    except _Invalid:
        raise _Invalid("percent") from None


def _year(value: Any) -> int:
    if type(value) is int:
        return value
    raise _Invalid("year")


def _text(value: Any) -> str:
    if isinstance(value, str):
        return value
    raise _Invalid("text")


CONVERTERS: dict[str, Converter] = {
    "bool": _bool,
    "count": _count,
    "decimal": _exact,
    "percent": _percent,
    "year": _year,
    "text": _text,
}


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
        self.percents = [n for n, f in self.facts.items() if f.type.kind == "percent"]
        self.years = [n for n, f in self.facts.items() if f.type.kind == "year"]

    def validate(
        self, raw: Mapping[str, Any], where: Mapping[str, ast.Span] | None = None
    ) -> tuple[dict[str, Any], tuple[str, ...]]:
        """(exact values of the facts given, names of declared facts not given)."""
        where = where or {}
        problems: list[Diagnostic] = []
        values: dict[str, Any] = {}
        kinds, enums = self.kinds, self.enums
        if any(isinstance(k, str) and k not in kinds for k in raw):
            raw = _composed(raw)  # names typed decomposed (e + U+0302 + U+0301) are the same names
        for name, value in raw.items():
            if value is None:
                continue
            kind = kinds.get(name)
            value_type = type(value)
            # Fast paths for the common, already exact inputs.
            if kind == "count":
                if value_type is int and value >= 0:
                    values[name] = value
                    continue
            elif kind == "bool":
                if value_type is bool:
                    values[name] = value
                    continue
            elif kind == "enum":
                key = value if value_type is str else (str(value) if value_type is int else None)
                if key in enums[name]:
                    values[name] = key
                else:
                    problems.append(self._not_in_enum(name, value, where))
                continue
            elif kind is None:
                problems.append(self._unknown(name, where))
                continue
            try:
                values[name] = CONVERTERS[kind](value)
            except _Invalid as exc:
                expected = ("type", exc.expected)
                problems.append(
                    error("F005", where.get(name), name=name, expected=expected, found=_kind_of(value), suggestion=_hint(kind, value))
                )
        problems.extend(self._check_ranges(values, where))
        if problems:  # in the order of the file, when we know it
            problems.sort(key=lambda d: (d.span.line, d.span.column) if d.span else (0, 0))
            raise FactsError(problems)
        return values, self.missing(values)

    def missing(self, values: Mapping[str, Any]) -> tuple[str, ...]:
        """Declared, non-optional facts not given."""
        if len(values) == len(self.facts):
            return ()
        return tuple(n for n in self.required if n not in values)

    def _unknown(self, name: Any, where: Mapping[str, ast.Span]) -> Diagnostic:
        if not isinstance(name, str):
            return error("F013", None, found=_kind_of(name))
        return error("F004", where.get(name), name=name, suggestion=closest(name, self.facts))

    def _not_in_enum(self, name: str, value: Any, where: Mapping[str, ast.Span]) -> Diagnostic:
        values = self.facts[name].type.values
        match = closest(str(value), values, cutoff=0.6)
        return error(
            "F008",
            where.get(name),
            name=name,
            value=value,
            values=", ".join(values),
            suggestion=match,
        )

    def _check_ranges(self, values: dict[str, Any], where: Mapping[str, ast.Span]) -> list[Diagnostic]:
        problems = []
        for name in self.percents:
            value = values.get(name)
            if value is not None and not 0 <= value <= 100:
                problems.append(error("F011", where.get(name), name=name, value=_show(value)))
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
                args: dict[str, Any] = dict(name=name, value=_show(value), op=bound.op, bound=_show(limit))
                if fixed is not None:
                    problems.append(error("F006", where.get(name), **args))
                else:
                    problems.append(error("F007", where.get(name), other=expr_text(bound.expr), **args))
        return problems


YES = {"có", "co", "đúng", "dung", "yes", "true", "x", "1"}
NO = {"không", "khong", "sai", "no", "false", "0", ""}


def _hint(kind: str | None, value: Any) -> str | None:
    """What to write instead, for the usual slips of people typing facts by hand."""
    text = value.strip() if isinstance(value, str) else None
    if kind == "bool" and (text is not None or isinstance(value, int)):
        word = str(value).strip().lower()
        return "yes" if word in YES else "no" if word in NO else None
    if kind in ("percent", "decimal", "count") and text:
        cleaned = text.rstrip("%").strip().replace(",", ".") if text.count(",") <= 1 else None
        try:
            return str(Decimal(cleaned)) if cleaned else None
        except InvalidOperation:
            return None
    if kind == "text" and isinstance(value, (int, Decimal)) and not isinstance(value, bool):
        return f'"{value}"'
    return None


def _composed(raw: Mapping[str, Any]) -> dict[str, Any]:
    out: dict[Any, Any] = {}
    for key, value in raw.items():
        name = unicodedata.normalize("NFC", key) if isinstance(key, str) else key
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


def _show(value: Any) -> str:
    if isinstance(value, Fraction):
        if value.denominator == 1:
            return str(value.numerator)
        return format(Decimal(value.numerator) / Decimal(value.denominator), "f")
    return str(value)
