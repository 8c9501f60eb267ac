"""`ytxa test`: run spec tests (station, date, expected results) against a criteria set.

Exit codes: 0 every test passed; 1 a test failed; 2 a test file or argument is wrong
(nothing is run then).
"""

from __future__ import annotations

import argparse
import re
from pathlib import Path
from typing import TextIO

from ytxa_rules.api import Spec
from ytxa_rules.cli.common import BAD_INPUT, FINDINGS, OK, Command, json_findings, lang_option, load_spec, spec_options
from ytxa_rules.diagnostics import error
from ytxa_rules.errors import UsageError
from ytxa_rules.messages.commands import COMMAND_WORDS
from ytxa_rules.messages.texts import both
from ytxa_rules.render.escape import one_line
from ytxa_rules.resources import builtin_specs_dir
from ytxa_rules.spectest import SpecTestError, load_tests, report_json, report_text, run_tests, selected

TESTS_FOLDER = "tests"


def _configure(sub: argparse.ArgumentParser) -> None:
    sub.add_argument("paths", nargs="*", metavar="PATH", help="test files or folders of *.yaml (default: the tests/ folder of each --spec folder, else of the built-in specs)")
    spec_options(sub)
    sub.add_argument("--run", metavar="PATTERN", help="run only the tests whose name matches this regular expression")
    sub.add_argument("--format", choices=("text", "json"), default="text")
    lang_option(sub)


def _default_paths(args: argparse.Namespace) -> list[str]:
    folders = [Path(p) for p in args.spec or [] if Path(p).is_dir()] or [builtin_specs_dir()]
    return [str(folder / TESTS_FOLDER) for folder in folders]


def _pattern(args: argparse.Namespace) -> re.Pattern[str] | None:
    if args.run is None:
        return None
    try:
        return re.compile(args.run)
    except re.error as exc:
        raise UsageError([error("U080", None, reason=str(exc))]) from None


def _test(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    pattern = _pattern(args)
    paths = args.paths or _default_paths(args)
    try:
        test_files, sources = load_tests(paths)
    except SpecTestError as exc:
        if args.format == "json":
            json_findings(exc.diagnostics, args.lang, out)
        print(exc.render(args.lang), file=err)
        return BAD_INPUT
    if not any(True for _ in selected(test_files, pattern)):
        shown = ", ".join(f"`{one_line(p)}`" for p in paths)
        run = one_line(args.run or "")
        pattern_words = both(COMMAND_WORDS, "test.matching", run=run) if args.run else both(COMMAND_WORDS, "test.all")
        raise UsageError([error("U081", None, paths=shown, pattern=pattern_words)])
    spec = load_spec(args)

    def spec_for(document: str | None) -> Spec:
        return spec if document is None or document == spec.id else Spec(spec.library, document)

    outcomes = run_tests(test_files, spec_for, pattern)
    if args.format == "json":
        report_json(outcomes, args.lang, out, sources)
    else:
        report_text(outcomes, args.lang, out, sources)
    return OK if all(o.passed for o in outcomes) else FINDINGS


COMMANDS = (Command("test", "run spec tests: stations with expected scores, on a date", _configure, _test),)
