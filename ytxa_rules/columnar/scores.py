"""Criteria sums, missing-data scenarios and the verdict over one batch, as `CompiledSpec.run`.

Indicator outcomes arrive as scaled integer points, error codes and not-applicable flags.
Everything `run` decides per station is decided here per column: the applicable maximum
(missing indicators count in it, not-applicable ones do not), failed knock-outs, the
pessimistic and optimistic scenarios when data is missing, and each recognition condition
(`points·100 op share·max`, on integers). The arrays keep the scale; `row` values are exact.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Mapping, Sequence
from fractions import Fraction
from typing import Any

import numpy as np

from ytxa_rules.columnar.exact import LIMIT, wide
from ytxa_rules.columnar.expressions import FALLBACK, ErrorCodes
from ytxa_rules.diagnostics import Diagnostic
from ytxa_rules.engine.codegen import fact_dependencies
from ytxa_rules.engine.compiled import CompiledSpec
from ytxa_rules.engine.recognition import Scores, compile_conditions, reasons
from ytxa_rules.engine.result import MISSING_DATA, NOT_APPLICABLE, SCORED, Reason, Result
from ytxa_rules.language.functions import plain

STATUSES = (SCORED, NOT_APPLICABLE, MISSING_DATA)
UNDECIDED = -1  # in `passed` and `held`: the missing data could change it


def _exact(scaled: int, scale: int) -> int | Fraction:
    value = Fraction(int(scaled), scale)
    return value.numerator if value.denominator == 1 else value


def _holds(compare: Any, left: np.ndarray, factor_left: int, right: np.ndarray, factor_right: int, bound: int) -> np.ndarray:
    """`left·factor_left op right·factor_right`, in int64 when the bound allows, else exactly."""
    if bound * max(factor_left, factor_right, 1) >= LIMIT:
        left, right = wide(left), wide(right)
    return np.asarray(compare(left * factor_left, right * factor_right), dtype=bool)


class ColumnarGroup:
    """Scores of the rows of one batch that share a compiled spec (one as-of date's amendments)."""

    def __init__(
        self,
        compiled: CompiledSpec,
        values: Callable[[int], dict[str, Any]],
        as_of: Sequence[datetime.date],
        outcomes: list[tuple[np.ndarray, np.ndarray, np.ndarray]],
        errors: ErrorCodes,
        scale: int,
        bound: int,
        warnings: Mapping[int, tuple[Diagnostic, ...]],
    ):
        self.compiled, self.values, self.as_of = compiled, values, as_of  # `values(j)`: row j validated
        self.errors, self.scale = errors, scale
        self.warnings = warnings  # plausibility warnings by row (most rows have none)
        document = compiled.document
        indicators = compiled.indicators
        count, rows = len(indicators), len(as_of)
        self.indicator_numbers = tuple(i.number for i in indicators)
        self.criterion_numbers = tuple(c.number for c in document.criteria)
        status = np.zeros((rows, count), dtype=np.int8)
        points = np.zeros((rows, count), dtype=np.int64)
        detail = np.zeros((rows, count), dtype=np.int32)
        fallback_code = errors.code(FALLBACK, None)
        kinds = np.array([STATUSES.index(s) if s in STATUSES else 0 for s, _ in errors.entries], dtype=np.int8)
        self.fallback = np.zeros(rows, dtype=bool)
        for position, (got, err, excluded) in enumerate(outcomes):
            detail[:, position] = err
            status[:, position] = np.where(err != 0, kinds[err], np.where(excluded, 1, 0))
            points[:, position] = np.where(status[:, position] == 0, got, 0)
            self.fallback |= err == fallback_code
        self.status, self.points, self.detail = status, points, detail
        criterion_of = [i for i, c in enumerate(document.criteria) for _ in c.indicators]
        maxima = np.array([int(i.max.value * scale) for i in indicators], dtype=np.int64)
        knockout = np.array([i.knockout for i in indicators], dtype=bool)
        missing = status == 2
        counted = status != 1
        criteria = len(document.criteria)
        self.criterion_points = np.zeros((rows, criteria), dtype=np.int64)
        self.criterion_max = np.zeros((rows, criteria), dtype=np.int64)
        optimistic = np.zeros((rows, criteria), dtype=np.int64)
        for position, criterion in enumerate(criterion_of):
            self.criterion_points[:, criterion] += points[:, position]
            self.criterion_max[:, criterion] += np.where(counted[:, position], maxima[position], 0)
            optimistic[:, criterion] += np.where(missing[:, position], maxima[position], 0)
        optimistic += self.criterion_points
        self.scored_zero_knockouts = knockout & (status == 0) & (points == 0)
        self.missing_knockouts = knockout & missing
        self.incomplete = missing.any(axis=1)
        self.total = self.criterion_points.sum(axis=1)
        self.max = self.criterion_max.sum(axis=1)
        assert document.recognition is not None
        self.requirements = document.recognition.requirements
        compiled_conditions = compile_conditions(self.requirements, self.criterion_numbers)
        low_failed = (self.scored_zero_knockouts | self.missing_knockouts).any(axis=1)
        high_failed = self.scored_zero_knockouts.any(axis=1)
        low_held: list[np.ndarray] = []
        high_held: list[np.ndarray] = []
        for condition in compiled_conditions:
            for held, scenario, failed in ((low_held, self.criterion_points, low_failed), (high_held, optimistic, high_failed)):
                if condition.kind == "knockout":
                    held.append(~failed)
                    continue
                got = scenario.sum(axis=1) if condition.kind == "total" else scenario[:, condition.index]
                top = self.criterion_max.sum(axis=1) if condition.kind == "total" else self.criterion_max[:, condition.index]
                if condition.share is not None:
                    share = Fraction(condition.share)
                    held.append(_holds(condition.compare, got, 100 * share.denominator, top, share.numerator, bound))
                else:
                    assert condition.points is not None
                    required = Fraction(condition.points) * scale  # a whole number: scale includes it
                    held.append(_holds(condition.compare, got, 1, np.full(rows, int(required)), 1, bound))
        low = np.array(low_held, dtype=np.bool_).reshape(-1, rows).T
        high = np.array(high_held, dtype=np.bool_).reshape(-1, rows).T
        self.held = np.where(low == high, low.astype(np.int8), np.int8(UNDECIDED))
        decided_true = (self.held == 1).all(axis=1)
        any_false = (self.held == 0).any(axis=1)
        self.passed = np.where(decided_true, 1, np.where(any_false, 0, UNDECIDED)).astype(np.int8)
        self._dependencies: list[frozenset[str]] | None = None

    # ------------------------------------------------------------ one row, exact
    def total_of(self, j: int) -> int | Fraction:
        return _exact(self.total[j], self.scale)

    def max_of(self, j: int) -> int | Fraction:
        return _exact(self.max[j], self.scale)

    def passed_of(self, j: int) -> bool | None:
        value = int(self.passed[j])
        return None if value == UNDECIDED else bool(value)

    def criterion_points_of(self, j: int) -> tuple[tuple[Fraction, Fraction], ...]:
        """(points, applicable maximum) per criterion."""
        return tuple(
            (Fraction(int(p), self.scale), Fraction(int(m), self.scale))
            for p, m in zip(self.criterion_points[j], self.criterion_max[j])
        )

    def indicator_points_of(self, j: int) -> tuple[Fraction, ...]:
        return tuple(Fraction(int(p), self.scale) for p in self.points[j])

    def statuses_of(self, j: int) -> tuple[str, ...]:
        return tuple(STATUSES[s] for s in self.status[j])

    def details_of(self, j: int) -> tuple[str | None, ...]:
        return tuple(self.errors.entries[code][1] if code else None for code in self.detail[j])

    def knockouts_failed_of(self, j: int) -> tuple[str, ...]:
        """As `run` lists them: scored knock-outs at 0, then (data missing) missing ones."""
        numbers = self.indicator_numbers
        scored = [numbers[p] for p in np.flatnonzero(self.scored_zero_knockouts[j])]
        return tuple(scored + [numbers[p] for p in np.flatnonzero(self.missing_knockouts[j])])

    def reasons_of(self, j: int) -> tuple[Reason, ...]:
        criteria = self.criterion_points_of(j)
        scores = Scores(tuple(plain(p) for p, _ in criteria), tuple(plain(m) for _, m in criteria), self.knockouts_failed_of(j))
        held = tuple(None if h == UNDECIDED else bool(h) for h in self.held[j])
        return reasons(self.requirements, self.compiled.document.criteria, scores, held)

    def missing_of(self, j: int) -> tuple[str, ...]:
        if not self.incomplete[j]:
            return ()
        if self._dependencies is None:
            self._dependencies = fact_dependencies(self.compiled.indicators, self.compiled.scope)
        values = self.values(j)
        needed: set[str] = set()
        for position in np.flatnonzero(self.status[j] == 2):
            needed.update(d for d in self._dependencies[position] if d not in values)
        return tuple(sorted(needed))

    def row(self, j: int, trace: bool = False) -> Result:
        """The full per-station result (and explanation) of row `j`, by the per-station path."""
        return self.compiled.run(self.values(j), self.as_of[j], trace=trace, warnings=self.warnings.get(j, ()))


