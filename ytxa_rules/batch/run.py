"""Score every station read from the inputs; a bad row is set aside, never stops the rest.

Each station is scored as of `--as-of`, or else the end of its own assessment year, with
the compiled spec in force then (compiled once per set of amendments). A row with reading
errors is validated anyway, so that it is reported with all its problems at once. The
same station and year given twice is refused the second time (F060): a roll-up would
count it twice. `Sink`s receive each scored station as it is done (the full results are
not kept) and the whole run at the end.
"""

from __future__ import annotations

import datetime
import os
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import Any, NamedTuple, Protocol

import attrs

from ytxa_rules.api import Spec
from ytxa_rules.batch.grouped import Layout, Summaries
from ytxa_rules.batch.station import ROLES, Origin, RejectedStation, StationScore, origin, station_score
from ytxa_rules.diagnostics import Diagnostic, error
from ytxa_rules.engine.compiled import CompiledSpec
from ytxa_rules.engine.result import Result
from ytxa_rules.errors import FactsError, UsageError
from ytxa_rules.facts.records import FileNotice, FileProblem, StationRecord
from ytxa_rules.interrupts import checkpoint


@attrs.frozen
class IndicatorInfo:
    number: str
    criterion: int
    title: str
    max: Any
    knockout: bool


@attrs.frozen
class CriterionInfo:
    number: int
    title: str


@attrs.frozen
class BatchRun:
    """Everything a batch produced, in input order; `read == len(scored) + len(rejected)`."""

    spec_id: str
    scored: tuple[StationScore, ...]
    rejected: tuple[RejectedStation, ...]
    files: tuple[FileProblem, ...]  # inputs that yielded no station
    notices: tuple[FileNotice, ...]
    indicators: tuple[IndicatorInfo, ...]
    criteria: tuple[CriterionInfo, ...]
    amendments: tuple[str, ...]  # every set in force for some station, joined

    @property
    def read(self) -> int:
        return len(self.scored) + len(self.rejected)

    @property
    def file_findings(self) -> tuple[FileProblem | FileNotice, ...]:
        """Problems and warnings about whole files, refused files first."""
        return (*self.files, *self.notices)


class Sink(Protocol):
    """Receives each scored station; `result` is None for a sink whose `wants_result` is False
    (a sink without the attribute always gets one)."""

    def add(self, station: StationScore, result: Result | None) -> None: ...


Progress = Callable[[], None]
# One date for every station, a date per station (from its facts), or None: each station's default.
AsOf = datetime.date | Callable[[Mapping[str, Any]], datetime.date] | None


def _validate_anyway(compiled: CompiledSpec, facts: dict[str, Any], where: Any) -> list[Diagnostic]:
    try:
        compiled.validator.validate(facts, where)
    except FactsError as exc:
        return list(exc.diagnostics)
    return []


# Rows scored together by the columnar path. Ctrl-C is still seen between any two rows
# (`checkpoint`); a chunk of this size is scored in a few milliseconds.
CHUNK = 2048


class _Row(NamedTuple):
    where: Origin
    record: StationRecord
    compiled: CompiledSpec | None
    when: datetime.date
    problems: list[Diagnostic] | None  # set: the row is rejected with these


def columnar_wanted() -> bool:
    """The columnar path unless `YTXA_BATCH_PER_STATION` is set (to compare the two) or numpy is missing."""
    from ytxa_rules.columnar import numpy_missing

    return not os.environ.get("YTXA_BATCH_PER_STATION") and numpy_missing() is None


class _Scorer:
    def __init__(self, spec: Spec, as_of: AsOf, strict: bool, sinks: Sequence[Sink], progress: Progress | None, columnar: bool):
        self.spec, self.as_of, self.strict, self.sinks, self.progress = spec, as_of, strict, sinks, progress
        self.scored: list[StationScore] = []
        self.rejected: list[RejectedStation] = []
        self.seen: dict[tuple[str, int], Origin] = {}
        self.compiled: dict[int, CompiledSpec] = {}
        self.year_fact = spec.document.assessment_year
        self.columnar = columnar
        self.pending: list[_Row] = []
        self.layouts: dict[int, tuple[Layout, bool]] = {}  # by compiled spec: layout, columnar supported
        # A `Result` is built for a station only when some output reads it (JSON Lines, HTML pages).
        self.wants_result = any(getattr(sink, "wants_result", True) for sink in sinks)

    def reject(self, where: Origin, record: StationRecord, problems: Sequence[Diagnostic]) -> None:
        ordered = sorted(problems, key=lambda d: (d.span.line, d.span.column) if d.span else (0, 0))
        self.rejected.append(RejectedStation(where, tuple(ordered), record.cells, record.tabular, record.sources))

    def _row(self, position: int, record: StationRecord) -> _Row:
        where = origin(position, record)
        when = self.as_of(record.facts) if callable(self.as_of) else self.as_of or self.spec.default_as_of(record.facts)
        try:
            compiled = self.spec.at(when)
        except UsageError as exc:  # an assessment year before the criteria took effect
            return _Row(where, record, None, when, list(exc.diagnostics))
        self.compiled.setdefault(id(compiled), compiled)
        if record.errors:
            return _Row(where, record, compiled, when, [*record.problems, *_validate_anyway(compiled, record.facts, record.where)])
        return _Row(where, record, compiled, when, None)

    def score(self, position: int, record: StationRecord) -> None:
        row = self._row(position, record)
        if self.columnar:
            self.pending.append(row)
            if len(self.pending) >= CHUNK:
                self.flush()
            return
        self._settle_one(row)
        if self.progress is not None:
            self.progress()

    def _settle_one(self, row: _Row) -> None:
        """The per-station path: `evaluate`, then the summary read from the `Result`."""
        where, record, compiled = row.where, row.record, row.compiled
        if row.problems is not None or compiled is None:
            self.reject(where, record, row.problems or [])
            return
        try:
            result = compiled.evaluate(record.facts, row.when, strict=self.strict, where=record.where)
        except FactsError as exc:
            self.reject(where, record, [*record.problems, *exc.diagnostics])
            return
        if self._duplicate(where, record):
            return
        station = station_score(where, record, result, compiled, self.year_fact)
        self._deliver(station, lambda: result)

    def flush(self) -> None:
        """Score the pending rows a compiled spec at a time, then settle them in input order."""
        from ytxa_rules.columnar.batch import score_compiled
        from ytxa_rules.columnar.table import Table

        rows, self.pending = self.pending, []
        by_spec: dict[int, list[int]] = {}
        for index, row in enumerate(rows):
            if row.problems is None and row.compiled is not None:
                by_spec.setdefault(id(row.compiled), []).append(index)
        outcome: dict[int, tuple[Summaries, int] | FactsError] = {}
        for indices in by_spec.values():
            checkpoint()
            compiled = rows[indices[0]].compiled
            assert compiled is not None
            _, supported = self._layout(compiled)
            table = Table(rows=[rows[i].record.facts for i in indices])
            where = [rows[i].record.where for i in indices]
            groups, errors = score_compiled(compiled, table, [rows[i].when for i in indices], self.strict, where, supported)
            layout, _ = self._layout(compiled)
            for group, local in groups:  # a later group overrides (rows handed back to the per-station path)
                summaries = Summaries(group, layout)
                for j, row_in_table in enumerate(local):
                    outcome[indices[row_in_table]] = (summaries, j)
            for row_in_table, exc in errors.items():
                outcome[indices[row_in_table]] = exc
        for index, row in enumerate(rows):
            checkpoint()
            self._settle_grouped(row, outcome.get(index))
            if self.progress is not None:
                self.progress()

    def _settle_grouped(self, row: _Row, outcome: tuple[Summaries, int] | FactsError | None) -> None:
        where, record, compiled = row.where, row.record, row.compiled
        if row.problems is not None or compiled is None or outcome is None:
            self.reject(where, record, row.problems or [])
            return
        if isinstance(outcome, FactsError):
            self.reject(where, record, [*record.problems, *outcome.diagnostics])
            return
        if self._duplicate(where, record):
            return
        summaries, j = outcome
        station = summaries.station(where, record, j, row.when, self.year_fact)
        self._deliver(station, lambda: summaries.group.row(j))

    def _layout(self, compiled: CompiledSpec) -> tuple[Layout, bool]:
        found = self.layouts.get(id(compiled))
        if found is None:
            from ytxa_rules.columnar.plan import unsupported

            found = self.layouts[id(compiled)] = (Layout.of(compiled), unsupported(compiled) is None)
        return found

    def _duplicate(self, where: Origin, record: StationRecord) -> bool:
        """The same station and year scored before: rejected (F060)."""
        year = record.facts.get(self.year_fact) if self.year_fact else None
        id_fact = next((name for name in ROLES["id"] if record.facts.get(name)), None)
        if id_fact is not None and type(year) is int:  # a label column does not identify a station
            earlier = self.seen.get((where.id, year))
            if earlier is not None:
                problem = error("F060", record.where.get(id_fact), name=id_fact, station=where.id, year=year, other=earlier.where)
                self.reject(where, record, [problem])
                return True
            self.seen[(where.id, year)] = where
        return False

    def _deliver(self, station: StationScore, result: Callable[[], Result]) -> None:
        self.scored.append(station)
        if not self.sinks:
            return
        built = result() if self.wants_result else None
        for sink in self.sinks:
            sink.add(station, built)


def score_batch(
    spec: Spec,
    items: Iterable[StationRecord | FileProblem | FileNotice],
    *,
    as_of: AsOf = None,
    strict: bool = False,
    sinks: Sequence[Sink] = (),
    progress: Progress | None = None,
    columnar: bool | None = None,
) -> BatchRun:
    """Score every station in `items` (from `facts.sources.read_sources`), in order.

    `columnar`: score whole chunks of rows over numpy columns (`ytxa_rules.columnar`), with
    the same results; None (default) when numpy is installed, unless `YTXA_BATCH_PER_STATION`
    is set. A spec the columnar path does not support is scored per station either way.
    """
    scorer = _Scorer(spec, as_of, strict, sinks, progress, columnar_wanted() if columnar is None else columnar)
    files: list[FileProblem] = []
    notices: list[FileNotice] = []
    position = 0
    for item in items:
        checkpoint()
        if isinstance(item, FileProblem):
            files.append(item)
        elif isinstance(item, FileNotice):
            notices.append(item)
        else:
            scorer.score(position, item)
            position += 1
    scorer.flush()
    compiled = list(scorer.compiled.values()) or [spec.at(as_of if isinstance(as_of, datetime.date) else datetime.date.today())]
    return BatchRun(
        spec_id=spec.id,
        scored=tuple(scorer.scored),
        rejected=tuple(scorer.rejected),
        files=tuple(files),
        notices=tuple(notices),
        indicators=_indicators(compiled),
        criteria=_criteria(compiled),
        amendments=tuple(dict.fromkeys(a for c in compiled for a in c.amendment_ids)),
    )


def _indicators(compiled: Sequence[CompiledSpec]) -> tuple[IndicatorInfo, ...]:
    found: dict[str, IndicatorInfo] = {}
    for spec in compiled:
        for criterion in spec.document.criteria:
            for indicator in criterion.indicators:
                found.setdefault(indicator.number, IndicatorInfo(indicator.number, criterion.number, indicator.title, indicator.max.value, indicator.knockout))
    return tuple(found.values())


def _criteria(compiled: Sequence[CompiledSpec]) -> tuple[CriterionInfo, ...]:
    found: dict[int, CriterionInfo] = {}
    for spec in compiled:
        for criterion in spec.document.criteria:
            found.setdefault(criterion.number, CriterionInfo(criterion.number, criterion.title))
    return tuple(found.values())
