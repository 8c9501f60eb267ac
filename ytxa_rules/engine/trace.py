"""Explanation trace entries: what was read, computed, compared and decided, in order.

Entries are data; renderers (`ytxa_rules.render`) turn them into Vietnamese, English or
JSON. The evaluator's traced path only logs small tuples; `materialise` turns one
indicator's log into entries when someone reads the trace.
"""

from __future__ import annotations

from collections.abc import Sequence
from fractions import Fraction
from typing import TYPE_CHECKING, Any, Union

import attrs

from ytxa_rules import ast
from ytxa_rules.syntax.unparse import expr_text

if TYPE_CHECKING:
    from ytxa_rules.check.scope import Scope
    from ytxa_rules.engine.codegen import Program


@attrs.frozen
class FactRead:
    name: str
    value: Any
    description: str
    type: str  # the declared kind: bool, count, decimal, percent, enum, year


@attrs.frozen
class DerivedValue:
    name: str
    value: Any
    description: str
    formula: str  # rate | divide | count | expr
    expression: str
    operands: tuple[tuple[str, Any], ...]
    amended_by: tuple[ast.AmendmentRef, ...] = ()


@attrs.frozen
class OtherResult:
    """A result of another criteria set named in `uses` (e.g. the 1300 verdict in 318)."""

    alias: str
    document: str
    name: str
    value: Any  # None: that set's verdict is undecided


@attrs.frozen
class TableLookup:
    table: str
    description: str
    key_fact: str
    key: str
    value: Fraction | None
    percent: bool
    status: str | None
    amended_by: tuple[ast.AmendmentRef, ...] = ()


@attrs.frozen
class Comparison:
    left: str
    left_value: Any
    op: str
    right: str
    right_value: Any
    held: bool
    amended_by: tuple[ast.AmendmentRef, ...] = ()


@attrs.frozen
class Membership:
    operand: str
    value: Any
    options: str
    held: bool


@attrs.frozen
class BranchTaken:
    key: str
    value: Any


@attrs.frozen
class BandTried:
    position: int
    where: str
    points: Fraction
    condition: str  # "otherwise" for the fallback band
    held: bool
    amended_by: tuple[ast.AmendmentRef, ...] = ()


@attrs.frozen
class NotApplicableCheck:
    condition: str
    held: bool


@attrs.frozen
class Outcome:
    status: str
    points: Fraction
    max: Fraction
    detail: str | None = None  # the missing facts, the zero denominator, the unknown value


TraceEntry = Union[
    FactRead, DerivedValue, OtherResult, TableLookup, Comparison, Membership, BranchTaken, BandTried, NotApplicableCheck, Outcome
]


def _formula(expr: ast.Expr) -> tuple[str, tuple[str, ...]]:
    """The shape of a derived value's computation, and the names it reads directly."""
    if isinstance(expr, ast.Call) and expr.function == "rate":
        return "rate", tuple(expr_text(a) for a in expr.args)
    if isinstance(expr, ast.Call) and expr.function == "count":
        return "count", tuple(expr_text(a) for a in expr.args)
    if isinstance(expr, ast.Arith) and expr.op in "*" and isinstance(expr.left, ast.Arith) and expr.left.op == "/":
        return "divide", (expr_text(expr.left.left), expr_text(expr.left.right), expr_text(expr.right))
    return "expr", ()


def materialise(
    log: Sequence[tuple[Any, ...]],
    program: Program,
    scope: Scope,
    indicator: ast.Indicator,
    outcome: Outcome,
) -> tuple[TraceEntry, ...]:
    entries: list[TraceEntry] = []
    known: dict[str, Any] = {}
    for record in log:
        kind = record[0]
        if kind == "fact":
            name, value = record[1], record[2]
            if name not in known:
                known[name] = value
                fact = scope.facts[name]
                entries.append(FactRead(name, value, fact.description, fact.type.kind))
        elif kind == "used":
            document = next(u.document for u in scope.document.uses if u.alias == record[1])
            entries.append(OtherResult(record[1], document, record[2], record[3]))
        elif kind == "value":
            value_node: ast.Value = program.nodes[record[1]]
            formula, operand_names = _formula(value_node.expr)
            operands = tuple((n, known.get(n)) for n in operand_names)
            known[value_node.name] = record[2]
            entries.append(
                DerivedValue(
                    value_node.name,
                    record[2],
                    value_node.description,
                    formula,
                    expr_text(value_node.expr),
                    operands,
                    value_node.amended_by,
                )
            )
        elif kind == "table":
            table: ast.Table = program.nodes[record[1]]
            key = record[2]
            entry = next(e for e in table.entries if e.key == key)
            percent = entry.value.percent if entry.value is not None else False
            known[table.name] = record[3]
            entries.append(
                TableLookup(
                    table.name,
                    table.description,
                    table.key,
                    key,
                    record[3],
                    percent,
                    entry.status,
                    entry.amended_by,
                )
            )
        elif kind == "compare":
            node: ast.Compare = program.nodes[record[1]]
            entries.append(
                Comparison(
                    expr_text(node.left),
                    record[2],
                    node.op,
                    expr_text(node.right),
                    record[3],
                    record[4],
                    node.amended_by,
                )
            )
        elif kind == "in":
            member: ast.In = program.nodes[record[1]]
            options = ", ".join(expr_text(o) for o in member.options)
            entries.append(Membership(expr_text(member.operand), record[2], options, record[3]))
        elif kind == "branch":
            branch: ast.Branch = program.nodes[record[1]]
            entries.append(BranchTaken(branch.key, record[2]))
        elif kind == "band":
            info = program.bands[record[1]]
            band = info.band
            condition = expr_text(band.condition) if band.condition is not None else "otherwise"
            entries.append(BandTried(info.position, info.where, band.points.value, condition, record[2], band.amended_by))
        elif kind == "not_applicable":
            assert indicator.not_applicable is not None
            entries.append(NotApplicableCheck(expr_text(indicator.not_applicable), record[1]))
    entries.append(outcome)
    return tuple(entries)
