"""Stations for commands that score several of them (`ytxa plan`), read as `ytxa batch` reads them.

`batch.read_stations` reads every input (XLSX, CSV, JSON, JSON Lines, YAML, folders, `-`);
here each station is scored with the whole `Result` kept (plan targets and HTML pages need
it). A file that cannot be read, or a row that cannot be scored, is reported with its file,
row and column (and the cell alone, never the whole line) and skipped: the others are
still scored.
"""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from pathlib import Path
from typing import TextIO

import attrs

from ytxa_rules.api import Spec
from ytxa_rules.batch import read_stations
from ytxa_rules.engine.result import Result
from ytxa_rules.errors import FactsError
from ytxa_rules.facts.records import FileNotice, FileProblem
from ytxa_rules.render.located import render_problems


@attrs.frozen
class Scored:
    path: Path
    result: Result


def score_files(
    spec: Spec,
    paths: Sequence[str],
    as_of: datetime.date | None,
    *,
    strict: bool,
    trace: bool,
    lang: str,
    err: TextIO,
    sheet: str | None = None,
    input_format: str | None = None,
) -> tuple[list[Scored], int]:
    """(scored stations in input order, number of files or rows refused); refusals go to `err`."""
    scored: list[Scored] = []
    refused = 0
    for item in read_stations(spec, paths, as_of=as_of, sheet=sheet, input_format=input_format):
        if isinstance(item, FileNotice):
            print(render_problems(item.diagnostics, lang, None, item.tabular), file=err)
            continue
        if isinstance(item, FileProblem):
            refused += 1
            print(render_problems(item.diagnostics, lang, None, item.tabular, item.sources), file=err)
            continue
        problems, sources = item.problems if item.errors else (), item.sources
        if not problems:
            try:
                scored.append(Scored(Path(item.file), spec.evaluate(item.facts, as_of, trace=trace, strict=strict, where=item.where)))
                continue
            except FactsError as exc:
                problems, sources = exc.diagnostics, item.sources or dict(exc.sources)
        refused += 1
        print(render_problems(problems, lang, item.cells, item.tabular, sources), file=err)
    return scored, refused
