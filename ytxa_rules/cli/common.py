"""What every command shares: the `Command` record, exit codes, common options, spec loading."""

from __future__ import annotations

import argparse
import datetime
import gc
import json
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, TextIO

import attrs

from ytxa_rules.diagnostics import Diagnostic, error
from ytxa_rules.errors import UsageError
from ytxa_rules.selection import default_document, library_of

if TYPE_CHECKING:  # imported where used: `ytxa fmt` and `ytxa --help` never load the engine
    from ytxa_rules.api import Spec

__all__ = ["default_document", "library_of"]  # re-exported for the commands

OK, FINDINGS, BAD_INPUT = 0, 1, 2
# Set by the console script, which owns its process; `main()` called from Python (tests,
# embedders) leaves the caller's collector alone.
FREEZE_AFTER_LOAD = False

Runner = Callable[[argparse.Namespace, TextIO, TextIO], int]


@attrs.frozen
class Command:
    """One `ytxa` sub-command: its name, its help line, its options and what it runs."""

    name: str
    help: str
    configure: Callable[[argparse.ArgumentParser], None]
    run: Runner


def lang_option(sub: argparse.ArgumentParser) -> None:
    sub.add_argument("--lang", choices=("vi", "en"), default="vi", help="message language (default vi)")


def input_options(sub: argparse.ArgumentParser) -> None:
    """Options of every command that reads files of stations."""
    from ytxa_rules.facts.sources import FORMATS

    sub.add_argument("--sheet", metavar="NAME", help="the sheet of XLSX workbooks to read (default: the first)")
    sub.add_argument("--input-format", choices=FORMATS, help="format of standard input `-` (default: told from its content)")


def spec_options(sub: argparse.ArgumentParser) -> None:
    sub.add_argument("--spec", action="append", metavar="PATH", help="spec file or folder (default: built-in national criteria); repeatable")
    sub.add_argument("--document", metavar="ID", help="criteria set to use when several are loaded (default 1300/QĐ-BYT)")


def parse_date(text: str) -> datetime.date:
    try:
        return datetime.date.fromisoformat(text)
    except ValueError:
        raise UsageError([error("U005", None, text=text)]) from None


def load_spec(args: argparse.Namespace) -> Spec:
    """The criteria set chosen by `--spec` and `--document` (default: the built-in one)."""
    from ytxa_rules.api import Spec, load

    if not args.spec:
        spec = load(document=args.document)
    else:
        library = library_of(args.spec)
        spec = Spec(library, args.document or default_document(library))
    if FREEZE_AFTER_LOAD:
        # What is alive now (parser, spec texts, syntax trees) lives as long as the command:
        # out of the collector's sight, it is not walked again for every batch of results.
        gc.freeze()
    return spec


def json_findings(diagnostics: Sequence[Diagnostic], lang: str, out: TextIO) -> None:
    """Diagnostics as a JSON list, for pipelines and editors."""
    from ytxa_rules.messages import message

    payload = [
        {
            "code": d.code,
            "severity": d.severity,
            "file": d.span.file if d.span else None,
            "line": d.span.line if d.span else None,
            "column": d.span.column if d.span else None,
            "message": message(d, lang),
            "suggestion": d.arguments.get("suggestion"),
        }
        for d in diagnostics
    ]
    json.dump(payload, out, ensure_ascii=False, indent=2)
    out.write("\n")
