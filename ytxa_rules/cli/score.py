"""`ytxa eval` and `ytxa explain`: score one station and show the summary or every point."""

from __future__ import annotations

import argparse
import datetime
import json
from pathlib import Path
from typing import TextIO

from ytxa_rules.api import Spec
from ytxa_rules.cli.common import (
    BAD_INPUT,
    OK,
    Command,
    input_options,
    json_findings,
    lang_option,
    load_spec,
    parse_date,
    spec_options,
)
from ytxa_rules.diagnostics import Diagnostic, error
from ytxa_rules.errors import FactsError, UsageError
from ytxa_rules.facts.read import read_facts_source
from ytxa_rules.facts.records import FileNotice, FileProblem, StationRecord, key_cells
from ytxa_rules.facts.sources import SUFFIXES, read_sources
from ytxa_rules.render.located import render_problems
from ytxa_rules.render.text import explain, summary


def _configure(sub: argparse.ArgumentParser) -> None:
    sub.add_argument("facts", metavar="FACTS", help="one station's facts: YAML, JSON, or a one-row CSV, XLSX or JSON Lines file; - for standard input")
    spec_options(sub)
    sub.add_argument("--as-of", type=str, metavar="DATE", help="date whose amendments apply (default: end of nam_danh_gia, else today)")
    sub.add_argument("--format", choices=("text", "json", "html"), default="text")
    sub.add_argument("--strict", action="store_true", help="missing facts and warnings about the facts are errors")
    sub.add_argument("--compact", action="store_true", help="with --format json: the compact result, naming the spec's manifest (ytxa spec-manifest) by digest")
    input_options(sub)
    lang_option(sub)


def _single_file(path: str) -> bool:
    """A YAML or JSON file (or a file of another suffix, read as YAML as always): read by
    `read_facts`, exactly as before spreadsheets were supported; a list there is F003."""
    if path == "-" or Path(path).is_dir():
        return False
    return SUFFIXES.get(Path(path).suffix.lower()) in (None, "json", "yaml")


def _one_station(args: argparse.Namespace, spec: Spec, err: TextIO) -> StationRecord | int:
    """The one station of a spreadsheet, JSON Lines file, list or standard input."""
    facts = spec.at(parse_date(args.as_of) if args.as_of else datetime.date.today()).scope.facts
    items = list(read_sources([args.facts], facts, sheet=args.sheet, input_format=args.input_format))
    problems = [i for i in items if isinstance(i, FileProblem)]
    records = [i for i in items if isinstance(i, StationRecord)]
    for notice in (i for i in items if isinstance(i, FileNotice)):  # warnings: x marks, formulas, …
        print(render_problems(notice.diagnostics, args.lang, None, notice.tabular), file=err)
    if problems:
        for problem in problems:
            print(render_problems(problem.diagnostics, args.lang, None, problem.tabular, problem.sources), file=err)
        return BAD_INPUT
    if not records:
        raise UsageError([error("U025", None, path=args.facts)])
    if len(records) > 1:
        raise UsageError([error("U020", None, path=args.facts, count=len(records), command=args.command)])
    return records[0]


def _evaluate(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    spec = load_spec(args)
    as_of = parse_date(args.as_of) if args.as_of else None
    if _single_file(args.facts):
        facts, where, text = read_facts_source(args.facts)
        record = StationRecord(args.facts, 1, facts, where, cells=key_cells(facts))
        sources = {args.facts: text}
    else:
        found = _one_station(args, spec, err)
        if isinstance(found, int):
            return found
        record, sources = found, found.sources
    problems: list[Diagnostic] = list(record.errors)
    result = None
    try:
        result = spec.evaluate(record.facts, as_of, trace=args.command == "explain" or args.format == "html", strict=args.strict, where=record.where)
    except FactsError as exc:
        problems.extend(exc.diagnostics)
    if problems or result is None:
        if args.format == "json":  # a pipeline reads errors as data too
            json_findings(problems, args.lang, out)
        print(render_problems(problems, args.lang, record.cells, record.tabular, sources), file=err)
        return BAD_INPUT
    if result.warnings:  # also in the result itself; on stderr so a pipeline's reader sees them too
        print(render_problems(list(result.warnings), args.lang, record.cells, record.tabular, sources), file=err)
    if args.format == "json":
        from ytxa_rules.render.json_result import result_to_dict

        document = result_to_dict(result)
        if args.compact:
            from ytxa_rules.render.compact import compact, spec_manifest

            document = compact(document, spec_manifest(spec.at(result.as_of), result.as_of))
        json.dump(document, out, ensure_ascii=False, indent=2)
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
