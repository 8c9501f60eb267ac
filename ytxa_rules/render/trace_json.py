"""Trace steps as the JSON entries of `ytxa-result/1`, written from per-spec templates.

A traced station has a few hundred entries. Everything in them that depends on the spec
alone (texts, descriptions, amendment provenance, band points) is prepared once per
compiled spec here; per station only values, outcomes and points are filled in, straight
from the steps of `tracing.steps_of`, without building an entry object first. The entries
are the same as `json_result.trace_entry` of `IndicatorResult.trace` (a test holds both
to the same output).
"""

from __future__ import annotations

import weakref
from collections.abc import Callable
from typing import Any

from ytxa_rules import ast
from ytxa_rules.engine import tracing as tr
from ytxa_rules.render.numbers import json_number

_AS_IS = frozenset({str, int, bool, type(None)})
Refs = tuple[dict[str, Any], ...]


def amendment(ref: ast.AmendmentRef) -> dict[str, Any]:
    return {"id": ref.id, "target": ref.target, "corrects": ref.corrects, "reason": ref.reason, "effective": ref.effective.isoformat()}


def plain(value: Any) -> Any:
    """A value as JSON: as it is, a number (`json_number`), or a list of them."""
    if type(value) in _AS_IS:
        return value
    if isinstance(value, ast.AmendmentRef):
        return amendment(value)
    if isinstance(value, tuple):
        return [plain(v) for v in value]
    return json_number(value)


def _refs(refs: tuple[ast.AmendmentRef, ...]) -> Refs:
    return tuple(amendment(r) for r in refs)


def _fresh(refs: Refs) -> list[dict[str, Any]]:
    """A new list of new dicts: a caller may change the document it was given."""
    return [dict(r) for r in refs] if refs else []


class JsonTemplates:
    """The static JSON parts of one compiled spec's trace entries, indexed like its tables."""

    def __init__(self, tables: tr.TraceTables):
        self.tables = tables
        self.node_refs: list[Refs] = [_refs(getattr(n, "amended_by", ())) for n in tables.nodes]
        self.band_parts = [(b.position, b.where, json_number(b.points), b.condition, _refs(b.amended_by)) for b in tables.bands]
        self.table_entries: dict[int, dict[str | tuple[str, ...], tuple[bool, str | None, Refs]]] = {
            index: {key: (percent, status, _refs(refs)) for key, (percent, status, refs) in node.entries.items()}
            for index, node in enumerate(tables.nodes)
            if isinstance(node, tr.TableInfo)
        }

    def entries(self, steps: list[tuple[Any, ...]], number: str) -> list[dict[str, Any]]:
        """One indicator's steps as JSON entries (the outcome is the caller's)."""
        out = []
        handlers = self._handlers
        for step in steps:
            out.append(handlers[step[0]](self, step, number))
        return out

    def _fact(self, step: tuple[Any, ...], number: str) -> dict[str, Any]:
        description, kind = self.tables.facts[step[1]]
        return {"kind": "fact", "name": step[1], "value": plain(step[2]), "description": description, "type": kind}

    def _value(self, step: tuple[Any, ...], number: str) -> dict[str, Any]:
        v: Any = self.tables.nodes[step[1]]
        return {
            "kind": "value", "name": v.name, "value": plain(step[2]), "description": v.description, "formula": v.formula,
            "expression": v.expression, "operands": [[n, plain(x)] for n, x in zip(v.operands, step[3])],
            "amended_by": _fresh(self.node_refs[step[1]]),
        }  # fmt: skip

    def _other(self, step: tuple[Any, ...], number: str) -> dict[str, Any]:
        alias = step[1]
        return {"kind": "other_result", "alias": alias, "document": self.tables.uses[alias], "name": step[2], "value": plain(step[3])}

    def _table(self, step: tuple[Any, ...], number: str) -> dict[str, Any]:
        table: Any = self.tables.nodes[step[1]]
        percent, status, refs = self.table_entries[step[1]][step[2]]
        key, second_fact, second = (step[2][0], table.reads[1], step[2][1]) if type(step[2]) is tuple else (step[2], None, None)
        return {
            "kind": "table", "table": table.name, "description": table.description, "key_fact": table.key_fact,
            "key": key, "value": plain(step[3]), "percent": percent, "status": status, "amended_by": _fresh(refs),
            "second_key_fact": second_fact, "second_key": second,
        }  # fmt: skip

    def _compare(self, step: tuple[Any, ...], number: str) -> dict[str, Any]:
        c: Any = self.tables.nodes[step[1]]
        return {
            "kind": "compare", "left": c.left, "left_value": plain(step[2]), "op": c.op, "right": c.right,
            "right_value": plain(step[3]), "held": plain(step[4]), "amended_by": _fresh(self.node_refs[step[1]]),
        }  # fmt: skip

    def _membership(self, step: tuple[Any, ...], number: str) -> dict[str, Any]:
        m: Any = self.tables.nodes[step[1]]
        return {"kind": "membership", "operand": m.operand, "value": plain(step[2]), "options": m.options, "held": plain(step[3])}

    def _branch(self, step: tuple[Any, ...], number: str) -> dict[str, Any]:
        return {"kind": "branch", "key": self.tables.nodes[step[1]].key, "value": plain(step[2])}

    def _band(self, step: tuple[Any, ...], number: str) -> dict[str, Any]:
        position, where, points, condition, refs = self.band_parts[step[1]]
        return {"kind": "band", "position": position, "where": where, "points": points, "condition": condition, "held": step[2], "amended_by": _fresh(refs)}

    def _not_applicable(self, step: tuple[Any, ...], number: str) -> dict[str, Any]:
        return {"kind": "not_applicable", "condition": self.tables.not_applicable[number].condition, "held": step[1], "part": None, "part_max": None}

    def _part_not_applicable(self, step: tuple[Any, ...], number: str) -> dict[str, Any]:
        part, most, check = self.tables.excluded_parts[step[1]]
        return {"kind": "not_applicable", "condition": check.condition, "held": step[2], "part": part, "part_max": json_number(most)}

    _handlers: dict[str, Callable[[JsonTemplates, tuple[Any, ...], str], dict[str, Any]]] = {
        tr.FACT: _fact, tr.VALUE: _value, tr.OTHER: _other, tr.TABLE: _table, tr.COMPARE: _compare,
        tr.MEMBERSHIP: _membership, tr.BRANCH: _branch, tr.BAND: _band, tr.NOT_APPLICABLE: _not_applicable,
        tr.PART_NOT_APPLICABLE: _part_not_applicable,
    }  # fmt: skip


_TEMPLATES: weakref.WeakKeyDictionary[tr.TraceTables, JsonTemplates] = weakref.WeakKeyDictionary()


def templates(tables: tr.TraceTables) -> JsonTemplates:
    """The JSON templates of a compiled spec, made the first time one of its traces is written."""
    found = _TEMPLATES.get(tables)
    if found is None:  # two threads may both build it: the same value, one kept
        found = _TEMPLATES.setdefault(tables, JsonTemplates(tables))
    return found
