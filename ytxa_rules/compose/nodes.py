"""Small helpers shared by the amendment operations."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import attrs

from ytxa_rules import ast
from ytxa_rules.compose.places import place
from ytxa_rules.diagnostics import Diagnostic, error


class Failed(Exception):
    """An operation that cannot be applied; carries its located diagnostic."""

    def __init__(self, diagnostic: Diagnostic):
        super().__init__(diagnostic.code)
        self.diagnostic = diagnostic


def fail(code: str, span: ast.Span, **args: Any) -> Failed:
    return Failed(error(code, span, **localized(args)))


PLACE_ARGUMENTS = ("kind", "where", "what")


def localized(args: dict[str, Any]) -> dict[str, Any]:
    """Places written as keywords ("indicator 4 band 1") become words in both languages."""
    return {k: place(*v.split()) if k in PLACE_ARGUMENTS and isinstance(v, str) else v for k, v in args.items()}


def mark(node: Any, ref: ast.AmendmentRef) -> Any:
    """The same node, recording that `ref` changed it."""
    return attrs.evolve(node, amended_by=(*node.amended_by, ref))


def map_indicator(
    doc: ast.Document, number: str, span: ast.Span, change: Callable[[ast.Indicator], ast.Indicator]
) -> ast.Document:
    """The document with indicator `number` changed; only its criterion is rebuilt."""
    for position, criterion in enumerate(doc.criteria):
        for index, indicator in enumerate(criterion.indicators):
            if indicator.number == number:
                indicators = (*criterion.indicators[:index], change(indicator), *criterion.indicators[index + 1 :])
                rebuilt = attrs.evolve(criterion, indicators=indicators)
                return attrs.evolve(doc, criteria=(*doc.criteria[:position], rebuilt, *doc.criteria[position + 1 :]))
    raise fail("E500", span, number=number)
