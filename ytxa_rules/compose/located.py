"""Errors that appear only after composing, reported at the amendment operation that caused them.

The checker sees the composed document, whose nodes keep the spans of the base file where
they were first written. A finding inside a node an amendment changed is moved to that
amendment's operation (the composed text is what the operation wrote), with a note at the
base line it came from.
"""

from __future__ import annotations

from typing import Any

from ytxa_rules import ast
from ytxa_rules.compose.declarations import walk
from ytxa_rules.diagnostics import Diagnostic, note


def _contains(outer: ast.Span, inner: ast.Span) -> bool:
    return (
        outer.file == inner.file
        and (outer.line, outer.column) <= (inner.line, inner.column)
        and (inner.end_line, inner.end_column) <= (outer.end_line, outer.end_column)
    )


def _size(span: ast.Span) -> tuple[int, int]:
    return (span.end_line - span.line, span.end_column - span.column)


def _cause(document: ast.Document, span: ast.Span) -> ast.AmendmentRef | None:
    """The last amendment operation that changed the smallest node around `span`."""
    best: tuple[tuple[int, int], ast.AmendmentRef] | None = None
    for node in walk((document.facts, document.values, document.tables, document.criteria, document.recognition)):
        refs: Any = getattr(node, "amended_by", ())
        node_span = getattr(node, "span", None)
        if not refs or node_span is None or not _contains(node_span, span):
            continue
        ref = refs[-1]
        if ref.span.file == ast.NO_SPAN.file:
            continue
        size = _size(node_span)
        if best is None or size < best[0]:
            best = (size, ref)
    return best[1] if best is not None else None


def at_the_cause(document: ast.Document, diagnostic: Diagnostic, base_file: str) -> list[Diagnostic]:
    """`diagnostic`, moved to the amendment operation behind it (with a note at the base line)."""
    span = diagnostic.span
    if span is None or span.file != base_file:
        return [diagnostic]
    ref = _cause(document, span)
    if ref is None:
        return [diagnostic]
    moved = Diagnostic(diagnostic.code, diagnostic.severity, ref.span, diagnostic.arguments)
    return [moved, note("N001", span, amendment=ref.id, date=ref.effective)]
