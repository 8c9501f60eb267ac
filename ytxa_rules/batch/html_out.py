"""`ytxa batch … -o report.html`: the batch page of `render.html`, with the roll-up filled in.

The report is a page and a folder beside it: `report.html` holds the summary, the roll-up
(per province and area, score distribution, most failed indicators and criteria,
knock-outs, closest to passing, rejected rows with their cells), the plan targets and the
sortable table of stations; `report-tram/` holds one explanation page per station (the
`ytxa explain --format html` page, each linking back), which the table links to. Both are
self-contained (inline CSS and SVG, no fonts or scripts from outside), so the pair can be
copied to a USB stick or an intranet share and opened offline.

Station pages need the trace, which a batch does not build: each station is evaluated again
with `trace=True` as it is scored (the same facts and date, so the same verdict). The pages
go to a hidden staging folder; when the batch completes the folder replaces `report-tram/`
and the page itself is committed by `atomic_output`. An error or Ctrl-C removes the staging
folder: the old report (or none) remains.
"""

from __future__ import annotations

import re
import shutil
import tempfile
from collections.abc import Sequence
from fractions import Fraction
from pathlib import Path
from typing import IO, Any

import attrs

from ytxa_rules.atomic import write_text_atomic
from ytxa_rules.batch import tables
from ytxa_rules.batch.report_text import counts_text
from ytxa_rules.batch.rollup import RollUp, groups
from ytxa_rules.batch.run import BatchRun
from ytxa_rules.batch.station import StationScore
from ytxa_rules.batch.writers import OutputContext, Writer
from ytxa_rules.engine.result import Result
from ytxa_rules.interrupts import checkpoint
from ytxa_rules.messages.batch import words
from ytxa_rules.plans.evaluate import PlanReport, in_area, plan_reports
from ytxa_rules.plans.nodes import Plan
from ytxa_rules.render.html import batch_page, environment, station_page
from ytxa_rules.render.numbers import number

FOLDER_SUFFIX = "-tram"  # report.html -> report-tram/ (trạm: the stations' pages)
TOP = 10  # indicators listed as most often failed


def pages_folder(path: str | Path) -> Path:
    target = Path(path)
    return target.with_name(target.stem + FOLDER_SUFFIX)


def page_name(position: int, code: str) -> str:
    """`003-13669.html`: the position keeps names unique, the code makes them readable."""
    safe = re.sub(r"[^A-Za-z0-9_-]+", "-", code).strip("-")[:40] or "tram"
    return f"{position + 1:03d}-{safe}.html"


class HtmlWriter(Writer):
    wants_result = True

    def __init__(self, stream: IO[Any], context: OutputContext):
        super().__init__(stream, context)
        self.results: list[Result] = []
        self.links: dict[int, str] = {}
        target = Path(context.path)
        self.folder = pages_folder(target)
        self.back = f"../{target.name}"
        self.staging = Path(tempfile.mkdtemp(prefix=f".{self.folder.name}.", dir=target.parent if str(target.parent) else "."))

    def add(self, station: StationScore, result: Result | None) -> None:
        assert result is not None  # wants_result
        position = len(self.results)
        self.results.append(result)
        spec = self.context.spec
        if spec is None:
            return
        traced = spec.evaluate(dict(station.facts), station.as_of, trace=True)
        name = page_name(position, station.origin.id)
        write_text_atomic(self.staging / name, station_page(traced, self.context.lang, back=self.back))
        self.links[position] = f"{self.folder.name}/{name}"

    def finish(self, run: BatchRun, rollup: RollUp) -> None:
        lang = self.context.lang
        reports = plan_targets(self.context.plans, self.context.spec, self.results)
        page = batch_page(self.results, reports, lang, self.links, rollup=rollup_section(run, rollup, lang))
        self.stream.write(page)
        _replace_folder(self.staging, self.folder)

    def abort(self) -> None:
        shutil.rmtree(self.staging, ignore_errors=True)


def plan_targets(plans: Sequence[Plan], spec: Any, results: Sequence[Result]) -> list[PlanReport]:
    """The reports of the plans whose area holds a scored station (a plan given by `--plan` always)."""
    if spec is None:
        return []
    reports: list[PlanReport] = []
    for plan in plans:
        if plan.criteria == spec.id and any(in_area(plan, r) for r in results):
            reports.extend(plan_reports(plan, spec, results))
    return reports


def _replace_folder(staging: Path, folder: Path) -> None:
    """Put the new pages in place of the old folder (moved aside first, then removed)."""
    checkpoint()  # a Ctrl-C swallowed by a finaliser still keeps the old pages
    old = None
    if folder.exists():
        old = folder.with_name(f".{folder.name}.old")
        shutil.rmtree(old, ignore_errors=True)
        folder.rename(old)
    staging.chmod(0o755)
    staging.rename(folder)
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)


# ---------------------------------------------------------------- the roll-up section


def _cell(value: Any, lang: str) -> dict[str, Any]:
    if isinstance(value, bool) or not isinstance(value, (int, Fraction)):
        return {"text": str(value), "num": False, "sort": ""}
    exact = Fraction(value)
    return {"text": number(value, lang), "num": True, "sort": f"{float(exact):.6f}"}


def _section(key: str, heading: str, table: tables.Table, lang: str) -> dict[str, Any]:
    head, rows = table
    cells = [[_cell(v, lang) for v in row] for row in rows]
    types = ["number" if rows and all(c[i]["num"] for c in cells if c[i]["text"]) and any(c[i]["num"] for c in cells) else "text" for i in range(len(head))]
    return {"id": key, "heading": heading.rstrip(":"), "head": head, "rows": cells, "types": types}


def rollup_section(run: BatchRun, rollup: RollUp, lang: str) -> Any:
    """The roll-up as safe HTML for the batch page's roll-up slot."""
    from markupsafe import Markup

    overall = rollup.overall
    failing = sorted((t for t in overall.indicators if t.below_max or t.missing_data), key=lambda t: (-t.zero, -t.below_max))[:TOP]
    head, _ = tables.indicator_table(overall, lang)
    indicators = (head, tables.indicator_table(_only(overall, failing), lang)[1])
    criteria_head, criteria_rows = tables.criterion_table(overall, lang)
    knockouts = [t for t in overall.knockouts if t.knockout_failed]
    sections = [
        _section("groups", words("report.by_group", lang), tables.group_table(list(groups(rollup)), lang), lang),
        _section("indicators", words("report.indicators", lang), indicators, lang),
        _section("criteria", words("report.criteria", lang), (criteria_head, [r for r in criteria_rows if r[2]]), lang),
        _section("knockouts", words("report.knockouts", lang), (head, tables.indicator_table(_only(overall, knockouts), lang)[1]), lang),
        _section("closest", words("report.closest", lang), tables.closest_table(rollup, lang), lang),
        _section("errors", words("sheet.errors", lang), (tables.error_header(lang), tables.error_rows(run, lang)), lang),
    ]
    template = environment().get_template("_rollup.html.j2")
    html = template.render(heading=words("report.title", lang, spec=rollup.spec_id), counts=counts_text(rollup, lang).replace("\n", " "), sections=sections)
    return Markup(html)


def _only(group: Any, selected: Sequence[Any]) -> Any:
    """`group` with only the `selected` indicator tallies (for a table of a few of them)."""
    return attrs.evolve(group, indicators=tuple(selected))
