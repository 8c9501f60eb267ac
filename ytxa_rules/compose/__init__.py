"""Base document + the amendments in force on a date = the document to evaluate.

Amendments are structural operations addressed by indicator number (and part, case,
band, comparison), applied in date order. Every node an amendment touches records it,
so traces can say "theo 1453/QĐ-BYT". An operation that targets nothing, or two
amendments changing the same thing with effect on the same day, is an error.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Sequence
from typing import Any

import attrs

from ytxa_rules import ast
from ytxa_rules.compose.nodes import Failed
from ytxa_rules.compose.operations import apply
from ytxa_rules.diagnostics import Diagnostic, error
from ytxa_rules.errors import SpecError
from ytxa_rules.syntax.excerpt import excerpt


def in_force(amendments: Iterable[ast.Amendment], as_of: datetime.date) -> list[ast.Amendment]:
    """Amendments effective on or before `as_of`, oldest first."""
    chosen = [a for a in amendments if a.effective is not None and a.effective <= as_of]
    return sorted(chosen, key=lambda a: (a.effective, a.issued or a.effective, a.id))


def check_headers(base: ast.Document, amendments: Sequence[ast.Amendment]) -> list[Diagnostic]:
    found = []
    for amendment in amendments:
        if amendment.effective is None:
            found.append(error("E505", amendment.span, document=excerpt(amendment.id)))
        elif base.effective is not None and amendment.effective < base.effective:
            found.append(error("E507", amendment.span, effective=amendment.effective, base=base.effective))
    return found


def compose(base: ast.Document, amendments: Sequence[ast.Amendment]) -> ast.Document:
    """Apply `amendments` (already chosen and ordered) to `base`; raise `SpecError` on any problem."""
    problems = check_headers(base, amendments) + _conflicts(amendments)
    document = base
    for amendment in amendments:
        ref = amendment.ref() if amendment.effective and amendment.amends else None
        if ref is None:
            continue
        for operation in amendment.operations:
            try:
                document = apply(document, operation, ref)
            except Failed as failure:
                problems.append(failure.diagnostic)
    if problems:
        raise SpecError(problems)
    return attrs.evolve(document, amended_by=tuple(a.ref() for a in amendments if a.effective and a.amends))


# ---------------------------------------------------------------- conflicts


def _key(operation: ast.Operation) -> tuple[Any, ...]:
    if isinstance(operation, ast.Change):
        target = operation.target
        if isinstance(target, ast.IndicatorTarget):
            return ("indicator", target.number, target.path, target.property)
        if isinstance(target, ast.CriterionTarget):
            return ("criterion", target.number, target.property)
        if isinstance(target, ast.TableEntryTarget):
            return ("table", target.table, target.key)
        if isinstance(target, ast.ValueTarget):
            return ("value", target.name)
        return ("document", target.property)
    if isinstance(operation, (ast.ReplaceRule, ast.RemoveIndicator)):
        return ("indicator", operation.indicator, "*")
    if isinstance(operation, ast.AddIndicator):
        return ("indicator", operation.indicator.number, "*")
    if isinstance(operation, ast.ReplaceRecognition):
        return ("recognition",)
    return ("declaration", operation.declaration.name)


def _clash(a: tuple[Any, ...], b: tuple[Any, ...]) -> bool:
    if a == b:
        return True
    if a[0] != "indicator" or a[:2] != b[:2]:
        return False
    if "*" in (a[2], b[2]):  # a whole rule replaced, or the indicator added or removed
        return True
    # The same band and property, one naming `comparison N` and the other leaving it out.
    without = [tuple(p for p in key[2] if p[0] != "comparison") for key in (a, b)]
    named = [any(p[0] == "comparison" for p in key[2]) for key in (a, b)]
    return without[0] == without[1] and a[3] == b[3] and named[0] != named[1]


def _describe(key: tuple[Any, ...]) -> str:
    """("indicator", "4", (("band", "1"),), "threshold") -> "indicator 4 band 1 threshold"."""
    words: list[str] = []
    for part in key:
        if isinstance(part, tuple):
            words.extend(f"{kind} {value}" for kind, value in part)
        elif part != "*":
            words.append(str(part))
    return " ".join(words)


def _conflicts(amendments: Sequence[ast.Amendment]) -> list[Diagnostic]:
    found = []
    # Only operations on the same date and the same kind of thing (the same indicator,
    # table, value…) can clash: compare within those groups, not every pair.
    seen: dict[tuple[Any, ...], list[tuple[tuple[Any, ...], ast.Amendment]]] = {}
    for amendment in amendments:
        for operation in amendment.operations:
            key = _key(operation)
            group = seen.setdefault((amendment.effective, *key[:2]), [])
            for other_key, other in group:
                if _clash(key, other_key):
                    if other is amendment:
                        found.append(error("E512", operation.span, amendment=excerpt(amendment.id), what=_describe(key)))
                    else:
                        date = amendment.effective
                        found.append(
                            error("E504", operation.span, what=_describe(key), date=date, first=excerpt(other.id), second=excerpt(amendment.id))
                        )
                    break
            group.append((key, amendment))
    return found
