"""`ytxa check`: static checks of spec files, as text or JSON findings."""

from __future__ import annotations

import argparse
from typing import TextIO

from ytxa_rules.api import Spec
from ytxa_rules.cli.common import FINDINGS, OK, Command, json_findings, lang_option, library_of
from ytxa_rules.diagnostics import WARNING
from ytxa_rules.errors import SpecError
from ytxa_rules.messages import render_diagnostics
from ytxa_rules.messages.commands import COMMAND_WORDS
from ytxa_rules.messages.texts import pick
from ytxa_rules.plans.check import check_plans
from ytxa_rules.resources import builtin_specs_dir


def _configure(check: argparse.ArgumentParser) -> None:
    check.add_argument("paths", nargs="*", metavar="PATH", help="spec files or folders (default: built-in)")
    check.add_argument("--werror", action="store_true", help="warnings fail too")
    check.add_argument("--format", choices=("text", "json"), default="text")
    lang_option(check)


def _check(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    try:
        library = library_of(args.paths or [str(builtin_specs_dir())])
    except SpecError as exc:  # a file that does not parse is a finding of `check`, not bad usage
        if args.format == "json":
            json_findings(exc.diagnostics, args.lang, out)
        else:
            print(exc.render(args.lang), file=out)
        return FINDINGS
    diagnostics = []
    for document_id in sorted(library.documents):
        diagnostics.extend(Spec(library, document_id).check())
    diagnostics.extend(check_plans(library))
    sources = library.sources()
    errors = [d for d in diagnostics if d.is_error]
    warnings = [d for d in diagnostics if d.severity == WARNING]
    if args.format == "json":
        json_findings(diagnostics, args.lang, out)
    else:
        if diagnostics:
            print(render_diagnostics(diagnostics, args.lang, sources), file=out)
        plans = pick(COMMAND_WORDS, "check.plans", args.lang, count=len(library.plans)) if library.plans else ""
        amendments = sum(len(v) for v in library.amendments.values())
        summary_line = pick(
            COMMAND_WORDS, "check.summary", args.lang, documents=len(library.documents), amendments=amendments,
            plans=plans, errors=len(errors), warnings=len(warnings),
        )  # fmt: skip
        print(summary_line, file=out)
    return FINDINGS if errors or (args.werror and warnings) else OK


COMMANDS = (Command("check", "static checks of spec files", _configure, _check),)
