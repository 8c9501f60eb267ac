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


def as_rows(data: Rows | Columns) -> list[Mapping[str, Any]]:
    """Rows as given, or columns (name -> equally long sequence) turned into rows."""
    if not isinstance(data, Mapping):
        return list(data)
    columns = {name: (values.tolist() if hasattr(values, "tolist") else list(values)) for name, values in data.items()}
    lengths = {len(values) for values in columns.values()}
    if len(lengths) > 1:
        raise UsageError([error("U100", None, lengths=", ".join(str(n) for n in sorted(lengths)))])
    count = lengths.pop() if lengths else 0
    names = list(columns)
    return [{name: columns[name][i] for name in names} for i in range(count)]


def validate(compiled: CompiledSpec, facts: Mapping[str, Any], strict: bool, where: Mapping[str, ast.Span] | None) -> tuple[dict[str, Any], tuple[Diagnostic, ...]]:
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


def _dates(spec: Spec, rows: list[Mapping[str, Any]], as_of: datetime.date | Sequence[datetime.date] | None) -> list[datetime.date]:
    if as_of is None:
        return [spec.default_as_of(row) for row in rows]
    if isinstance(as_of, datetime.date):
        return [as_of] * len(rows)
    if isinstance(as_of, (str, bytes)) or not isinstance(as_of, Sequence):
        raise UsageError([error("U005", None, text=str(as_of))])
    dates = list(as_of)
    if len(dates) != len(rows) or not all(isinstance(d, datetime.date) for d in dates):
        raise UsageError([error("U101", None, rows=len(rows), dates=len(dates))])
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

    rows = as_rows(data)
    dates = _dates(spec, rows, as_of)
    errors: dict[int, YtxaError] = {}
    by_spec: dict[int, tuple[CompiledSpec, list[int], list[dict[str, Any]], list[tuple[Diagnostic, ...]]]] = {}
    compiled_on: dict[datetime.date, CompiledSpec] = {}
    for index, (row, date) in enumerate(zip(rows, dates)):
        try:
            compiled = compiled_on.get(date)
            if compiled is None:
                compiled = compiled_on[date] = spec.at(date)
            values, warnings = validate(compiled, row, strict, where[index] if where is not None else None)
        except (FactsError, UsageError) as exc:
            errors[index] = exc
            continue
        group = by_spec.setdefault(id(compiled), (compiled, [], [], []))
        group[1].append(index)
        group[2].append(values)
        group[3].append(warnings)
    reason = numpy_missing() if columnar else "asked for the per-station path"
    groups: list[tuple[Group, list[int]]] = []
    reasons: list[str] = []
    for compiled, indices, values, warnings in by_spec.values():
        group_dates = [dates[i] for i in indices]
        scored: list[tuple[Group, list[int]]] | None = None
        why = reason
        if reason is None:
            from ytxa_rules.columnar.plan import score_columns

            scored, why = score_columns(compiled, values, group_dates, warnings)
        if scored is None:
            from ytxa_rules.columnar.stations import StationGroup

            results = [compiled.run(dict(v), d, warnings=w) for v, d, w in zip(values, group_dates, warnings)]
            scored = [(StationGroup(results, [compiled] * len(results)), list(range(len(results))))]
            reasons.append(why or "")
        for group, local in scored:  # a later group overrides rows of an earlier one
            groups.append((group, [indices[j] for j in local]))
    return BatchResult(len(rows), dates, errors, groups, "; ".join(dict.fromkeys(reasons)) or None)
