"""`ytxa batch`: score every station of spreadsheets, JSON Lines, folders; roll up; write reports.

Exit codes: 0 every station read was scored; 1 `--fail-on` found a station it names
(and nothing was rejected); 2 a row was rejected or a file could not be read (the good
rows are still scored and written), or the command itself was wrong; 130 interrupted
(Ctrl-C): no output file was written or replaced.
"""

from __future__ import annotations

import argparse
import datetime
import json
from collections.abc import Iterable
from typing import TextIO

from ytxa_rules.api import Spec
from ytxa_rules.batch import read_stations, writers
from ytxa_rules.batch.progress import progress
from ytxa_rules.batch.report_text import counts_text, rollup_text
from ytxa_rules.batch.rollup import roll_up
from ytxa_rules.batch.run import BatchRun, score_batch
from ytxa_rules.cli.common import (
    BAD_INPUT,
    FINDINGS,
    OK,
    Command,
    input_options,
    lang_option,
    load_spec,
    parse_date,
    spec_options,
)
from ytxa_rules.diagnostics import error
from ytxa_rules.errors import UsageError
from ytxa_rules.facts.records import FileNotice, FileProblem, StationRecord
from ytxa_rules.interrupts import checkpoint, remembered_interrupts
from ytxa_rules.library import Library
from ytxa_rules.messages.batch import words
from ytxa_rules.plans.nodes import Plan
from ytxa_rules.render.located import render_problems
from ytxa_rules.resources import builtin_specs_dir


def _configure(sub: argparse.ArgumentParser) -> None:
    sub.add_argument("inputs", nargs="+", metavar="INPUT", help="XLSX, CSV, JSON, JSON Lines or YAML files, folders of them, or - for standard input")
    sub.add_argument("-o", "--output", action="append", default=[], metavar="FILE",
                     help="write results: .xlsx (workbook), .csv, .jsonl (ytxa-result/1 per station), .json (roll-up), .html (report, with a folder of station pages); repeatable")  # fmt: skip
    sub.add_argument("--plan", metavar="PLAN", help="with an .html output: the plan (file or id) whose targets the report shows (default: the shipped plans whose area holds a station)")
    spec_options(sub)
    sub.add_argument("--as-of", type=str, metavar="DATE", help="score every station as of DATE (default: end of each station's nam_danh_gia, else today)")
    sub.add_argument("--strict", action="store_true", help="a station missing a fact is rejected")
    sub.add_argument("--compact", action="store_true", help="with a .jsonl output: compact results, naming the spec's manifest (ytxa spec-manifest) by digest")
    input_options(sub)
    sub.add_argument("--fail-on", choices=("not-passed", "undecided"), help="exit 1 if a station is not passed (or undecided), or only undecided")
    sub.add_argument("--format", choices=("text", "json"), default="text", help="the printed roll-up: text (default) or JSON")
    lang_option(sub)


def read_all(items: Iterable[StationRecord | FileProblem | FileNotice], err: TextIO, lang: str) -> list[StationRecord | FileProblem | FileNotice]:
    """Everything read, with a counter on a terminal (scoring then shows a bar of known length)."""
    found = []
    with progress(err, words("progress.reading", lang), None) as advance:
        for item in items:
            checkpoint()
            found.append(item)
            if isinstance(item, StationRecord):
                advance()
    return found


def report_plans(args: argparse.Namespace, spec: Spec) -> tuple[Plan, ...]:
    """The plans an HTML report shows: `--plan`, else every plan known to the spec folders or shipped."""
    if not any(path.lower().endswith(".html") for path in args.output):
        return ()
    if args.plan:
        from ytxa_rules.cli.plan import find_plan  # the plan command imports this module's readers

        plan, _ = find_plan(args.plan, args.spec)
        if plan.criteria != spec.id:
            raise UsageError([error("U040", None, plan=plan.id, criteria=plan.criteria or "—", document=spec.id)])
        return (plan,)
    known = {**Library.from_paths([builtin_specs_dir()]).plans, **spec.library.plans}
    return tuple(s.tree for s in known.values() if isinstance(s.tree, Plan))


def print_problems(run: BatchRun, err: TextIO, lang: str) -> None:
    for problem_file in run.file_findings:
        print(render_problems(problem_file.diagnostics, lang, None, problem_file.tabular, problem_file.sources if isinstance(problem_file, FileProblem) else None), file=err)
    for station in run.rejected:
        print(render_problems(station.problems, lang, station.cells, station.tabular, station.sources), file=err)


def _records(items: list[StationRecord | FileProblem | FileNotice]) -> int:
    return sum(1 for item in items if isinstance(item, StationRecord))


INTERRUPTED = 130  # as a shell reports Ctrl-C


def _batch(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    try:
        with remembered_interrupts():
            return _run(args, out, err)
    except KeyboardInterrupt:  # the outputs were never replaced: the old files (or none) remain
        print(words("interrupted", args.lang), file=err)
        return INTERRUPTED


def _run(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    spec = load_spec(args)
    as_of = parse_date(args.as_of) if args.as_of else None
    writers.check_outputs(args.output)
    reference = spec.at(as_of or datetime.date.today())
    items = read_all(read_stations(spec, args.inputs, as_of=as_of, sheet=args.sheet, input_format=args.input_format), err, args.lang)
    if not any(isinstance(i, (StationRecord, FileProblem)) for i in items):
        raise UsageError([error("U025", None, path=" ".join(args.inputs))])
    context = writers.OutputContext(args.lang, tuple(c.number for c in reference.document.criteria), spec, report_plans(args, spec), compact=args.compact)
    with writers.open_writers(args.output, context) as opened:
        with progress(err, words("progress.scoring", args.lang), _records(items)) as advance:
            run = score_batch(spec, items, as_of=as_of, strict=args.strict, sinks=opened, progress=advance)
        rollup = roll_up(run)
        for writer in opened:
            writer.finish(run, rollup)
    print_problems(run, err, args.lang)
    if args.format == "json":
        json.dump(writers.batch_document(run, rollup, args.lang), out, ensure_ascii=False, indent=2)
        out.write("\n")
    else:
        out.write(rollup_text(rollup, args.lang))
    for path in args.output:
        print(words("written", args.lang, path=path), file=err)
    print(counts_text(rollup, args.lang), file=err)
    return exit_code(run, args.fail_on)


def exit_code(run: BatchRun, fail_on: str | None) -> int:
    if run.rejected or run.files:
        return BAD_INPUT
    if fail_on == "not-passed" and any(s.passed is not True for s in run.scored):
        return FINDINGS
    if fail_on == "undecided" and any(s.passed is None for s in run.scored):
        return FINDINGS
    return OK


COMMANDS = (Command("batch", "score every station of spreadsheets or folders; roll-up and reports", _configure, _batch),)
