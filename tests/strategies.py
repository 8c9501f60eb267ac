"""Hypothesis strategies shared by the property tests (tests/properties/).

Specs are generated as AST nodes from every construct of grammar/criteria.lark and then
rendered to text by a writer of our own (not the package's formatter or unparser, which
are what the tests check). The writer can lay text out canonically or "messily": extra
spaces and line breaks between any two tokens, comments on their own lines and after
code, redundant brackets, `≥`/`≤`/`≠`/`×`/`÷`, clauses and header fields in any order,
items interleaved, unicode line separators in strings and comments. Layout decisions
come from a Hypothesis-driven `Random`, so failures still shrink towards the plainest
layout. Strategies are built once (cached): building them per example is what is slow.

Also here: station facts for the 1300 criteria, mutations of spec text for the parser's
robustness, and amendment scenarios (an amendment, plus the same edit made by hand to
the spec's text) for "amendment = hand-edited spec".
"""

from __future__ import annotations

import datetime
import functools
import random
import re
from collections.abc import Callable, Iterator, Sequence
from decimal import Decimal
from fractions import Fraction
from pathlib import Path
from typing import Any, TypeVar

import attrs
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st

from tests.reference.stations import STUNTING_THRESHOLD
from ytxa_rules import ast
from ytxa_rules.language.functions import FUNCTIONS as BUILT_IN
from ytxa_rules.language.functions import Function
from ytxa_rules.syntax.grammar import grammar_text
from ytxa_rules.syntax.parser import parse_text

T = TypeVar("T")

ROOT = Path(__file__).resolve().parent.parent
GRAMMAR_TEXT = grammar_text()  # grammar/criteria.lark with its `kind` rule from the registry
SPECS_DIR = ROOT / "criteria_specs"
SPEC_1300_TEXT = (SPECS_DIR / "1300-QD-BYT.ytxa").read_text(encoding="utf-8")
SPEC_1453_TEXT = (SPECS_DIR / "1453-QD-BYT.ytxa").read_text(encoding="utf-8")

# Shared settings: no example database (the repository is shared and has no .gitignore),
# no deadline (evaluation and big specs vary in time on a loaded machine).
BASE_SETTINGS = settings(
    database=None,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.filter_too_much],
)

# Every word the grammar quotes is reserved; a generated name must avoid them all.
KEYWORDS = frozenset(re.findall(r'"([A-Za-z_]+)"', GRAMMAR_TEXT))

# Characters Python's str.splitlines() breaks on besides "\n"; the grammar allows them in
# strings and comments (and "\r", "\x0c" as whitespace), where only "\n" ends a line.
LINE_BOUNDARIES = "\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029"

COMPARE_OPS = (">=", "<=", "!=", ">", "<", "=")
BOUND_OPS = (">=", "<=")
ALIASES = {">=": "≥", "<=": "≤", "!=": "≠", "*": "×", "/": "÷"}
FUNCTIONS = tuple(BUILT_IN)  # the registry: every built-in is drawn
STATUSES = ("confirmed", "provisional")
PROPERTIES = ("operator", "threshold", "points", "max", "title", "status", "cite", "knockout", "condition", "not_applicable")
FACT_KINDS = ast.FACT_KINDS  # the registry of fact kinds; enum last


# ================================================================ lexical pieces

_NAME_START = "abcdefghijklmnopqrstuvwxyz_đươăâêôáàạảãệĐXYZ"
_NAME_REST = _NAME_START + "0123456789"
_DIGITS = "0123456789"


@functools.cache
def names() -> st.SearchStrategy[str]:
    """Identifiers (`NAME`), some with Vietnamese letters, never a keyword."""
    return st.builds(lambda a, b: a + b, st.sampled_from(_NAME_START), st.text(_NAME_REST, max_size=6)).filter(
        lambda n: n not in KEYWORDS
    )


@functools.cache
def strings(line_boundaries: bool = True) -> st.SearchStrategy[str]:
    """Contents of a `STRING`: any character but `"` and newline (random unicode, `#` too)."""
    excluded = '"\n' + ("" if line_boundaries else LINE_BOUNDARIES)
    chars = st.characters(exclude_characters=excluded, codec="utf-8")
    return st.one_of(st.text(chars, max_size=12), st.sampled_from(["", "Tỷ lệ # không phải chú thích", "x"]))


@functools.cache
def whole_texts(max_digits: int = 3) -> st.SearchStrategy[str]:
    """A `NUMBER` without decimals, leading zeros allowed ("007")."""
    return st.one_of(st.integers(0, 200).map(str), st.text(_DIGITS, min_size=1, max_size=max_digits))


@functools.cache
def number_texts() -> st.SearchStrategy[str]:
    """A `NUMBER`: whole or with decimals ("0.60", "16.5")."""
    decimals = st.builds(lambda i, f: f"{i}.{f}", whole_texts(), st.text(_DIGITS, min_size=1, max_size=2))
    return st.one_of(whole_texts(), decimals)


@functools.cache
def percent_texts() -> st.SearchStrategy[str]:
    return number_texts().map(lambda t: t + "%")


@functools.cache
def enum_values() -> st.SearchStrategy[str]:
    """`enum_value`: a name or a number (as written)."""
    return st.one_of(names(), whole_texts(2), number_texts())


@functools.cache
def dates() -> st.SearchStrategy[datetime.date]:
    return st.dates(min_value=datetime.date(1900, 1, 1), max_value=datetime.date(2100, 12, 31))


def number_node(text: str) -> ast.Number:
    """The AST the parser builds for a `NUMBER` or `PERCENT` token."""
    percent = text.endswith("%")
    return ast.Number(Fraction(Decimal(text.rstrip("%"))), percent, text)


def amount_node(text: str) -> ast.Amount:
    number = number_node(text)
    if number.percent:
        return ast.Amount(number.value, None, text)
    return ast.Amount(None, number.value, text)


# ================================================================ expressions


def normalise(expr: ast.Expr) -> ast.Expr:
    """Flatten `(a and b) and c` into one `and`, as the parser does: keeps ASTs comparable."""
    if isinstance(expr, (ast.And, ast.Or)):
        operands = [normalise(o) for o in expr.operands]
        while isinstance(operands[0], type(expr)):
            operands = [*operands[0].operands, *operands[1:]]  # type: ignore[union-attr]
        return type(expr)(tuple(operands))
    if isinstance(expr, (ast.Not, ast.Neg)):
        return attrs.evolve(expr, operand=normalise(expr.operand))
    if isinstance(expr, (ast.Arith, ast.Compare)):
        return attrs.evolve(expr, left=normalise(expr.left), right=normalise(expr.right))
    if isinstance(expr, ast.In):
        return attrs.evolve(expr, operand=normalise(expr.operand), options=tuple(normalise(o) for o in expr.options))
    if isinstance(expr, ast.Call):
        return attrs.evolve(expr, args=tuple(normalise(a) for a in expr.args))
    return expr


def strength(expr: ast.Expr) -> int:
    """Binding strength of an expression's text (1: or ... 8: an atom); 5 and up is a `sum`."""
    if isinstance(expr, ast.Arith):
        return 5 if expr.op in "+-" else 6
    return {ast.Or: 1, ast.And: 2, ast.Not: 3, ast.Compare: 4, ast.In: 4, ast.Neg: 7}.get(type(expr), 8)


def is_sum(expr: ast.Expr) -> bool:
    return strength(expr) >= 5


@functools.cache
def exprs(refs: st.SearchStrategy[str] | None = None, max_leaves: int = 6, wide: bool = True) -> st.SearchStrategy[ast.Expr]:
    """Any expression: numbers, percents, yes/no, names, a.b, calls, -, + - * /, comparisons,
    in, not, and, or — nested arbitrarily (the writer adds the brackets the text needs).

    `wide`: the options of `in` may be any expression (a condition there needs brackets,
    test_format_keeps_brackets_the_grammar_needs); otherwise only sums."""
    refs = refs if refs is not None else names()
    leaves = st.one_of(
        st.one_of(number_texts(), percent_texts()).map(number_node),
        st.booleans().map(ast.Bool),
        refs.map(ast.Ref),
        st.builds(ast.QualifiedRef, refs, refs),
    )

    def extend(children: st.SearchStrategy[ast.Expr]) -> st.SearchStrategy[ast.Expr]:
        def several(low: int, high: int, items: st.SearchStrategy[ast.Expr] = children) -> st.SearchStrategy[tuple[ast.Expr, ...]]:
            return st.lists(items, min_size=low, max_size=high).map(tuple)

        options = children if wide else children.filter(is_sum)
        return st.one_of(
            st.builds(ast.Call, st.one_of(st.sampled_from(FUNCTIONS), refs), several(0, 3)),
            st.builds(ast.Neg, children),
            st.builds(ast.Arith, st.sampled_from("+-*/"), children, children),
            st.builds(ast.Compare, st.sampled_from(COMPARE_OPS), children, children),
            st.builds(ast.In, children, several(1, 3, options)),
            st.builds(ast.Not, children),
            several(2, 3).map(ast.And),
            several(2, 3).map(ast.Or),
        )

    return st.recursive(leaves, extend, max_leaves=max_leaves).map(normalise)


def registry_calls(function: Function, ref: st.SearchStrategy[ast.Expr]) -> st.SearchStrategy[ast.Expr]:
    """Calls of one built-in with names for arguments (a whole literal for a `digits` one)."""
    most = function.max_args if function.max_args is not None else function.min_args + 2
    digits = st.integers(0, 3).map(lambda n: number_node(str(n)))

    def arguments(given: int) -> st.SearchStrategy[tuple[ast.Expr, ...]]:
        return st.tuples(*(digits if kind == "digits" else ref for kind in function.argument_kinds(given)))

    return st.integers(function.min_args, most).flatmap(arguments).map(lambda args: ast.Call(function.name, args))


@functools.cache
def derived_exprs(refs: st.SearchStrategy[str]) -> st.SearchStrategy[ast.Expr]:
    """What a `value` typically computes: rate/count/min/max of names, arithmetic, or any expression."""
    ref = refs.map(ast.Ref)
    return st.one_of(
        st.sampled_from(list(BUILT_IN.values())).flatmap(lambda f: registry_calls(f, ref)),
        st.builds(lambda a, b, c: ast.Arith("*", ast.Arith("/", a, b), c), ref, ref, whole_texts().map(number_node)),
        exprs(refs),
    )


@functools.cache
def conditions(refs: st.SearchStrategy[str]) -> st.SearchStrategy[ast.Expr]:
    """Band and not-applicable conditions: mostly comparisons, `in`, and/or/not of them."""
    ref = refs.map(ast.Ref)
    threshold = st.one_of(percent_texts(), number_texts()).map(number_node)
    compare = st.builds(ast.Compare, st.sampled_from(COMPARE_OPS), ref, st.one_of(threshold, ref))
    option = enum_values().map(lambda v: number_node(v) if v[0].isdigit() else ast.Ref(v))  # as the parser reads them
    member = st.builds(ast.In, ref, st.lists(option, min_size=1, max_size=3).map(tuple))
    simple = st.one_of(compare, member, ref, st.builds(ast.Not, st.one_of(ref, member)))
    combined = st.one_of(
        simple,
        st.lists(simple, min_size=2, max_size=3).map(lambda o: ast.And(tuple(o))),
        st.lists(simple, min_size=2, max_size=3).map(lambda o: ast.Or(tuple(o))),
        exprs(refs, max_leaves=4),
    )
    return combined.map(normalise)


# ================================================================ declarations and rules


@functools.cache
def optional_text() -> st.SearchStrategy[str | None]:
    return st.one_of(st.none(), strings())


@functools.cache
def facts(refs: st.SearchStrategy[str], max_bounds: int = 2) -> st.SearchStrategy[ast.Fact]:
    """Facts of every type, enums of names and numbers; bounds (>= or <=) by a number, by
    another fact, or by any expression (bracketed by the writer where it is not a sum)."""
    fact_type = st.one_of(
        st.sampled_from(FACT_KINDS[:-1]).map(ast.FactType),
        st.lists(enum_values(), min_size=1, max_size=4).map(lambda v: ast.FactType("enum", tuple(v))),
    )
    bound_expr = st.one_of(refs.map(ast.Ref), number_texts().map(number_node), exprs(refs, max_leaves=3))
    bound = st.builds(ast.Bound, st.sampled_from(BOUND_OPS), bound_expr)
    return st.builds(
        ast.Fact,
        refs,
        fact_type,
        st.lists(bound, max_size=max_bounds).map(tuple),
        st.booleans(),
        st.one_of(st.just(""), strings()),
    )


@functools.cache
def values(refs: st.SearchStrategy[str]) -> st.SearchStrategy[ast.Value]:
    return st.builds(ast.Value, refs, derived_exprs(refs), st.one_of(st.just(""), strings()))


@functools.cache
def tables(refs: st.SearchStrategy[str]) -> st.SearchStrategy[ast.Table]:
    """Tables by one fact or by two (then every entry gives a pair of values)."""

    def entry(two_keys: bool) -> st.SearchStrategy[ast.TableEntry]:
        return st.builds(
            ast.TableEntry,
            enum_values(),
            st.one_of(st.none(), st.one_of(number_texts(), percent_texts()).map(number_node)),
            st.one_of(st.none(), st.sampled_from(STATUSES)),
            second=enum_values() if two_keys else st.none(),
        )

    def table(second: str | None) -> st.SearchStrategy[ast.Table]:
        return st.builds(
            ast.Table, refs, refs, st.one_of(st.just(""), strings()),
            st.lists(entry(second is not None), min_size=1, max_size=4).map(tuple), second_key=st.just(second),
        )

    return st.one_of(st.none(), refs).flatmap(table)


@functools.cache
def bands(refs: st.SearchStrategy[str], otherwise_anywhere: bool = True) -> st.SearchStrategy[ast.Bands]:
    """1-3 bands; an `otherwise` band mostly last (the checker rejects it elsewhere, the grammar not)."""
    when = st.builds(ast.Band, number_texts().map(number_node), conditions(refs))
    otherwise = st.builds(ast.Band, number_texts().map(number_node), st.none())

    @st.composite
    def build(draw: st.DrawFn) -> ast.Bands:
        items = draw(st.lists(when, min_size=0, max_size=3))
        if not items or draw(st.booleans()):
            items.append(draw(otherwise) if not items or draw(st.booleans()) else draw(when))
        if otherwise_anywhere and draw(st.integers(0, 9)) == 0:
            items.insert(draw(st.integers(0, len(items))), draw(otherwise))
        return ast.Bands(tuple(items))

    return build()


@functools.cache
def branches(refs: st.SearchStrategy[str]) -> st.SearchStrategy[ast.Branch]:
    """`by key` with cases of one or more enum values, and maybe `else`."""
    case = st.builds(ast.Case, st.lists(enum_values(), min_size=1, max_size=3).map(tuple), bands(refs))
    return st.builds(ast.Branch, refs, st.lists(case, min_size=1, max_size=3).map(tuple), st.one_of(st.none(), bands(refs)))


@functools.cache
def rules(refs: st.SearchStrategy[str]) -> st.SearchStrategy[ast.Rule]:
    part = st.builds(
        ast.Part, st.one_of(st.just(""), strings()), st.one_of(bands(refs), branches(refs)),
        not_applicable=st.one_of(st.none(), conditions(refs)),
    )
    return st.one_of(bands(refs), branches(refs), st.lists(part, min_size=1, max_size=3).map(lambda p: ast.Sum(tuple(p))))


@functools.cache
def indicator_numbers() -> st.SearchStrategy[str]:
    return st.one_of(whole_texts(2), st.builds(lambda a, b: f"{a}.{b}", st.integers(1, 20), st.integers(1, 9)))


@functools.cache
def indicators(refs: st.SearchStrategy[str]) -> st.SearchStrategy[ast.Indicator]:
    """Indicators with every clause: status, knockout, cite, note, not-applicable condition, rule."""
    return st.builds(
        ast.Indicator,
        number=indicator_numbers(),
        title=strings(),
        max=whole_texts().map(number_node),
        status=st.sampled_from(STATUSES),
        knockout=st.booleans(),
        cite=optional_text(),
        note=optional_text(),
        not_applicable=st.one_of(st.none(), conditions(refs)),
        rule=st.one_of(st.none(), rules(refs)),
    )


@functools.cache
def criteria(refs: st.SearchStrategy[str]) -> st.SearchStrategy[ast.Criterion]:
    return st.builds(
        ast.Criterion,
        st.integers(0, 99),
        strings(),
        number_texts().map(number_node),
        st.lists(indicators(refs), max_size=3).map(tuple),
    )


@functools.cache
def requirements() -> st.SearchStrategy[ast.Requirement]:
    """Every requirement form: total, every criterion, criterion N (share of max or points), no knockout failed."""
    amount = st.one_of(percent_texts(), number_texts()).map(amount_node)
    op = st.sampled_from(COMPARE_OPS)
    description = st.one_of(st.just(""), strings())
    return st.one_of(
        st.builds(lambda o, a, d: ast.Requirement("total", o, a, None, d), op, amount, description),
        st.builds(lambda o, a, d: ast.Requirement("every_criterion", o, a, None, d), op, amount, description),
        st.builds(lambda n, o, a, d: ast.Requirement("criterion", o, a, n, d), st.integers(0, 99), op, amount, description),
        description.map(lambda d: ast.Requirement("no_knockout", description=d)),
    )


@functools.cache
def recognitions() -> st.SearchStrategy[ast.Recognition]:
    return st.builds(
        ast.Recognition,
        st.one_of(st.just(""), strings()),
        optional_text(),
        optional_text(),
        st.lists(requirements(), max_size=4).map(tuple),
    )


# Names that expressions mostly refer to (so that specs read as if they declared them);
# any other name now and then. One fixed strategy: building strategies per example is slow.
NAME_POOL = ("a", "b", "x", "ty_le", "vung", "đạt", "so_tre", "Y")
REFS: st.SearchStrategy[str] = st.one_of(st.sampled_from(NAME_POOL), st.sampled_from(NAME_POOL), names())


@st.composite
def documents(draw: st.DrawFn) -> ast.Document:
    """A criteria document built from every construct (not necessarily one that checks)."""
    refs = REFS
    return ast.Document(
        id=draw(strings()),
        title=draw(st.one_of(st.just(""), strings())),
        issued=draw(st.one_of(st.none(), dates())),
        effective=draw(st.one_of(st.none(), dates())),
        total=draw(st.one_of(st.none(), number_texts().map(number_node))),
        assessment_year=draw(st.one_of(st.none(), refs)),
        uses=tuple(draw(st.lists(st.builds(ast.Use, strings(), refs), max_size=2))),
        facts=tuple(draw(st.lists(facts(refs), max_size=4))),
        values=tuple(draw(st.lists(values(refs), max_size=3))),
        tables=tuple(draw(st.lists(tables(refs), max_size=2))),
        criteria=tuple(draw(st.lists(criteria(refs), max_size=2))),
        recognition=draw(st.one_of(st.none(), recognitions())),
    )


# ================================================================ amendments


@functools.cache
def targets(refs: st.SearchStrategy[str]) -> st.SearchStrategy[ast.Target]:
    """Every `change` target, with any path of part/case/band/comparison addresses."""
    address = st.one_of(
        st.tuples(st.just("part"), whole_texts(1)),
        st.tuples(st.just("case"), enum_values()),
        st.tuples(st.just("band"), whole_texts(1)),
        st.tuples(st.just("comparison"), whole_texts(1)),
    )
    return st.one_of(
        st.builds(ast.IndicatorTarget, indicator_numbers(), st.lists(address, max_size=3).map(tuple), st.sampled_from(PROPERTIES)),
        st.builds(ast.CriterionTarget, st.integers(0, 99), st.sampled_from(PROPERTIES)),
        st.builds(ast.TableEntryTarget, refs, enum_values(), second=st.one_of(st.none(), enum_values())),
        st.builds(ast.ValueTarget, refs),
        st.builds(ast.DocumentTarget, st.sampled_from(("title", "total"))),
    )


@functools.cache
def new_values(refs: st.SearchStrategy[str]) -> st.SearchStrategy[ast.NewValue]:
    return st.one_of(
        st.sampled_from(COMPARE_OPS).map(lambda o: ast.NewValue("operator", o)),
        st.sampled_from(STATUSES).map(lambda s: ast.NewValue("status", s)),
        strings().map(lambda s: ast.NewValue("text", s)),
        st.just(ast.NewValue("unknown", None)),
        exprs(refs, max_leaves=4).map(lambda e: ast.NewValue("expr", e)),
    )


@functools.cache
def operations(refs: st.SearchStrategy[str]) -> st.SearchStrategy[ast.Operation]:
    """Every operation form of an amendment file."""
    return st.one_of(
        st.builds(ast.Change, targets(refs), new_values(refs)),
        st.builds(ast.ReplaceRule, indicator_numbers(), rules(refs)),
        st.builds(ast.ReplaceRecognition, recognitions()),
        st.builds(ast.AddIndicator, st.integers(0, 99), indicators(refs)),
        st.builds(ast.RemoveIndicator, indicator_numbers()),
        st.builds(ast.AddDeclaration, st.one_of(facts(refs), values(refs), tables(refs))),
    )


@st.composite
def amendments(draw: st.DrawFn) -> ast.Amendment:
    """An amendment file: header fields (amends or corrects) and 0-4 operations of any form."""
    refs = REFS
    amends = draw(st.one_of(st.none(), strings()))  # "" too (test_empty_amendment_target_survives_format)
    return ast.Amendment(
        id=draw(strings()),
        title=draw(st.one_of(st.just(""), strings())),
        amends=amends,
        corrects=amends is not None and draw(st.booleans()),
        issued=draw(st.one_of(st.none(), dates())),
        effective=draw(st.one_of(st.none(), dates())),
        reason=draw(st.one_of(st.just(""), strings())),
        operations=tuple(draw(st.lists(operations(refs), max_size=4))),
    )


@functools.cache
def spec_trees() -> st.SearchStrategy[ast.Document | ast.Amendment]:
    return st.one_of(documents(), amendments())


# ================================================================ the writer: AST -> text

Line = tuple[int, list[str]]  # indentation, tokens


class Writer:
    """Renders AST nodes as lines of tokens; with a `Random`, varies every free choice.

    The choices it varies are exactly those the language leaves free (operator spellings,
    brackets, optional empty strings, the order of clauses and header fields, how items
    interleave), so the parse of what it writes must equal the tree it was given.
    """

    def __init__(self, rnd: random.Random | None = None, *, any_item_order: bool = True):
        self.rnd = rnd
        self.any_item_order = any_item_order

    # ------------------------------------------------------------ choices
    def chance(self, p: float) -> bool:
        return self.rnd is not None and self.rnd.random() < p

    def shuffled(self, items: list[T]) -> list[T]:
        if self.rnd is not None:
            items = list(items)
            self.rnd.shuffle(items)
        return items

    def op(self, op: str) -> str:
        return ALIASES[op] if op in ALIASES and self.chance(0.3) else op

    def quoted(self, text: str) -> str:
        return f'"{text}"'

    def described(self, text: str) -> list[str]:
        """An optional trailing description: omitted when empty (or written as "")."""
        return [self.quoted(text)] if text or self.chance(0.2) else []

    # ------------------------------------------------------------ expressions
    def child(self, expr: ast.Expr, minimum: int) -> list[str]:
        tokens = self.expr(expr)
        if strength(expr) < minimum or self.chance(0.05):
            return ["(", *tokens, ")"]
        return tokens

    def joined(self, items: Sequence[ast.Expr], minimum: int, separator: str = ",") -> list[str]:
        out: list[str] = []
        for index, item in enumerate(items):
            if index:
                out.append(separator)
            out.extend(self.child(item, minimum))
        return out

    def expr(self, expr: ast.Expr) -> list[str]:
        if isinstance(expr, ast.Number):
            return [expr.text]
        if isinstance(expr, ast.Bool):
            return ["yes" if expr.value else "no"]
        if isinstance(expr, ast.DateLiteral):
            return [expr.value.isoformat()]
        if isinstance(expr, ast.Ref):
            return [expr.name]
        if isinstance(expr, ast.QualifiedRef):
            return [expr.alias, ".", expr.name]
        if isinstance(expr, ast.Call):
            return [expr.function, "(", *self.joined(expr.args, 0), ")"]
        if isinstance(expr, ast.Neg):
            return ["-", *self.child(expr.operand, 7)]
        if isinstance(expr, ast.Arith):
            level = strength(expr)
            return [*self.child(expr.left, level), self.op(expr.op), *self.child(expr.right, level + 1)]
        if isinstance(expr, ast.Compare):
            return [*self.child(expr.left, 5), self.op(expr.op), *self.child(expr.right, 5)]
        if isinstance(expr, ast.In):
            return [*self.child(expr.operand, 5), "in", "(", *self.joined(expr.options, 5), ")"]
        if isinstance(expr, ast.Not):
            inner = expr.operand
            if isinstance(inner, ast.In) and self.chance(0.5):
                return [*self.child(inner.operand, 5), "not", "in", "(", *self.joined(inner.options, 5), ")"]
            return ["not", *self.child(inner, 3)]
        if isinstance(expr, ast.And):
            return self.joined(expr.operands, 3, "and")
        assert isinstance(expr, ast.Or), expr
        return self.joined(expr.operands, 2, "or")

    # ------------------------------------------------------------ declarations
    def fact(self, fact: ast.Fact, lead: Sequence[str] = ()) -> list[Line]:
        kind = fact.type
        type_tokens = [kind.kind] if kind.kind != "enum" else ["one", "of", *self._commas(kind.values)]
        tokens = [*lead, "fact", fact.name, ":", *type_tokens]
        for bound in fact.bounds:
            tokens += [self.op(bound.op), *self.child(bound.expr, 5)]
        if fact.optional:
            tokens.append("optional")
        return [(0, tokens + self.described(fact.description))]

    @staticmethod
    def _commas(items: Sequence[str]) -> list[str]:
        out: list[str] = []
        for index, item in enumerate(items):
            out += [",", item] if index else [item]
        return out

    def value(self, value: ast.Value, lead: Sequence[str] = ()) -> list[Line]:
        return [(0, [*lead, "value", value.name, "=", *self.expr(value.expr), *self.described(value.description)])]

    def table(self, table: ast.Table, lead: Sequence[str] = ()) -> list[Line]:
        keys = self._commas(list(table.keys))
        lines: list[Line] = [(0, [*lead, "table", table.name, "by", *keys, *self.described(table.description)])]
        for entry in table.entries:
            value = entry.value.text if entry.value is not None else "unknown"
            lines.append((2, [*self._commas(list(entry.keys)), ":", value, *([entry.status] if entry.status else [])]))
        return lines

    # ------------------------------------------------------------ rules
    def bands(self, bands: ast.Bands, indent: int, lead: Sequence[str] = ()) -> list[Line]:
        lines: list[Line] = []
        for index, band in enumerate(bands.bands):
            tail = ["when", *self.expr(band.condition)] if band.condition is not None else ["otherwise"]
            lines.append((indent, [*(lead if index == 0 else []), band.points.text, *tail]))
        return lines

    def branch(self, branch: ast.Branch, indent: int, lead: Sequence[str]) -> list[Line]:
        lines: list[Line] = [(indent, [*lead, "by", branch.key])]
        for case in branch.cases:
            lines.append((indent + 2, ["case", *self._commas(case.keys), ":"]))
            lines += self.bands(case.bands, indent + 4)
        if branch.otherwise is not None:
            lines.append((indent + 2, ["else", ":"]))
            lines += self.bands(branch.otherwise, indent + 4)  # test_comment_on_first_else_band_line
        return lines

    def rule(self, rule: ast.Rule, indent: int) -> list[Line]:
        if isinstance(rule, ast.Bands):
            return self.bands(rule, indent, ["points"])
        if isinstance(rule, ast.Branch):
            return self.branch(rule, indent, ["points"])
        lines: list[Line] = [(indent, ["points", "sum"])]
        for part in rule.parts:
            excluded = ["not", "applicable", "when", *self.expr(part.not_applicable)] if part.not_applicable is not None else []
            head = ["part", *self.described(part.title), *excluded, ":"]
            if isinstance(part.rule, ast.Bands):
                lines.append((indent + 2, head))
                lines += self.bands(part.rule, indent + 4)
            else:
                lines += self.branch(part.rule, indent + 2, head)
        return lines

    def indicator(self, indicator: ast.Indicator, indent: int) -> list[Line]:
        head = ["indicator", indicator.number, self.quoted(indicator.title), "max", indicator.max.text, indicator.status]
        lines: list[Line] = [(indent, head + (["knockout"] if indicator.knockout else []))]
        inner = indent + 2
        clauses: list[list[Line]] = []
        if indicator.cite is not None:
            clauses.append([(inner, ["cite", self.quoted(indicator.cite)])])
        if indicator.note is not None:
            clauses.append([(inner, ["note", self.quoted(indicator.note)])])
        if indicator.not_applicable is not None:
            # Two tokens: layout may put anything between them (test_not_applicable_split_by_any_layout).
            clauses.append([(inner, ["not", "applicable", "when", *self.expr(indicator.not_applicable)])])
        if indicator.rule is not None:
            clauses.append(self.rule(indicator.rule, inner))
        for clause in self.shuffled(clauses):  # any order (test_indicator_clauses_in_any_order)
            lines += clause
        return lines

    def _interleave(self, free: list[T], ordered: list[T]) -> list[T]:
        """Merge two lists at random, keeping each list's own order."""
        out: list[T] = []
        free, ordered = list(free), list(ordered)
        while free or ordered:
            take_free = bool(free) and (not ordered or (self.rnd.random() < 0.5 if self.rnd else True))
            out.append(free.pop(0) if take_free else ordered.pop(0))
        return out

    def criterion(self, criterion: ast.Criterion) -> list[Line]:
        head = ["criterion", str(criterion.number), self.quoted(criterion.title), "max", criterion.max.text]
        lines: list[Line] = [(0, head)]
        for indicator in criterion.indicators:
            lines += self.indicator(indicator, 2)
        return lines

    def requirement(self, requirement: ast.Requirement) -> list[str]:
        if requirement.kind == "no_knockout":
            body = ["no", "knockout", "failed"]
        else:
            assert requirement.amount is not None
            amount = requirement.amount
            how_much = [amount.text, "of", "max"] if amount.share is not None else [amount.text]
            subject = {"total": ["total"], "every_criterion": ["every", "criterion"]}.get(
                requirement.kind, ["criterion", str(requirement.criterion)]
            )
            body = [*subject, self.op(requirement.op), *how_much]
        return ["require", *body, *self.described(requirement.description)]

    def recognition(self, recognition: ast.Recognition, lead: Sequence[str] = ()) -> list[Line]:
        lines: list[Line] = [(0, [*lead, "recognition", *self.described(recognition.title)])]
        clauses: list[list[str]] = []
        if recognition.cite is not None:
            clauses.append(["cite", self.quoted(recognition.cite)])
        if recognition.note is not None:
            clauses.append(["note", self.quoted(recognition.note)])
        requires = [self.requirement(r) for r in recognition.requirements]
        for clause in self._interleave(self.shuffled(clauses), requires):
            lines.append((2, clause))
        return lines

    # ------------------------------------------------------------ files
    def document(self, doc: ast.Document) -> list[Line]:
        fields: list[list[str]] = []
        if doc.title or self.chance(0.1):
            fields.append(["title", self.quoted(doc.title)])
        if doc.issued is not None:
            fields.append(["issued", doc.issued.isoformat()])
        if doc.effective is not None:
            fields.append(["effective", doc.effective.isoformat()])
        if doc.total is not None:
            fields.append(["total", doc.total.text])
        if doc.assessment_year is not None:
            fields.append(["assessment", "year", doc.assessment_year])
        uses = [["uses", self.quoted(u.document), "as", u.alias] for u in doc.uses]
        lines: list[Line] = [(0, ["document", self.quoted(doc.id)])]
        lines += [(2, f) for f in self._interleave(self.shuffled(fields), uses)]
        blocks: list[list[Line]] = [self.fact(f) for f in doc.facts]
        blocks = self._interleave(blocks, [self.value(v) for v in doc.values])
        blocks = self._interleave(blocks, [self.table(t) for t in doc.tables])
        later = [self.criterion(c) for c in doc.criteria]
        if doc.recognition is not None:
            later.append(self.recognition(doc.recognition))
        if self.rnd is not None and self.any_item_order:
            # Criteria and the recognition may come anywhere among the declarations
            # (test_items_in_any_order).
            blocks = self._interleave(blocks, later)
            if doc.recognition is not None and self.chance(0.3):
                recognition = blocks.pop(blocks.index(later[-1]))
                blocks.insert(self.rnd.randint(0, len(blocks)), recognition)
        else:
            blocks += later
        for block in blocks:
            lines += block
        return lines

    def amendment(self, amendment: ast.Amendment) -> list[Line]:
        fields: list[list[str]] = []
        if amendment.title or self.chance(0.1):
            fields.append(["title", self.quoted(amendment.title)])
        if amendment.amends is not None:
            fields.append(["corrects" if amendment.corrects else "amends", self.quoted(amendment.amends)])
        if amendment.issued is not None:
            fields.append(["issued", amendment.issued.isoformat()])
        if amendment.effective is not None:
            fields.append(["effective", amendment.effective.isoformat()])
        if amendment.reason or self.chance(0.1):
            fields.append(["reason", self.quoted(amendment.reason)])
        lines: list[Line] = [(0, ["amendment", self.quoted(amendment.id)])]
        lines += [(2, f) for f in self.shuffled(fields)]
        for operation in amendment.operations:
            lines += self.operation(operation)
        return lines

    def operation(self, op: ast.Operation) -> list[Line]:
        if isinstance(op, ast.Change):
            return [(0, ["change", *self.target(op.target), "to", *self.new_value(op.new)])]
        if isinstance(op, ast.ReplaceRule):
            return [(0, ["replace", "indicator", op.indicator, "rule"]), *self.rule(op.rule, 2)]
        if isinstance(op, ast.ReplaceRecognition):
            return self.recognition(op.recognition, ["replace"])
        if isinstance(op, ast.AddIndicator):
            return [(0, ["add", "to", "criterion", str(op.criterion)]), *self.indicator(op.indicator, 2)]
        if isinstance(op, ast.RemoveIndicator):
            return [(0, ["remove", "indicator", op.indicator])]
        declaration = op.declaration
        if isinstance(declaration, ast.Fact):
            return self.fact(declaration, ["add"])
        if isinstance(declaration, ast.Value):
            return self.value(declaration, ["add"])
        return self.table(declaration, ["add"])

    def target(self, target: ast.Target) -> list[str]:
        if isinstance(target, ast.IndicatorTarget):
            path = [word for kind, value in target.path for word in (kind, value)]
            return ["indicator", target.number, *path, target.property]
        if isinstance(target, ast.CriterionTarget):
            return ["criterion", str(target.number), target.property]
        if isinstance(target, ast.TableEntryTarget):
            return ["table", target.table, "entry", *self._commas(list(target.keys))]
        if isinstance(target, ast.ValueTarget):
            return ["value", target.name]
        return ["document", target.property]

    def new_value(self, new: ast.NewValue) -> list[str]:
        if new.kind == "operator":
            assert isinstance(new.value, str)
            return [self.op(new.value)]
        if new.kind == "status":
            assert isinstance(new.value, str)
            return [new.value]
        if new.kind == "text":
            assert isinstance(new.value, str)
            return [self.quoted(new.value)]
        if new.kind == "unknown":
            return ["unknown"]
        assert new.value is not None and not isinstance(new.value, str)
        return self.expr(new.value)

    def lines(self, tree: ast.Document | ast.Amendment) -> list[Line]:
        return self.document(tree) if isinstance(tree, ast.Document) else self.amendment(tree)


# ================================================================ layout: lines -> text

_COMMENT_CHARS = 'abcxyzĐƯƠệ#":09✓漢😀\t    '  # quotes and `#` inside comments too
_SEPARATORS = (" ", " ", " ", " ", "  ", "\t", "NEWLINE", "COMMENT")


@attrs.frozen
class Source:
    """A generated spec: the tree, its text, and the comments written into the text."""

    tree: ast.Document | ast.Amendment
    text: str
    comments: tuple[str, ...]


def _comment_text(rnd: random.Random, extra: str = "") -> str:
    chars = _COMMENT_CHARS + extra
    return "#" + "".join(rnd.choice(chars) for _ in range(rnd.randint(0, 10)))


def layout(lines: list[Line], rnd: random.Random | None, extra_comment_chars: str = "", whitespace: Sequence[str] = ()) -> tuple[str, list[str]]:
    """Join lines of tokens into text. Canonical without `rnd`; otherwise free layout with
    comments (on their own lines, after code, between tokens split across lines)."""
    if rnd is None:
        return "".join(" " * indent + " ".join(tokens) + "\n" for indent, tokens in lines), []
    comments: list[str] = []

    def comment() -> str:
        text = _comment_text(rnd, extra_comment_chars)
        comments.append(text)
        return text

    out: list[str] = []
    for indent, tokens in lines:
        if rnd.random() < 0.1:
            out.append("\n" * rnd.randint(1, 2))
        if rnd.random() < 0.15:
            out.append(" " * rnd.randint(0, 6) + comment() + "\n")
        pad = rnd.choice((" " * indent, " " * indent, "", "\t", " " * rnd.randint(0, 9)))
        parts = [pad, tokens[0]]
        for previous, token in zip(tokens, tokens[1:]):
            separator = rnd.choice(_SEPARATORS + tuple(whitespace))
            if (previous, token) == ("not", "applicable") and separator == "\x0c":
                separator = " "  # form feed there does not parse: test_not_applicable_split_by_any_layout
            if separator == "NEWLINE":
                separator = "\n" + " " * rnd.randint(0, 8)
            elif separator == "COMMENT":
                separator = " " + comment() + "\n" + " " * rnd.randint(0, 8)
            parts += [separator, token]
        if rnd.random() < 0.15:
            parts.append(rnd.choice((" ", "  ", "\t")) + comment())
        out.append("".join(parts) + "\n")
    if rnd.random() < 0.2:
        out.append(comment() + "\n")
    text = "".join(out)
    if rnd.random() < 0.3:  # no newline at the end of the file
        text = text.rstrip("\n")
    return text, comments


def render(tree: ast.Document | ast.Amendment, rnd: random.Random | None = None) -> str:
    """Text of `tree` (canonical without `rnd`)."""
    text, _ = layout(Writer(rnd).lines(tree), rnd)
    return text


@st.composite
def sources(
    draw: st.DrawFn,
    trees: st.SearchStrategy[ast.Document | ast.Amendment] | None = None,
    *,
    line_boundaries: bool = True,
    any_item_order: bool = True,
) -> Source:
    """A generated spec written out as text, canonically or with free layout and comments."""
    tree = draw(trees if trees is not None else spec_trees())
    messy = draw(st.booleans())
    rnd = draw(st.randoms(use_true_random=False)) if messy else None
    writer = Writer(rnd, any_item_order=any_item_order)
    extra = LINE_BOUNDARIES if line_boundaries else ""
    whitespace = ("\r\n", "\x0c", "\r") if line_boundaries else ()
    text, comments = layout(writer.lines(tree), rnd, extra, whitespace)
    return Source(tree, text, tuple(comments))


@st.composite
def line_boundary_sources(draw: st.DrawFn) -> Source:
    """Documents whose id/title strings and comments hold the characters of LINE_BOUNDARIES
    (which str.splitlines() treats as line ends), laid out with CR, CR LF and form feed as
    whitespace: all legal, the grammar's only line end is LF."""
    doc = draw(documents())
    doc = attrs.evolve(doc, id=draw(strings(line_boundaries=True)), title=draw(strings(line_boundaries=True)))
    return draw(sources(st.just(doc), line_boundaries=True))


@st.composite
def bracket_sensitive_documents(draw: st.DrawFn) -> ast.Document:
    """Documents whose fact bounds and `in` options are any expression, e.g. `(a and b)`:
    legal with brackets, since the grammar wants a sum there."""
    refs = REFS
    wide = exprs(refs, max_leaves=4, wide=True)
    fact = st.builds(ast.Fact, refs, st.just(ast.FactType("count")), st.lists(st.builds(ast.Bound, st.sampled_from(BOUND_OPS), wide), min_size=1, max_size=2).map(tuple))
    member = st.builds(ast.In, refs.map(ast.Ref), st.lists(wide, min_size=1, max_size=3).map(tuple)).map(normalise)
    value = st.builds(ast.Value, refs, st.one_of(member, member.map(ast.Not)))
    return ast.Document(
        id="d", title="", issued=None, effective=None, total=None, assessment_year=None, uses=(),
        facts=tuple(draw(st.lists(fact, max_size=2))), values=tuple(draw(st.lists(value, min_size=1, max_size=2))),
        tables=(), criteria=(), recognition=None,
    )


@st.composite
def else_band_comment_sources(draw: st.DrawFn) -> Source:
    """A branch with `else`, and a comment at the end of the first `else` band's line."""
    refs = REFS
    branch = draw(branches(refs).filter(lambda b: b.otherwise is not None))
    indicator = ast.Indicator("1", "i", number_node("1"), "confirmed", False, None, None, None, branch)
    doc = ast.Document("d", "", None, None, None, None, (), (), (), (), (ast.Criterion(1, "c", number_node("1"), (indicator,)),), None)
    lines = Writer().lines(doc)
    position = max(i for i, (_, tokens) in enumerate(lines) if tokens[:2] == ["else", ":"]) + 1
    comment = _comment_text(draw(st.randoms(use_true_random=False)))
    text, _ = layout(lines, None)
    rows = text.split("\n")
    rows[position] += "  " + comment
    return Source(doc, "\n".join(rows), (comment,))


def comments_in(text: str) -> list[str]:
    """Every `#` comment of a spec, right-stripped. Strings hold no `"` or newline, so
    tracking quotes per "\\n"-separated line is exact (the grammar's own notion of a line)."""
    found = []
    for line in text.split("\n"):
        in_string = False
        for column, char in enumerate(line):
            if char == '"':
                in_string = not in_string
            elif char == "#" and not in_string:
                found.append(line[column:].rstrip())
                break
    return found


# ================================================================ robustness: noise and mutations

_TOKEN = re.compile(
    r'"[^"\n]*"|#[^\n]*|\d{4}-\d{2}-\d{2}|\d+(?:\.\d+)?%?|(?!\d)\w+|>=|<=|!=|\S',
)

VOCABULARY = tuple(sorted(KEYWORDS)) + (
    ":", ",", "(", ")", ".", "=", ">=", "<=", ">", "<", "!=", "≥", "≤", "≠", "+", "-", "*", "/", "×", "÷",
    "1", "2.5", "95%", "2023-03-20", "2023-02-30", '"x"', '"', "# c", "x", "ty_le", "\n", "1.5", "007",
)


def spec_tokens(text: str) -> list[str]:
    """Split spec text into tokens (strings, comments, dates, numbers, names, signs)."""
    return _TOKEN.findall(text)


def token_soup() -> st.SearchStrategy[str]:
    """Grammar-shaped noise: keywords, signs, names and literals in random order."""
    return st.lists(st.sampled_from(VOCABULARY), max_size=60).map(" ".join)


def _seed_texts() -> st.SearchStrategy[str]:
    return st.one_of(
        st.sampled_from([SPEC_1300_TEXT, SPEC_1453_TEXT]),
        sources().map(lambda s: s.text),
    )


MUTATIONS = ("delete", "duplicate", "swap", "replace", "unicode", "truncate", "insert")


@st.composite
def mutated_specs(draw: st.DrawFn) -> str:
    """A valid spec with a few tokens deleted, duplicated, swapped or replaced, random
    unicode inserted, or the file truncated at any character."""
    text = draw(_seed_texts())
    tokens = spec_tokens(text)
    for _ in range(draw(st.integers(1, 4))):
        kind = draw(st.sampled_from(MUTATIONS))
        if kind == "truncate":
            joined = " ".join(tokens)
            cut = draw(st.integers(0, len(joined)))
            tokens = [joined[:cut]]
            continue
        if not tokens:
            tokens = [draw(st.sampled_from(VOCABULARY))]
            continue
        i = draw(st.integers(0, len(tokens) - 1))
        if kind == "delete":
            del tokens[i]
        elif kind == "duplicate":
            tokens.insert(i, tokens[i])
        elif kind == "swap":
            j = draw(st.integers(0, len(tokens) - 1))
            tokens[i], tokens[j] = tokens[j], tokens[i]
        elif kind == "replace":
            tokens[i] = draw(st.sampled_from(VOCABULARY))
        elif kind == "insert":
            tokens.insert(i, draw(st.sampled_from(VOCABULARY)))
        else:
            noise = draw(st.text(st.characters(codec="utf-8"), min_size=1, max_size=3))
            position = draw(st.integers(0, len(tokens[i])))
            tokens[i] = tokens[i][:position] + noise + tokens[i][position:]
    separator = draw(st.sampled_from((" ", "\n")))
    # Comments run to the end of their line: keep them from swallowing what follows.
    return "".join(t + ("\n" if t.startswith("#") else separator) for t in tokens)


def deep_nesting() -> st.SearchStrategy[str]:
    """A derived value nested `n` levels deep (brackets, not, minus, a long sum, and/or)."""
    shapes: dict[str, Callable[[int], str]] = {
        "brackets": lambda n: "(" * n + "a" + ")" * n,
        "not": lambda n: "not " * n + "a",
        "minus": lambda n: "-" * n + "a",
        "sum": lambda n: " + ".join(["a"] * (n + 1)),
        "and": lambda n: " and ".join(["a"] * (n + 1)),
        "call": lambda n: "f(" * n + "a" + ")" * n,
    }
    return st.builds(
        lambda shape, n: f'document "d"\nvalue v = {shapes[shape](n)}\n',
        st.sampled_from(sorted(shapes)),
        st.integers(1, 3000),
    )


# ================================================================ stations of the 1300 criteria

REGION_THRESHOLD = STUNTING_THRESHOLD  # the generator's table: one copy of the legal numbers in tests
BOOL_FACTS = (
    "ban_chi_dao_kien_toan", "cssk_trong_nghi_quyet", "doan_the_tham_gia", "kinh_phi_xa_ho_tro",
    "co_ke_hoach_chuong_trinh_y_te", "co_bac_si_luan_phien", "co_ho_sinh_hoac_y_si_san_nhi",
    "co_nhan_luc_yhct", "nha_tram_xuong_cap", "co_dien", "co_nuoc_sach", "co_nha_ve_sinh",
    "xu_ly_chat_thai_dung_quy_dinh", "co_day_chuyen_lanh", "co_phuong_tien_cap_cuu",
    "co_dich_lon_khong_kiem_soat", "bao_cao_dich_dung_han", "trien_khai_phong_chong_hiv",
    "co_hop_dong_kcb_bhyt", "co_goc_truyen_thong", "co_phan_mem_quan_ly_tram", "trien_khai_kcb_tu_xa",
)
PERCENT_FACTS = (
    "ty_le_trang_thiet_bi", "ty_le_thuoc_thiet_yeu", "ty_le_danh_muc_dvkt",
    "ty_le_luot_kcb_bhyt_tai_tram", "ty_le_kcb_yhct", "ty_le_su_dung_bptt_hien_dai",
)
# denominator -> (may be 0, its numerators)
RATE_FACTS: dict[str, tuple[bool, tuple[str, ...]]] = {
    "dan_so": (False, ("so_nguoi_tham_gia_bhyt", "so_nguoi_duoc_quan_ly_suc_khoe", "so_nguoi_co_hssk_dien_tu")),
    "so_thon_to_dan_pho": (True, ("so_thon_co_nhan_vien_y_te",)),
    "so_tre_duoi_1_tuoi": (True, ("so_tre_tiem_chung_day_du",)),
    "so_nguoi_tha_phat_hien": (True, ("so_nguoi_tha_duoc_quan_ly",)),
    "so_nguoi_dtd_phat_hien": (True, ("so_nguoi_dtd_duoc_quan_ly",)),
    "so_benh_nhan_tam_than": (True, ("so_benh_nhan_tam_than_duoc_quan_ly",)),
    "so_ho_gia_dinh": (False, ("so_ho_co_nha_tieu_hvs", "so_ho_dung_nuoc_sach")),
    "so_nguoi_khuyet_tat": (True, ("so_nguoi_khuyet_tat_duoc_phcn",)),
    "so_phu_nu_de": (True, ("so_phu_nu_de_kham_thai_du_4_lan", "so_ba_me_duoc_cham_soc_sau_sinh")),
    "so_phu_nu_mang_thai": (True, ("so_duoc_sang_loc_truoc_sinh",)),
    "so_tre_so_sinh": (True, ("so_tre_duoc_sang_loc_so_sinh",)),
    "so_cap_ket_hon": (True, ("so_cap_kham_truoc_ket_hon",)),
    "so_nguoi_cao_tuoi": (True, ("so_nguoi_cao_tuoi_kham_dinh_ky",)),
}
FREE_COUNTS = ("so_cuoc_hop_ban_chi_dao", "so_bac_si_co_huu", "so_phong_chuc_nang", "so_vu_ngo_doc_tap_the", "so_lan_phat_thanh_y_te")
RATE_THRESHOLDS = (30, 50, 60, 70, 80, 85, 90, 95, 100)
PERCENT_EDGES = (0, 10, 20, 30, 50, 60, 70, 80, 85, 90, 95, 100)
STEP = Decimal("0.01")


def _spellings(value: Decimal) -> st.SearchStrategy[Decimal | Fraction | int]:
    """One exact value in the types an embedder may pass: Decimal (also "90.00"), Fraction, int."""
    options: list[Decimal | Fraction | int] = [value, value.quantize(STEP), Fraction(value)]
    if value == value.to_integral_value():
        options.append(int(value))
    return st.sampled_from(options)


def percents(edges: Sequence[Decimal | int] = PERCENT_EDGES) -> st.SearchStrategy[Decimal | Fraction | int]:
    """0..100 with at most two decimals; half the time on an edge or 0.01 either side; as
    Decimal, Fraction or int."""
    near = st.builds(lambda e, d: min(max(Decimal(e) + d, Decimal(0)), Decimal(100)), st.sampled_from(edges), st.sampled_from((Decimal(0), -STEP, STEP)))
    return st.one_of(near, st.decimals(min_value=0, max_value=100, places=2)).flatmap(_spellings)


def denominators(allow_zero: bool) -> st.SearchStrategy[int]:
    low = 0 if allow_zero else 1
    return st.one_of(st.sampled_from((20, 100, 1000, 10000) + ((0,) if allow_zero else ())), st.integers(low, 5000))


@st.composite
def numerators(draw: st.DrawFn, den: int) -> int:
    """0..den; half the time the least count reaching a threshold, or one either side."""
    if den == 0:
        return 0
    if draw(st.booleans()):
        t = draw(st.sampled_from(RATE_THRESHOLDS))
        return min(max(-(-t * den // 100) + draw(st.sampled_from((0, -1, 1))), 0), den)
    return draw(st.integers(0, den))


@st.composite
def stations(draw: st.DrawFn) -> dict[str, Any]:
    """Complete, valid facts for one station under 1300/QĐ-BYT, biased to band edges and
    to zero denominators (not-applicable indicators); shrinks fact by fact."""
    vung = draw(st.sampled_from((1, 2, 3)))
    region = draw(st.sampled_from(sorted(REGION_THRESHOLD)))
    f: dict[str, Any] = {
        "ma_xa": draw(st.from_regex(r"\A[0-9]{5}\Z")),
        "ten_xa": "Xã " + draw(st.text("abcdêư ", min_size=1, max_size=6)),
        "tinh": draw(st.sampled_from(("Nam Định", "Lào Cai", "Cà Mau"))),
        "huyen": "Huyện 1",
        "loai_don_vi": draw(st.sampled_from(("xa", "phuong", "thi_tran"))),
        "vung": vung,
        "vung_kinh_te": region,
        "nam_danh_gia": draw(st.integers(2023, 2026)),
        "cap_cong_trinh": draw(st.sampled_from(("cap_1", "cap_2", "cap_3", "cap_4", "nha_tam"))),
    }
    for name in BOOL_FACTS:
        f[name] = draw(st.booleans())
    for name in PERCENT_FACTS:
        f[name] = draw(percents())
    f["ty_le_tre_duoi_5_thap_coi"] = draw(percents((REGION_THRESHOLD[region], 10, 30)))
    for name in FREE_COUNTS:
        f[name] = draw(st.one_of(st.sampled_from((0, 1, 2, 6, 8, 10, 12, 24)), st.integers(0, 60)))
    for den_name, (allow_zero, nums) in RATE_FACTS.items():
        den = draw(denominators(allow_zero))
        f[den_name] = den
        for num_name in nums:
            f[num_name] = draw(numerators(den))
    staff = draw(denominators(False))
    f["so_nhan_luc_dinh_muc"] = staff
    f["so_nhan_luc_hien_co"] = draw(st.one_of(numerators(staff), st.integers(0, 2 * staff)))
    girls = draw(st.integers(0, 300))
    f["so_tre_sinh_gai"] = girls
    edge_boys = st.builds(lambda t, d: max(t * girls // 100 + d, 0), st.sampled_from((109, 112)), st.sampled_from((0, 1, -1)))
    f["so_tre_sinh_trai"] = draw(st.one_of(edge_boys, st.integers(0, 400)))
    required = {1: 500, 2: 400, 3: 300}[vung]
    area_edges = (Decimal(required), Decimal(required) * Decimal("0.6"))
    area_near = st.builds(lambda e, d: max(e + d, Decimal(0)), st.sampled_from(area_edges), st.sampled_from((Decimal(0), -STEP, STEP)))
    f["dien_tich_dat_m2"] = draw(st.one_of(area_near, st.decimals(min_value=0, max_value=2000, places=2)))
    return f


def reference_stations() -> st.SearchStrategy[dict[str, Any]]:
    """Stations from the reference generator (tests/reference/stations.py), seeded by Hypothesis."""
    from reference.stations import random_station

    return st.randoms(use_true_random=False).map(random_station)


def any_stations() -> st.SearchStrategy[dict[str, Any]]:
    return st.one_of(stations(), reference_stations())


# ================================================================ facts in every form a caller or a file may give

# Values that have crashed, hung or been misread, and their neighbours (issue 9, issue 12).
ODD_VALUES: tuple[Any, ...] = (
    None, True, False, 0, 1, -1, 2, 100, 101, 1900, 2100, 10**40 - 1, 10**40, -(10**40), 10**4200,  # 10**5000 cannot even be repr()-ed; tests/fuzz/regressions has it
    Decimal("1e99999999"), Decimal("1E-99999999"), Decimal("0E-99999999"), Decimal("1.250"), Decimal("620.500"),
    Decimal("8.000"), Decimal("0.865"), Decimal("86.500"), Decimal("2.0"), Decimal("-0"), Decimal("1." + "0" * 60),
    Decimal("NaN"), Decimal("Infinity"), Decimal("-Infinity"), Decimal("1E+2"), Decimal("0.000001"),
    float("nan"), float("inf"), 2.0, 9.5, 0.865, 1e300, 5e-324, 1.234, Fraction(1, 3), Fraction(10**50, 3), Fraction(4, 2),
    "yes", "no", "có", "không", "Có", "KHÔNG", " yes ", "Yes", "TRUE", "true", "on", "off", "x", "", " ", "1", "0",
    "01", "1_00", "٨٦", "৪0", "0x9", "1:30", "1.250", "1.250.000", "1,250", "620,5", "92%", "nan", "inf", "86.5",
    "1e5", "xa", "phuong", "2", "cap_1", "khong", "kho\u0302ng", "\x1b[2J", "a" * 300,
    [1, 2], [], {"a": 1}, {}, ("xa",), frozenset({1}),
)


def _numpy_values() -> list[Any]:
    import numpy as np
    import pandas as pd

    return [np.int64(5), np.int64(-1), np.int32(2024), np.uint8(1), np.float64(86.5), np.float32(0.865), np.float64("nan"),
            np.float32("inf"), np.bool_(True), np.bool_(False), np.str_("xa"), np.datetime64("NaT"), pd.NA, pd.NaT,
            np.array([1, 2]), np.array(3)]


@functools.cache
def odd_values() -> st.SearchStrategy[Any]:
    return st.one_of(
        st.sampled_from(ODD_VALUES + tuple(_numpy_values())),
        st.decimals(allow_nan=True, allow_infinity=True),
        st.integers(-(10**45), 10**45),
        st.floats(),
        st.fractions(),
        st.text(max_size=6),
    )


@st.composite
def messy_stations(draw: st.DrawFn) -> dict[str, Any]:
    """A valid station with some facts given oddly, left out, or an unknown one added."""
    facts = draw(any_stations())
    names = sorted(facts)
    for name in draw(st.lists(st.sampled_from(names), max_size=6, unique=True)):
        action = draw(st.sampled_from(("odd", "odd", "odd", "drop", "same")))
        if action == "odd":
            facts[name] = draw(odd_values())
        elif action == "drop":
            del facts[name]
    if draw(st.integers(0, 9)) == 0:
        facts[draw(st.sampled_from(("dan_soo", "khong_co", "ty_le_", 3, None)))] = draw(odd_values())  # type: ignore[index]
    return facts


DOC_EFFECTIVE = datetime.date(2023, 3, 9)
ERRATUM_DATE = datetime.date(2023, 3, 20)


def as_of_dates(period: str = "any") -> st.SearchStrategy[datetime.date]:
    """Dates "before" the 1453 erratum (but with 1300 in force), "after" it (from its
    effective date on), or "any" of these; the days either side of the switch often."""
    before = st.one_of(st.just(ERRATUM_DATE - datetime.timedelta(days=1)), st.dates(DOC_EFFECTIVE, ERRATUM_DATE - datetime.timedelta(days=1)))
    after = st.one_of(st.just(ERRATUM_DATE), st.dates(ERRATUM_DATE, datetime.date(2026, 12, 31)))
    return {"before": before, "after": after}.get(period, st.one_of(before, after))


# ================================================================ amendment scenarios


def file_strings() -> st.SearchStrategy[str]:
    """Strings for spec files loaded from disk: no lone "\r" and friends, which reading a
    file with universal newlines turns into line ends (test_file_and_text_parse_alike)."""
    return strings(line_boundaries=False)


@attrs.frozen
class Scenario:
    """Amendments to a base text, and the base text with the same edits made by hand."""

    base_text: str
    amendment_texts: tuple[str, ...]
    edited_text: str
    as_of: datetime.date
    summary: tuple[str, ...]  # one line per amendment, for reading a failure


class Edit:
    """Text positions of a parsed spec, and splices at them (the "hand" of a hand edit)."""

    def __init__(self, text: str):
        self.text = text
        self.starts = [0]
        for index, char in enumerate(text):
            if char == "\n":
                self.starts.append(index + 1)
        self.splices: list[tuple[int, int, str]] = []

    def offset(self, line: int, column: int) -> int:
        return self.starts[line - 1] + column - 1

    def start(self, span: ast.Span) -> int:
        return self.offset(span.line, span.column)

    def end(self, span: ast.Span) -> int:
        return self.offset(span.end_line, span.end_column)

    def tokens(self, start: int, end: int | None = None) -> Iterator[tuple[str, int, int]]:
        """(token, start, end) from `start`, skipping comments."""
        for match in _TOKEN.finditer(self.text, start, len(self.text) if end is None else end):
            if not match.group().startswith("#"):
                yield match.group(), match.start(), match.end()

    def replace(self, start: int, end: int, new: str) -> None:
        self.splices.append((start, end, new))

    def result(self) -> str:
        text = self.text
        for start, end, new in sorted(self.splices, key=lambda s: s[0], reverse=True):
            text = text[:start] + new + text[end:]
        return text

    def header_token(self, node_span: ast.Span, index: int) -> tuple[str, int, int]:
        """The `index`-th token of a construct (0: its keyword)."""
        for position, token in enumerate(self.tokens(self.start(node_span))):
            if position == index:
                return token
        raise AssertionError("construct too short")


def _text_of(lines: list[Line], indent: int = 0) -> str:
    return "\n".join(" " * (indent + i) + " ".join(tokens) for i, tokens in lines)


def _indicator_sites(indicator: ast.Indicator) -> list[tuple[tuple[tuple[str, str], ...], int, ast.Band]]:
    """Every band of an indicator's rule with the address path that reaches it."""
    sites: list[tuple[tuple[tuple[str, str], ...], int, ast.Band]] = []

    def in_bands(path: tuple[tuple[str, str], ...], bands: ast.Bands) -> None:
        for index, band in enumerate(bands.bands, 1):
            sites.append((path, index, band))

    def in_rule(path: tuple[tuple[str, str], ...], rule: ast.Bands | ast.Branch) -> None:
        if isinstance(rule, ast.Bands):
            in_bands(path, rule)
        else:
            for case in rule.cases:
                in_bands((*path, ("case", case.keys[-1])), case.bands)

    rule = indicator.rule
    if isinstance(rule, ast.Sum):
        for index, part in enumerate(rule.parts, 1):
            in_rule((("part", str(index)),), part.rule)
    elif rule is not None:
        in_rule((), rule)
    return sites


def _comparisons(expr: ast.Expr) -> list[ast.Compare]:
    """Comparisons of a condition in reading order (through and/or/not)."""
    if isinstance(expr, ast.Compare):
        return [expr]
    if isinstance(expr, (ast.And, ast.Or)):
        return [c for o in expr.operands for c in _comparisons(o)]
    if isinstance(expr, ast.Not):
        return _comparisons(expr.operand)
    return []


_NUMERIC_KINDS = ("count", "decimal", "percent")


def _numeric_names(doc: ast.Document) -> list[tuple[str, bool]]:
    """(name, is a percent) of the numeric facts and the rate values a new rule can test."""
    found = [(f.name, f.type.kind == "percent") for f in doc.facts if f.type.kind in _NUMERIC_KINDS]
    found += [(v.name, True) for v in doc.values if isinstance(v.expr, ast.Call) and v.expr.function == "rate"]
    return found


@st.composite
def _new_bands(draw: st.DrawFn, doc: ast.Document, maximum: int) -> ast.Bands:
    """Checker-clean bands: `name >= t` with strictly falling thresholds, points within the max."""
    name, percent = draw(st.sampled_from(_numeric_names(doc)))
    count = draw(st.integers(1, 3))
    thresholds = sorted(draw(st.lists(st.integers(1, 100), min_size=count, max_size=count, unique=True)), reverse=True)
    points = sorted(draw(st.lists(st.integers(0, maximum), min_size=count, max_size=count)), reverse=True)
    items = [
        ast.Band(number_node(str(p)), ast.Compare(draw(st.sampled_from((">=", ">"))), ast.Ref(name), number_node(f"{t}%" if percent else str(t))))
        for p, t in zip(points, thresholds)
    ]
    if draw(st.booleans()):
        items.append(ast.Band(number_node("0"), None))
    return ast.Bands(tuple(items))


@st.composite
def _new_rule(draw: st.DrawFn, doc: ast.Document, maximum: int) -> ast.Rule:
    """Bands, a branch covering an enum fact, or a sum of parts that cannot exceed the max."""
    kind = draw(st.sampled_from(("bands", "branch", "sum")))
    if kind == "bands" or maximum == 0:
        return draw(_new_bands(doc, maximum))
    if kind == "branch":
        enums = [f for f in doc.facts if f.type.kind == "enum" and len(f.type.values) <= 7]
        key = draw(st.sampled_from(enums))
        keys = list(key.type.values)
        cut = draw(st.integers(1, len(keys)))
        cases = [ast.Case(tuple(keys[:cut]), draw(_new_bands(doc, maximum)))]
        otherwise = None
        if cut < len(keys):
            if draw(st.booleans()):
                cases.append(ast.Case(tuple(keys[cut:]), draw(_new_bands(doc, maximum))))
            else:
                otherwise = draw(_new_bands(doc, maximum))
        return ast.Branch(key.name, tuple(cases), otherwise)
    first = draw(st.integers(0, maximum))
    parts = [ast.Part(draw(file_strings()), draw(_new_bands(doc, first)))]
    parts.append(ast.Part("", draw(_new_bands(doc, maximum - first))))
    return ast.Sum(tuple(parts))


def _indicator_list(doc: ast.Document) -> list[tuple[ast.Criterion, ast.Indicator]]:
    return [(c, i) for c in doc.criteria for i in c.indicators]


def _best(rule: ast.Rule | None) -> int:
    """The most a rule can award (for keeping a changed maximum valid)."""
    from ytxa_rules.tree import max_points  # same notion as the checker's E400/E407

    return int(max_points(rule))


def _rebalance(
    draw: st.DrawFn, doc: ast.Document, edit: Edit, criterion: ast.Criterion, delta: int, ops: list[ast.Operation]
) -> None:
    """Keep criterion and document maxima adding up after an indicator's max changes."""
    if delta == 0:
        return
    new_max = int(criterion.max.value) + delta
    ops.append(ast.Change(ast.CriterionTarget(criterion.number, "max"), ast.NewValue("expr", number_node(str(new_max)))))
    _, start, end = edit.header_token(criterion.span, 4)
    edit.replace(start, end, str(new_max))
    if doc.total is not None:
        total = int(doc.total.value) + delta
        ops.append(ast.Change(ast.DocumentTarget("total"), ast.NewValue("expr", number_node(str(total)))))
        for token, start, end in edit.tokens(edit.start(doc.span)):
            if token in ("fact", "value", "table", "criterion", "recognition"):
                raise AssertionError("document total not found")
            if token == "total":
                number, start, end = next(edit.tokens(end))
                edit.replace(start, end, str(total))
                break


AMENDMENT_KINDS = (
    "threshold", "operator", "points", "max", "title", "criterion_title", "status", "cite", "replace_rule", "add", "remove",
)


@st.composite
def amendment_steps(draw: st.DrawFn, doc: ast.Document, text: str) -> tuple[list[ast.Operation], str, str]:
    """One amendment's operations against `doc` (parsed from `text`), the same edit made by
    hand to `text`, and a one-line summary. Operations are kept checker-clean where the
    property needs evaluation (maxima rebalanced, bands ordered, points within the max)."""
    edit = Edit(text)
    ops: list[ast.Operation] = []
    kind = draw(st.sampled_from(AMENDMENT_KINDS))
    pairs = _indicator_list(doc)
    criterion, indicator = draw(st.sampled_from(pairs))
    number = indicator.number
    if kind in ("threshold", "operator", "points"):
        sites = [s for s in _indicator_sites(indicator) if kind == "points" or (s[2].condition and _comparisons(s[2].condition))]
        if not sites:
            kind = "title"
        else:
            path, band_index, band = draw(st.sampled_from(sites))
            address = (*path, ("band", str(band_index)))
            if kind == "points":
                points = draw(st.integers(0, int(indicator.max.value)))
                ops.append(ast.Change(ast.IndicatorTarget(number, address, "points"), ast.NewValue("expr", number_node(str(points)))))
                start = edit.start(band.span)
                assert edit.text[start : start + len(band.points.text)] == band.points.text
                edit.replace(start, start + len(band.points.text), str(points))
            else:
                assert band.condition is not None
                compares = _comparisons(band.condition)
                which = draw(st.integers(0, len(compares) - 1))
                if len(compares) > 1 or draw(st.booleans()):
                    address = (*address, ("comparison", str(which + 1)))
                compare = compares[which]
                if kind == "operator":
                    new_op = draw(st.sampled_from(COMPARE_OPS))
                    ops.append(ast.Change(ast.IndicatorTarget(number, address, "operator"), ast.NewValue("operator", new_op)))
                    edit.replace(edit.end(compare.left.span), edit.start(compare.right.span), f" {Writer().op(new_op)} ")  # type: ignore[union-attr]
                else:
                    old = compare.right
                    if isinstance(old, ast.Number):
                        # A small move keeps the bands in order (a lower threshold above a
                        # higher one would make later bands unreachable: checker error E403).
                        value = max(int(old.value) + draw(st.integers(-4, 4)), 0)
                        new: ast.Expr = number_node(f"{value}%" if old.percent else str(value))
                    else:
                        factor = draw(st.sampled_from(("0.5", "0.8", "1")))
                        new = ast.Arith("*", number_node(factor), attrs.evolve(old, span=ast.NO_SPAN))
                    ops.append(ast.Change(ast.IndicatorTarget(number, address, "threshold"), ast.NewValue("expr", new)))
                    edit.replace(edit.start(old.span), edit.end(old.span), " ".join(Writer().expr(new)))  # type: ignore[union-attr]
    if kind == "max":
        new_max = draw(st.integers(max(_best(indicator.rule), 1), int(indicator.max.value) + 3))
        ops.append(ast.Change(ast.IndicatorTarget(number, (), "max"), ast.NewValue("expr", number_node(str(new_max)))))
        _, start, end = edit.header_token(indicator.span, 4)
        edit.replace(start, end, str(new_max))
        _rebalance(draw, doc, edit, criterion, new_max - int(indicator.max.value), ops)
    elif kind in ("title", "criterion_title"):
        title = draw(file_strings())
        node: ast.Indicator | ast.Criterion = indicator if kind == "title" else criterion
        target: ast.Target = ast.IndicatorTarget(number, (), "title") if kind == "title" else ast.CriterionTarget(criterion.number, "title")
        ops.append(ast.Change(target, ast.NewValue("text", title)))
        _, start, end = edit.header_token(node.span, 2)
        edit.replace(start, end, f'"{title}"')
    elif kind == "status":
        status = draw(st.sampled_from(STATUSES))
        ops.append(ast.Change(ast.IndicatorTarget(number, (), "status"), ast.NewValue("status", status)))
        _, start, end = edit.header_token(indicator.span, 5)
        edit.replace(start, end, status)
    elif kind == "cite":
        cite = draw(file_strings().filter(bool))  # an empty citation is checker error E406
        ops.append(ast.Change(ast.IndicatorTarget(number, (), "cite"), ast.NewValue("text", cite)))
        tokens = list(edit.tokens(edit.start(indicator.span), edit.end(indicator.span)))
        where = next((i for i, t in enumerate(tokens) if t[0] == "cite" and tokens[i + 1][0].startswith('"')), None)
        if where is not None:
            edit.replace(tokens[where + 1][1], tokens[where + 1][2], f'"{cite}"')
        else:
            after = 7 if indicator.knockout else 6
            position = tokens[after - 1][2]
            edit.replace(position, position, f' cite "{cite}"')
    elif kind == "replace_rule":
        rule = draw(_new_rule(doc, int(indicator.max.value)))
        ops.append(ast.ReplaceRule(number, rule))
        assert indicator.rule is not None
        edit.replace(edit.start(indicator.rule.span), edit.end(indicator.rule.span), _text_of(Writer().rule(rule, 4)).strip())
    elif kind == "add":
        taken = {i.number for _, i in pairs}
        new_number = draw(st.one_of(st.integers(48, 99).map(str), st.builds(lambda a, b: f"{a}.{b}", st.integers(1, 47), st.integers(1, 9))).filter(lambda n: n not in taken))
        maximum = draw(st.integers(1, 4))
        added = ast.Indicator(
            number=new_number,
            title=draw(file_strings()),
            max=number_node(str(maximum)),
            status=draw(st.sampled_from(STATUSES)),
            knockout=draw(st.booleans()),
            cite=draw(file_strings().filter(bool)),
            note=draw(st.one_of(st.none(), file_strings())),
            not_applicable=None,
            rule=draw(_new_rule(doc, maximum)),
        )
        ops.append(ast.AddIndicator(criterion.number, added))
        position = edit.end(criterion.span)
        edit.replace(position, position, "\n\n" + _text_of(Writer().indicator(added, 2)))
        _rebalance(draw, doc, edit, criterion, maximum, ops)
    elif kind == "remove":
        ops.append(ast.RemoveIndicator(number))
        edit.replace(edit.start(indicator.span), edit.end(indicator.span), "")
        _rebalance(draw, doc, edit, criterion, -int(indicator.max.value), ops)
    summary = "; ".join(" ".join(Writer().lines(ast.Amendment("", "", None, False, None, None, "", (op,)))[1][1]) for op in ops)
    return ops, edit.result(), f"{kind}: {summary}"


@functools.lru_cache(maxsize=8)
def parsed_spec(text: str) -> ast.Document | ast.Amendment:
    """Parse once per text: the base spec is parsed for every scenario."""
    return parse_text(text)


@st.composite
def amendment_scenarios(draw: st.DrawFn, base_text: str = SPEC_1300_TEXT, max_amendments: int = 3) -> Scenario:
    """1-3 amendments (each its own file and date) to `base_text`, and the same edits by hand."""
    base = parsed_spec(base_text)
    assert isinstance(base, ast.Document) and base.effective is not None
    text = base_text
    doc = base
    amendment_texts: list[str] = []
    summaries: list[str] = []
    when = base.effective
    for number in range(draw(st.integers(1, max_amendments))):
        ops, text, summary = draw(amendment_steps(doc, text))
        parsed = parse_text(text, "<hand-edited>")
        assert isinstance(parsed, ast.Document)
        doc = parsed
        when = when + datetime.timedelta(days=draw(st.integers(1, 60)))
        amendment = ast.Amendment(
            id=f"{number + 1}/QĐ-THỬ",
            title="Sửa đổi thử",
            amends=base.id,
            corrects=draw(st.booleans()),
            issued=when,
            effective=when,
            reason="kiểm thử",
            operations=tuple(ops),
        )
        rnd = draw(st.one_of(st.none(), st.randoms(use_true_random=False)))
        amendment_texts.append(render(amendment, rnd))
        summaries.append(summary)
    return Scenario(base_text, tuple(amendment_texts), text, when, tuple(summaries))
