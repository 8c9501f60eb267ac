"""Turn an indicator's trace log into entries, using tables prepared once per spec.

The traced evaluation logs only what varies per station (values, outcomes of
comparisons and bands); everything that depends on the spec alone (texts, descriptions,
which facts a node reads, amendment provenance, the kind of each compared value) is
prepared here at compile time as named records, so reading a trace costs little more
than building its entries.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from fractions import Fraction
from typing import Any, NamedTuple

from ytxa_rules import ast
from ytxa_rules.engine import runtime
from ytxa_rules.engine import trace as t
from ytxa_rules.engine.codegen import Program
from ytxa_rules.language.scope import Scope
from ytxa_rules.syntax.unparse import expr_text
from ytxa_rules.tree import part_max, walk

TABLE_KIND = "table"  # a side that is a table: its kind is that of the entry looked up


def _formula(expr: ast.Expr) -> tuple[str, tuple[str, ...]]:
    """The shape of a derived value's computation, and the names it reads directly."""
    if isinstance(expr, ast.Call) and expr.function in ("rate", "count"):
        return expr.function, tuple(expr_text(a) for a in expr.args)
    if isinstance(expr, ast.Arith) and expr.op == "*" and isinstance(expr.left, ast.Arith) and expr.left.op == "/":
        return "divide", (expr_text(expr.left.left), expr_text(expr.left.right), expr_text(expr.right))
    return "expr", ()


class ValueInfo(NamedTuple):
    name: str
    description: str
    formula: str
    expression: str
    operands: tuple[str, ...]
    amended_by: tuple[ast.AmendmentRef, ...]
    reads: tuple[str, ...]


class TableInfo(NamedTuple):
    name: str
    description: str
    key_fact: str
    # key (a pair of values in a table by two facts) -> percent, status, amended_by
    entries: dict[str | tuple[str, ...], tuple[bool, str | None, tuple[ast.AmendmentRef, ...]]]
    reads: tuple[str, ...]


class CompareInfo(NamedTuple):
    left: str
    op: str
    right: str
    amended_by: tuple[ast.AmendmentRef, ...]
    reads: tuple[str, ...]
    left_kind: str
    right_kind: str


class MembershipInfo(NamedTuple):
    operand: str
    options: str
    reads: tuple[str, ...]


class BranchInfo(NamedTuple):
    key: str
    reads: tuple[str, ...]


class BandInfo(NamedTuple):
    position: int
    where: str
    points: Fraction
    condition: str  # "otherwise" for the fallback band
    amended_by: tuple[ast.AmendmentRef, ...]
    reads: tuple[str, ...]


class NotApplicableInfo(NamedTuple):
    condition: str
    reads: tuple[str, ...]


NodeInfo = ValueInfo | TableInfo | CompareInfo | MembershipInfo | BranchInfo


class TraceTables:
    """Per-node static parts of trace entries, indexed like the generated code's ids."""

    def __init__(self, program: Program, scope: Scope):
        self.scope = scope
        self.facts = {name: (fact.description, fact.type.kind) for name, fact in scope.facts.items()}
        self.nodes: list[NodeInfo] = [self._static(node) for node in program.nodes]
        self.bands = [
            BandInfo(
                info.position,
                info.where,
                info.band.points.value,
                expr_text(info.band.condition) if info.band.condition is not None else "otherwise",
                info.band.amended_by,
                self._facts_of(info.band.condition),
            )
            for info in program.bands
        ]
        self.uses = {u.alias: u.document for u in scope.document.uses}
        self.not_applicable = {
            indicator.number: NotApplicableInfo(expr_text(indicator.not_applicable), self._facts_of(indicator.not_applicable))
            for indicator in scope.document.indicators()
            if indicator.not_applicable is not None
        }
        self.excluded_parts = [
            (f'part {index} "{part.title}"' if part.title else f"part {index}", part_max(part), NotApplicableInfo(
                expr_text(part.not_applicable), self._facts_of(part.not_applicable)))
            for index, part in program.excluded_parts
            if part.not_applicable is not None
        ]

    def _facts_of(self, expr: ast.Expr | None) -> tuple[str, ...]:
        if expr is None:
            return ()
        names = (e.name for e in walk(expr) if isinstance(e, ast.Ref))
        return tuple(dict.fromkeys(n for n in names if n in self.scope.facts))

    def kind(self, expr: ast.Expr) -> str:
        """The kind of a compared value, known from the spec alone (a table's: when looked up)."""
        scope = self.scope
        if isinstance(expr, ast.Ref):
            if expr.name in scope.facts:
                return scope.facts[expr.name].type.kind
            if expr.name in scope.values:
                return "rate" if _formula(scope.values[expr.name].expr)[0] == "rate" else "number"
            if expr.name in scope.tables:
                return TABLE_KIND
        text = expr_text(expr)
        if text.startswith("rate("):  # a rate, or arithmetic on one
            return "rate"
        if text.endswith("%"):  # a percent, or arithmetic ending in one: `target - 10%`
            return "percent"
        return "number"

    def _static(self, node: Any) -> NodeInfo:
        if isinstance(node, ast.Value):
            formula, operands = _formula(node.expr)
            return ValueInfo(node.name, node.description, formula, expr_text(node.expr), operands, node.amended_by, self._facts_of(node.expr))
        if isinstance(node, ast.Table):
            entries = {
                (e.key if node.second_key is None else e.keys): (e.value.percent if e.value is not None else False, e.status, e.amended_by)
                for e in node.entries
            }
            return TableInfo(node.name, node.description, node.key, entries, node.keys)
        if isinstance(node, ast.Compare):
            return CompareInfo(
                expr_text(node.left), node.op, expr_text(node.right), node.amended_by, self._facts_of(node), self.kind(node.left), self.kind(node.right)
            )
        if isinstance(node, ast.In):
            options = ", ".join(expr_text(o) for o in node.options)
            return MembershipInfo(expr_text(node.operand), options, self._facts_of(node))
        if isinstance(node, ast.Branch):
            return BranchInfo(node.key, (node.key,))
        raise TypeError(f"no trace entry for {type(node).__name__}")


# Kinds of the steps `steps_of` returns, each a plain tuple whose first item is its kind:
#   (FACT, name, value)                         a fact shown, with `tables.facts[name]`
#   (VALUE, node, value, operand values)        a derived value, with `tables.nodes[node]`
#   (OTHER, alias, name, value)                 another criteria set's result
#   (TABLE, node, key, value)                   a table lookup (key: a pair in a table by two facts)
#   (COMPARE, node, left, right, held, left kind, right kind)
#   (MEMBERSHIP, node, value, held)
#   (BRANCH, node, value)
#   (BAND, band, held)                          with `tables.bands[band]`
#   (NOT_APPLICABLE, held)                      with `tables.not_applicable[indicator]`
#   (PART_NOT_APPLICABLE, part, held)           one part of a sum, with `tables.excluded_parts[part]`
FACT, VALUE, OTHER, TABLE, COMPARE, MEMBERSHIP, BRANCH, BAND, NOT_APPLICABLE, PART_NOT_APPLICABLE = (
    "fact", "value", "other_result", "table", "compare", "membership", "branch", "band", "not_applicable", "part_not_applicable",
)


def steps_of(log: Iterable[tuple[Any, ...]], tables: TraceTables, values: dict[str, Any], number: str) -> list[tuple[Any, ...]]:
    """One indicator's log as steps in reading order: each fact shown once, before the first
    step that needs it, and only what varies per station; renderers add the static parts
    from `tables` (or their own per-spec templates), so no entry object is built per step."""
    steps: list[tuple[Any, ...]] = []
    shown: set[str] = set()
    known: dict[str, Any] = {}
    table_kinds: dict[str, str] = {}  # table -> kind of the entry looked up in it
    nodes = tables.nodes
    segment = 0  # where the steps of the band (or check) being logged begin

    def read(names: tuple[str, ...], at: int | None = None) -> None:
        position = len(steps) if at is None else at
        for name in names:
            if name not in shown and name in values:
                shown.add(name)
                known[name] = value = values[name]
                steps.insert(position, (FACT, name, value))
                position += 1

    def side_kind(kind: str, text: str) -> str:
        return table_kinds.get(text, "number") if kind == TABLE_KIND else kind

    for record in log:
        kind = record[0]
        if kind == "band":
            read(tables.bands[record[1]].reads, segment)
            steps.append((BAND, record[1], record[2]))
            segment = len(steps)
        elif kind == "compare":  # its facts are shown with the band's, in the condition's order
            c: Any = nodes[record[1]]
            steps.append((COMPARE, record[1], record[2], record[3], record[4], side_kind(c.left_kind, c.left), side_kind(c.right_kind, c.right)))
        elif kind == "value":
            v: Any = nodes[record[1]]
            read(v.reads)
            known[v.name] = record[2]
            steps.append((VALUE, record[1], record[2], tuple(map(known.get, v.operands))))
        elif kind == "rate_value":
            v = nodes[record[1]]
            if v.name not in known and record[3]:
                read(v.reads)
                known[v.name] = value = runtime.rate(record[2], record[3], "")
                steps.append((VALUE, record[1], value, tuple(map(known.get, v.operands))))
        elif kind == "rate_compare":
            _, node, flipped, numerator, denominator, threshold, held = record
            rate = runtime.rate(numerator, denominator, "")
            c = nodes[node]
            left_value, right_value = (threshold, rate) if flipped else (rate, threshold)
            steps.append((COMPARE, node, left_value, right_value, held, side_kind(c.left_kind, c.left), side_kind(c.right_kind, c.right)))
        elif kind == "in":
            steps.append((MEMBERSHIP, record[1], record[2], record[3]))
        elif kind == "table":
            table: Any = nodes[record[1]]
            read(table.reads)
            table_kinds[table.name] = "percent" if table.entries[record[2]][0] else "number"
            steps.append((TABLE, record[1], record[2], record[3]))
        elif kind == "branch":
            read(nodes[record[1]].reads)
            steps.append((BRANCH, record[1], record[2]))
            segment = len(steps)
        elif kind == "used":
            steps.append((OTHER, record[1], record[2], record[3]))
        elif kind == "not_applicable":
            read(tables.not_applicable[number].reads, segment)
            steps.append((NOT_APPLICABLE, record[1]))
            segment = len(steps)
        elif kind == "part_not_applicable":
            read(tables.excluded_parts[record[1]][2].reads)
            steps.append((PART_NOT_APPLICABLE, record[1], record[2]))
            segment = len(steps)
    return steps


def materialise(
    log: Sequence[tuple[Any, ...]],
    tables: TraceTables,
    values: dict[str, Any],
    indicator: ast.Indicator,
    outcome: t.Outcome,
) -> tuple[t.TraceEntry, ...]:
    """One indicator's trace as entries (`IndicatorResult.trace`): `steps_of`'s steps with their
    static parts. The JSON and text renderers read the steps directly instead."""
    facts, nodes, bands = tables.facts, tables.nodes, tables.bands
    entries: list[t.TraceEntry] = []
    for step in steps_of(log, tables, values, indicator.number):
        kind = step[0]
        if kind is FACT:
            description, fact_kind = facts[step[1]]
            entries.append(t.FactRead(step[1], step[2], description, fact_kind))
        elif kind is VALUE:
            v: Any = nodes[step[1]]
            entries.append(t.DerivedValue(v.name, step[2], v.description, v.formula, v.expression, tuple(zip(v.operands, step[3])), v.amended_by))
        elif kind is OTHER:
            entries.append(t.OtherResult(step[1], tables.uses[step[1]], step[2], step[3]))
        elif kind is TABLE:
            table: Any = nodes[step[1]]
            percent, status, amended_by = table.entries[step[2]]
            if type(step[2]) is tuple:  # a table by two facts: the pair of values
                first, second = step[2]
                entries.append(
                    t.TableLookup(table.name, table.description, table.key_fact, first, step[3], percent, status, amended_by, table.reads[1], second)
                )
            else:
                entries.append(t.TableLookup(table.name, table.description, table.key_fact, step[2], step[3], percent, status, amended_by))
        elif kind is COMPARE:
            c: Any = nodes[step[1]]
            entries.append(t.Comparison(c.left, step[2], c.op, c.right, step[3], step[4], c.amended_by, step[5], step[6]))
        elif kind is MEMBERSHIP:
            m: Any = nodes[step[1]]
            entries.append(t.Membership(m.operand, step[2], m.options, step[3]))
        elif kind is BRANCH:
            entries.append(t.BranchTaken(nodes[step[1]].key, step[2]))
        elif kind is BAND:
            band = bands[step[1]]
            entries.append(t.BandTried(band.position, band.where, band.points, band.condition, step[2], band.amended_by))
        elif kind is PART_NOT_APPLICABLE:
            place, most, check = tables.excluded_parts[step[1]]
            entries.append(t.NotApplicableCheck(check.condition, step[2], place, most))
        else:
            entries.append(t.NotApplicableCheck(tables.not_applicable[indicator.number].condition, step[1]))
    entries.append(outcome)
    return tuple(entries)
