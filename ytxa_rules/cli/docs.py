"""`ytxa docs`: the criteria reference page (Markdown) generated from a spec."""

from __future__ import annotations

import argparse
import datetime
from typing import TextIO

from ytxa_rules.api import Spec
from ytxa_rules.atomic import check_target, write_text_atomic
from ytxa_rules.cli.common import OK, Command, default_document, lang_option, library_of, parse_date
from ytxa_rules.render.reference import criteria_reference
from ytxa_rules.resources import builtin_specs_dir


def _configure(docs: argparse.ArgumentParser) -> None:
    docs.add_argument("paths", nargs="*", metavar="SPEC", help="spec files or folders (default: built-in)")
    docs.add_argument("--document", metavar="ID", help="criteria set (default 1300/QĐ-BYT)")
    docs.add_argument("--as-of", type=str, metavar="DATE", help="compose the amendments in force on this date (default today)")
    docs.add_argument("-o", "--output", metavar="FILE", help="write to FILE instead of standard output")
    lang_option(docs)


def _docs(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    if args.output:
        check_target(args.output)  # a bad output path is reported before the work, not after
    library = library_of(args.paths or [str(builtin_specs_dir())])
    spec = Spec(library, args.document or default_document(library))
    when = parse_date(args.as_of) if args.as_of else datetime.date.today()
    page = criteria_reference(spec.composed(when), when, args.lang)
    if args.output:
        write_text_atomic(args.output, page)
    else:
        out.write(page)
    return OK


COMMANDS = (Command("docs", "write the criteria reference page (Markdown) generated from a spec", _configure, _docs),)
