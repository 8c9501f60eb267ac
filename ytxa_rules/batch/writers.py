"""Batch outputs by suffix: `.xlsx`, `.csv`, `.jsonl` (results), `.json` (roll-up), `.html` (report).

Every output is written through `atomic_output`: it appears complete when the batch
ends, or not at all (an error or Ctrl-C leaves the old file, or none). A writer is opened
before scoring starts, receives each scored station as it is done, and is finished with
the whole run and its roll-up. `WRITERS` is the one registry of suffixes; a new format is
one entry.
"""

from __future__ import annotations

import contextlib
import csv
import json
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import IO, Any

import attrs

from ytxa_rules.atomic import atomic_output
from ytxa_rules.batch import tables
from ytxa_rules.batch.rollup import RollUp
from ytxa_rules.batch.run import BatchRun
from ytxa_rules.batch.station import StationScore
from ytxa_rules.diagnostics import error
from ytxa_rules.engine.result import Result
from ytxa_rules.errors import UsageError


@attrs.frozen
class OutputContext:
    lang: str
    criteria: tuple[int, ...]  # criterion numbers, for the per-criterion columns
    spec: Any = None  # the `Spec` scored with: the HTML report evaluates again with the trace
    plans: tuple[Any, ...] = ()  # `plans.nodes.Plan`s whose targets the HTML report shows
    path: str = ""  # the output's own path (set by `open_writers`)
    compact: bool = False  # JSON Lines: compact results, naming the manifest of their spec


class Writer:
    """Base: receives stations as they are scored, and the run at the end.

    `wants_result`: the writer reads each station's full `Result` (building one costs more
    than scoring on the columnar path); otherwise `add` is given None."""

    wants_result = False

    def __init__(self, stream: IO[Any], context: OutputContext):
        self.stream, self.context = stream, context

    def add(self, station: StationScore, result: Result | None) -> None:
        pass

    def finish(self, run: BatchRun, rollup: RollUp) -> None:
        pass

    def abort(self) -> None:
        """The batch failed or was interrupted: release what the writer holds (the output
        file itself is removed by `atomic_output`)."""


class CsvWriter(Writer):
    """One row per scored station, UTF-8 with a byte-order mark (so Excel reads it as UTF-8)."""

    def __init__(self, stream: IO[Any], context: OutputContext):
        super().__init__(stream, context)
        stream.write("\ufeff")
        self.csv = csv.writer(stream, lineterminator="\r\n")
        self.csv.writerow(tables.result_header(context.criteria, context.lang))

    def add(self, station: StationScore, result: Result | None) -> None:
        row = tables.result_row(station, self.context.criteria, self.context.lang)
        row[9] = tables.rounded(station.share)
        self.csv.writerow([tables.shown(v) for v in row])


class JsonLinesWriter(Writer):
    """The full `ytxa-result/1` of every scored station, one per line, in input order."""

    wants_result = True

    def __init__(self, stream: IO[Any], context: OutputContext):
        super().__init__(stream, context)
        self.manifests: dict[tuple[int, Any], dict[str, Any]] = {}  # by compiled spec

    def add(self, station: StationScore, result: Result | None) -> None:
        assert result is not None
        document = result.to_dict()
        if self.context.compact and self.context.spec is not None:
            from ytxa_rules.render.compact import compact, spec_manifest

            compiled = self.context.spec.at(result.as_of)
            key = (id(compiled), result.digest)
            manifest = self.manifests.get(key)
            if manifest is None:
                manifest = self.manifests[key] = spec_manifest(compiled, result.as_of)
            document = compact(document, manifest)
        self.stream.write(json.dumps(document, ensure_ascii=False, separators=(",", ":")))
        self.stream.write("\n")


def batch_document(run: BatchRun, rollup: RollUp, lang: str) -> dict[str, Any]:
    """The roll-up (`ytxa-rollup/1`) with every problem found, as `ytxa batch` prints it in JSON."""
    head = ["file", "row", "column", "header", "cell", "code", "severity", "message"]
    errors = [dict(zip(head, row)) for row in tables.error_rows(run, lang)]
    return {**rollup.to_dict(), "errors": errors}


class RollUpJsonWriter(Writer):
    """The roll-up and the problems found (`batch_document`)."""

    def finish(self, run: BatchRun, rollup: RollUp) -> None:
        json.dump(batch_document(run, rollup, self.context.lang), self.stream, ensure_ascii=False, indent=2)
        self.stream.write("\n")


def _xlsx(stream: IO[Any], context: OutputContext) -> Writer:
    from ytxa_rules.batch.xlsx_out import XlsxWriter

    return XlsxWriter(stream, context)


def _html(stream: IO[Any], context: OutputContext) -> Writer:
    from ytxa_rules.batch.html_out import HtmlWriter

    return HtmlWriter(stream, context)


# suffix -> (file mode, writer)
WRITERS: dict[str, tuple[str, Callable[[IO[Any], OutputContext], Writer]]] = {
    ".xlsx": ("wb", _xlsx),
    ".csv": ("w", CsvWriter),
    ".jsonl": ("w", JsonLinesWriter),
    ".json": ("w", RollUpJsonWriter),
    ".html": ("w", _html),
}


def check_outputs(paths: Sequence[str]) -> None:
    """Refuse an unknown suffix before any work is done (U021)."""
    for path in paths:
        suffix = Path(path).suffix.lower()
        if suffix not in WRITERS:
            known = ", ".join(WRITERS)
            raise UsageError([error("U021", None, path=path, suffix=suffix or "—", known=known)])


@contextlib.contextmanager
def open_writers(paths: Sequence[str], context: OutputContext) -> Iterator[list[Writer]]:
    """Writers for `paths`; each file is replaced only if the whole block succeeds."""
    check_outputs(paths)
    with contextlib.ExitStack() as stack:
        writers: list[Writer] = []
        try:
            for path in paths:
                mode, make = WRITERS[Path(path).suffix.lower()]
                stream = stack.enter_context(atomic_output(path, mode))
                writers.append(make(stream, attrs.evolve(context, path=path)))
            yield writers
        except BaseException:
            for writer in writers:
                writer.abort()
            raise
