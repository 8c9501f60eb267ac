"""`evaluate_batch`: validate every row as `Spec.evaluate` does, then score whole columns.

Rows are validated one by one by the spec's own validators (the generated fast one, then
the thorough one), so an invalid row gets exactly the located errors `evaluate` raises,
and good rows are never lost. Valid rows are grouped by the compiled spec in force on
their date; each group is scored by the columnar path, or by the per-station path when
numpy is not installed or the spec uses a construct the columnar compiler does not
support (`BatchResult.fallback` says why). A row the columnar path cannot decide
(a table key outside the table) is scored by the per-station path alone.
"""

from __future__ import annotations

import datetime
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

from ytxa_rules import ast
from ytxa_rules.columnar.table import Table
from ytxa_rules.diagnostics import ERROR, Diagnostic, error
from ytxa_rules.engine.compiled import CompiledSpec
from ytxa_rules.errors import FactsError, UsageError, YtxaError

if TYPE_CHECKING:
    from ytxa_rules.api import Spec
    from ytxa_rules.columnar.result import BatchResult, Group

Rows = Sequence[Mapping[str, Any]]
Columns = Mapping[str, Sequence[Any]]


def numpy_missing() -> str | None:
    """Why the columnar path cannot run here (None: numpy is importable)."""
    try:
        import numpy  # noqa: F401
    except ImportError:
        return "numpy is not installed (pip install 'ytxa-rules[columnar]')"
    return None


def validate(
    compiled: CompiledSpec, facts: Mapping[str, Any], strict: bool, where: Mapping[str, ast.Span] | None
) -> tuple[dict[str, Any], tuple[Diagnostic, ...]]:
    """The validation `CompiledSpec.evaluate` runs; raises the same `FactsError`."""
    fast = compiled._fast_validate(facts)  # noqa: SLF001 - the same validator as evaluate
    warnings: tuple[Diagnostic, ...] = ()
    if fast is not None:
        values, low = fast
        missing = compiled.validator.missing(values)
        if low:
            warnings = tuple(compiled.validator.warnings(values, where))
    else:
        values, missing, warnings = compiled.validator.check(facts, where)
    if strict and (missing or warnings):
        problems = [error("F010", None, name=name) for name in missing]
        raise FactsError(problems + [Diagnostic(w.code, ERROR, w.span, w.arguments) for w in warnings])
    return values, warnings


def _dates(spec: Spec, table: Table, as_of: datetime.date | Sequence[datetime.date] | None) -> list[datetime.date]:
    if as_of is None:  # each station's assessment year, as `Spec.evaluate` decides it
        name = spec.document.assessment_year
        if name is None:
            return [spec.default_as_of({})] * table.count
        return [spec.default_as_of({name: year}) for year in table.values(name)]
    if isinstance(as_of, datetime.date):
        return [as_of] * table.count
    if isinstance(as_of, (str, bytes)) or not isinstance(as_of, Sequence):
        raise UsageError([error("U005", None, text=str(as_of))])
    dates = list(as_of)
    if len(dates) != table.count or not all(isinstance(d, datetime.date) for d in dates):
        raise UsageError([error("U101", None, rows=table.count, dates=len(dates))])
    return dates


def evaluate_batch(
    spec: Spec,
    data: Rows | Columns,
    as_of: datetime.date | Sequence[datetime.date] | None = None,
    *,
    strict: bool = False,
    where: Sequence[Mapping[str, ast.Span] | None] | None = None,
    columnar: bool = True,
) -> BatchResult:
    """Score many stations; see `Spec.evaluate_batch`."""
    from ytxa_rules.columnar.result import BatchResult

    table = Table.of(data)
    dates = _dates(spec, table, as_of)
    errors: dict[int, YtxaError] = {}
    by_spec: dict[int, tuple[CompiledSpec, list[int]]] = {}
    compiled_on: dict[datetime.date, CompiledSpec] = {}
    for index, date in enumerate(dates):
        compiled = compiled_on.get(date)
        if compiled is None:
            try:
                compiled = compiled_on[date] = spec.at(date)
            except UsageError as exc:  # a date before the document takes effect
                errors[index] = exc
                continue
        by_spec.setdefault(id(compiled), (compiled, []))[1].append(index)
    reason = numpy_missing() if columnar else "asked for the per-station path"
    groups: list[tuple[Group, list[int]]] = []
    fallbacks: list[str] = []
    for compiled, indices in by_spec.values():
        why = reason or _unsupported(compiled)
        if why is not None:
            fallbacks.append(why)
        part = table if len(indices) == table.count else table.select(indices)
        scored, failed = score_compiled(compiled, part, [dates[i] for i in indices], strict, _where(where, indices), why is None)
        groups.extend((group, [indices[j] for j in local]) for group, local in scored)
        errors.update((indices[j], exc) for j, exc in failed.items())
    return BatchResult(table.count, dates, errors, groups, "; ".join(dict.fromkeys(fallbacks)) or None)


def score_compiled(
    compiled: CompiledSpec,
    table: Table,
    dates: list[datetime.date],
    strict: bool = False,
    where: Sequence[Mapping[str, ast.Span] | None] | None = None,
    columnar: bool = True,
) -> tuple[list[tuple[Group, list[int]]], dict[int, FactsError]]:
    """Score every row of `table` with one compiled spec: (groups and their rows, errors by row)."""
    scored: list[tuple[Group, list[int]]] = []
    deferred = list(range(table.count))
    if columnar:
        scored, deferred = _columnar(compiled, table, dates, strict, where)
    errors: dict[int, FactsError] = {}
    station = _per_station(compiled, table, dates, deferred, strict, where, errors)
    if station is not None:
        scored.append(station)
    return scored, errors


def _unsupported(compiled: CompiledSpec) -> str | None:
    from ytxa_rules.columnar.plan import unsupported

    return unsupported(compiled)


def _columnar(
    compiled: CompiledSpec,
    table: Table,
    dates: list[datetime.date],
    strict: bool,
    where: Sequence[Mapping[str, ast.Span] | None] | None,
) -> tuple[list[tuple[Group, list[int]]], list[int]]:
    """Groups scoring the rows the column validator accepts, and the rows it defers."""
    import numpy as np

    from ytxa_rules.columnar.plan import score_columns
    from ytxa_rules.columnar.validate import accept, percent_values
    from ytxa_rules.facts.plausibility import percent_warnings

    facts = compiled.scope.facts
    columns, accepted, low = accept(facts, table, strict)
    keep = np.flatnonzero(accepted)
    deferred = [int(j) for j in np.flatnonzero(~accepted)]
    if not len(keep):
        return [], deferred
    kept = [int(j) for j in keep]
    position = {row: j for j, row in enumerate(kept)}
    percents = compiled.validator.percents
    warnings: dict[int, tuple[Diagnostic, ...]] = {}
    for row in np.flatnonzero(low):  # as the fast validator: only when a percent is at most 1
        found = percent_warnings(
            percent_values(facts, columns, int(row)), percents, (where[int(row)] or {}) if where is not None else {}
        )
        if found:
            warnings[position[int(row)]] = tuple(found)

    def values(j: int) -> dict[str, Any]:
        return validate(compiled, table.row(kept[j]), strict, None)[0]

    scored, why = score_columns(compiled, columns.subset(keep), values, [dates[j] for j in kept], warnings)
    if scored is None:  # a construct found only while evaluating: every row per station
        return [], list(range(table.count))
    return [(group, [kept[j] for j in local]) for group, local in scored], deferred


def _where(
    where: Sequence[Mapping[str, ast.Span] | None] | None, indices: list[int]
) -> list[Mapping[str, ast.Span] | None] | None:
    return None if where is None else [where[i] for i in indices]


def _per_station(
    compiled: CompiledSpec,
    table: Table,
    dates: list[datetime.date],
    indices: list[int],
    strict: bool,
    where: Sequence[Mapping[str, ast.Span] | None] | None,
    errors: dict[int, FactsError],
) -> tuple[Group, list[int]] | None:
    """Rows validated and scored one at a time, exactly as `Spec.evaluate`."""
    from ytxa_rules.columnar.stations import StationGroup

    results, scored = [], []
    for index in indices:
        try:
            values, warnings = validate(compiled, table.row(index), strict, where[index] if where is not None else None)
        except FactsError as exc:
            errors[index] = exc
            continue
        results.append(compiled.run(values, dates[index], warnings=warnings))
        scored.append(index)
    if not scored:
        return None
    return StationGroup(results, [compiled] * len(results)), scored
