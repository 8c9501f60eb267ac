"""The data dictionary: every fact a criteria set reads, with what it may hold and who reads it.

One entry per fact in force on a date: its name, kind (and choices), bounds, whether it
is optional, its description, and the indicators that read it (directly, or through a
derived value or a table). The data-entry template, the criteria reference page and the
docs are generated from it, so they cannot disagree with the spec.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from fractions import Fraction

import attrs

from ytxa_rules import ast
from ytxa_rules.syntax.unparse import expr_text
from ytxa_rules.tree import branch_keys, indicator_expressions, referenced_names


@attrs.frozen
class FactEntry:
    name: str
    kind: str  # bool | count | decimal | percent | year | text | enum
    values: tuple[str, ...]  # the choices of a `one of` fact
    bounds: tuple[tuple[str, str], ...]  # (">=" or "<=", the bound as written)
    optional: bool
    description: str
    indicators: tuple[str, ...]  # numbers of the indicators that read it
    low: Fraction | None  # the largest constant lower bound (0 for counts, 0 for percents)
    high: Fraction | None  # the smallest constant upper bound (100 for percents)


def _constant_bounds(fact: ast.Fact) -> tuple[Fraction | None, Fraction | None]:
    low: Fraction | None = Fraction(0) if fact.type.kind in ("count", "percent") else None
    high: Fraction | None = Fraction(100) if fact.type.kind == "percent" else None
    if fact.type.kind == "year":
        low, high = Fraction(1900), Fraction(2100)
    for bound in fact.bounds:
        if not isinstance(bound.expr, ast.Number):
            continue
        value = Fraction(bound.expr.value)
        if bound.op == ">=":
            low = value if low is None else max(low, value)
        else:
            high = value if high is None else min(high, value)
    return low, high


def _reads(indicator: ast.Indicator, document: ast.Document) -> Iterator[str]:
    """Names of the facts an indicator reads, through values and tables too."""
    values = {v.name: v for v in document.values}
    tables = {t.name: t for t in document.tables}
    pending = [n for e in indicator_expressions(indicator) for n in referenced_names(e)]
    pending += [b.key for b in branch_keys(indicator.rule)]
    seen: set[str] = set()
    while pending:
        name = pending.pop()
        if name in seen:
            continue
        seen.add(name)
        if name in values:
            pending.extend(referenced_names(values[name].expr))
        elif name in tables:
            pending.extend(tables[name].keys)
        else:
            yield name


def data_dictionary(document: ast.Document, facts: Mapping[str, ast.Fact] | None = None) -> tuple[FactEntry, ...]:
    """Entries for `facts` (default: the document's own), in declaration order."""
    chosen = dict(facts) if facts is not None else {f.name: f for f in document.facts}
    readers: dict[str, list[str]] = {name: [] for name in chosen}
    for indicator in document.indicators():
        for name in dict.fromkeys(_reads(indicator, document)):
            if name in readers:
                readers[name].append(indicator.number)
    entries = []
    for fact in chosen.values():
        low, high = _constant_bounds(fact)
        entries.append(
            FactEntry(
                name=fact.name,
                kind=fact.type.kind,
                values=fact.type.values,
                bounds=tuple((b.op, expr_text(b.expr)) for b in fact.bounds),
                optional=fact.optional,
                description=fact.description,
                indicators=tuple(readers[fact.name]),
                low=low,
                high=high,
            )
        )
    return tuple(entries)
