"""Score one group of validated rows (one compiled spec) over columns, or say why not.

The columnar path reads the same composed, checked AST the per-station code is generated
from (`CompiledSpec.document` and its `Scope`). A construct it does not evaluate makes it
return `None` and the reason, and the caller scores the whole group per station: a
missing feature costs speed, never a wrong score.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Mapping, Sequence
from typing import TYPE_CHECKING, Any

from ytxa_rules.columnar.columns import FactColumns
from ytxa_rules.columnar.exact import Unsupported
from ytxa_rules.columnar.expressions import ErrorCodes, Evaluator
from ytxa_rules.columnar.rules import RuleEvaluator, largest_points, points_scale, supported
from ytxa_rules.columnar.scores import ColumnarGroup
from ytxa_rules.columnar.stations import StationGroup
from ytxa_rules.diagnostics import Diagnostic
from ytxa_rules.engine.compiled import CompiledSpec

if TYPE_CHECKING:
    from ytxa_rules.columnar.result import Group


def _bound(compiled: CompiledSpec, scale: int) -> int:
    """A bound on every scaled sum of points or maxima in this document."""
    total = sum(abs(i.max.value) + largest_points(i.rule) for i in compiled.indicators)
    return int(total * scale) + 1


def score_columns(
    compiled: CompiledSpec,
    columns: FactColumns,
    values: Callable[[int], dict[str, Any]],
    dates: Sequence[datetime.date],
    warnings: Mapping[int, tuple[Diagnostic, ...]] | None = None,
) -> tuple[list[tuple[Group, list[int]]] | None, str | None]:
    """([(group, rows of `columns` it scores)], None), or (None, why the columnar path cannot).

    `values(j)` gives row j's validated facts, for the rows handed to the per-station path
    and for `row(j)`.
    """
    document = compiled.document
    scale = points_scale(document)
    why = unsupported(compiled)
    if why is not None:
        return None, why
    errors = ErrorCodes()
    try:
        rules = RuleEvaluator(Evaluator(compiled.scope, columns, errors), scale)
        outcomes = [rules.indicator(indicator) for indicator in compiled.indicators]
    except Unsupported as exc:
        return None, str(exc)
    group = ColumnarGroup(compiled, values, dates, outcomes, errors, scale, _bound(compiled, scale), warnings or {})
    scored: list[tuple[Group, list[int]]] = [(group, list(range(len(dates))))]
    rows = [int(j) for j in group.fallback.nonzero()[0]]
    if rows:  # the per-station path raises or decides these; it is the reference
        results = [compiled.run(values(j), dates[j], warnings=(warnings or {}).get(j, ())) for j in rows]
        scored.append((StationGroup(results, [compiled] * len(rows)), rows))
    return scored, None


def unsupported(compiled: CompiledSpec) -> str | None:
    """Why the columnar compiler cannot score this compiled spec (None: it can)."""
    if compiled.used:
        return "uses another criteria set"
    return supported(compiled.document, compiled.scope, points_scale(compiled.document))
