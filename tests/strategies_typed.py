"""Hypothesis strategies for specs that check, with station facts to score them on.

`tests/strategies.py` builds every construct of the grammar, typed or not, to test the
parser and formatter. Scoring needs specs that pass `check`: here each expression is
built for the type it must have (bool, count, percent, decimal, a `one of` value), from
every construct the engine compiles: rates, counts, min/max, arithmetic, comparisons,
`and`/`or`/`not`, `in`, tables, values that use values, branches, sums of parts and
`not applicable`. Nesting is deep enough for a rate inside a count inside a rate
(issue 9's wrong score). Facts are drawn near the edges (zero denominators, thresholds
hit exactly) and some are left out, so missing data and N/A paths run too.
"""

from __future__ import annotations

import datetime
import random
from decimal import Decimal
from fractions import Fraction
from typing import Any

import attrs
from hypothesis import strategies as st

from tests.strategies import normalise, number_node
from ytxa_rules import ast
from ytxa_rules.language.functions import FUNCTIONS, Typed
from ytxa_rules.language.types import BOOL, NUMBER, KindType, Type
from ytxa_rules.tree import max_points

COUNTS = ("c0", "c1", "c2")
PERCENTS = ("p0", "p1")
DECIMALS = ("d0",)
BOOLS = ("b0", "b1")
ENUM, ENUM_VALUES = "e0", ("a", "b", "c")
TABLE = "t0"
ENUM2, ENUM2_VALUES = "e1", ("x", "y")
TABLE2 = "t1"  # by e0, e1: one entry per pair of values
OPS = (">=", "<=", ">", "<", "=", "!=")
EFFECTIVE = datetime.date(2024, 1, 1)
AS_OF = datetime.date(2024, 6, 1)
NUMERIC = ("count", "percent", "decimal")
_COUNT_VALUES = st.sampled_from([0, 0, 1, 2, 3, 20, 50, 100, 1000])
_PERCENT_VALUES = st.sampled_from([Decimal(v) for v in ("0", "0.05", "16.5", "40", "50", "100")])
_DECIMAL_VALUES = st.sampled_from([Decimal(v) for v in ("0", "0.5", "-2", "10")])
_LEFT_OUT = st.lists(st.sampled_from((*COUNTS, *PERCENTS, *DECIMALS, *BOOLS, ENUM, ENUM2)), max_size=2)


@attrs.frozen
class TypedSpec:
    document: ast.Document
    stations: tuple[dict[str, Any], ...]


class _Typed:
    """Builds expressions of a given type; `values` maps earlier value names to their types.

    Choices come from one `Random` seeded by Hypothesis: a spec takes hundreds of choices,
    and a Hypothesis draw per choice made examples many times slower (Hypothesis then
    cannot shrink a failing spec; the test prints it as text instead).
    """

    def __init__(self, rnd: random.Random, values: dict[str, str]):
        self.rnd = rnd
        self.values = values

    def pick(self, options: list[Any]) -> Any:
        return self.rnd.choice(options)

    def draw(self, strategy: tuple[int, int] | str) -> Any:
        if strategy == "bool":
            return self.rnd.random() < 0.5
        if strategy == "enum subset":
            return self.rnd.sample(ENUM_VALUES, self.rnd.randint(1, 3))
        low, high = strategy  # type: ignore[misc]
        return self.rnd.randint(low, high)

    def value_of(self, kind: str) -> ast.Expr | None:
        names = [name for name, k in self.values.items() if k == kind]
        return ast.Ref(self.pick(names)) if names and self.draw("bool") else None

    def number(self, kind: str, depth: int) -> ast.Expr:
        """A numeric expression of exactly `kind` (as the checker infers it)."""
        earlier = self.value_of(kind)
        if earlier is not None:
            return earlier
        leaf = depth <= 0 or self.draw((0, 2)) == 0
        if not leaf and self.draw((0, 5)) == 0:
            call = self.registry_call(kind, depth)
            if call is not None:
                return call
        if kind == "count":
            if leaf:
                return self.pick([ast.Ref(n) for n in COUNTS] + [number_node(str(self.draw((0, 5))))])
            form = self.draw((-2, 3))
            if form == -2:  # a rate compared inside a count: rates nest (issue 9)
                rate = ast.Call("rate", (self.number("count", depth - 1), self.number("count", depth - 2)))
                threshold = self.number("percent", depth - 2)
                return ast.Call("count", (ast.Compare(self.pick(list(OPS)), rate, threshold),))
            if form <= 0:  # count(…) of conditions
                return ast.Call("count", tuple(self.condition(depth - 1) for _ in range(self.draw((1, 3)))))
            if form == 1:
                return ast.Arith(self.pick(["+", "*"]), self.number("count", depth - 1), self.number("count", depth - 2))
            if form == 2:
                return ast.Call(self.pick(["min", "max"]), (self.number("count", depth - 1), self.number("count", depth - 2)))
            return ast.Arith("-", self.number("count", depth - 1), self.number("count", depth - 2))
        if kind == "percent":
            if leaf:
                literal = number_node(self.pick(["0%", "5%", "0.05%", "40%", "50%", "100%", "16.5%"]))
                return self.pick([ast.Ref(n) for n in PERCENTS] + [literal, ast.Ref(TABLE), ast.Ref(TABLE2)])
            form = self.draw((0, 4))
            if form <= 2:
                numerator = self.number(self.pick(["count", "count", "decimal"]), depth - 1)
                return ast.Call("rate", (numerator, self.number("count", depth - 1)))
            if form == 2:
                return ast.Arith(self.pick(["+", "-"]), self.number("percent", depth - 1), self.number("percent", depth - 1))
            return ast.Arith("*", self.number("percent", depth - 1), number_node(self.pick(["2", "0.5"])))
        # decimal
        if leaf:
            return self.pick([ast.Ref(DECIMALS[0]), number_node(self.pick(["0.5", "2.25", "10"]))])
        form = self.draw((0, 2))
        if form == 0:
            return ast.Arith("/", self.number(self.pick(NUMERIC[::2]), depth - 1), self.number("count", depth - 1))
        if form == 1:
            return ast.Neg(self.number("count", depth - 1))
        return ast.Arith("*", self.number("decimal", depth - 1), self.number("count", depth - 1))

    def registry_call(self, kind: str, depth: int) -> ast.Expr | None:
        """A call of a built-in function drawn from the registry, when it yields `kind`."""
        function = self.pick(list(FUNCTIONS.values()))
        given = function.min_args if function.max_args == function.min_args else function.min_args + self.draw((0, 2))
        args: list[ast.Expr] = []
        types: list[Type] = []
        for argument in function.argument_kinds(given):
            if argument == "bool":
                args.append(self.condition(depth - 1))
                types.append(BOOL)
            elif argument == "digits":
                args.append(number_node(str(self.draw((0, 3)))))
                types.append(NUMBER)
            else:
                args.append(self.number(kind, depth - 1))
                types.append(KindType(kind))
        if function.typed(types, args) != Typed(KindType(kind)):
            return None
        return ast.Call(function.name, tuple(args))

    def comparison(self, depth: int) -> ast.Expr:
        kind = self.pick(["percent", *NUMERIC])
        left = self.number(kind, depth)
        if kind == "percent":
            right = self.number("percent", depth)
        else:
            right = self.number(self.pick(["count", "decimal"]), depth)
        if self.draw("bool"):
            left, right = right, left
        return ast.Compare(self.pick(list(OPS)), left, right)

    def condition(self, depth: int) -> ast.Expr:
        earlier = self.value_of("bool")
        if earlier is not None:
            return earlier
        if depth <= 0:
            return self.pick([ast.Ref(n) for n in BOOLS] + [ast.Bool(True), ast.Compare("=", ast.Ref(ENUM), ast.Ref("a"))])
        form = self.draw((-1, 6))
        if form <= 2:
            return self.comparison(depth - 1)
        if form == 3:
            options = tuple(ast.Ref(v) for v in self.draw("enum subset"))
            membership = ast.In(ast.Ref(ENUM), options)
            return ast.Not(membership) if self.draw("bool") else membership
        if form == 4:
            return ast.Not(self.condition(depth - 1))
        operands = tuple(self.condition(depth - 2) for _ in range(self.draw((2, 3))))
        return normalise(ast.And(operands) if form == 5 else ast.Or(operands))  # as the parser nests them


def _bands(typed: _Typed, depth: int) -> ast.Bands:
    count = typed.draw((1, 3))
    bands = [ast.Band(number_node(str(typed.draw((1, 3)))), typed.condition(depth)) for _ in range(count)]
    if typed.draw("bool"):
        bands.append(ast.Band(number_node("0"), None))
    return ast.Bands(tuple(bands))


def _branch(typed: _Typed, depth: int) -> ast.Branch:
    keys = list(ENUM_VALUES)
    cut = typed.draw((1, 3))
    cases = [ast.Case(tuple(keys[:cut]), _bands(typed, depth))]
    if cut < 3 and typed.draw("bool"):
        cases.append(ast.Case(tuple(keys[cut:]), _bands(typed, depth)))
        otherwise = None
    else:
        otherwise = _bands(typed, depth) if cut < 3 or typed.draw("bool") else None
    return ast.Branch(ENUM, tuple(cases), otherwise)


def _rule(typed: _Typed, depth: int, parts_may_not_apply: bool = False) -> ast.Rule:
    form = typed.draw((0, 3))
    if form <= 1:
        return _bands(typed, depth)
    if form == 2:
        return _branch(typed, depth)
    parts = []
    for _ in range(typed.draw((1, 3))):
        rule = _bands(typed, depth) if typed.draw("bool") else _branch(typed, depth)
        excluded = typed.condition(2) if parts_may_not_apply and typed.draw("bool") else None
        parts.append(ast.Part("", rule, not_applicable=excluded))
    return ast.Sum(tuple(parts))


def _facts() -> tuple[ast.Fact, ...]:
    declared = [ast.Fact(n, ast.FactType("count")) for n in COUNTS]
    declared += [ast.Fact(n, ast.FactType("percent")) for n in PERCENTS]
    declared += [ast.Fact(n, ast.FactType("decimal")) for n in DECIMALS]
    declared += [ast.Fact(n, ast.FactType("bool")) for n in BOOLS]
    declared.append(ast.Fact(ENUM, ast.FactType("enum", ENUM_VALUES)))
    declared.append(ast.Fact(ENUM2, ast.FactType("enum", ENUM2_VALUES)))
    return tuple(declared)


@st.composite
def station_facts(draw: st.DrawFn) -> dict[str, Any]:
    """Facts for `typed_specs`, some left out; denominators often 0, percents on edges."""
    facts: dict[str, Any] = {}
    for name in COUNTS:
        facts[name] = draw(_COUNT_VALUES)
    for name in PERCENTS:
        facts[name] = draw(_PERCENT_VALUES)
    facts[DECIMALS[0]] = draw(_DECIMAL_VALUES)
    for name in BOOLS:
        facts[name] = draw(st.booleans())
    facts[ENUM] = draw(st.sampled_from(ENUM_VALUES))
    facts[ENUM2] = draw(st.sampled_from(ENUM2_VALUES))
    left_out = draw(_LEFT_OUT)
    return {k: v for k, v in facts.items() if k not in left_out}


@st.composite
def typed_specs(draw: st.DrawFn, max_depth: int = 6, parts_may_not_apply: bool = False) -> TypedSpec:
    """A document that checks (mostly: callers `assume` no errors), and stations' facts.

    `parts_may_not_apply`: parts of sums get `not applicable when` (the columnar path
    scores such specs per station, so its differential test leaves them out)."""
    rnd = random.Random(draw(st.integers(0, 2**64)))  # one draw: the spec is built from this seed
    kinds: dict[str, str] = {}
    values = []
    for index in range(rnd.randint(0, 4)):
        typed = _Typed(rnd, dict(kinds))
        kind = rnd.choice(["count", "percent", "decimal", "bool"])
        expr = typed.condition(max_depth - 1) if kind == "bool" else typed.number(kind, max_depth - 1)
        values.append(ast.Value(f"v{index}", expr))
        kinds[f"v{index}"] = kind
    entries = tuple(
        ast.TableEntry(key, None if rnd.randint(0, 5) == 0 else number_node(rnd.choice(["10%", "40%", "0.05%"])))
        for key in ENUM_VALUES
    )
    if all(e.value is None for e in entries):
        entries = (ast.TableEntry("a", number_node("10%")), *entries[1:])
    pairs = tuple(
        ast.TableEntry(key, None if rnd.randint(0, 5) == 0 else number_node(rnd.choice(["10%", "40%", "16.5%"])), second=other)
        for key in ENUM_VALUES
        for other in ENUM2_VALUES
    )
    typed = _Typed(rnd, kinds)
    indicators = []
    for number in range(1, rnd.randint(1, 3) + 1):
        rule = _rule(typed, max_depth, parts_may_not_apply)
        points = max(max_points(rule), Fraction(1))
        not_applicable = typed.condition(2) if rnd.randint(0, 3) == 0 else None
        indicators.append(
            ast.Indicator(
                number=str(number), title="i", max=number_node(str(points)), status="confirmed",
                knockout=rnd.random() < 0.5, cite="c", note=None, not_applicable=not_applicable, rule=rule,
            )
        )
    total = sum((i.max.value for i in indicators), Fraction(0))
    criterion = ast.Criterion(1, "c", number_node(str(total)), tuple(indicators))
    share = rnd.choice(["0%", "50%", "80%"])
    requirements = (
        ast.Requirement("total", ">=", ast.Amount(Fraction(share[:-1]), None, share)),
        ast.Requirement("every_criterion", ">=", ast.Amount(Fraction(share[:-1]), None, share)),
        ast.Requirement("no_knockout"),
    )
    document = ast.Document(
        id="T", title="t", issued=None, effective=EFFECTIVE, total=number_node(str(total)), assessment_year=None,
        uses=(), facts=_facts(), values=tuple(values), tables=(ast.Table(TABLE, ENUM, "", entries), ast.Table(TABLE2, ENUM, "", pairs, second_key=ENUM2)),
        criteria=(criterion,), recognition=ast.Recognition("r", "c", None, requirements),
    )
    return TypedSpec(document, tuple(draw(_STATIONS)))


_STATIONS = st.lists(station_facts(), min_size=1, max_size=8)
