"""`ytxa eval` and `ytxa explain`: score one station and show the summary or every point."""

from __future__ import annotations

import argparse
import json
from typing import TextIO

from ytxa_rules.cli.common import BAD_INPUT, OK, Command, json_findings, lang_option, load_spec, parse_date, spec_options
from ytxa_rules.errors import FactsError
from ytxa_rules.facts.read import read_facts_source
from ytxa_rules.messages import render_diagnostics
from ytxa_rules.render.json_result import result_to_dict
from ytxa_rules.render.text import explain, summary


def _configure(sub: argparse.ArgumentParser) -> None:
    sub.add_argument("facts", metavar="FACTS", help="YAML or JSON file of one station's facts")
    spec_options(sub)
    sub.add_argument("--as-of", type=str, metavar="DATE", help="date whose amendments apply (default: end of nam_danh_gia, else today)")
    sub.add_argument("--format", choices=("text", "json", "html"), default="text")
    sub.add_argument("--strict", action="store_true", help="missing facts and warnings about the facts are errors")
    lang_option(sub)


def _evaluate(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    spec = load_spec(args)
    facts, where, text = read_facts_source(args.facts)
    as_of = parse_date(args.as_of) if args.as_of else None
    try:
        result = spec.evaluate(facts, as_of, trace=args.command == "explain" or args.format == "html", strict=args.strict, where=where)
    except FactsError as exc:
        if args.format == "json":  # a pipeline reads errors as data too
            json_findings(exc.diagnostics, args.lang, out)
        print(render_diagnostics(exc.diagnostics, args.lang, {args.facts: text}), file=err)
        return BAD_INPUT
    if result.warnings:  # also in the result itself; on stderr so a pipeline's reader sees them too
        print(render_diagnostics(result.warnings, args.lang, {args.facts: text}), file=err)
    if args.format == "json":
        json.dump(result_to_dict(result), out, ensure_ascii=False, indent=2)
        out.write("\n")
    elif args.format == "html":  # the explanation page, self-contained (render.html)
        from ytxa_rules.render.html import station_page

        out.write(station_page(result, args.lang))
    elif args.command == "explain":
        out.write(explain(result, args.lang))
    else:
        out.write(summary(result, args.lang))
    return OK


COMMANDS = (
    Command("eval", "score a station: summary table", _configure, _evaluate),
    Command("explain", "score a station: full explanation", _configure, _evaluate),
)
