"""The result of scoring one station: plain data, read by renderers and embedders.

Per-indicator results are built lazily from the compact arrays the evaluator fills, so
scoring 10 000 stations does not pay for objects nobody reads.
"""

from __future__ import annotations

import datetime
import functools
from collections.abc import Mapping, Sequence
from fractions import Fraction
from types import MappingProxyType
from typing import TYPE_CHECKING, Any, NamedTuple

import attrs

from ytxa_rules.diagnostics import Diagnostic
from ytxa_rules.engine.trace import TraceEntry
from ytxa_rules.engine.trace_log import CompactLog, compact
from ytxa_rules.engine.tracing import TraceTables, steps_of

if TYPE_CHECKING:
    from ytxa_rules.engine.compiled import CompiledSpec

SCORED = "scored"
NOT_APPLICABLE = "not_applicable"
MISSING_DATA = "missing_data"


class RawScores(NamedTuple):
    """What the evaluator fills per station; every view of a `Result` is built from it."""

    statuses: tuple[str, ...]  # per indicator, catalog order
    points: tuple[Any, ...]
    details: tuple[str | None, ...]  # the missing fact, the zero denominator, "?" + unknown value
    logs: Sequence[Sequence[tuple[Any, ...]]] | None  # per indicator, the traced log (trace=True), kept flat
    values: dict[str, Any]  # the validated facts
    low: Any  # recognition.Scores: missing indicators at 0
    held: Any  # per condition: held in both scenarios, in neither, or undecided (None)
    maxima: tuple[Any, ...] | None = None  # per indicator, when a part of a sum may not apply


def _compact_logs(raw: RawScores) -> RawScores:
    """The traced log laid flat (`trace_log.compact`): a kept traced result stays small."""
    if raw.logs is None or isinstance(raw.logs, CompactLog):
        return raw
    return raw._replace(logs=compact(raw.logs))


@attrs.frozen
class Reason:
    """One recognition condition and how it came out ("Tiêu chí 5 đạt 8/19, dưới 50 %")."""

    kind: str  # total | criterion | knockout | missing
    held: bool | None  # None: undecided because of missing data
    description: str = ""
    criterion: int | None = None
    title: str = ""
    points: Fraction | None = None
    max: Fraction | None = None
    share: Fraction | None = None  # required share of the maximum, in percent
    op: str = ">="
    indicators: tuple[str, ...] = ()
    required: Fraction | None = None  # required points, when the rule names points, not a share


@attrs.frozen
class CriterionResult:
    number: int
    title: str
    points: Fraction
    max: Fraction  # applicable maximum
    full_max: Fraction


@attrs.frozen
class IndicatorResult:
    number: str
    criterion: int
    title: str
    points: Fraction
    max: Fraction
    status: str
    knockout: bool
    knockout_failed: bool
    provisional: bool
    cite: str | None
    note: str | None
    missing: tuple[str, ...]
    reason: str | None  # why not applicable / why data is missing, in words of the spec
    amended_by: tuple[str, ...]
    trace: tuple[TraceEntry, ...] | None


class IndicatorRow(NamedTuple):
    """One indicator as renderers read it without building `IndicatorResult`s: the per-spec
    template (number, title, cite…: `template`), and what varies per station."""

    template: Any  # compiled._IndicatorTemplate: number, criterion, title, max, knockout, provisional, cite, note, amended_by
    status: str
    points: Any  # int or Fraction: 0 unless scored
    max: Any  # the template's maximum, or 0 when not applicable
    missing: tuple[str, ...]
    detail: str | None  # the reason (why not applicable, the missing fact…)
    knockout_failed: bool
    steps: list[tuple[Any, ...]] | None  # `tracing.steps_of` (trace=True)


class IndicatorScores(NamedTuple):
    """Every indicator's status and points, in the spec's order, read from the compact arrays
    the evaluator fills: what a batch of thousands needs, without building `indicators`."""

    statuses: tuple[str, ...]  # scored | not_applicable | missing_data
    points: tuple[Any, ...]  # points earned (int or Fraction) where the status is scored


@attrs.frozen
class Result:
    spec_id: str
    spec_title: str
    amendments: tuple[str, ...]
    digest: str
    as_of: datetime.date
    station: dict[str, Any] = attrs.field(eq=False)
    total: Fraction | int
    max: Fraction | int
    passed: bool | None
    missing: tuple[str, ...]
    # Raw per-indicator arrays and scores; the views below are built from them on demand.
    _raw: RawScores = attrs.field(eq=False, repr=False, converter=_compact_logs)
    _spec: CompiledSpec = attrs.field(eq=False, repr=False)
    # Plausibility warnings about the facts (W600–W619): valid, scored, but worth a look.
    warnings: tuple[Diagnostic, ...] = ()

    @functools.cached_property
    def criteria(self) -> tuple[CriterionResult, ...]:
        return self._spec.criterion_results(self._raw)

    @functools.cached_property
    def reasons(self) -> tuple[Reason, ...]:
        """One per recognition condition, held or not (`held` None: undecided)."""
        return self._spec.reasons(self._raw)

    @property
    def values(self) -> Mapping[str, Any]:
        """The facts the station was scored on, validated and exact (facts not given are absent)."""
        return MappingProxyType(self._raw.values)

    @property
    def complete(self) -> bool:
        return not self.missing

    @property
    def removed(self) -> tuple[tuple[str, str, tuple[str, ...]], ...]:
        """Indicators the amendments in force removed: (number, title, amendment ids)."""
        document = self._spec.document
        present = {i.number for i in document.indicators()}
        return tuple(
            (r.name, r.title, tuple(dict.fromkeys(a.id for a in r.amended_by)))
            for r in document.removed
            if r.kind == "indicator" and r.name not in present
        )

    def amended_by(self, criterion: int | None = None) -> tuple[str, ...]:
        """Amendments that changed a criterion (its title or maximum), or the document's title or total."""
        document = self._spec.document
        refs = document.header_by if criterion is None else next((c.amended_by for c in document.criteria if c.number == criterion), ())
        return tuple(dict.fromkeys(r.id for r in refs))

    @functools.cached_property
    def indicators(self) -> tuple[IndicatorResult, ...]:
        return self._spec.indicator_results(self._raw)

    def indicator_scores(self) -> IndicatorScores:
        """Statuses and points in the spec's order (`indicators` gives the same, with everything else)."""
        return IndicatorScores(tuple(self._raw[0]), tuple(self._raw[1]))

    @property
    def compiled_spec(self) -> CompiledSpec:
        """The compiled spec this result was scored with: renderers keep their per-spec
        templates under it (it lives as long as the spec is loaded)."""
        return self._spec

    @property
    def trace_tables(self) -> TraceTables | None:
        """The per-spec static parts of the trace (texts, provenance, kinds), if traced."""
        return self._spec._traced()[1] if self._raw.logs is not None else None

    def indicator_rows(self) -> list[IndicatorRow]:
        """Every indicator's template and per-station values, in the spec's order: what the
        JSON and text renderers write from, without the objects of `indicators`."""
        statuses, points, details, logs, values = self._raw.statuses, self._raw.points, self._raw.details, self._raw.logs, self._raw.values
        maxima = self._raw.maxima
        tables = self.trace_tables
        rows = []
        for position, template in enumerate(self._spec._templates()):
            status = statuses[position]
            applicable = status != NOT_APPLICABLE
            earned = points[position] if status == SCORED else 0
            missing = tuple(d for d in template.dependencies if d not in values) if status == MISSING_DATA else ()
            steps = None
            if tables is not None and logs is not None:
                log = logs.records(position) if type(logs) is CompactLog else logs[position]
                steps = steps_of(log, tables, values, template.number)
            maximum = template.max if applicable else 0
            if maxima is not None and status == SCORED:  # a part of its sum did not apply
                maximum = Fraction(maxima[position])
            rows.append(
                IndicatorRow(
                    template, status, earned, maximum, missing, details[position],
                    template.knockout and applicable and not earned, steps,
                )
            )
        return rows

    def indicator(self, number: str | int) -> IndicatorResult:
        wanted = str(number)
        for result in self.indicators:
            if result.number == wanted:
                return result
        raise KeyError(wanted)

    def to_dict(self) -> dict[str, Any]:
        """The stable JSON shape `ytxa-result/1` (see docs/reference/result-schema.json)."""
        from ytxa_rules.render.json_result import result_to_dict

        return result_to_dict(self)
