"""`ytxa plan`: a provincial plan's targets over scored stations, per target and milestone."""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import TextIO

from ytxa_rules.api import Spec
from ytxa_rules.atomic import write_text_atomic
from ytxa_rules.cli.batch import input_options
from ytxa_rules.cli.common import BAD_INPUT, FINDINGS, OK, Command, lang_option, library_of, parse_date
from ytxa_rules.cli.stations import score_files
from ytxa_rules.diagnostics import error
from ytxa_rules.errors import SpecError, UsageError
from ytxa_rules.library import Library
from ytxa_rules.plans.check import check_plan, criteria_documents
from ytxa_rules.plans.evaluate import DUE, NOT_MET, PAST, plan_reports
from ytxa_rules.plans.nodes import Plan
from ytxa_rules.plans.render_json import plan_report_dict
from ytxa_rules.plans.render_text import plan_report_text
from ytxa_rules.resources import builtin_specs_dir


def _configure(sub: argparse.ArgumentParser) -> None:
    sub.add_argument("inputs", nargs="+", metavar="INPUT",
                     help="the plan (unless --plan is given), then XLSX, CSV, JSON, JSON Lines or YAML station files, folders of them, or -")  # fmt: skip
    sub.add_argument("--plan", dest="plan_option", metavar="PLAN", help="plan file (.ytxa), or the id of a built-in plan such as 139/KH-UBND")
    sub.add_argument("--spec", action="append", metavar="PATH", help="spec file or folder for the criteria (default: built-in); repeatable")
    sub.add_argument("--as-of", type=str, metavar="DATE", help="date whose amendments apply (default: end of each station's nam_danh_gia)")
    sub.add_argument("--communes", type=int, metavar="N", help="number of communes in the plan's area (default: the stations given)")
    sub.add_argument("--format", choices=("text", "json", "html"), default="text")
    sub.add_argument("-o", "--output", metavar="FILE", help="write the report to FILE instead of standard output")
    sub.add_argument("--pages", metavar="DIR", help="with --format html: also write each station's explanation page into DIR, linked from the table")
    sub.add_argument("--fail-on", choices=("not-met",), help="exit 1 when a milestone due or past is not met")
    sub.add_argument("--strict", action="store_true", help="missing facts are errors")
    input_options(sub)
    lang_option(sub)


def _plan_and_stations(args: argparse.Namespace) -> tuple[str, list[str]]:
    """`ytxa plan PLAN STATIONS…` or `ytxa plan --plan PLAN STATIONS…`."""
    if args.plan_option:
        return args.plan_option, list(args.inputs)
    if len(args.inputs) < 2:
        raise UsageError([error("U025", None, path=" ".join(args.inputs))])  # a plan and no stations
    return args.inputs[0], list(args.inputs[1:])


def find_plan(text: str, spec_paths: list[str] | None) -> tuple[Plan, Library]:
    """The plan named by a file path or an id, with the library its criteria come from."""
    path = Path(text)
    paths = list(spec_paths or [])
    if path.suffix == ".ytxa" or path.exists():
        library = library_of([*paths, str(path)]) if paths else library_of([str(path)])
        found = [s.tree for s in library.plans.values() if Path(s.path) == path]
        if not found:
            raise UsageError([error("U047" if path.exists() else "E001", None, path=str(path))])
        plan = found[0]
    else:
        library = library_of(paths) if paths else Library.from_paths([builtin_specs_dir()])
        source = library.plans.get(text)
        if source is None:
            builtin = Library.from_paths([builtin_specs_dir()])
            source = builtin.plans.get(text)
            known = ", ".join(sorted({*library.plans, *builtin.plans})) or "—"
            if source is None:
                raise UsageError([error("U042", None, plan=text, known=known)])
            library = library_of([*paths, source.path]) if paths else builtin
        plan = source.tree
    assert isinstance(plan, Plan)
    problems = [d for d in check_plan(plan, criteria_documents(library)) if d.is_error]
    if problems:
        raise SpecError(problems, library.sources())
    return plan, library


def _plan(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    plan_name, stations = _plan_and_stations(args)
    plan, library = find_plan(plan_name, args.spec)
    assert plan.criteria is not None
    spec = Spec(library, plan.criteria)
    as_of = parse_date(args.as_of) if args.as_of else None
    html = args.format == "html"
    scored, refused = score_files(
        spec, stations, as_of, strict=args.strict, trace=html and bool(args.pages), lang=args.lang, err=err, sheet=args.sheet, input_format=args.input_format
    )
    reports = plan_reports(plan, spec, [s.result for s in scored], args.communes)
    if args.format == "json":
        text = json.dumps(plan_report_dict(reports), ensure_ascii=False, indent=2) + "\n"
    elif html:
        from ytxa_rules.cli.html_output import batch_page

        text = batch_page(scored, reports, args.output, args.pages, args.lang)
    else:
        text = plan_report_text(reports, args.lang)
    if args.output:
        write_text_atomic(args.output, text)
    else:
        out.write(text)
    if refused:
        return BAD_INPUT
    if args.fail_on == "not-met":
        late = [m for r in reports for t in r.targets for m in t.milestones if m.status == NOT_MET and m.timing in (PAST, DUE)]
        if late:
            return FINDINGS
    return OK


COMMANDS = (Command("plan", "a provincial plan's targets over scored stations", _configure, _plan),)
