"""`ytxa impact`: which stations an amendment (or the passing of time) changes, and how.

`--amendment FILE`: every station is scored without and with the amendment, both on the
same date: `--as-of`, else the later of the end of its assessment year and the day the
amendment takes effect (so a draft dated next year is seen at work). `--from A --to B`:
the same criteria, as in force on A and on B. Exit codes as `ytxa batch`.
"""

from __future__ import annotations

import argparse
import datetime
import json
from collections.abc import Mapping
from typing import Any, TextIO

from ytxa_rules.api import Spec
from ytxa_rules.batch.impact import Impact, compare
from ytxa_rules.batch.run import AsOf, score_batch
from ytxa_rules.cli.batch import input_options, print_problems, read_all
from ytxa_rules.cli.common import BAD_INPUT, OK, Command, lang_option, library_of, load_spec, parse_date, spec_options
from ytxa_rules.diagnostics import error
from ytxa_rules.errors import UsageError
from ytxa_rules.facts.records import FileProblem, StationRecord
from ytxa_rules.facts.sources import read_sources
from ytxa_rules.messages.batch import words
from ytxa_rules.render.escape import one_line
from ytxa_rules.render.located import render_problems
from ytxa_rules.render.numbers import number
from ytxa_rules.resources import builtin_specs_dir


def _configure(sub: argparse.ArgumentParser) -> None:
    sub.add_argument("inputs", nargs="+", metavar="BATCH", help="station files or folders, as for `ytxa batch`")
    sub.add_argument("--amendment", action="append", default=[], metavar="FILE", help="an amendment (draft) to try; repeatable")
    sub.add_argument("--from", dest="from_date", metavar="DATE", help="compare the criteria in force on DATE …")
    sub.add_argument("--to", dest="to_date", metavar="DATE", help="… with those in force on DATE")
    spec_options(sub)
    sub.add_argument("--as-of", type=str, metavar="DATE", help="with --amendment: score both sides as of DATE")
    sub.add_argument("--strict", action="store_true", help="a station missing a fact is rejected")
    input_options(sub)
    sub.add_argument("--format", choices=("text", "json"), default="text")
    lang_option(sub)


def _sides(args: argparse.Namespace) -> tuple[Spec, AsOf, Spec, AsOf, str, str]:
    before = load_spec(args)
    if args.amendment and not (args.from_date or args.to_date):
        after = Spec(library_of([*(args.spec or [str(builtin_specs_dir())]), *args.amendment]), before.id)
        known = {a.id for a in before.amendments}
        added = [a for a in after.amendments if a.id not in known]
        if not added:
            raise UsageError([error("U024", None, path=", ".join(args.amendment), document=before.id)])
        ids = ", ".join(a.id for a in added)
        if args.as_of:
            when: AsOf = parse_date(args.as_of)
        else:
            effective = max(a.effective or datetime.date.min for a in added)

            def station_date(facts: Mapping[str, Any]) -> datetime.date:
                return max(before.default_as_of(facts), effective)

            when = station_date
        return before, when, after, when, words("impact.without", args.lang, ids=ids), words("impact.with", args.lang, ids=ids)
    if args.from_date and args.to_date and not args.amendment:
        start, end = parse_date(args.from_date), parse_date(args.to_date)
        return before, start, before, end, start.isoformat(), end.isoformat()
    raise UsageError([error("U022", None)])


def impact_text(impact: Impact, lang: str) -> str:
    lines = [
        words("impact.title", lang, before=impact.before, after=impact.after, count=impact.compared),
        "  " + words("impact.verdicts", lang, changed=impact.verdict_changed, gained=impact.gained, lost=impact.lost),
        "  " + words("impact.points", lang, changed=impact.points_changed, unchanged=impact.unchanged),
        "",
        words("impact.by_indicator", lang),
    ]
    lines += ["  " + words("impact.indicator", lang, number=i.number, title=one_line(i.title), changed=i.changed, up=i.up, down=i.down) for i in impact.indicators] or ["  —"]
    lines += ["", words("impact.stations", lang)]
    for station in impact.stations:
        o = station.origin
        name = " ".join(p for p in (o.id, one_line(o.name), f"({one_line(o.district)})" if o.district else "") if p) or o.where
        a, b = station.before, station.after
        verdicts = f"{words(f'verdict.{str(a.passed).lower()}', lang)} → {words(f'verdict.{str(b.passed).lower()}', lang)}"
        changes = "; ".join(words("impact.change", lang, number=c.number, before=number(c.before, lang), after=number(c.after, lang)) for c in station.indicators)
        total = f"{number(a.total, lang)}/{number(a.max, lang)} → {number(b.total, lang)}/{number(b.max, lang)}"
        lines.append(f"  {name}: {total}, {verdicts}" + (f" — {changes}" if changes else ""))
    if not impact.stations:
        lines.append("  —")
    return "\n".join(lines) + "\n"


def _impact(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    before, before_date, after, after_date, before_label, after_label = _sides(args)
    reference = after.at(after_date if isinstance(after_date, datetime.date) else datetime.date.today())
    items = read_all(read_sources(args.inputs, reference.scope.facts, sheet=args.sheet, input_format=args.input_format), err, args.lang)
    if not any(isinstance(i, (StationRecord, FileProblem)) for i in items):
        raise UsageError([error("U025", None, path=" ".join(args.inputs))])
    old = score_batch(before, items, as_of=before_date, strict=args.strict)
    new = score_batch(after, items, as_of=after_date, strict=args.strict)
    result = compare(old, new, before_label, after_label)
    print_problems(old, err, args.lang)
    new_only = [r for r in new.rejected if r.origin.position not in {o.origin.position for o in old.rejected}]
    for station in new_only:  # refused only under the other side's declarations
        print(render_problems(station.problems, args.lang, station.cells, station.tabular, station.sources), file=err)
    if args.format == "json":
        json.dump(result.to_dict(), out, ensure_ascii=False, indent=2)
        out.write("\n")
    else:
        out.write(impact_text(result, args.lang))
    return BAD_INPUT if result.rejected or old.files else OK


COMMANDS = (Command("impact", "which stations an amendment or a date changes, with counts per indicator", _configure, _impact),)
