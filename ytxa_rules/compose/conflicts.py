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
from typing import Any, assert_never

from ytxa_rules import ast
from ytxa_rules.compose.declarations import declaration_kind
from ytxa_rules.compose.nodes import localized
from ytxa_rules.diagnostics import Diagnostic, error
from ytxa_rules.syntax.excerpt import excerpt

WHOLE = ("*", "rule", "remove", "add")  # operations on the whole thing, not one property of it
BAND_PROPERTIES = ("operator", "threshold", "points", "condition")


def keys(operation: ast.Operation) -> list[tuple[Any, ...]]:
    """What an operation changes: (kind, name, detail, property)."""
    match operation:
        case ast.Change():
            return [_target_key(operation.target)]
        case ast.ReplaceRule():
            return [("indicator", operation.indicator, (), "rule")]
        case ast.RemoveIndicator():
            return [("indicator", operation.indicator, (), "remove")]
        case ast.AddIndicator():
            return [("indicator", operation.indicator.number, (), "add")]
        case ast.ReplaceRecognition():
            return [("recognition", "", (), "*")]
        case ast.ChangeEnumValues():
            verb = "add" if operation.add else "remove"
            return [("fact", operation.fact, (("values", v),), verb) for v in operation.values]
        case ast.AddTableEntries():
            return [("table", operation.table, (("entry", e.label),), "add") for e in operation.entries]
        case ast.RemoveTableEntry():
            return [("table", operation.table, (("entry", ", ".join(operation.keys)),), "remove")]
        case ast.RemoveDeclaration():
            return [(operation.kind, operation.name, (), "remove")]
        case ast.AddDeclaration():
            return [(declaration_kind(operation.declaration), operation.declaration.name, (), "add")]
        case ast.ReplaceDeclaration():
            return [(declaration_kind(operation.declaration), operation.declaration.name, (), "*")]
        case _:
            assert_never(operation)


def _target_key(target: ast.Target) -> tuple[Any, ...]:
    match target:
        case ast.IndicatorTarget():
            return ("indicator", target.number, target.path, target.property)
        case ast.CriterionTarget():
            return ("criterion", target.number, (), target.property)
        case ast.TableEntryTarget():
            return ("table", target.table, (("entry", ", ".join(target.keys)),), "value")
        case ast.ValueTarget():
            return ("value", target.name, (), "formula")
        case ast.FactTarget():
            return ("fact", target.name, (), target.property)
        case ast.DocumentTarget():
            return ("document", "", (), target.property)
        case _:
            assert_never(target)


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
