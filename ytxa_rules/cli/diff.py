"""`ytxa diff`: the semantic difference between two specs or two dates, with attribution."""

from __future__ import annotations

import argparse
import datetime
import json
from pathlib import Path
from typing import TextIO

from ytxa_rules import ast
from ytxa_rules.api import Spec
from ytxa_rules.cli.common import OK, Command, default_document, lang_option, library_of, load_spec, parse_date, spec_options
from ytxa_rules.diff import diff_documents
from ytxa_rules.render.diff_text import diff_json, diff_text


def _configure(diff: argparse.ArgumentParser) -> None:
    diff.add_argument("old", metavar="A", help="a date YYYY-MM-DD, or a spec file or folder")
    diff.add_argument("new", metavar="B", help="a date YYYY-MM-DD, or a spec file or folder")
    spec_options(diff)
    diff.add_argument("--as-of", type=str, metavar="DATE", help="date at which to compose specs given as files (default today)")
    diff.add_argument("--format", choices=("text", "json"), default="text")
    lang_option(diff)


def _side(text: str, args: argparse.Namespace) -> tuple[ast.Document, str]:
    """A composed document from a date (with --spec or the built-in) or from a spec path."""
    if len(text) == 10 and text[4] == "-" and text[7] == "-" and not Path(text).exists():
        when = parse_date(text)
        return load_spec(args).composed(when), text
    library = library_of([text])
    document = args.document or default_document(library)
    spec = Spec(library, document)
    when = parse_date(args.as_of) if args.as_of else _latest(spec)
    return spec.composed(when), text


def _latest(spec: Spec) -> datetime.date:
    """Today, or the last date an amendment takes effect: a diff of files shows every change."""
    dates = [a.effective for a in spec.amendments if a.effective is not None]
    return max([datetime.date.today(), *dates])


def _diff(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    old, old_label = _side(args.old, args)
    new, new_label = _side(args.new, args)
    changes = diff_documents(old, new)
    if args.format == "json":
        json.dump(diff_json(changes, old_label, new_label), out, ensure_ascii=False, indent=2)
        out.write("\n")
    else:
        out.write(diff_text(changes, old_label, new_label, args.lang))
    return OK


COMMANDS = (Command("diff", "semantic difference between two specs or two dates", _configure, _diff),)
