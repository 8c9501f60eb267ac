"""Static checks of a criteria document: every finding located, coded and graded.

One module per family of checks; this module only runs them in a stable order.
"""

from __future__ import annotations

from collections.abc import Mapping

from ytxa_rules import ast
from ytxa_rules.check.declarations import check_header, check_names, check_tables, check_unused
from ytxa_rules.check.expressions import check_expressions
from ytxa_rules.check.points import check_bands, check_sums
from ytxa_rules.check.scope import Scope
from ytxa_rules.check.size import check_sizes
from ytxa_rules.check.structure import check_indicator, check_recognition
from ytxa_rules.diagnostics import Diagnostic, error
from ytxa_rules.syntax.excerpt import excerpt


def check_document(doc: ast.Document, used: Mapping[str, ast.Document] | None = None) -> list[Diagnostic]:
    """All findings for `doc`; `used` maps each document id named in `uses` to its AST."""
    used = dict(used or {})
    scope = Scope.of(doc, used)
    found: list[Diagnostic] = []
    for use in doc.uses:
        if use.document not in used:
            found.append(error("E219", use.span, document=excerpt(use.document)))
    found.extend(check_sizes(doc))
    found.extend(check_header(doc, scope))
    found.extend(check_names(doc, scope))
    found.extend(check_tables(doc, scope))
    found.extend(check_expressions(doc, scope))
    found.extend(check_sums(doc))
    for indicator in doc.indicators():
        found.extend(check_indicator(indicator))
        found.extend(check_bands(indicator))
    found.extend(check_recognition(doc))
    found.extend(check_unused(doc, scope))
    return sorted(found, key=_order)


def _order(diagnostic: Diagnostic) -> tuple[str, int, int, str]:
    span = diagnostic.span
    if span is None:
        return ("", 0, 0, diagnostic.code)
    return (span.file, span.line, span.column, diagnostic.code)
