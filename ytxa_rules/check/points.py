"""Checks on points: maxima add up, bands stay within the maximum and can all be reached."""

from __future__ import annotations

from collections.abc import Iterator
from fractions import Fraction

from ytxa_rules import ast
from ytxa_rules.check.reachability import unreachable
from ytxa_rules.diagnostics import Diagnostic, error, warning
from ytxa_rules.syntax.unparse import decimal_text, expr_text
from ytxa_rules.tree import band_lists, max_points


def _at(preferred: ast.Span, fallback: ast.Span) -> ast.Span:
    """The written number's own span when it has one (built nodes have none)."""
    return preferred if preferred.line else fallback


def check_sums(doc: ast.Document) -> Iterator[Diagnostic]:
    for criterion in doc.criteria:
        total = sum((i.max.value for i in criterion.indicators), Fraction(0))
        if criterion.indicators and total != criterion.max.value:
            span = _at(criterion.max.span, criterion.span)
            yield error("E401", span, number=criterion.number, sum=decimal_text(total), max=decimal_text(criterion.max.value))
    if doc.total is not None:
        total = sum((c.max.value for c in doc.criteria), Fraction(0))
        if total != doc.total.value:
            yield error("E402", _at(doc.total.span, doc.span), sum=decimal_text(total), total=decimal_text(doc.total.value))


def check_bands(indicator: ast.Indicator) -> Iterator[Diagnostic]:
    maximum = indicator.max.value
    for _, bands in band_lists(indicator.rule):
        yield from _check_order(bands)
        for band in bands.bands:
            if band.points.value > maximum:
                yield error("E400", band.span, points=band.points.text, max=indicator.max.text, number=indicator.number)
    if indicator.rule is None:
        return
    best = max_points(indicator.rule)
    if isinstance(indicator.rule, ast.Sum) and best > maximum:
        yield error("E407", indicator.rule.span, number=indicator.number, points=decimal_text(best), max=indicator.max.text)
    elif best < maximum:
        yield warning("W410", indicator.span, number=indicator.number, max=indicator.max.text)


def _check_order(bands: ast.Bands) -> Iterator[Diagnostic]:
    items = bands.bands
    for index, band in enumerate(items):
        if band.condition is None and index < len(items) - 1:
            yield error("E404", band.span)
    for index, earlier_index in unreachable(items):
        band, earlier = items[index], items[earlier_index]
        if earlier.condition == band.condition:
            yield error("E413", band.span, band=index + 1, earlier=earlier_index + 1)
        else:
            yield error("E403", band.span, band=index + 1, earlier=earlier_index + 1, condition=_source_text(earlier))


def _source_text(band: ast.Band) -> str:
    return expr_text(band.condition) if band.condition is not None else "otherwise"
