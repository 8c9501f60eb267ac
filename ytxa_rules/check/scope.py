"""Types of expressions: the checker's type inference over the shared scope.

What names mean (`Scope`) and what types and functions exist (`ytxa_rules.language`) are
shared with the compiler; this module reports what does not fit.
"""

from __future__ import annotations

from typing import assert_never

from ytxa_rules import ast
from ytxa_rules.diagnostics import Diagnostic, error, warning
from ytxa_rules.language.functions import FUNCTIONS
from ytxa_rules.language.scope import Scope
from ytxa_rules.language.types import (
    BOOL,
    COUNT,
    DATE,
    DECIMAL,
    ERROR,
    NUMBER,
    PERCENT,
    RESULT_NAMES,
    EnumType,
    Type,
    fact_type,
    has_own_literals,
    is_numeric,
)
from ytxa_rules.suggest import closest
from ytxa_rules.syntax.excerpt import listing
from ytxa_rules.syntax.unparse import decimal_text

__all__ = ["ERROR", "RESULT_NAMES", "Scope", "TypeInference"]


class TypeInference:
    """Infers expression types, reporting each problem once into `diagnostics`."""

    def __init__(self, scope: Scope):
        self.scope = scope
        self.diagnostics: list[Diagnostic] = []
        self._value_types: dict[str, Type] = {}
        self._in_progress: list[str] = []

    def _report(self, code: str, span: ast.Span, **args: object) -> Type:
        self.diagnostics.append(error(code, span, **args))
        return ERROR

    # ------------------------------------------------------------ names
    def refuse(self, names: frozenset[str]) -> None:
        """Values already reported (a chain too long): typed as errors, never walked."""
        self._value_types.update(dict.fromkeys(names, ERROR))

    def value_type(self, name: str) -> Type:
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

    def table_type(self, table: ast.Table) -> Type:
        numbers = [e.value for e in table.entries if e.value is not None]
        if not numbers:
            return NUMBER  # every entry unknown: no kind to hold comparisons to
        if all(n.percent for n in numbers):
            return PERCENT
        return DECIMAL

    def ref_type(self, expr: ast.Ref) -> Type:
        name = expr.name
        if name in self.scope.facts:
            kind = self.scope.facts[name].type.kind
            if kind == "text":
                return self._report("E305", expr.span, name=name)
            return fact_type(name, kind)
        if name in self.scope.values:
            return self.value_type(name)
        if name in self.scope.tables:
            return self.table_type(self.scope.tables[name])
        if name in self.scope.enum_owner:
            return self._report("E307", expr.span, name=name)
        return self._report("E200", expr.span, name=name, suggestion=self.scope.suggest(name))

    # ------------------------------------------------------------ expressions
    def infer(self, expr: ast.Expr) -> Type:
        match expr:
            case ast.Number():
                return PERCENT if expr.percent else NUMBER
            case ast.Bool():
                return BOOL
            case ast.DateLiteral():
                return DATE
            case ast.Ref():
                return self.ref_type(expr)
            case ast.QualifiedRef():
                return self._qualified_ref(expr)
            case ast.Call():
                return self._call(expr)
            case ast.Neg():
                return self._neg(expr)
            case ast.Arith():
                return self._arith(expr)
            case ast.Compare():
                return self._compare(expr)
            case ast.In():
                return self._in(expr)
            case ast.Not():
                self.expect_bool(expr.operand)
                return BOOL
            case ast.And() | ast.Or():
                for operand in expr.operands:
                    self.expect_bool(operand)
                return BOOL
            case _:
                assert_never(expr)

    def expect_bool(self, expr: ast.Expr) -> None:
        found = self.infer(expr)
        if found not in (BOOL, ERROR):
            self._report("E301", expr.span, found=found)

    def _qualified_ref(self, expr: ast.QualifiedRef) -> Type:
        if expr.alias not in self.scope.uses:
            return self._report("E216", expr.span, alias=expr.alias)
        if expr.name not in RESULT_NAMES:
            known = ", ".join(f"`{expr.alias}.{n}`" for n in RESULT_NAMES)
            return self._report("E217", expr.span, alias=expr.alias, name=expr.name, known=known)
        return RESULT_NAMES[expr.name]

    def _call(self, expr: ast.Call) -> Type:
        function = FUNCTIONS.get(expr.function)
        if function is None:
            suggestion = closest(expr.function, FUNCTIONS, cutoff=0.6)
            return self._report("E204", expr.span, name=expr.function, known=", ".join(FUNCTIONS), suggestion=suggestion)
        if not function.accepts(len(expr.args)):
            return self._report("E205", expr.span, name=expr.function, expected=function.arity_text(), given=len(expr.args))
        types = [self.infer(a) for a in expr.args]
        if ERROR in types:
            return ERROR
        typed = function.typed(types, expr.args)
        for refusal in typed.refusals:
            self._report(refusal.code, expr.args[refusal.index - 1].span, **refusal.arguments)
        return typed.result

    def _neg(self, expr: ast.Neg) -> Type:
        found = self.infer(expr.operand)
        if found == ERROR:
            return ERROR
        if not is_numeric(found):
            return self._report("E302", expr.span, op="-", found=found)
        return DECIMAL if found == COUNT else found

    def _arith(self, expr: ast.Arith) -> Type:
        left, right = self.infer(expr.left), self.infer(expr.right)
        if ERROR in (left, right):
            return ERROR
        for side, found in ((expr.left, left), (expr.right, right)):
            if not is_numeric(found):
                return self._report("E302", side.span, op=expr.op, found=found)
        if PERCENT in (left, right):
            other = right if left == PERCENT else left
            if expr.op in "+-" and other not in (PERCENT, NUMBER):
                return self._report("E309", expr.span, left=left, right=right)
            return PERCENT if other in (PERCENT, NUMBER) else DECIMAL
        if left == right == COUNT and expr.op in "+-*":
            return COUNT
        return DECIMAL

    def _compare(self, expr: ast.Compare) -> Type:
        left, right = self._operand_types(expr.left, expr.right)
        if ERROR in (left, right):
            return BOOL
        if isinstance(left, EnumType) or isinstance(right, EnumType):
            enum = left if isinstance(left, EnumType) else right
            assert isinstance(enum, EnumType)
            if expr.op not in ("=", "!="):
                self._report("E308", expr.span, op=expr.op, fact=enum.fact)
            elif left != right:
                self._report("E300", expr.span, left=left, right=right)
            return BOOL
        if left == right == BOOL:
            if expr.op not in ("=", "!="):
                self._report("E300", expr.span, left=left, right=right)
            return BOOL
        if left == right and has_own_literals(left):  # dates: any comparison, no arithmetic
            return BOOL
        if is_numeric(left) and is_numeric(right):
            if PERCENT in (left, right) and {left, right} - {PERCENT, NUMBER}:
                self._report("E300", expr.span, left=left, right=right)
            self._fraction_for_percent(expr, left, right)
            return BOOL
        self._report("E300", expr.span, left=left, right=right)
        return BOOL

    def _fraction_for_percent(self, expr: ast.Compare, left: Type, right: Type) -> None:
        """`ty_le >= 0.8` means 0.8 %, which is almost surely meant as 80 %: say so."""
        for side, other in ((expr.right, left), (expr.left, right)):
            if other == PERCENT and isinstance(side, ast.Number) and not side.percent and 0 < side.value < 1:
                shown = side.value * 100
                as_percent = decimal_text(shown) + "%"
                self.diagnostics.append(warning("W311", side.span, value=side.text, percent=as_percent))

    def _operand_types(self, left: ast.Expr, right: ast.Expr) -> tuple[Type, Type]:
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

    def _literal_type(self, expr: ast.Expr, other: Type) -> Type:
        if isinstance(other, EnumType) and self.scope.is_enum_literal(expr):
            text = self.scope.literal_text(expr)
            if text not in self.scope.enum_sets.get(other.fact, frozenset()):
                values = self.scope.enum_values(other.fact)
                suggestion = closest(text, values, cutoff=0.6)
                self._report("E207", expr.span, value=text, fact=other.fact, values=listing(values), suggestion=suggestion)
                return ERROR
            return other
        return self.infer(expr)

    def _in(self, expr: ast.In) -> Type:
        operand = self.infer(expr.operand)
        if operand == ERROR:
            return BOOL
        for option in expr.options:
            _, option_type = self._operand_types(expr.operand, option)
            if option_type == ERROR:
                continue
            if isinstance(operand, EnumType) or isinstance(option_type, EnumType):
                if option_type != operand:
                    self._report("E300", option.span, left=operand, right=option_type)
            elif not (is_numeric(operand) and is_numeric(option_type)) and not (operand == option_type and has_own_literals(operand)):
                self._report("E300", option.span, left=operand, right=option_type)
        return BOOL
