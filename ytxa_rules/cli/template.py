"""`ytxa template`: the XLSX data-entry workbook for the facts in force on a date."""

from __future__ import annotations

import argparse
import datetime
from pathlib import Path
from typing import Any, TextIO

from ytxa_rules.atomic import atomic_output
from ytxa_rules.cli.common import OK, Command, lang_option, load_spec, parse_date, spec_options
from ytxa_rules.diagnostics import error
from ytxa_rules.errors import UsageError, YtxaError
from ytxa_rules.facts.dictionary import data_dictionary
from ytxa_rules.facts.read import read_facts
from ytxa_rules.messages.batch import words
from ytxa_rules.resources import examples_dir

EXAMPLE = "xa-dat-chuan.yaml"  # the example row, from the examples shipped with the package


def _configure(sub: argparse.ArgumentParser) -> None:
    sub.add_argument("-o", "--output", required=True, metavar="FILE.xlsx", help="the workbook to write")
    spec_options(sub)
    sub.add_argument("--as-of", type=str, metavar="DATE", help="the facts in force on DATE (default today)")
    lang_option(sub)


def example_station() -> dict[str, Any] | None:
    """The example station shipped with the package, or None if it cannot be read."""
    try:
        facts, _ = read_facts(examples_dir() / EXAMPLE)
    except YtxaError:
        return None
    return facts


def _template(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    if Path(args.output).suffix.lower() != ".xlsx":
        raise UsageError([error("U023", None, path=args.output)])
    spec = load_spec(args)
    when = parse_date(args.as_of) if args.as_of else datetime.date.today()
    compiled = spec.at(when)
    entries = data_dictionary(compiled.document, compiled.scope.facts)
    example = example_station()
    from ytxa_rules.batch.template import write_template

    with atomic_output(args.output, "wb") as stream:
        write_template(stream, entries, spec.id, when, args.lang, example)
    print(words("written", args.lang, path=args.output), file=err)
    return OK


COMMANDS = (Command("template", "write the XLSX data-entry workbook for the facts in force on a date", _configure, _template),)
