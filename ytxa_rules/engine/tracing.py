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
from typing import Any, NamedTuple, assert_never

from ytxa_rules import ast
from ytxa_rules.engine import runtime
from ytxa_rules.engine import trace as t
from ytxa_rules.engine.codegen import Program
from ytxa_rules.engine.trace_steps import (
    BandTried,
    BranchTaken,
    Compared,
    FactShown,
    MembershipTested,
    NotApplicableTested,
    OtherResultRead,
    PartNotApplicableTested,
    Step,
    TableLookedUp,
    ValueComputed,
    new_step,
)  # fmt: skip
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


def steps_of(log: Iterable[tuple[Any, ...]], tables: TraceTables, values: dict[str, Any], number: str) -> list[Step]:
    """One indicator's log as steps in reading order: each fact shown once, before the first
    step that needs it, and only what varies per station; renderers add the static parts
    from `tables` (or their own per-spec templates), so no entry object is built per step.
    The log's records are the tuples `runtime`'s hooks write (layouts: `trace_log.ARITY`)."""
    steps: list[Step] = []
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
                steps.insert(position, new_step(FactShown, (name, value)))
                position += 1

    def side_kind(kind: str, text: str) -> str:
        return table_kinds.get(text, "number") if kind == TABLE_KIND else kind

    def compared(node: int, left: Any, right: Any, held: Any) -> Compared:
        c: Any = nodes[node]
        return new_step(Compared, (node, left, right, held, side_kind(c.left_kind, c.left), side_kind(c.right_kind, c.right)))

    for record in log:
        kind = record[0]
        if kind == "band":
            _, band, held = record
            read(tables.bands[band].reads, segment)
            steps.append(new_step(BandTried, (band, held)))
            segment = len(steps)
        elif kind == "compare":  # its facts are shown with the band's, in the condition's order
            _, node, left, right, held = record
            steps.append(compared(node, left, right, held))
        elif kind == "value":
            _, node, value = record
            v: Any = nodes[node]
            read(v.reads)
            known[v.name] = value
            steps.append(new_step(ValueComputed, (node, value, tuple(map(known.get, v.operands)))))
        elif kind == "rate_value":
            _, node, numerator, denominator = record
            v = nodes[node]
            if v.name not in known and denominator:
                read(v.reads)
                known[v.name] = value = runtime.rate(numerator, denominator, "")
                steps.append(new_step(ValueComputed, (node, value, tuple(map(known.get, v.operands)))))
        elif kind == "rate_compare":
            _, node, flipped, numerator, denominator, threshold, held = record
            rate = runtime.rate(numerator, denominator, "")
            steps.append(compared(node, threshold, rate, held) if flipped else compared(node, rate, threshold, held))
        elif kind == "in":
            _, node, value, held = record
            steps.append(new_step(MembershipTested, (node, value, held)))
        elif kind == "table":
            _, node, key, value = record
            table: Any = nodes[node]
            read(table.reads)
            table_kinds[table.name] = "percent" if table.entries[key][0] else "number"
            steps.append(new_step(TableLookedUp, (node, key, value)))
        elif kind == "branch":
            _, node, value = record
            read(nodes[node].reads)
            steps.append(new_step(BranchTaken, (node, value)))
            segment = len(steps)
        elif kind == "used":
            _, alias, name, value = record
            steps.append(new_step(OtherResultRead, (alias, name, value)))
        elif kind == "not_applicable":
            _, held = record
            read(tables.not_applicable[number].reads, segment)
            steps.append(new_step(NotApplicableTested, (held,)))
            segment = len(steps)
        elif kind == "part_not_applicable":
            _, part, held = record
            read(tables.excluded_parts[part][2].reads)
            steps.append(new_step(PartNotApplicableTested, (part, held)))
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
        match step:
            case FactShown():
                description, fact_kind = facts[step.name]
                entries.append(t.FactRead(step.name, step.value, description, fact_kind))
            case ValueComputed():
                v: Any = nodes[step.node]
                operands = tuple(zip(v.operands, step.operands))
                entries.append(t.DerivedValue(v.name, step.value, v.description, v.formula, v.expression, operands, v.amended_by))
            case OtherResultRead():
                entries.append(t.OtherResult(step.alias, tables.uses[step.alias], step.name, step.value))
            case TableLookedUp():
                table: Any = nodes[step.node]
                percent, status, amended_by = table.entries[step.key]
                common = (table.name, table.description, table.key_fact)
                if type(step.key) is tuple:  # a table by two facts: the pair of values
                    first, second = step.key
                    entries.append(t.TableLookup(*common, first, step.value, percent, status, amended_by, table.reads[1], second))
                else:
                    entries.append(t.TableLookup(*common, step.key, step.value, percent, status, amended_by))
            case Compared():
                c: Any = nodes[step.node]
                entries.append(t.Comparison(c.left, step.left, c.op, c.right, step.right, step.held, c.amended_by, step.left_kind, step.right_kind))
            case MembershipTested():
                m: Any = nodes[step.node]
                entries.append(t.Membership(m.operand, step.value, m.options, step.held))
            case BranchTaken():
                branch: Any = nodes[step.node]
                entries.append(t.BranchTaken(branch.key, step.value))
            case BandTried():
                band = bands[step.band]
                entries.append(t.BandTried(band.position, band.where, band.points, band.condition, step.held, band.amended_by))
            case PartNotApplicableTested():
                place, most, check = tables.excluded_parts[step.part]
                entries.append(t.NotApplicableCheck(check.condition, step.held, place, most))
            case NotApplicableTested():
                entries.append(t.NotApplicableCheck(tables.not_applicable[indicator.number].condition, step.held))
            case _:
                assert_never(step)
    entries.append(outcome)
    return tuple(entries)
