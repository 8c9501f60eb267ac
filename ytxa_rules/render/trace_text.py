"""Trace steps as explanation lines (vi/en), written from per-spec, per-language templates.

Every line of a trace is a message of `messages/explain.py` whose spec-side parts (names,
descriptions, conditions in words, amendment provenance, band points) are filled in once
per compiled spec and language (`partial`); per station only the values are formatted in.
A band's line and a not-applicable check's line are wholly static: one per outcome. The
lines are the same as `text.trace_lines` of `IndicatorResult.trace` (a test holds both to
the same output).
"""

from __future__ import annotations

import weakref
from typing import Any

from ytxa_rules.engine import trace as t
from ytxa_rules.engine import tracing as tr
from ytxa_rules.messages.explain import literal, partial, text
from ytxa_rules.render.numbers import distinct, number
from ytxa_rules.render.phrases import OPS, amended, condition_text, derived_kind, description, place, value_text

_PERCENT = t.PERCENT_KINDS


class TraceText:
    """One compiled spec's trace lines in one language, with the static parts filled in."""

    def __init__(self, tables: tr.TraceTables, lang: str):
        self.lang = lang
        self.tables = tables
        words = {w: text(w, lang) for w in ("true", "false", "yes", "no", "band.held", "band.not_held", "table.unknown")}
        self.yes, self.no = words["yes"], words["no"]
        self.verdicts = {v: text(f"verdict.{v}", lang) for v in ("true", "false", "none")}
        self.facts = {
            name: (partial("fact", lang, name=name, description=description(d)), kind == "percent") for name, (d, kind) in tables.facts.items()
        }
        self.nodes: list[Any] = [self._node(node, words) for node in tables.nodes]
        self.bands = [self._band(band, words) for band in tables.bands]
        self.not_applicable = {
            number_: tuple(
                "• " + text("not_applicable_check", lang, condition=condition_text(check.condition, lang), held=words[h]) for h in ("false", "true")
            )
            for number_, check in tables.not_applicable.items()
        }
        self.excluded_parts = [self._part_check(part, most, check, words) for part, most, check in tables.excluded_parts]

    def _part_check(self, part: str, most: Any, check: Any, words: dict[str, str]) -> tuple[str, str]:
        """The two lines of a part's not-applicable check: it does not hold / it holds (the maximum drops)."""
        lang = self.lang
        common = dict(part=place(part, lang), condition=condition_text(check.condition, lang))
        reduced = text("part_reduced", lang, points=value_text(most, lang))
        return (
            "• " + text("part_not_applicable_check", lang, held=words["false"], reduced="", **common),
            "• " + text("part_not_applicable_check", lang, held=words["true"], reduced=reduced, **common),
        )

    def _node(self, node: Any, words: dict[str, str]) -> Any:
        lang = self.lang
        if isinstance(node, tr.CompareInfo):
            common = dict(left=condition_text(node.left, lang), op=OPS[node.op], right=condition_text(node.right, lang))
            suffix = literal(amended(node.amended_by, lang))
            return tuple(partial("compare", lang, held=words[h], **common) + suffix for h in ("false", "true"))
        if isinstance(node, tr.ValueInfo):
            kind = derived_kind(node.formula, len(node.operands))
            base = dict(name=node.name, description=description(node.description))
            suffix = literal(amended(node.amended_by, lang))
            percent = node.formula == "rate"
            if kind == "expr":
                return kind, partial("value", lang, **base) + literal(f" = {node.expression}") + suffix, node.operands, percent
            if kind == "value.count":
                return kind, partial(kind, lang, items=", ".join(node.operands), **base) + suffix, node.operands, percent
            return kind, partial(kind, lang, **base) + suffix, node.operands, percent
        if isinstance(node, tr.TableInfo):
            common = dict(table=node.name, description=description(node.description), key=node.key_fact)
            return {
                key: (
                    partial(
                        "table2" if type(key) is tuple else "table", lang, **_keys(key, node.reads), **common,
                        status=text("entry_status", lang, status=text(f"entry.{status}", lang)) if status else "",
                    ) + literal(amended(refs, lang)),
                    percent,
                )
                for key, (percent, status, refs) in node.entries.items()
            }  # fmt: skip
        if isinstance(node, tr.MembershipInfo):
            return tuple(partial("membership", lang, operand=node.operand, options=node.options, held=words[h]) for h in ("false", "true"))
        if isinstance(node, tr.BranchInfo):
            return "• " + partial("branch", lang, key=node.key)
        raise TypeError(f"no trace line for {type(node).__name__}")

    def _band(self, band: tr.BandInfo, words: dict[str, str]) -> tuple[str, str]:
        lang = self.lang
        where = f" ({place(band.where, lang)})" if band.where else ""
        points = number(band.points, lang)
        suffix = amended(band.amended_by, lang)
        if band.condition == "otherwise":
            line = "• " + text("band.otherwise", lang, position=band.position, where=where, points=points) + suffix
            return line, line
        condition = condition_text(band.condition, lang)
        return tuple(  # type: ignore[return-value]
            "• " + text("band", lang, position=band.position, where=where, points=points, condition=condition, held=words[h]) + suffix
            for h in ("band.not_held", "band.held")
        )

    def _value(self, value: Any, percent: bool = False) -> str:
        if value is True or value is False:
            return self.yes if value else self.no
        return value_text(value, self.lang, percent)

    def lines(self, steps: list[tuple[Any, ...]], number_: str, outcome: str, indent: str) -> list[str]:
        """One indicator's trace lines, each after `indent`, ending with its `outcome` line.

        A band's (or a check's) comparisons are logged before it and shown under it."""
        out: list[str] = []
        pending: list[str] = []
        nested = indent + "    "
        lang, nodes = self.lang, self.nodes
        for step in steps:
            kind = step[0]
            if kind is tr.COMPARE:
                left, right = distinct(step[2], step[3], lang, (step[5] in _PERCENT, step[6] in _PERCENT))
                pending.append(nested + nodes[step[1]][1 if step[4] else 0].format(left_value=left, right_value=right))
            elif kind is tr.FACT:
                template, percent = self.facts[step[1]]
                out.append(indent + "• " + template.format(value=self._value(step[2], percent)))
            elif kind is tr.BAND:
                out.append(indent + self.bands[step[1]][1 if step[2] else 0])
                if pending:
                    out.extend(pending)
                    pending = []
            elif kind is tr.VALUE:
                out.append(indent + "• " + self._derived(step))
            elif kind is tr.TABLE:
                template, percent = nodes[step[1]][step[2]]
                value = self._value(step[3], percent) if step[3] is not None else text("table.unknown", lang)
                out.append(indent + "• " + template.format(value=value))
            elif kind is tr.MEMBERSHIP:
                pending.append(nested + nodes[step[1]][1 if step[3] else 0].format(value=self._value(step[2])))
            elif kind is tr.BRANCH:
                out.append(indent + nodes[step[1]].format(value=step[2]))
            elif kind is tr.NOT_APPLICABLE:
                out.append(indent + self.not_applicable[number_][1 if step[1] else 0])
                if pending:
                    out.extend(pending)
                    pending = []
            elif kind is tr.PART_NOT_APPLICABLE:
                out.append(indent + self.excluded_parts[step[1]][1 if step[2] else 0])
                if pending:
                    out.extend(pending)
                    pending = []
            else:  # another criteria set's result
                _, alias, name, value = step
                shown = self.verdicts[str(value).lower()] if name == "passed" else self._value(value)
                line = text("other_result", lang, alias=alias, document=self.tables.uses[alias], name=name, value=shown)
                out.append(indent + "• " + line)
        out.extend(pending)
        out.append(indent + outcome)
        return out

    def _derived(self, step: tuple[Any, ...]) -> str:
        kind, template, names, percent = self.nodes[step[1]]
        value = self._value(step[2], percent)
        if kind == "value.rate":
            a, b = (self._value(v) if v is not None else n for n, v in zip(names, step[3]))
            return template.format(value=value, a=a, b=b)  # type: ignore[no-any-return]
        if kind == "value.divide":
            a, b, c = (self._value(v) if v is not None else n for n, v in zip(names, step[3]))
            return template.format(value=value, a=a, b=b, c=c)  # type: ignore[no-any-return]
        return template.format(value=value)  # type: ignore[no-any-return]


def _keys(key: str | tuple[str, ...], reads: tuple[str, ...]) -> dict[str, str]:
    """The message arguments naming an entry: its value, or both values of a table by two facts."""
    if type(key) is tuple:
        return {"key_value": key[0], "second_key": reads[1], "second_value": key[1]}
    return {"key_value": key}  # type: ignore[dict-item]


_TEXTS: weakref.WeakKeyDictionary[tr.TraceTables, dict[str, TraceText]] = weakref.WeakKeyDictionary()


def trace_text(tables: tr.TraceTables, lang: str) -> TraceText:
    """The trace lines of a compiled spec in `lang`, prepared the first time one is written."""
    by_lang = _TEXTS.get(tables)
    if by_lang is None:
        by_lang = _TEXTS.setdefault(tables, {})
    found = by_lang.get(lang)
    if found is None:  # two threads may both build it: the same value, one kept
        found = by_lang.setdefault(lang, TraceText(tables, lang))
    return found
