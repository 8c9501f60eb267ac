"""Base document + the amendments in force on a date = the document to evaluate.

Amendments are structural operations addressed by indicator number (and part, case,
band, comparison) or by the name of a fact, value or table, applied in date order.
Every node an amendment touches records it (with the operation's span), so traces can
say "theo 1453/QĐ-BYT" and errors found after composing can point at the operation.
An operation that targets nothing, or two amendments changing the same thing with
effect on the same day, is an error.
"""

from __future__ import annotations

import datetime
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

import attrs

from ytxa_rules import ast
from ytxa_rules.compose.conflicts import conflicts, describe, keys
from ytxa_rules.compose.declarations import still_used
from ytxa_rules.compose.nodes import Failed, localized
from ytxa_rules.compose.operations import apply
from ytxa_rules.diagnostics import Diagnostic, error, warning
from ytxa_rules.errors import SpecError
from ytxa_rules.syntax.excerpt import excerpt


def applies(amendment: ast.Amendment, facts: Mapping[str, Any] | None) -> bool:
    """Does a (possibly provincial) amendment apply to a station with these facts?

    Without facts (the national view: checking, diffing) only national amendments apply."""
    if not amendment.scope:
        return True
    if facts is None:
        return False
    for name, wanted in amendment.scope:
        given = facts.get(name)
        if not isinstance(given, str) or unicodedata.normalize("NFC", given).strip().casefold() != wanted.casefold():
            return False
    return True


def in_force(
    amendments: Iterable[ast.Amendment], as_of: datetime.date, facts: Mapping[str, Any] | None = None
) -> list[ast.Amendment]:
    """Amendments effective on or before `as_of` (and applying to the station), oldest first."""
    chosen = [a for a in amendments if a.effective is not None and a.effective <= as_of and applies(a, facts)]
    return sorted(chosen, key=lambda a: (a.effective, a.issued or a.effective, a.id))


def check_headers(base: ast.Document, amendments: Sequence[ast.Amendment]) -> list[Diagnostic]:
    found = []
    for amendment in amendments:
        if amendment.effective is None:
            found.append(error("E505", amendment.span, document=excerpt(amendment.id)))
        elif base.effective is not None and amendment.effective < base.effective and amendment.amends == base.id:
            found.append(error("E507", amendment.span, effective=amendment.effective, base=base.effective))
        if amendment.effective is not None and amendment.issued is not None and amendment.issued > amendment.effective:
            found.append(error("E111", amendment.span, issued=amendment.issued, effective=amendment.effective))
    return found


def compose(base: ast.Document, amendments: Sequence[ast.Amendment]) -> ast.Document:
    """Apply `amendments` (already chosen and ordered) to `base`; raise `SpecError` on any problem."""
    return compose_checked(base, amendments)[0]


def compose_checked(base: ast.Document, amendments: Sequence[ast.Amendment]) -> tuple[ast.Document, list[Diagnostic]]:
    """`compose`, also returning warnings: operations that change nothing (W520)."""
    problems = check_headers(base, amendments) + conflicts(amendments)
    warnings: list[Diagnostic] = []
    document = base
    for amendment in amendments:
        ref = amendment.ref() if amendment.effective and amendment.amends else None
        if ref is None:
            continue
        for operation in amendment.operations:
            try:
                changed = apply(document, operation, attrs.evolve(ref, span=operation.span))
            except Failed as failure:
                problems.append(failure.diagnostic)
                continue
            if changed == document and changed.removed == document.removed:
                what = localized({"what": describe(keys(operation)[0])})
                warnings.append(warning("W520", operation.span, amendment=excerpt(amendment.id), **what))
            document = changed
        problems.extend(still_used(document, amendment))
    if problems:
        raise SpecError(problems)
    refs = tuple(a.ref() for a in amendments if a.effective and a.amends)
    return attrs.evolve(document, amended_by=refs), warnings


__all__ = ["applies", "check_headers", "compose", "compose_checked", "in_force"]
