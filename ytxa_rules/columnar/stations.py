"""The per-station path behind the same interface as a columnar group.

Used for a whole spec the columnar compiler does not support, when numpy is not
installed, and for single rows the columnar path hands back. It reads everything from
`Result`s, so it is the reference the columnar path is tested against.
"""

from __future__ import annotations

from collections.abc import Sequence
from fractions import Fraction

from ytxa_rules.engine.compiled import CompiledSpec
from ytxa_rules.engine.result import Reason, Result


class StationGroup:
    """Rows scored one by one by `CompiledSpec.run`."""

    def __init__(self, results: Sequence[Result], specs: Sequence[CompiledSpec]):
        self.results = list(results)
        self.specs = list(specs)  # the compiled spec of each result, to trace it on demand

    def total_of(self, j: int) -> int | Fraction:
        return self.results[j].total

    def max_of(self, j: int) -> int | Fraction:
        return self.results[j].max

    def passed_of(self, j: int) -> bool | None:
        return self.results[j].passed

    def criterion_points_of(self, j: int) -> tuple[tuple[Fraction, Fraction], ...]:
        return tuple((c.points, c.max) for c in self.results[j].criteria)

    def indicator_points_of(self, j: int) -> tuple[Fraction, ...]:
        return tuple(i.points for i in self.results[j].indicators)

    def statuses_of(self, j: int) -> tuple[str, ...]:
        return tuple(i.status for i in self.results[j].indicators)

    def details_of(self, j: int) -> tuple[str | None, ...]:
        return tuple(i.reason for i in self.results[j].indicators)

    def reasons_of(self, j: int) -> tuple[Reason, ...]:
        return self.results[j].reasons

    def missing_of(self, j: int) -> tuple[str, ...]:
        return self.results[j].missing

    def row(self, j: int, trace: bool = False) -> Result:
        result = self.results[j]
        if not trace:
            return result
        return self.specs[j].run(dict(result.values), result.as_of, trace=True, warnings=result.warnings)
