"""Run spec tests: score each test's station through the public API and compare.

Each test goes through `Spec.evaluate` exactly as `ytxa explain` would (with the trace,
so a failure can show the explanation lines), on the test's date; a refusal (bad facts,
a date before the document, a spec that does not compose) is an outcome to compare with
`errors`, never a crash of the run.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from fractions import Fraction

from ytxa_rules.api import Spec
from ytxa_rules.diagnostics import Diagnostic
from ytxa_rules.errors import YtxaError
from ytxa_rules.spectest.model import VERDICTS, Mismatch, Outcome, SpecTest, TestFile

SpecFor = Callable[[str | None], Spec]


def selected(test_files: Iterable[TestFile], pattern: re.Pattern[str] | None = None) -> Iterator[tuple[TestFile, SpecTest]]:
    """The tests to run, in file order; `pattern` (`--run`) is searched in each test's name."""
    for test_file in test_files:
        for test in test_file.tests:
            if pattern is None or pattern.search(test.name):
                yield test_file, test


def run_test(spec: Spec, test: SpecTest) -> Outcome:
    """Score one test's station and list every expectation that did not hold."""
    try:
        result = spec.evaluate(test.facts, test.as_of, trace=True, where=test.where)
    except YtxaError as exc:
        return _refused(test, exc)
    expect = test.expect
    mismatches: list[Mismatch] = []
    spans = expect.spans
    if expect.errors:
        mismatches.append(Mismatch("errors", tuple(sorted(expect.errors)), (), span=spans.get("errors")))
    if expect.total is not None and Fraction(result.total) != expect.total:
        mismatches.append(Mismatch("total", expect.total, Fraction(result.total), span=spans.get("total")))
    if expect.max is not None and Fraction(result.max) != expect.max:
        mismatches.append(Mismatch("max", expect.max, Fraction(result.max), span=spans.get("max")))
    if expect.verdict is not None and VERDICTS[expect.verdict] is not result.passed:
        actual = next(name for name, value in VERDICTS.items() if value is result.passed)
        mismatches.append(Mismatch("verdict", expect.verdict, actual, span=spans.get("verdict")))
    for wanted in expect.indicators:
        try:
            indicator = result.indicator(wanted.number)
        except KeyError:
            mismatches.append(Mismatch("indicator", wanted.number, None, wanted.number, wanted.span))
            continue
        if wanted.points is not None and indicator.points != wanted.points:
            mismatches.append(Mismatch("points", wanted.points, indicator.points, wanted.number, wanted.span))
        if wanted.status is not None and indicator.status != wanted.status:
            mismatches.append(Mismatch("status", wanted.status, indicator.status, wanted.number, wanted.span))
    if expect.warnings is not None:
        actual_warnings = tuple(sorted({w.code for w in result.warnings}))
        if actual_warnings != tuple(sorted(set(expect.warnings))):
            mismatches.append(Mismatch("warnings", tuple(sorted(set(expect.warnings))), actual_warnings, span=spans.get("warnings")))
    return Outcome(test, tuple(mismatches), result=result)


def _refused(test: SpecTest, exc: YtxaError) -> Outcome:
    diagnostics: tuple[Diagnostic, ...] = exc.diagnostics
    actual = tuple(sorted({d.code for d in diagnostics if d.is_error}))
    wanted = tuple(sorted(set(test.expect.errors or ())))
    mismatches = [] if wanted and wanted == actual else [Mismatch("errors", wanted, actual, span=test.expect.spans.get("errors"))]
    return Outcome(test, tuple(mismatches), diagnostics=diagnostics, sources=exc.sources)


def run_tests(test_files: Iterable[TestFile], spec_for: SpecFor, pattern: re.Pattern[str] | None = None) -> list[Outcome]:
    """Every selected test's outcome, in order. `spec_for(document)` gives the criteria
    set a file names (`document:`), or the default one for None."""
    specs: dict[str | None, Spec] = {}
    outcomes = []
    for test_file, test in selected(test_files, pattern):
        key = test_file.document
        if key not in specs:
            specs[key] = spec_for(key)
        outcomes.append(run_test(specs[key], test))
    return outcomes
