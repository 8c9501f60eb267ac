"""Python code for one expression of a checked spec, fast or traced.

Three rules keep the generated code right whatever the spec's size or shape:

- Every temporary (a rate's numerator and denominator, a branch or table key) gets a
  fresh name from a program-wide counter, so a nested construct can never overwrite the
  temporary of the construct around it.
- Nothing is written twice: a derived value is one function called where it is used
  (memoised per indicator evaluation in the dict `m`), never its expression inlined at
  every use, so code grows with the spec, not with how often values are reused.
- Python's own limits never apply: an expression nested deeper than `NESTING_BUDGET`
  levels of brackets continues in a helper function, and long argument lists become
  flat tuples, not chains of `+`.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable
from fractions import Fraction
from typing import Any, NamedTuple

from ytxa_rules import ast
from ytxa_rules.language import literals
from ytxa_rules.language.functions import FUNCTIONS
from ytxa_rules.language.scope import Scope
from ytxa_rules.language.types import FLIP
from ytxa_rules.syntax.unparse import expr_text

PY_OPERATOR = {"=": "==", "!=": "!=", ">=": ">=", "<=": "<=", ">": ">", "<": "<"}
ARITHMETIC = {"+": "+", "-": "-", "*": "*"}  # `/` divides exactly, in the runtime
# Brackets open at once in one generated function. Python's parser refuses more than 200;
# deeper expressions continue in a helper function (one call, one level).
NESTING_BUDGET = 150
COUNT_INLINE = 16  # count() of more arguments sums a flat tuple instead of a `+` chain
_SMALL_INT = 10**18  # larger whole numbers are constants, never long literals


class Code(NamedTuple):
    """Generated Python text and how many brackets deep it nests."""

    text: str
    depth: int


def _code(depth: int, *pieces: str | Code) -> Code:
    """Literal text and generated parts, joined; `depth` levels around the deepest part."""
    texts = [p if isinstance(p, str) else p.text for p in pieces]
    deepest = max((p.depth for p in pieces if isinstance(p, Code)), default=0)
    return Code("".join(texts), depth + deepest)


def _listed(codes: list[Code], separator: str = ", ") -> list[str | Code]:
    """`a, b, c` as pieces for `_code`."""
    pieces: list[str | Code] = []
    for index, code in enumerate(codes):
        if index:
            pieces.append(separator)
        pieces.append(code)
    return pieces


def is_atom(e: ast.Expr, scope: Scope) -> bool:
    """Cheap, side-effect-free expressions that may be written at several sites."""
    if isinstance(e, (ast.Number, ast.Bool, ast.DateLiteral, ast.QualifiedRef)):
        return True
    return isinstance(e, ast.Ref) and e.name not in scope.values and e.name not in scope.tables


class Unit:
    """The generated functions of one program variant (fast or traced) and their tables."""

    def __init__(self, traced: bool):
        self.traced = traced
        self.functions: list[list[str]] = []  # each: the lines of one top-level function
        self.constants: list[Any] = []
        self.nodes: list[Any] = []  # compare / in / value / table / branch nodes (traced)
        self._node_ids: dict[int, int] = {}
        self._tables: dict[str, str] = {}
        self._counter = itertools.count()

    def fresh(self, stem: str) -> str:
        """A name used nowhere else in the program."""
        return f"_{stem}{next(self._counter)}"

    def constant(self, value: Any) -> str:
        self.constants.append(value)
        return f"_k[{len(self.constants) - 1}]"

    def table_constant(self, table: ast.Table) -> str:
        """One dict per table, however many places look it up."""
        if table.name not in self._tables:
            # One key: the value itself; two keys: the pair, as the lookup builds it.
            known = {(e.key if table.second_key is None else e.keys): e.value.value for e in table.entries if e.value is not None}
            self._tables[table.name] = self.constant(known)
        return self._tables[table.name]

    def node(self, value: Any) -> int:
        key = id(value)
        if key not in self._node_ids:
            self._node_ids[key] = len(self.nodes)
            self.nodes.append(value)
        return self._node_ids[key]

    @property
    def params(self) -> str:
        """Parameters of every helper function: facts, other sets' results, memo, trace."""
        return "f, u, m, T" if self.traced else "f, u, m"


class ExpressionWriter:
    """Writes expressions into the function being generated; knows the scope and variant."""

    def __init__(self, unit: Unit, scope: Scope, value_name: Callable[[str], str], rate_operand: Callable[[str, int], str]):
        self.unit = unit
        self.scope = scope
        self.traced = unit.traced
        self.value_name = value_name  # value name -> its function's name
        self.rate_operand = rate_operand  # (value name, argument) -> a helper computing it
        self.uses_memo = False  # the function being written reads a value (needs `m`)

    # ------------------------------------------------------------ structure
    def sub(self, e: ast.Expr, enum_context: str = "") -> Code:
        """A sub-expression, moved to a helper function when it nests too deeply."""
        code = self.expr(e, enum_context)
        if code.depth <= NESTING_BUDGET:
            return code
        return self.helper(code)

    def helper(self, code: Code) -> Code:
        name = self.unit.fresh("TE" if self.traced else "E")
        self.unit.functions.append([f"def {name}({self.unit.params}):", f"    return {code.text}"])
        self.uses_memo = True  # the caller must define `m` (a helper may read values)
        return Code(f"{name}({self.unit.params})", 1)

    # ------------------------------------------------------------ expressions
    def expr(self, e: ast.Expr, enum_context: str = "") -> Code:
        match e:
            case ast.Number():
                if enum_context:
                    return Code(repr(str(literals.exact(e.value).numerator)), 0)
                return Code(self.number(e.value), 1)
            case ast.Bool():
                return Code(literals.boolean(e.value), 0)
            case ast.DateLiteral():
                return Code(self.unit.constant(literals.day(e.value)), 1)
            case ast.Ref():
                return self.ref(e)
            case ast.QualifiedRef():
                alias, name = literals.text(e.alias), literals.text(e.name)
                if self.traced:
                    return Code(f"_tu(T, u, {alias}, {name})", 1)
                return Code(f"_used(u, {alias}, {name})", 1)
            case ast.Call():
                return self.call(e)
            case ast.Neg():
                return _code(1, "(-", self.sub(e.operand), ")")
            case ast.Arith():
                left, right = self.sub(e.left), self.sub(e.right)
                if e.op == "/":
                    return _code(1, "_div(", left, ", ", right, f", {self.what(e)})")
                return _code(1, "(", left, f" {literals.operator(e.op, ARITHMETIC)} ", right, ")")
            case ast.Compare():
                return self.compare(e)
            case ast.In():
                operand = self.sub(e.operand)
                context = self.enum_of(e.operand)
                options = [self.sub(o, context) for o in e.options]
                listed = _code(1, "(", *_listed(options), ",)")
                if self.traced:
                    return _code(1, f"_ti(T, {self.unit.node(e)}, ", operand, ", ", listed, ")")
                return _code(1, "(", operand, " in ", listed, ")")
            case ast.Not():
                return _code(1, "(not ", self.sub(e.operand), ")")
            case ast.And() | ast.Or():
                joiner = " and " if isinstance(e, ast.And) else " or "
                return _code(1, "(", *_listed([self.sub(o) for o in e.operands], joiner), ")")
            case _:
                literals.refuse_unhandled(e, "expression")

    def number(self, value: Fraction) -> str:
        exact = literals.exact(value)
        if type(exact) is int and abs(exact) < _SMALL_INT:
            return str(exact)
        if exact.denominator == 1 and abs(exact.numerator) < _SMALL_INT:
            return str(exact.numerator)
        return self.unit.constant(exact)

    def what(self, e: ast.Expr) -> str:
        """The expression as the editor wrote it, for a zero-denominator report."""
        return literals.text(expr_text(e))

    def enum_of(self, e: ast.Expr) -> str:
        if isinstance(e, ast.Ref) and e.name in self.scope.facts:
            if self.scope.facts[e.name].type.kind == "enum":
                return e.name
        return ""

    def fact(self, name: str) -> Code:
        return Code(f"f[{literals.text(name)}]", 1)

    def ref(self, e: ast.Ref) -> Code:
        scope = self.scope
        if e.name in scope.facts:
            return self.fact(e.name)
        if e.name in scope.values:
            self.uses_memo = True
            return Code(f"{self.value_name(e.name)}({self.unit.params})", 1)
        if e.name in scope.tables:
            return self.table(scope.tables[e.name])
        return Code(literals.text(e.name), 0)  # an enum value, resolved by the checker

    def table(self, table: ast.Table) -> Code:
        key = self.fact(table.key)
        holes = "{}"
        if table.second_key is not None:  # the pair of values picks the entry
            key = _code(1, "(", key, ", ", self.fact(table.second_key), ")")
            holes = "{}, {}"
        lookup = self.unit.table_constant(table)
        what = literals.text(f"{literals.format_text(table.name)}[{holes}]")
        if self.traced:
            return _code(1, f"_tt(T, {self.unit.node(table)}, ", key, f", {lookup}, {what})")
        if all(entry.value is not None for entry in table.entries):
            return _code(1, f"{lookup}[", key, "]")
        temp = self.unit.fresh("tk")
        spread = "*" if table.second_key is not None else ""
        return _code(2, f"({lookup}[{temp}] if ({temp} := ", key, f") in {lookup} else _unknown({what}.format({spread}{temp})))")

    def call(self, e: ast.Call) -> Code:
        """A call of a registry function, by the name its implementation is handed in as."""
        function = FUNCTIONS.get(e.function) if type(e.function) is str else None
        if function is None or not function.accepts(len(e.args)):
            raise literals.refuse("function")
        args = [self.sub(a) for a in e.args]
        if function.spread:
            if function.name == "count" and len(args) <= COUNT_INLINE:  # the common case, inline
                return _code(2, "(", *_listed([_code(1, "_b(", a, ")") for a in args], " + "), ")")
            return _code(2, f"{function.local}((", *_listed(args), ",))")
        pieces = _listed(args)
        if function.takes_what:
            pieces.append(f", {self.what(e)}")
        return _code(1, f"{function.local}(", *pieces, ")")

    # ------------------------------------------------------------ comparisons
    def compare(self, e: ast.Compare) -> Code:
        fast = self.rate_compare(e)
        if fast is not None:
            return fast
        left_enum, right_enum = self.enum_of(e.left), self.enum_of(e.right)
        left, right = self.sub(e.left, right_enum), self.sub(e.right, left_enum)
        python_op = literals.operator(e.op, PY_OPERATOR)
        if self.traced:
            return _code(1, f"_tc(T, {self.unit.node(e)}, {e.op!r}, ", left, ", ", right, ")")
        return _code(1, "(", left, f" {python_op} ", right, ")")

    def rate_of(self, e: ast.Expr) -> ast.Call | None:
        if isinstance(e, ast.Ref) and e.name in self.scope.values:
            e = self.scope.values[e.name].expr
        if isinstance(e, ast.Call) and e.function == "rate" and len(e.args) == 2:
            return e
        return None

    def rate_operands(self, side: ast.Expr, rate: ast.Call) -> tuple[Code, Code]:
        """Numerator and denominator of a rate: written here, or (for a derived value's
        operands that are more than a name) one shared helper per operand."""
        if isinstance(side, ast.Ref):  # a derived value: its operands belong to its definition
            codes = []
            for index, arg in enumerate(rate.args):
                if is_atom(arg, self.scope):
                    codes.append(self.sub(arg))
                else:
                    self.uses_memo = True
                    codes.append(Code(f"{self.rate_operand(side.name, index)}({self.unit.params})", 1))
            return codes[0], codes[1]
        return self.sub(rate.args[0]), self.sub(rate.args[1])

    def rate_compare(self, e: ast.Compare) -> Code | None:
        """`rate(n, d) op t` compares `n * 100` with `t * d`: exact, and no Fraction built.

        Both paths read the denominator, then the numerator, then the threshold, each once.
        """
        literals.operator(e.op, PY_OPERATOR)
        op, rate, side, other = e.op, self.rate_of(e.left), e.left, e.right
        if rate is None:
            op, rate, side, other = FLIP[e.op], self.rate_of(e.right), e.right, e.left
        if rate is None or self.rate_of(other) is not None:
            return None
        numerator, denominator = self.rate_operands(side, rate)
        threshold = self.sub(other)
        what = self.what(rate)
        if self.traced:  # logs n and d; the exact rate is built only if the trace is read
            value = self.unit.node(self.scope.values[side.name]) if isinstance(side, ast.Ref) else -1
            flipped = side is e.right
            operands = _code(1, f"_trv(T, {value}, ", denominator, ", ", numerator, ")")
            return _code(1, f"_trc(T, {self.unit.node(e)}, {flipped}, {op!r}, ", operands, ", ", threshold, f", {what})")
        d = self.unit.fresh("d")
        if is_atom(rate.args[0], self.scope) and is_atom(other, self.scope):
            # A fact or a literal is read where it is needed: the plain form, fastest.
            n, t = numerator.text, threshold.text
            return _code(2, f"({n} * 100 {PY_OPERATOR[op]} {t} * {d} if ({d} := ", denominator, f") > 0 else _rc[{op!r}]({n}, {d}, {t}, {what}))")
        # Otherwise each operand is bound once, in that order (`is not _N` always holds).
        n, t = self.unit.fresh("n"), self.unit.fresh("t")
        bind: list[str | Code] = [f"({d} := ", denominator, f") is not _N and ({n} := ", numerator, f") is not _N and ({t} := ", threshold, ") is not _N"]
        compare = f"{n} * 100 {PY_OPERATOR[op]} {t} * {d}"
        fallback = f"_rc[{op!r}]({n}, {d}, {t}, {what})"  # a zero or negative denominator
        return _code(2, f"({compare} if ", *bind, f" and {d} > 0 else {fallback})")
