"""Counts the language bounds (E124–E127): bands, table entries, `one of` values, indicators.

Each count is far above what a decision needs and keeps checking and compiling a spec
quick; see `ytxa_rules.limits`.
"""

from __future__ import annotations

from collections.abc import Iterator

from ytxa_rules import ast
from ytxa_rules.diagnostics import Diagnostic, error
from ytxa_rules.limits import MAX_BANDS_PER_INDICATOR, MAX_ENUM_VALUES, MAX_INDICATORS, MAX_TABLE_ENTRIES
from ytxa_rules.tree import band_lists


def check_sizes(doc: ast.Document) -> Iterator[Diagnostic]:
    indicators = doc.indicators()
    if len(indicators) > MAX_INDICATORS:
        yield error("E127", indicators[MAX_INDICATORS].span, count=len(indicators), limit=MAX_INDICATORS)
    for indicator in indicators:
        bands = [band for _, listed in band_lists(indicator.rule) for band in listed.bands]
        if len(bands) > MAX_BANDS_PER_INDICATOR:  # pointed at the first band too many
            limit = MAX_BANDS_PER_INDICATOR
            yield error("E124", bands[limit].span, number=indicator.number, count=len(bands), limit=limit)
    for table in doc.tables:
        if len(table.entries) > MAX_TABLE_ENTRIES:
            yield error("E125", table.span, table=table.name, count=len(table.entries), limit=MAX_TABLE_ENTRIES)
    for fact in doc.facts:
        if len(fact.type.values) > MAX_ENUM_VALUES:
            yield error("E126", fact.span, name=fact.name, count=len(fact.type.values), limit=MAX_ENUM_VALUES)
