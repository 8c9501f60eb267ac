"""Semantic difference between two composed documents (two specs, or one spec on two dates).

Changes are data (`Change`), addressed the way amendments address things (indicator 35,
band 1) and attributed to the amendment that made them when the newer side records it.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import attrs

from ytxa_rules import ast
from ytxa_rules.syntax.unparse import expr_text
from ytxa_rules.tree import band_lists, walk


@attrs.frozen
class Change:
    where: str  # "indicator 35 band 1", "criterion 2", "table nguong_thap_coi entry tay_nguyen", …
    what: str  # operator | threshold | points | condition | rule | title | max | status | cite | …
    before: str | None  # None: added
    after: str | None  # None: removed
    by: tuple[str, ...] = ()  # amendments (on the newer side) that changed it


def _ids(refs: tuple[ast.AmendmentRef, ...]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(r.id for r in refs))


def _text(value: Any) -> str:
    if isinstance(value, ast.Number):
        return value.text or expr_text(value)
    if value is None:
        return "—"
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, (ast.Bands, ast.Branch, ast.Sum)):
        return _rule_text(value)
    if isinstance(value, str):
        return value
    return expr_text(value)


def _rule_text(rule: ast.Rule) -> str:
    parts = []
    for where, bands in band_lists(rule):
        for band in bands.bands:
            condition = expr_text(band.condition) if band.condition is not None else "otherwise"
            parts.append(f"{where + ': ' if where else ''}{band.points.text} when {condition}")
    return "; ".join(parts)


def _field(where: str, what: str, old: Any, new: Any, by: tuple[str, ...] = ()) -> Iterator[Change]:
    if old != new:
        yield Change(where, what, _text(old), _text(new), by)


def diff_documents(old: ast.Document, new: ast.Document) -> list[Change]:
    changes: list[Change] = []
    removed_by = _removed_by(new)
    header_by = _ids(new.header_by)
    changes += _field("document", "title", old.title, new.title, header_by)
    changes += _field("document", "total", old.total, new.total, header_by)
    changes += _declarations(old, new, removed_by)
    old_criteria = {c.number: c for c in old.criteria}
    new_criteria = {c.number: c for c in new.criteria}
    for number in sorted(old_criteria.keys() | new_criteria.keys()):
        before, after = old_criteria.get(number), new_criteria.get(number)
        where = f"criterion {number}"
        if before is None or after is None:
            changes.append(Change(where, "criterion", before.title if before else None, after.title if after else None))
            continue
        by = _ids(after.amended_by)
        changes += _field(where, "title", before.title, after.title, by)
        changes += _field(where, "max", before.max, after.max, by)
    old_indicators = {i.number: i for i in old.indicators()}
    new_indicators = {i.number: i for i in new.indicators()}
    for indicator in sorted(old_indicators.keys() | new_indicators.keys(), key=_number_key):
        changes += _indicator(indicator, old_indicators.get(indicator), new_indicators.get(indicator), removed_by)
    if old.recognition != new.recognition:
        by = _ids(new.recognition.amended_by) if new.recognition else ()
        changes.append(Change("recognition", "recognition", _recognition(old.recognition), _recognition(new.recognition), by))
    return changes


def _removed_by(new: ast.Document) -> dict[tuple[str, str], tuple[str, ...]]:
    """(kind, name) -> the amendments that removed it, as the newer side records them."""
    found: dict[tuple[str, str], tuple[str, ...]] = {}
    for removal in new.removed:
        found[(removal.kind, removal.name)] = _ids(removal.amended_by)
    return found


def _number_key(number: str) -> tuple[int, ...]:
    return tuple(int(p) for p in number.split(".") if p.isdigit())


def _recognition(recognition: ast.Recognition | None) -> str | None:
    if recognition is None:
        return None
    from ytxa_rules.syntax.formatter import requirement_text

    return "; ".join(requirement_text(r) for r in recognition.requirements)


def _declarations(old: ast.Document, new: ast.Document, removed_by: dict[tuple[str, str], tuple[str, ...]]) -> Iterator[Change]:
    for kind, before_all, after_all in (("fact", old.facts, new.facts), ("value", old.values, new.values)):
        before_by = {d.name: d for d in before_all}
        after_by = {d.name: d for d in after_all}
        for name in sorted(before_by.keys() | after_by.keys()):
            before, after = before_by.get(name), after_by.get(name)
            if before == after:
                continue
            by = _ids(after.amended_by) if after is not None else removed_by.get((kind, name), ())
            yield Change(f"{kind} {name}", kind, _declaration(before), _declaration(after), by)
    old_tables = {t.name: t for t in old.tables}
    new_tables = {t.name: t for t in new.tables}
    for name in sorted(old_tables.keys() | new_tables.keys()):
        before_table, after_table = old_tables.get(name), new_tables.get(name)
        if before_table is None or after_table is None:
            by = _ids(after_table.amended_by) if after_table is not None else removed_by.get(("table", name), ())
            yield Change(f"table {name}", "table", name if before_table else None, name if after_table else None, by)
            continue
        if before_table.keys != after_table.keys or before_table.description != after_table.description:
            before_keys, after_keys = ", ".join(before_table.keys), ", ".join(after_table.keys)
            yield Change(f"table {name}", "key", before_keys, after_keys, _ids(after_table.amended_by))
        before_entries = {e.label: e for e in before_table.entries}
        for entry in after_table.entries:
            previous = before_entries.get(entry.label)
            if previous is None or previous != entry:
                yield Change(
                    f"table {name} entry {entry.label}",
                    "entry",
                    _entry(previous),
                    _entry(entry),
                    _ids(entry.amended_by),
                )
        after_labels = {e.label for e in after_table.entries}
        for key in sorted(before_entries.keys() - after_labels):
            by = removed_by.get(("entry", f"{name} {key}"), _ids(after_table.amended_by))
            yield Change(f"table {name} entry {key}", "entry", _entry(before_entries[key]), None, by)


def _declaration(decl: ast.Fact | ast.Value | None) -> str | None:
    if decl is None:
        return None
    if isinstance(decl, ast.Value):
        return expr_text(decl.expr)
    bounds = "".join(f" {b.op} {expr_text(b.expr)}" for b in decl.bounds)
    kind = "one of " + ", ".join(decl.type.values) if decl.type.kind == "enum" else decl.type.kind
    return kind + bounds + (" optional" if decl.optional else "") + (f' "{decl.description}"' if decl.description else "")


def _entry(entry: ast.TableEntry | None) -> str | None:
    if entry is None:
        return None
    value = _text(entry.value) if entry.value is not None else "unknown"
    return value + (f" ({entry.status})" if entry.status else "")


def _indicator(
    number: str, old: ast.Indicator | None, new: ast.Indicator | None, removed_by: dict[tuple[str, str], tuple[str, ...]]
) -> Iterator[Change]:
    where = f"indicator {number}"
    if old is None or new is None:
        by = _ids(new.amended_by) if new else removed_by.get(("indicator", number), ())
        yield Change(where, "indicator", old.title if old else None, new.title if new else None, by)
        return
    by = _ids(new.amended_by)
    yield from _field(where, "title", old.title, new.title, by)
    yield from _field(where, "max", old.max, new.max, by)
    yield from _field(where, "status", old.status, new.status, by)
    yield from _field(where, "knockout", old.knockout, new.knockout, by)
    yield from _field(where, "cite", old.cite, new.cite, by)
    yield from _field(where, "not_applicable", old.not_applicable, new.not_applicable, by)
    if isinstance(old.rule, ast.Sum) and isinstance(new.rule, ast.Sum) and len(old.rule.parts) == len(new.rule.parts):
        for index, (old_part, new_part) in enumerate(zip(old.rule.parts, new.rule.parts), 1):
            yield from _field(f"{where} part {index}", "not_applicable", old_part.not_applicable, new_part.not_applicable, by)
    if old.rule == new.rule:
        return
    old_lists, new_lists = list(band_lists(old.rule)), list(band_lists(new.rule))
    same_shape = [w for w, _ in old_lists] == [w for w, _ in new_lists] and all(
        len(a.bands) == len(b.bands) for (_, a), (_, b) in zip(old_lists, new_lists)
    )
    if not same_shape:
        yield Change(where, "rule", _text(old.rule), _text(new.rule), by)
        return
    for (place, before_bands), (_, after_bands) in zip(old_lists, new_lists):
        for position, (before, after) in enumerate(zip(before_bands.bands, after_bands.bands), 1):
            band_where = f"{where}{' ' + place if place else ''} band {position}"
            yield from _band(band_where, before, after)


def _band(where: str, old: ast.Band, new: ast.Band) -> Iterator[Change]:
    by = _ids(new.amended_by)
    yield from _field(where, "points", old.points, new.points, by)
    if old.condition == new.condition:
        return
    old_cmp = [e for e in walk(old.condition) if isinstance(e, ast.Compare)] if old.condition else []
    new_cmp = [e for e in walk(new.condition) if isinstance(e, ast.Compare)] if new.condition else []
    if len(old_cmp) == len(new_cmp) == 1 and old_cmp[0].left == new_cmp[0].left:
        before, after = old_cmp[0], new_cmp[0]
        compare_by = _ids(after.amended_by) or by
        yield from _field(where, "operator", before.op, after.op, compare_by)
        yield from _field(where, "threshold", before.right, after.right, compare_by)
        if _strip(old.condition, before) == _strip(new.condition, after):
            return
    yield Change(where, "condition", _text(old.condition), _text(new.condition), by)


def _strip(condition: ast.Expr | None, compare: ast.Compare) -> str:
    """The condition's text with its one comparison blanked out (to see if only it changed)."""
    text = _text(condition)
    return text.replace(expr_text(compare), "◻")
