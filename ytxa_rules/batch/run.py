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
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import Any, Protocol

import attrs

from ytxa_rules.api import Spec
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
    def add(self, station: StationScore, result: Result) -> None: ...


Progress = Callable[[], None]
# One date for every station, a date per station (from its facts), or None: each station's default.
AsOf = datetime.date | Callable[[Mapping[str, Any]], datetime.date] | None


def _validate_anyway(compiled: CompiledSpec, facts: dict[str, Any], where: Any) -> list[Diagnostic]:
    try:
        compiled.validator.validate(facts, where)
    except FactsError as exc:
        return list(exc.diagnostics)
    return []


class _Scorer:
    def __init__(self, spec: Spec, as_of: AsOf, strict: bool, sinks: Sequence[Sink]):
        self.spec, self.as_of, self.strict, self.sinks = spec, as_of, strict, sinks
        self.scored: list[StationScore] = []
        self.rejected: list[RejectedStation] = []
        self.seen: dict[tuple[str, int], Origin] = {}
        self.compiled: dict[int, CompiledSpec] = {}
        self.year_fact = spec.document.assessment_year

    def reject(self, where: Origin, record: StationRecord, problems: Sequence[Diagnostic]) -> None:
        ordered = sorted(problems, key=lambda d: (d.span.line, d.span.column) if d.span else (0, 0))
        self.rejected.append(RejectedStation(where, tuple(ordered), record.cells, record.tabular, record.sources))

    def score(self, position: int, record: StationRecord) -> None:
        where = origin(position, record)
        when = self.as_of(record.facts) if callable(self.as_of) else self.as_of or self.spec.default_as_of(record.facts)
        try:
            compiled = self.spec.at(when)
        except UsageError as exc:  # an assessment year before the criteria took effect
            self.reject(where, record, exc.diagnostics)
            return
        self.compiled.setdefault(id(compiled), compiled)
        if record.errors:
            self.reject(where, record, [*record.problems, *_validate_anyway(compiled, record.facts, record.where)])
            return
        try:
            result = compiled.evaluate(record.facts, when, strict=self.strict, where=record.where)
        except FactsError as exc:
            self.reject(where, record, [*record.problems, *exc.diagnostics])
            return
        year = record.facts.get(self.year_fact) if self.year_fact else None
        id_fact = next((name for name in ROLES["id"] if record.facts.get(name)), None)
        if id_fact is not None and type(year) is int:  # a label column does not identify a station
            earlier = self.seen.get((where.id, year))
            if earlier is not None:
                problem = error("F060", record.where.get(id_fact), name=id_fact, station=where.id, year=year, other=earlier.where)
                self.reject(where, record, [problem])
                return
            self.seen[(where.id, year)] = where
        station = station_score(where, record, result, compiled, self.year_fact)
        self.scored.append(station)
        for sink in self.sinks:
            sink.add(station, result)


def score_batch(
    spec: Spec,
    items: Iterable[StationRecord | FileProblem | FileNotice],
    *,
    as_of: AsOf = None,
    strict: bool = False,
    sinks: Sequence[Sink] = (),
    progress: Progress | None = None,
) -> BatchRun:
    """Score every station in `items` (from `facts.sources.read_sources`), in order."""
    scorer = _Scorer(spec, as_of, strict, sinks)
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
            if progress is not None:
                progress()
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
