"""`ytxa gap`: for a failing station, the smallest sets of indicator improvements that pass."""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import TextIO

from ytxa_rules.analysis.gap import gap
from ytxa_rules.analysis.render_gap import gap_report_dict, gap_report_text
from ytxa_rules.cli.common import BAD_INPUT, OK, Command, json_findings, lang_option, load_spec, parse_date, spec_options
from ytxa_rules.diagnostics import error
from ytxa_rules.errors import FactsError, UsageError
from ytxa_rules.facts.read import read_facts
from ytxa_rules.limits import GAP_MAX_CHANGES, GAP_MAX_CHANGES_CAP, GAP_MAX_PROPOSALS
from ytxa_rules.messages import render_diagnostics


def _configure(sub: argparse.ArgumentParser) -> None:
    sub.add_argument("facts", metavar="FACTS", help="YAML or JSON file of one station's facts")
    spec_options(sub)
    sub.add_argument("--as-of", type=str, metavar="DATE", help="date whose amendments apply (default: end of nam_danh_gia, else today)")
    sub.add_argument("--max-changes", type=int, default=GAP_MAX_CHANGES, metavar="K",
                     help=f"at most K indicators per set (default {GAP_MAX_CHANGES}, at most {GAP_MAX_CHANGES_CAP})")
    sub.add_argument("--limit", type=int, default=GAP_MAX_PROPOSALS, metavar="N", help=f"list at most N sets (default {GAP_MAX_PROPOSALS})")
    sub.add_argument("--format", choices=("text", "json"), default="text")
    lang_option(sub)


def _bounded(option: str, value: int, limit: int) -> int:
    if not 1 <= value <= limit:
        raise UsageError([error("U046", None, option=option, limit=limit, value=value)])
    return value


def _gap(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    max_changes = _bounded("--max-changes", args.max_changes, GAP_MAX_CHANGES_CAP)
    limit = _bounded("--limit", args.limit, 100)
    spec = load_spec(args)
    facts, where = read_facts(args.facts)
    as_of = parse_date(args.as_of) if args.as_of else None
    try:
        result = spec.evaluate(facts, as_of, where=where)
    except FactsError as exc:
        if args.format == "json":
            json_findings(exc.diagnostics, args.lang, out)
        text = Path(args.facts).read_text(encoding="utf-8")
        print(render_diagnostics(exc.diagnostics, args.lang, {args.facts: text}), file=err)
        return BAD_INPUT
    report = gap(spec, result, max_changes=max_changes, limit=limit)
    if args.format == "json":
        json.dump(gap_report_dict(report), out, ensure_ascii=False, indent=2)
        out.write("\n")
    else:
        out.write(gap_report_text(report, args.lang))
    return OK


COMMANDS = (Command("gap", "for a failing station: the smallest sets of improvements that pass", _configure, _gap),)
