"""The independent scorer behind scripts/generate-spec-tests: the AST read by its own rules.

It applies amendments itself and scores an indicator from its bands (first band whose
condition holds, `by` branches, `sum` parts, `not applicable when`, tables, `rate`,
`count`, exact fractions), and a station from its indicators and the recognition rule.
It imports only the AST classes, never the compiler, the evaluator or the composer: the
expected results it gives are a second opinion on the engine's, not a copy of them.
"""

from __future__ import annotations

import datetime
from decimal import Decimal
from fractions import Fraction
from typing import Any

from ytxa_rules import ast


class Missing(Exception):
    """A value the law does not give (`unknown` table entry) or a fact not given."""


class ZeroDivisor(Exception):
    pass


class Unsupported(Exception):
    pass


# ---------------------------------------------------------------- amendments, applied here
def apply_amendment(document: ast.Document, amendment: ast.Amendment) -> ast.Document:
    """The operations this script knows how to apply independently; anything else stops it."""
    import attrs

    for operation in amendment.operations:
        target = getattr(operation, "target", None)
        new = getattr(operation, "new", None)
        if not (
            isinstance(target, ast.IndicatorTarget) and target.property == "operator" and len(target.path) == 1
            and target.path[0][0] == "band" and new is not None and new.kind == "operator"
        ):
            raise SystemExit(f"{amendment.id}: cannot apply {type(operation).__name__} independently; extend scripts/spec_oracle.py")
        position = int(target.path[0][1])
        criteria = []
        for criterion in document.criteria:
            indicators = []
            for indicator in criterion.indicators:
                if indicator.number == target.number:
                    if not isinstance(indicator.rule, ast.Bands):
                        raise SystemExit(f"{amendment.id}: indicator {target.number} has no plain bands")
                    bands = list(indicator.rule.bands)
                    band = bands[position - 1]
                    if not isinstance(band.condition, ast.Compare):
                        raise SystemExit(f"{amendment.id}: band {position} of {target.number} is not one comparison")
                    bands[position - 1] = attrs.evolve(band, condition=attrs.evolve(band.condition, op=new.value))
                    indicator = attrs.evolve(indicator, rule=attrs.evolve(indicator.rule, bands=tuple(bands)))
                indicators.append(indicator)
            criteria.append(attrs.evolve(criterion, indicators=tuple(indicators)))
        document = attrs.evolve(document, criteria=tuple(criteria))
    return document


def in_force(document: ast.Document, amendments: list[ast.Amendment], day: datetime.date) -> tuple[ast.Document, list[str]]:
    applied = []
    for amendment in sorted(amendments, key=lambda a: (a.effective or datetime.date.max, a.id)):
        if amendment.effective is not None and amendment.effective <= day:
            document = apply_amendment(document, amendment)
            applied.append(amendment.id)
    return document, applied


# ---------------------------------------------------------------- the interpreter
class Station:
    """One station's facts scored on one composed document, by this script's own rules."""

    def __init__(self, document: ast.Document, facts: dict[str, Any], used: dict[str, ast.Document]):
        self.document = document
        self.facts = facts
        self.used = used
        self.fact_decls = {f.name: f for f in document.facts}
        for other in used.values():  # a document that `uses` another reads its facts too
            for fact in other.facts:
                self.fact_decls.setdefault(fact.name, fact)
        self.values = {v.name: v for v in document.values}
        self.tables = {t.name: t for t in document.tables}
        for other in used.values():
            for value in other.values:
                self.values.setdefault(value.name, value)

    def fact(self, name: str) -> Any:
        if name not in self.facts or self.facts[name] is None:
            raise Missing(name)
        return self.facts[name]

    def eval(self, expr: ast.Expr) -> Any:
        if isinstance(expr, ast.Number):
            return expr.value
        if isinstance(expr, ast.Bool):
            return expr.value
        if isinstance(expr, ast.Ref):
            name = expr.name
            if name in self.values:
                return self.eval(self.values[name].expr)
            if name in self.tables:
                table = self.tables[name]
                key = str(self.fact(table.key))
                entry = next((e for e in table.entries if e.key == key), None)
                if entry is None or entry.value is None:
                    raise Missing(name)
                return entry.value.value
            if name in self.fact_decls:
                return self.fact(name)
            return name  # a value of a `one of` fact
        if isinstance(expr, ast.QualifiedRef):
            other = Station(self.used[expr.alias], self.facts, {})
            if expr.name != "passed":
                raise Unsupported(f"{expr.alias}.{expr.name}")
            return other.verdict()
        if isinstance(expr, ast.Call):
            if expr.function == "rate":
                part, whole = (self.eval(a) for a in expr.args)
                if whole == 0:
                    raise ZeroDivisor()
                return Fraction(part) * 100 / Fraction(whole)
            if expr.function == "count":
                return sum(1 for a in expr.args if self.eval(a) is True)
            if expr.function in ("min", "max"):
                values = [Fraction(self.eval(a)) for a in expr.args]
                return min(values) if expr.function == "min" else max(values)
            raise Unsupported(expr.function)
        if isinstance(expr, ast.Neg):
            return -Fraction(self.eval(expr.operand))
        if isinstance(expr, ast.Arith):
            left, right = Fraction(self.eval(expr.left)), Fraction(self.eval(expr.right))
            if expr.op == "/":
                if right == 0:
                    raise ZeroDivisor()
                return left / right
            return {"+": left + right, "-": left - right, "*": left * right}[expr.op]
        if isinstance(expr, ast.Compare):
            a, b = self.eval(expr.left), self.eval(expr.right)
            if isinstance(a, str) or isinstance(b, str) or isinstance(a, bool):
                return {"=": str(a) == str(b), "!=": str(a) != str(b)}[expr.op]
            x, y = Fraction(a), Fraction(b)
            return {">=": x >= y, "<=": x <= y, ">": x > y, "<": x < y, "=": x == y, "!=": x != y}[expr.op]
        if isinstance(expr, ast.In):
            value = str(self.eval(expr.operand))
            return value in {str(self.eval(o)) for o in expr.options}
        if isinstance(expr, ast.Not):
            return not self.eval(expr.operand)
        if isinstance(expr, ast.And):
            return all(self.eval(o) for o in expr.operands)
        if isinstance(expr, ast.Or):
            return any(self.eval(o) for o in expr.operands)
        raise Unsupported(type(expr).__name__)

    def rule_points(self, rule: Any) -> Fraction:
        if isinstance(rule, ast.Bands):
            for band in rule.bands:
                if band.condition is None or self.eval(band.condition) is True:
                    return band.points.value
            return Fraction(0)
        if isinstance(rule, ast.Branch):
            key = str(self.fact(rule.key))
            for case in rule.cases:
                if key in case.keys:
                    return self.rule_points(case.bands)
            return self.rule_points(rule.otherwise) if rule.otherwise else Fraction(0)
        if isinstance(rule, ast.Sum):
            return sum((self.rule_points(part.rule) for part in rule.parts), Fraction(0))
        raise Unsupported(type(rule).__name__)

    def indicator(self, indicator: ast.Indicator) -> tuple[str, Fraction]:
        """(status, points) as the national rules say."""
        try:
            if indicator.not_applicable is not None and self.eval(indicator.not_applicable) is True:
                return "not_applicable", Fraction(0)
            return "scored", self.rule_points(indicator.rule)
        except Missing:
            return "missing_data", Fraction(0)

    def scores(self) -> dict[str, tuple[str, Fraction, Fraction, int, bool]]:
        """number -> (status, points, max, criterion, knockout)."""
        out = {}
        for criterion in self.document.criteria:
            for indicator in criterion.indicators:
                status, points = self.indicator(indicator)
                out[indicator.number] = (status, points, indicator.max.value, criterion.number, indicator.knockout)
        return out

    def totals(self) -> tuple[Fraction, Fraction, dict[int, tuple[Fraction, Fraction]]]:
        """(total, applicable maximum, criterion -> (points, applicable maximum))."""
        by_criterion: dict[int, tuple[Fraction, Fraction]] = {}
        for status, points, maximum, criterion, _ in self.scores().values():
            got, most = by_criterion.get(criterion, (Fraction(0), Fraction(0)))
            by_criterion[criterion] = (got + points, most + (maximum if status != "not_applicable" else 0))
        return sum((p for p, _ in by_criterion.values()), Fraction(0)), sum((m for _, m in by_criterion.values()), Fraction(0)), by_criterion

    def verdict(self) -> bool | None:
        scores = self.scores()
        if any(s[0] == "missing_data" for s in scores.values()):
            return None  # expectations about undecided stations are not generated
        total, maximum, by_criterion = self.totals()
        recognition = self.document.recognition
        assert recognition is not None
        held = []
        for requirement in recognition.requirements:
            if requirement.kind == "no_knockout":
                held.append(not any(s[4] and s[0] == "scored" and s[1] == 0 for s in scores.values()))
                continue
            pairs = [(total, maximum)] if requirement.kind == "total" else (
                list(by_criterion.values()) if requirement.kind == "every_criterion" else [by_criterion[requirement.criterion or 0]]
            )
            amount = requirement.amount
            assert amount is not None
            for got, most in pairs:
                if amount.share is not None and most == 0:
                    continue
                wanted = most * amount.share / 100 if amount.share is not None else Fraction(amount.points or 0)
                held.append({">=": got >= wanted, ">": got > wanted, "<=": got <= wanted, "<": got < wanted, "=": got == wanted}[requirement.op])
        return all(held)


def typed(fact: ast.Fact | None, raw: Any) -> Any:
    """A value of the example file as the spec declares it (yes/no, whole, exact decimal, text)."""
    if raw is None or fact is None:
        return raw
    kind = fact.type.kind
    if kind == "bool":
        return raw if isinstance(raw, bool) else str(raw).lower() in ("yes", "true", "có", "co")
    if kind in ("count", "year"):
        return int(raw)
    if kind in ("decimal", "percent", "number"):
        return Fraction(Decimal(str(raw))) if not isinstance(raw, (int, Fraction)) else Fraction(raw)
    return str(raw)
