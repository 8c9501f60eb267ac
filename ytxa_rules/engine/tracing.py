"""Turn an indicator's trace log into entries, using tables prepared once per spec.

The traced evaluation logs only what varies per station (values, outcomes of
comparisons and bands); everything that depends on the spec alone (texts, descriptions,
which facts a node reads, amendment provenance) is prepared here at compile time, so
reading a trace costs little more than building its entries.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from ytxa_rules import ast
from ytxa_rules.engine import runtime
from ytxa_rules.engine import trace as t
from ytxa_rules.engine.codegen import Program
from ytxa_rules.language.scope import Scope
from ytxa_rules.syntax.unparse import expr_text
from ytxa_rules.tree import walk


def _formula(expr: ast.Expr) -> tuple[str, tuple[str, ...]]:
    """The shape of a derived value's computation, and the names it reads directly."""
    if isinstance(expr, ast.Call) and expr.function in ("rate", "count"):
        return expr.function, tuple(expr_text(a) for a in expr.args)
    if isinstance(expr, ast.Arith) and expr.op == "*" and isinstance(expr.left, ast.Arith) and expr.left.op == "/":
        return "divide", (expr_text(expr.left.left), expr_text(expr.left.right), expr_text(expr.right))
    return "expr", ()


class TraceTables:
    """Per-node static parts of trace entries, indexed like the generated code's ids."""

    def __init__(self, program: Program, scope: Scope):
        self.scope = scope
        facts = scope.facts
        self.facts = {name: (fact.description, fact.type.kind) for name, fact in facts.items()}
        self.nodes: list[Any] = []
        for node in program.nodes:
            self.nodes.append(self._static(node))
        self.bands = [
            (
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

    def not_applicable_facts(self, indicator: ast.Indicator) -> tuple[str, ...]:
        return self._facts_of(indicator.not_applicable)

    def _facts_of(self, expr: ast.Expr | None) -> tuple[str, ...]:
        if expr is None:
            return ()
        names = (e.name for e in walk(expr) if isinstance(e, ast.Ref))
        return tuple(dict.fromkeys(n for n in names if n in self.scope.facts))

    def _static(self, node: Any) -> tuple[Any, ...]:
        if isinstance(node, ast.Value):
            formula, operands = _formula(node.expr)
            return (node.name, node.description, formula, expr_text(node.expr), operands, node.amended_by, self._facts_of(node.expr))
        if isinstance(node, ast.Table):
            entries = {e.key: (e.value.percent if e.value is not None else False, e.status, e.amended_by) for e in node.entries}
            return (node.name, node.description, node.key, entries, (node.key,))
        if isinstance(node, ast.Compare):
            return (expr_text(node.left), node.op, expr_text(node.right), node.amended_by, self._facts_of(node))
        if isinstance(node, ast.In):
            options = ", ".join(expr_text(o) for o in node.options)
            return (expr_text(node.operand), options, self._facts_of(node))
        if isinstance(node, ast.Branch):
            return (node.key, (node.key,))
        raise TypeError(f"no trace entry for {type(node).__name__}")


def materialise(
    log: Sequence[tuple[Any, ...]],
    tables: TraceTables,
    values: dict[str, Any],
    indicator: ast.Indicator,
    outcome: t.Outcome,
) -> tuple[t.TraceEntry, ...]:
    entries: list[t.TraceEntry] = []
    shown: set[str] = set()
    known: dict[str, Any] = {}
    facts = tables.facts
    segment = 0  # where the entries of the band (or check) being logged begin

    def read(names: tuple[str, ...], at: int | None = None) -> None:
        """Show each fact once, before the first entry that needs it."""
        position = len(entries) if at is None else at
        for name in names:
            if name not in shown and name in values:
                shown.add(name)
                known[name] = values[name]
                description, kind = facts[name]
                entries.insert(position, t.FactRead(name, values[name], description, kind))
                position += 1

    for record in log:
        kind = record[0]
        if kind == "value":
            name, description, formula, expression, operand_names, amended_by, reads = tables.nodes[record[1]]
            read(reads)
            known[name] = record[2]
            operands = tuple((n, known.get(n)) for n in operand_names)
            entries.append(t.DerivedValue(name, record[2], description, formula, expression, operands, amended_by))
        elif kind == "rate_value":
            name, description, formula, expression, operand_names, amended_by, reads = tables.nodes[record[1]]
            if name not in known and record[3]:
                read(reads)
                known[name] = runtime.rate(record[2], record[3], "")
                operands = tuple((n, known.get(n)) for n in operand_names)
                entries.append(t.DerivedValue(name, known[name], description, formula, expression, operands, amended_by))
        elif kind == "rate_compare":
            _, node, flipped, numerator, denominator, threshold, held = record
            rate = runtime.rate(numerator, denominator, "")
            left, op, right, amended_by, _ = tables.nodes[node]
            left_value, right_value = (threshold, rate) if flipped else (rate, threshold)
            entries.append(t.Comparison(left, left_value, op, right, right_value, held, amended_by))
        elif kind == "compare":  # its facts are shown with the band's, in the condition's order
            left, op, right, amended_by, _ = tables.nodes[record[1]]
            entries.append(t.Comparison(left, record[2], op, right, record[3], record[4], amended_by))
        elif kind == "in":
            operand, options, _ = tables.nodes[record[1]]
            entries.append(t.Membership(operand, record[2], options, record[3]))
        elif kind == "band":
            position, where, points, condition, amended_by, reads = tables.bands[record[1]]
            read(reads, segment)
            entries.append(t.BandTried(position, where, points, condition, record[2], amended_by))
            segment = len(entries)
        elif kind == "table":
            name, description, key_fact, by_key, reads = tables.nodes[record[1]]
            read(reads)
            percent, status, amended_by = by_key[record[2]]
            entries.append(t.TableLookup(name, description, key_fact, record[2], record[3], percent, status, amended_by))
        elif kind == "branch":
            key, reads = tables.nodes[record[1]]
            read(reads)
            entries.append(t.BranchTaken(key, record[2]))
            segment = len(entries)
        elif kind == "used":
            entries.append(t.OtherResult(record[1], tables.uses[record[1]], record[2], record[3]))
        elif kind == "not_applicable":
            assert indicator.not_applicable is not None
            read(tables.not_applicable_facts(indicator), segment)
            entries.append(t.NotApplicableCheck(expr_text(indicator.not_applicable), record[1]))
            segment = len(entries)
    entries.append(outcome)
    return tuple(entries)
