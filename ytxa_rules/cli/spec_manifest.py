"""`ytxa spec-manifest`: write the static part of every result of a spec, once, for compact results.

A compact `ytxa-result/1` (`ytxa batch --compact`, `ytxa eval --format json --compact`)
names this manifest by its digest instead of repeating titles, cites, notes and
conditions for every station; `ytxa_rules.expand_result` puts them back.
"""

from __future__ import annotations

import argparse
import datetime
import json
from typing import TextIO

from ytxa_rules.atomic import atomic_output
from ytxa_rules.cli.common import OK, Command, load_spec, parse_date, spec_options


def _configure(sub: argparse.ArgumentParser) -> None:
    spec_options(sub)
    sub.add_argument("--as-of", type=str, metavar="DATE", help="the amendments in force on DATE (default today)")
    sub.add_argument("-o", "--output", metavar="FILE", help="the JSON file to write (default: standard output)")


def _spec_manifest(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    from ytxa_rules.render.compact import spec_manifest

    spec = load_spec(args)
    as_of = parse_date(args.as_of) if args.as_of else datetime.date.today()
    manifest = spec_manifest(spec.at(as_of), as_of)
    if args.output:
        with atomic_output(args.output) as stream:
            json.dump(manifest, stream, ensure_ascii=False, indent=1)
            stream.write("\n")
    else:
        json.dump(manifest, out, ensure_ascii=False, indent=1)
        out.write("\n")
    return OK


COMMANDS = (Command("spec-manifest", "write the static part of a spec's results (for compact results)", _configure, _spec_manifest),)
