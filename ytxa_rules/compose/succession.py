"""A new decision replacing an old one from a date, and documents that expire.

`replaces "1300/QĐ-BYT" from 2027-01-01` makes the new document the one in force from that
date: asking the old one for a later date gives the new one. Every amendment of the old
document in force before the replacement must be named, `carries` (its operations are
applied to the new document too) or `drops` (deliberately left behind): a correction is
never lost silently. `expires DATE` ends a document with no successor.
"""

from __future__ import annotations

import datetime

from ytxa_rules import ast
from ytxa_rules.diagnostics import Diagnostic, error
from ytxa_rules.library import Library
from ytxa_rules.syntax.excerpt import excerpt


def successor(library: Library, document_id: str, as_of: datetime.date) -> str | None:
    """The document that replaces `document_id` on `as_of`, if any."""
    for other_id, source in sorted(library.documents.items()):
        tree = source.tree
        if isinstance(tree, ast.Document) and tree.replaces and tree.replaces.document == document_id and tree.replaces.start <= as_of:
            return other_id
    return None


def _old_amendments(library: Library, document: ast.Document) -> dict[str, ast.Amendment]:
    if document.replaces is None:
        return {}
    group = library.amendments.get(document.replaces.document, ())
    return {s.tree.id: s.tree for s in group if isinstance(s.tree, ast.Amendment)}


def carried(library: Library, document: ast.Document) -> list[ast.Amendment]:
    """The old document's amendments that `document` carries over."""
    old = _old_amendments(library, document)
    return [old[name] for name in document.carries if name in old]


def check_succession(library: Library, document: ast.Document) -> list[Diagnostic]:
    succession = document.replaces
    if succession is None:
        if document.carries or document.drops:
            return [error("E528", document.span, document=excerpt(document.id))]
        return []
    span = succession.span
    if succession.document not in library.documents:
        return [error("E529", span, document=excerpt(document.id), old=excerpt(succession.document))]
    old = _old_amendments(library, document)
    found = []
    for name in (*document.carries, *document.drops):
        if name not in old:
            found.append(error("E530", span, amendment=excerpt(name), old=excerpt(succession.document)))
    for amendment in old.values():
        if amendment.effective is None:
            continue
        if amendment.effective < succession.start and amendment.id not in (*document.carries, *document.drops):
            found.append(error("E531", span, amendment=excerpt(amendment.id), old=excerpt(succession.document)))
        elif amendment.effective >= succession.start:
            found.append(
                error("E532", amendment.span, amendment=excerpt(amendment.id), date=amendment.effective,
                      old=excerpt(succession.document), new=excerpt(document.id), start=succession.start)
            )
    return found
