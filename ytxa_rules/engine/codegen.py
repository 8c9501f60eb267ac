"""Compile a checked document into plain Python source, once per composed spec.

Each indicator becomes one function `(facts, used[, log]) -> points`, or None when a
`not applicable` condition holds.
Straight-line generated code is as fast as a hand-written scorer, which is the bar the
engine is held to; the traced variant is the same code with hook calls that append
small tuples to a log. Both are generated from the same AST walk, so they cannot
disagree about what a rule means.
"""

from __future__ import annotations

from fractions import Fraction
from typing import Any

import attrs

from ytxa_rules import ast
from ytxa_rules.check.scope import Scope
from ytxa_rules.tree import branch_keys, indicator_expressions, referenced_names

PY_OPERATOR = {"=": "==", "!=": "!=", ">=": ">=", "<=": "<=", ">": ">", "<": "<"}


@attrs.frozen
class BandInfo:
    """What a band id in the generated code stands for, for trace and results."""

    indicator: str
    where: str  # "", "case 1, 2", "part 1", "part 2 case 3", "… else"
    position: int  # 1-based within its list
    band: ast.Band
    part: int | None = None


@attrs.define
class Program:
    """Generated source plus the tables its node ids point into."""

    source: list[str] = attrs.field(factory=list)
    constants: list[Any] = attrs.field(factory=list)
    nodes: list[Any] = attrs.field(factory=list)  # compare / in / value / table / branch nodes
    bands: list[BandInfo] = attrs.field(factory=list)
    functions: list[tuple[str, str]] = attrs.field(factory=list)  # (fast, traced) names

    def constant(self, value: Any) -> str:
        self.constants.append(value)
        return f"_k[{len(self.constants) - 1}]"

    def node(self, value: Any) -> int:
        self.nodes.append(value)
        return len(self.nodes) - 1


class _Function:
    """Generates one indicator function, fast or traced."""

    def __init__(self, program: Program, scope: Scope, traced: bool, node_ids: dict[int, int]):
        self.program = program
        self.scope = scope
        self.traced = traced
        self.node_ids = node_ids  # id(ast node) -> node id, shared by both variants
        self.locals: dict[str, str] = {}
        self.lines: list[str] = []
        self.summing = False  # parts of a sum add up; otherwise the first band returns

    def _node(self, node: Any) -> int:
        key = id(node)
        if key not in self.node_ids:
            self.node_ids[key] = self.program.node(node)
        return self.node_ids[key]

    # ------------------------------------------------------------ expressions
    def expr(self, e: ast.Expr, enum_context: str = "") -> str:
        if isinstance(e, ast.Number):
            if enum_context:
                return repr(str(e.value.numerator))
            return self.number(e.value)
        if isinstance(e, ast.Bool):
            return repr(e.value)
        if isinstance(e, ast.Ref):
            return self.ref(e, enum_context)
        if isinstance(e, ast.QualifiedRef):
            if self.traced:
                return f"_tu(T, u, {e.alias!r}, {e.name!r})"
            return f"_used(u, {e.alias!r}, {e.name!r})"
        if isinstance(e, ast.Call):
            return self.call(e)
        if isinstance(e, ast.Neg):
            return f"(-{self.expr(e.operand)})"
        if isinstance(e, ast.Arith):
            left, right = self.expr(e.left), self.expr(e.right)
            if e.op == "/":
                return f"_div({left}, {right}, {self._what(e)})"
            return f"({left} {e.op} {right})"
        if isinstance(e, ast.Compare):
            fast = self._rate_compare(e)
            if fast is not None:
                return fast
            left, right = self._operands(e.left, e.right)
            if self.traced:
                return f"_tc(T, {self._node(e)}, {e.op!r}, {left}, {right})"
            return f"({left} {PY_OPERATOR[e.op]} {right})"
        if isinstance(e, ast.In):
            operand = self.expr(e.operand)
            context = self._enum_of(e.operand)
            options = ", ".join(self.expr(o, context) for o in e.options)
            if self.traced:
                return f"_ti(T, {self._node(e)}, {operand}, ({options},))"
            return f"({operand} in ({options},))"
        if isinstance(e, ast.Not):
            return f"(not {self.expr(e.operand)})"
        joiner = " and " if isinstance(e, ast.And) else " or "
        return "(" + joiner.join(self.expr(o) for o in e.operands) + ")"

    def _rate_of(self, e: ast.Expr) -> ast.Call | None:
        if isinstance(e, ast.Ref) and e.name in self.scope.values:
            e = self.scope.values[e.name].expr
        if isinstance(e, ast.Call) and e.function == "rate":
            return e
        return None

    def _rate_compare(self, e: ast.Compare) -> str | None:
        """A rate against a threshold compares by cross-multiplying (see runtime)."""
        from ytxa_rules.check.implication import FLIP

        op, rate, side, other = e.op, self._rate_of(e.left), e.left, e.right
        if rate is None:
            op, rate, side, other = FLIP[e.op], self._rate_of(e.right), e.right, e.left
        if rate is None or self._rate_of(other) is not None:
            return None
        numerator, denominator = (self.expr(a) for a in rate.args)
        threshold = self.expr(other)
        if self.traced:  # logs n and d; the exact rate is built only if the trace is read
            value = self._node(self.scope.values[side.name]) if isinstance(side, ast.Ref) else -1
            flipped = side is e.right
            operands = f"_trv(T, {value}, {numerator}, {denominator})"  # logged before the threshold is looked up
            return f"_trc(T, {self._node(e)}, {flipped}, {op!r}, {operands}, {threshold}, {self._what(rate)})"
        fallback = f"_rc[{op!r}]({numerator}, _d, {threshold}, {self._what(rate)})"  # zero or negative
        cross = f"{numerator} * 100 {PY_OPERATOR[op]} {threshold} * _d"
        return f"(({cross}) if (_d := {denominator}) > 0 else {fallback})"

    def number(self, value: Fraction) -> str:
        if value.denominator == 1:
            return str(value.numerator)
        return self.program.constant(value)

    def _what(self, e: ast.Expr) -> str:
        from ytxa_rules.syntax.unparse import expr_text

        return repr(expr_text(e))

    def _enum_of(self, e: ast.Expr) -> str:
        if isinstance(e, ast.Ref) and e.name in self.scope.facts:
            fact = self.scope.facts[e.name]
            if fact.type.kind == "enum":
                return e.name
        return ""

    def _operands(self, left: ast.Expr, right: ast.Expr) -> tuple[str, str]:
        left_enum, right_enum = self._enum_of(left), self._enum_of(right)
        return self.expr(left, right_enum), self.expr(right, left_enum)

    def fact(self, name: str) -> str:
        return f"f[{name!r}]"  # the trace shows facts through the nodes that read them

    def ref(self, e: ast.Ref, enum_context: str) -> str:
        name = e.name
        scope = self.scope
        if name in scope.facts:
            return self.fact(name)
        if name in scope.values:
            return self.value(scope.values[name])
        if name in scope.tables:
            return self.table(scope.tables[name])
        return repr(name)  # an enum value, resolved by the checker

    def value(self, value: ast.Value) -> str:
        if value.name not in self.locals:
            self.locals[value.name] = f"_v{len(self.locals)}"
        local = self.locals[value.name]
        computed = self.expr(value.expr)
        if self.traced:
            computed = f"_tv(T, {self._node(value)}, {computed})"
        return f"({local} if {local} is not _N else ({local} := {computed}))"

    def table(self, table: ast.Table) -> str:
        key = self.fact(table.key)
        known = {e.key: e.value.value for e in table.entries if e.value is not None}
        lookup = self.program.constant(known)
        unknown = [e.key for e in table.entries if e.value is None]
        what = repr(f"{table.name}[{{}}]")
        if unknown:
            value = f"({lookup}[_tkey] if (_tkey := {key}) in {lookup} else _unknown({what}.format(_tkey)))"
        else:
            value = f"{lookup}[{key}]"
        if self.traced:
            return f"_tt(T, {self._node(table)}, {key}, {lookup}, {what})"
        return value

    def call(self, e: ast.Call) -> str:
        args = [self.expr(a) for a in e.args]
        if e.function == "rate":
            return f"_rate({args[0]}, {args[1]}, {self._what(e)})"
        if e.function == "count":
            return "(" + " + ".join(f"bool({a})" for a in args) + ")"
        return f"{e.function}({', '.join(args)})"

    # ------------------------------------------------------------ rules
    def emit(self, depth: int, text: str) -> None:
        self.lines.append("    " * depth + text)

    def bands(self, indicator: str, bands: ast.Bands, depth: int, where: str, part: int | None) -> None:
        keyword = "if"
        for position, band in enumerate(bands.bands, 1):
            band_id = len(self.program.bands)
            self.program.bands.append(BandInfo(indicator, where, position, band, part))
            condition = "True" if band.condition is None else self.expr(band.condition)
            if self.traced:
                condition = f"_tb(T, {band_id}, {condition})"
            self.emit(depth, f"{keyword} {condition}:")
            points = self.number(band.points.value)
            self.emit(depth + 1, f"_s += {points}" if self.summing else f"return {points}")
            keyword = "elif" if self.summing else "if"

    def branch(self, indicator: str, branch: ast.Branch, depth: int, prefix: str, part: int | None) -> None:
        key = self.fact(branch.key)
        if self.traced:
            key = f"_tbr(T, {self._node(branch)}, {key})"
        self.emit(depth, f"_key = {key}")
        keyword = "if"
        for case in branch.cases:
            self.emit(depth, f"{keyword} _key in {tuple(case.keys)!r}:")
            self.bands(indicator, case.bands, depth + 1, f"{prefix}case {', '.join(case.keys)}", part)
            keyword = "elif"
        if branch.otherwise is not None:
            self.emit(depth, "else:")
            self.bands(indicator, branch.otherwise, depth + 1, f"{prefix}else", part)

    def rule(self, indicator: str, rule: ast.Rule | None, depth: int) -> None:
        if isinstance(rule, ast.Bands):
            self.bands(indicator, rule, depth, "", None)
        elif isinstance(rule, ast.Branch):
            self.branch(indicator, rule, depth, "", None)
        elif isinstance(rule, ast.Sum):
            self.summing = True
            self.emit(depth, "_s = 0")
            for index, part in enumerate(rule.parts, 1):
                place = f'part {index} "{part.title}"' if part.title else f"part {index}"
                if isinstance(part.rule, ast.Bands):
                    self.bands(indicator, part.rule, depth, place, index)
                else:
                    self.branch(indicator, part.rule, depth, place + " ", index)
            self.emit(depth, "return _s")
            return
        self.emit(depth, "return 0")


def generate(document: ast.Document, scope: Scope) -> Program:
    """Source for every indicator of `document`, fast and traced, in catalog order."""
    program = Program()
    node_ids: dict[int, int] = {}
    for position, indicator in enumerate(document.indicators()):
        band_start = len(program.bands)
        for traced in (False, True):
            del program.bands[band_start:]  # both variants number their bands alike
            gen = _Function(program, scope, traced, node_ids)
            body_depth = 1
            if indicator.not_applicable is not None:
                condition = gen.expr(indicator.not_applicable)
                if traced:
                    condition = f"_tna(T, {condition})"
                gen.emit(1, f"if {condition}:")
                gen.emit(2, "return None")
            gen.rule(indicator.number, indicator.rule, body_depth)
            name = f"_{'t' if traced else 'i'}{position}"
            params = "f, u, T" if traced else "f, u"
            header = [f"def {name}({params}):"]
            if gen.locals:
                header.append("    " + " = ".join(gen.locals.values()) + " = _N")
            program.source.extend(header + gen.lines + [""])
        program.functions.append((f"_i{position}", f"_t{position}"))
    return program


def fact_dependencies(indicator: ast.Indicator, scope: Scope) -> frozenset[str]:
    """Facts an indicator may read (through values and tables too): for missing-data reports."""
    found: set[str] = set()
    pending = [e for e in indicator_expressions(indicator)]
    pending_names = [b.key for b in branch_keys(indicator.rule)]
    seen_values: set[str] = set()
    while pending or pending_names:
        names = pending_names + [n for e in pending for n in referenced_names(e)]
        pending, pending_names = [], []
        for name in names:
            if name in scope.facts:
                found.add(name)
            elif name in scope.values and name not in seen_values:
                seen_values.add(name)
                pending.append(scope.values[name].expr)
            elif name in scope.tables:
                found.add(scope.tables[name].key)
    return frozenset(found)
