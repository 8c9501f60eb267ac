"""Two operations that change the same thing: E504 across amendments, E512 within one.

Within one amendment operations apply in order, so a coherent restructuring is allowed:
retitle an indicator and replace its rule, or remove it and add it again under the same
number (likewise a fact, value, table or table entry). Changing one thing twice, or a band
of a rule the amendment also replaces, stays an error. Across amendments taking effect on
the same day (and applying to the same stations) any overlap is an error: the law must
say which applies.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from ytxa_rules import ast
from ytxa_rules.compose.nodes import localized
from ytxa_rules.diagnostics import Diagnostic, error
from ytxa_rules.syntax.excerpt import excerpt

WHOLE = ("*", "rule", "remove", "add")  # operations on the whole thing, not one property of it
BAND_PROPERTIES = ("operator", "threshold", "points", "condition")


def keys(operation: ast.Operation) -> list[tuple[Any, ...]]:
    """What an operation changes: (kind, name, detail, property)."""
    if isinstance(operation, ast.Change):
        target = operation.target
        if isinstance(target, ast.IndicatorTarget):
            return [("indicator", target.number, target.path, target.property)]
        if isinstance(target, ast.CriterionTarget):
            return [("criterion", target.number, (), target.property)]
        if isinstance(target, ast.TableEntryTarget):
            return [("table", target.table, (("entry", ", ".join(target.keys)),), "value")]
        if isinstance(target, ast.ValueTarget):
            return [("value", target.name, (), "formula")]
        if isinstance(target, ast.FactTarget):
            return [("fact", target.name, (), target.property)]
        return [("document", "", (), target.property)]
    if isinstance(operation, ast.ReplaceRule):
        return [("indicator", operation.indicator, (), "rule")]
    if isinstance(operation, ast.RemoveIndicator):
        return [("indicator", operation.indicator, (), "remove")]
    if isinstance(operation, ast.AddIndicator):
        return [("indicator", operation.indicator.number, (), "add")]
    if isinstance(operation, ast.ReplaceRecognition):
        return [("recognition", "", (), "*")]
    if isinstance(operation, ast.ChangeEnumValues):
        return [("fact", operation.fact, (("values", v),), "add" if operation.add else "remove") for v in operation.values]
    if isinstance(operation, ast.AddTableEntries):
        return [("table", operation.table, (("entry", e.label),), "add") for e in operation.entries]
    if isinstance(operation, ast.RemoveTableEntry):
        return [("table", operation.table, (("entry", ", ".join(operation.keys)),), "remove")]
    if isinstance(operation, ast.RemoveDeclaration):
        return [(operation.kind, operation.name, (), "remove")]
    if isinstance(operation, (ast.AddDeclaration, ast.ReplaceDeclaration)):
        declaration = operation.declaration
        kind = "fact" if isinstance(declaration, ast.Fact) else "value" if isinstance(declaration, ast.Value) else "table"
        return [(kind, declaration.name, (), "add" if isinstance(operation, ast.AddDeclaration) else "*")]
    raise AssertionError(operation)


def _whole(key: tuple[Any, ...]) -> bool:
    return key[3] in WHOLE and not key[2]


def _overlap(a: tuple[Any, ...], b: tuple[Any, ...]) -> bool:
    """Do two operations on the same thing touch the same part of it?"""
    if a == b:
        return True
    if _whole(a) or _whole(b):
        return True
    if a[0] != "indicator":  # two properties of one fact are two things; one entry or value is one
        return a[2] == b[2] and (bool(a[2]) or a[3] == b[3])
    # The same band and property, one naming `comparison N` and the other leaving it out.
    without = [tuple(p for p in key[2] if p[0] != "comparison") for key in (a, b)]
    named = [any(p[0] == "comparison" for p in key[2]) for key in (a, b)]
    return without[0] == without[1] and a[3] == b[3] and named[0] != named[1]


def _coherent(first: tuple[Any, ...], then: tuple[Any, ...]) -> bool:
    """May one amendment do `first` and then `then`? (both touch the same thing)"""
    if first[3] == "remove" and then[3] == "add" and first[2] == then[2]:
        return True  # removed and added again: a restructuring
    if first == then:
        return False
    if first[0] == "indicator" and "rule" in (first[3], then[3]):
        other = then if first[3] == "rule" else first
        return not other[2] and other[3] not in BAND_PROPERTIES and other[3] not in WHOLE
    return not _overlap(first, then)


def describe(key: tuple[Any, ...]) -> str:
    """("indicator", "4", (("band", "1"),), "threshold") -> "indicator 4 band 1 threshold"."""
    kind, name, path, prop = key
    words = [kind, str(name)] if name != "" else [kind]
    words.extend(f"{k} {v}" for k, v in path)
    if prop not in WHOLE:
        words.append(prop)
    return " ".join(words)


def conflicts(amendments: Sequence[ast.Amendment]) -> list[Diagnostic]:
    found = []
    # Only operations on the same date and the same thing (the same indicator, table,
    # fact…) can clash: compare within those groups, not every pair.
    seen: dict[tuple[Any, ...], list[tuple[tuple[Any, ...], ast.Amendment]]] = {}
    for amendment in amendments:
        for operation in amendment.operations:
            for key in keys(operation):
                group = seen.setdefault((amendment.effective, *key[:2]), [])
                for other_key, other in group:
                    if other is amendment:
                        if not _coherent(other_key, key):
                            args = localized({"what": describe(key)})
                            found.append(error("E512", operation.span, amendment=excerpt(amendment.id), **args))
                            break
                    elif _overlap(key, other_key) and _same_stations(amendment, other):
                        args = localized({"what": describe(key)})
                        found.append(error("E504", operation.span, date=amendment.effective, first=excerpt(other.id), second=excerpt(amendment.id), **args))
                        break
                group.append((key, amendment))
    return found


def _same_stations(a: ast.Amendment, b: ast.Amendment) -> bool:
    """Amendments scoped to different provinces never apply to the same station."""
    return not a.scope or not b.scope or a.scope == b.scope
