"""Spec tests as data: what a test file says, and how each test came out.

Every piece keeps the span where it was written in the test file, so a failure points at
the expectation that did not hold and a bad fact at the line that set it.
"""

from __future__ import annotations

import datetime
from fractions import Fraction
from typing import Any

import attrs

from ytxa_rules import ast
from ytxa_rules.diagnostics import Diagnostic

STATUSES = ("scored", "not_applicable", "missing_data")
VERDICTS = {"passed": True, "failed": False, "undecided": None}


@attrs.frozen
class IndicatorExpectation:
    number: str
    points: Fraction | None
    status: str | None
    span: ast.Span


@attrs.frozen
class Expectation:
    """What a test expects; a field left None is not checked."""

    total: Fraction | None = None
    max: Fraction | None = None
    verdict: str | None = None  # passed | failed | undecided
    indicators: tuple[IndicatorExpectation, ...] = ()
    errors: tuple[str, ...] | None = None  # codes: scoring must be refused with exactly these
    warnings: tuple[str, ...] | None = None  # codes of the plausibility warnings of the result
    spans: dict[str, ast.Span] = attrs.field(factory=dict, eq=False)

    @property
    def empty(self) -> bool:
        return (self.total, self.max, self.verdict, self.errors, self.warnings) == (None,) * 5 and not self.indicators


@attrs.frozen
class SpecTest:
    """One test: a station (a base example plus overrides) scored on a date."""

    file: str
    name: str
    span: ast.Span
    as_of: datetime.date | None
    facts: dict[str, Any]  # the station as scored: the example's facts, overridden, minus removed
    where: dict[str, ast.Span]  # where each fact was written (test file or example file)
    expect: Expectation
    example: str | None = None


@attrs.frozen
class TestFile:
    path: str
    tests: tuple[SpecTest, ...]
    document: str | None = None


@attrs.frozen
class Mismatch:
    """One expectation that did not hold; values already in words of the reader's language
    are built by the report, so these stay data (numbers, codes, statuses)."""

    what: str  # total | max | verdict | points | status | indicator | errors | warnings
    expected: Any
    actual: Any
    indicator: str | None = None
    span: ast.Span | None = None


@attrs.frozen
class Outcome:
    """A test's result: passed when there is no mismatch."""

    test: SpecTest
    mismatches: tuple[Mismatch, ...]
    result: Any = attrs.field(default=None, eq=False)  # the engine's Result, when it scored
    diagnostics: tuple[Diagnostic, ...] = ()  # the refusal, when it did not
    sources: dict[str, str] = attrs.field(factory=dict, eq=False)

    @property
    def passed(self) -> bool:
        return not self.mismatches
