"""Spec tests: a station, a date and the results a policy editor expects (`ytxa test`).

    from ytxa_rules import spectest
    files, sources = spectest.load_tests(["criteria_specs/tests"])
    outcomes = spectest.run_tests(files, lambda document: ytxa_rules.load(document=document))
    spectest.report_text(outcomes, "vi", sys.stdout)   # or report_json / to_dict

`load` reads and checks the files (SpecTestError, located), `run` scores each station
through the public API, `report` renders the outcomes. The format is in docs/spec-tests.md.
"""

from ytxa_rules.spectest.load import SpecTestError, load_tests, parse_tests
from ytxa_rules.spectest.model import Expectation, IndicatorExpectation, Mismatch, Outcome, SpecTest, TestFile
from ytxa_rules.spectest.report import report_json, report_text, to_dict
from ytxa_rules.spectest.run import run_test, run_tests, selected

__all__ = [
    "Expectation",
    "IndicatorExpectation",
    "Mismatch",
    "Outcome",
    "SpecTest",
    "SpecTestError",
    "TestFile",
    "load_tests",
    "parse_tests",
    "run_test",
    "run_tests",
    "selected",
    "report_json",
    "report_text",
    "to_dict",
]
