"""Names and types of a document: one place that both the checker and the compiler ask.

A bare name in an expression is a fact, a derived value, a table, or (beside an enum
fact) one of that fact's values. The checker reports what does not resolve; the compiler
relies on the same answers, so the two can never disagree about what a name means.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

import attrs

from ytxa_rules import ast
from ytxa_rules.diagnostics import Diagnostic, error, warning
from ytxa_rules.suggest import closest
from ytxa_rules.syntax.excerpt import listing

NUMERIC = frozenset({"count", "decimal", "percent", "number", "year"})
FUNCTIONS: dict[str, int | None] = {"rate": 2, "count": None, "min": None, "max": None}
RESULT_NAMES = {"passed": "bool", "total": "decimal", "max": "decimal"}
ERROR = "error"
SUGGESTED_NAMES = 200


def enum_type(fact: str) -> str:
    return f"enum:{fact}"


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

    def enum_values(self, type_name: str) -> tuple[str, ...]:
        if type_name.startswith("enum:"):
            fact = self.facts.get(type_name[5:])
            if fact is not None:
                return fact.type.values
        return ()

    def is_enum_literal(self, expr: ast.Expr, other_type: str) -> bool:
        """True when `expr` stands for a value of the enum `other_type` (beside it)."""
        if not other_type.startswith("enum:"):
            return False
        if isinstance(expr, ast.Ref) and expr.name not in self.facts and expr.name not in self.values:
            return expr.name not in self.tables
        return isinstance(expr, ast.Number) and not expr.percent and expr.value.denominator == 1

    @staticmethod
    def literal_text(expr: ast.Expr) -> str:
        if isinstance(expr, ast.Ref):
            return expr.name
        assert isinstance(expr, ast.Number)
        return str(expr.value.numerator)


class TypeInference:
    """Infers expression types, reporting each problem once into `diagnostics`."""

    def __init__(self, scope: Scope):
        self.scope = scope
        self.diagnostics: list[Diagnostic] = []
        self._value_types: dict[str, str] = {}
        self._in_progress: list[str] = []

    def _report(self, code: str, span: ast.Span, **args: object) -> str:
        self.diagnostics.append(error(code, span, **args))
        return ERROR

    # ------------------------------------------------------------ names
    def refuse(self, names: frozenset[str]) -> None:
        """Values already reported (a chain too long): typed as errors, never walked."""
        self._value_types.update(dict.fromkeys(names, ERROR))

    def value_type(self, name: str) -> str:
        if name in self._value_types:
            return self._value_types[name]
        if name in self._in_progress:
            cycle = self._in_progress[self._in_progress.index(name) :] + [name]
            value = self.scope.values[name]
            self._report("E206", value.span, cycle=listing(cycle, " → "))
            return ERROR
        self._in_progress.append(name)
        result = self.infer(self.scope.values[name].expr)
        self._in_progress.pop()
        self._value_types[name] = result
        return result

    def table_type(self, table: ast.Table) -> str:
        numbers = [e.value for e in table.entries if e.value is not None]
        if not numbers:
            return "number"  # every entry unknown: no kind to hold comparisons to
        if all(n.percent for n in numbers):
            return "percent"
        return "decimal"

    def ref_type(self, expr: ast.Ref) -> str:
        name = expr.name
        if name in self.scope.facts:
            fact_type = self.scope.facts[name].type
            if fact_type.kind == "text":
                return self._report("E305", expr.span, name=name)
            return enum_type(name) if fact_type.kind == "enum" else fact_type.kind
        if name in self.scope.values:
            return self.value_type(name)
        if name in self.scope.tables:
            return self.table_type(self.scope.tables[name])
        if name in self.scope.enum_owner:
            return self._report("E307", expr.span, name=name)
        return self._report("E200", expr.span, name=name, suggestion=self.scope.suggest(name))

    # ------------------------------------------------------------ expressions
    def infer(self, expr: ast.Expr) -> str:
        method: Callable[[ast.Expr], str] = getattr(self, "_" + type(expr).__name__.lower())
        return method(expr)

    def expect_bool(self, expr: ast.Expr) -> None:
        found = self.infer(expr)
        if found not in ("bool", ERROR):
            self._report("E301", expr.span, found=("type", found))

    def _number(self, expr: ast.Number) -> str:
        return "percent" if expr.percent else "number"

    def _bool(self, expr: ast.Bool) -> str:
        return "bool"

    def _ref(self, expr: ast.Ref) -> str:
        return self.ref_type(expr)

    def _qualifiedref(self, expr: ast.QualifiedRef) -> str:
        if expr.alias not in self.scope.uses:
            return self._report("E216", expr.span, alias=expr.alias)
        if expr.name not in RESULT_NAMES:
            known = ", ".join(f"`{expr.alias}.{n}`" for n in RESULT_NAMES)
            return self._report("E217", expr.span, alias=expr.alias, name=expr.name, known=known)
        return RESULT_NAMES[expr.name]

    def _call(self, expr: ast.Call) -> str:
        if expr.function not in FUNCTIONS:
            suggestion = closest(expr.function, FUNCTIONS, cutoff=0.6)
            return self._report("E204", expr.span, name=expr.function, known=", ".join(FUNCTIONS), suggestion=suggestion)
        arity = FUNCTIONS[expr.function]
        if (arity is not None and len(expr.args) != arity) or not expr.args:
            return self._report("E205", expr.span, name=expr.function, expected=arity or "≥ 1", given=len(expr.args))
        types = [self.infer(a) for a in expr.args]
        if ERROR in types:
            return ERROR
        if expr.function == "count":
            for index, (arg, found) in enumerate(zip(expr.args, types), 1):
                if found != "bool":
                    self._report("E306", arg.span, index=index, name="count", expected=("type", "bool"), found=("type", found))
            return "count"
        for index, (arg, found) in enumerate(zip(expr.args, types), 1):
            if found not in NUMERIC:
                return self._report("E306", arg.span, index=index, name=expr.function, expected=("type", "number"), found=("type", found))
        if expr.function == "rate":
            return "percent"
        return types[0] if len(set(types)) == 1 else "decimal"

    def _neg(self, expr: ast.Neg) -> str:
        found = self.infer(expr.operand)
        if found == ERROR:
            return ERROR
        if found not in NUMERIC:
            return self._report("E302", expr.span, op="-", found=("type", found))
        return "decimal" if found == "count" else found

    def _arith(self, expr: ast.Arith) -> str:
        left, right = self.infer(expr.left), self.infer(expr.right)
        if ERROR in (left, right):
            return ERROR
        for side, found in ((expr.left, left), (expr.right, right)):
            if found not in NUMERIC:
                return self._report("E302", side.span, op=expr.op, found=("type", found))
        if "percent" in (left, right):
            other = right if left == "percent" else left
            if expr.op in "+-" and other not in ("percent", "number"):
                return self._report("E309", expr.span, left=("type", left), right=("type", right))
            return "percent" if other in ("percent", "number") else "decimal"
        if left == right == "count" and expr.op in "+-*":
            return "count"
        return "decimal"

    def _compare(self, expr: ast.Compare) -> str:
        left, right = self._operand_types(expr.left, expr.right)
        if ERROR in (left, right):
            return "bool"
        if left.startswith("enum:") or right.startswith("enum:"):
            enum = left if left.startswith("enum:") else right
            if expr.op not in ("=", "!="):
                self._report("E308", expr.span, op=expr.op, fact=enum[5:])
            elif left != right:
                self._report("E300", expr.span, left=("type", left), right=("type", right))
            return "bool"
        if left == right == "bool":
            if expr.op not in ("=", "!="):
                self._report("E300", expr.span, left=("type", left), right=("type", right))
            return "bool"
        if left in NUMERIC and right in NUMERIC:
            if "percent" in (left, right) and {left, right} - {"percent", "number"}:
                self._report("E300", expr.span, left=("type", left), right=("type", right))
            self._fraction_for_percent(expr, left, right)
            return "bool"
        self._report("E300", expr.span, left=("type", left), right=("type", right))
        return "bool"

    def _fraction_for_percent(self, expr: ast.Compare, left: str, right: str) -> None:
        """`ty_le >= 0.8` means 0.8 %, which is almost surely meant as 80 %: say so."""
        for side, other in ((expr.right, left), (expr.left, right)):
            if other == "percent" and isinstance(side, ast.Number) and not side.percent and 0 < side.value < 1:
                shown = side.value * 100
                as_percent = f"{shown.numerator}%" if shown.denominator == 1 else f"{float(shown):g}%"
                self.diagnostics.append(warning("W311", side.span, value=side.text, percent=as_percent))

    def _operand_types(self, left: ast.Expr, right: ast.Expr) -> tuple[str, str]:
        """Types of two operands, resolving a bare enum value against the other side."""
        left_type = None if self._maybe_literal(left) else self.infer(left)
        right_type = None if self._maybe_literal(right) else self.infer(right)
        if left_type is None and right_type is None:
            return self.infer(left), self.infer(right)
        if left_type is None:
            assert right_type is not None
            return self._literal_type(left, right_type), right_type
        if right_type is None:
            return left_type, self._literal_type(right, left_type)
        return left_type, right_type

    def _maybe_literal(self, expr: ast.Expr) -> bool:
        if isinstance(expr, ast.Ref):
            s = self.scope
            return expr.name not in s.facts and expr.name not in s.values and expr.name not in s.tables
        return isinstance(expr, ast.Number)

    def _literal_type(self, expr: ast.Expr, other: str) -> str:
        if self.scope.is_enum_literal(expr, other):
            text = self.scope.literal_text(expr)
            if text not in self.scope.enum_sets.get(other[5:], frozenset()):
                values = self.scope.enum_values(other)
                suggestion = closest(text, values, cutoff=0.6)
                self._report("E207", expr.span, value=text, fact=other[5:], values=listing(values), suggestion=suggestion)
                return ERROR
            return other
        return self.infer(expr)

    def _in(self, expr: ast.In) -> str:
        operand = self.infer(expr.operand)
        if operand == ERROR:
            return "bool"
        for option in expr.options:
            _, option_type = self._operand_types(expr.operand, option)
            if option_type == ERROR:
                continue
            if operand.startswith("enum:") or option_type.startswith("enum:"):
                if option_type != operand:
                    self._report("E300", option.span, left=("type", operand), right=("type", option_type))
            elif not (operand in NUMERIC and option_type in NUMERIC):
                self._report("E300", option.span, left=("type", operand), right=("type", option_type))
        return "bool"

    def _not(self, expr: ast.Not) -> str:
        self.expect_bool(expr.operand)
        return "bool"

    def _and(self, expr: ast.And) -> str:
        for operand in expr.operands:
            self.expect_bool(operand)
        return "bool"

    def _or(self, expr: ast.Or) -> str:
        return self._and(expr)  # type: ignore[arg-type]

