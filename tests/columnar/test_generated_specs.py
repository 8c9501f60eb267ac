"""Property: for any spec that checks (tests/strategies_typed.py), the batch agrees with `evaluate`.

The generated specs use every construct the engine compiles (rates nested in counts, min
and max, arithmetic and exact division, `in`, tables with unknown entries, values that use
values, branches, sums of parts, `not applicable`), and the stations sit on the edges
(zero denominators, thresholds hit exactly, facts left out).
"""

from __future__ import annotations

import pytest
from hypothesis import assume, given, note, settings

from tests.columnar.agreement import batched, per_station
from tests.strategies import BASE_SETTINGS, render
from tests.strategies_typed import AS_OF, TypedSpec, typed_specs
from ytxa_rules.check import check_document
from ytxa_rules.columnar.batch import score_compiled
from ytxa_rules.columnar.plan import unsupported
from ytxa_rules.columnar.result import BatchResult
from ytxa_rules.columnar.table import Table
from ytxa_rules.engine.compiled import CompiledSpec
from ytxa_rules.errors import FactsError

pytest.importorskip("numpy")


def _batch(compiled: CompiledSpec, stations: list[dict]) -> BatchResult:  # type: ignore[type-arg]
    """What `evaluate_batch` does for one compiled spec (the strategies build ASTs, not a `Spec`)."""
    assert unsupported(compiled) is None
    dates = [AS_OF] * len(stations)
    groups, errors = score_compiled(compiled, Table.of(stations), dates)
    return BatchResult(len(stations), dates, dict(errors), groups, None)


@settings(BASE_SETTINGS, max_examples=300)
@given(typed_specs())
def test_batch_agrees_with_evaluate_on_generated_specs(case: TypedSpec) -> None:
    document = case.document
    assume(not [d for d in check_document(document) if d.is_error])
    compiled = CompiledSpec(document, "generated")
    stations = [dict(s) for s in case.stations] * 3  # a few rows each, so columns have length
    batch = _batch(compiled, stations)
    try:
        for i, facts in enumerate(stations):
            try:
                want = per_station(compiled.evaluate(facts, AS_OF))
            except FactsError as exc:
                assert not batch.ok(i) and batch.errors[i].diagnostics == exc.diagnostics
                continue
            assert batched(batch, i) == want, facts
    except AssertionError:
        note(render(document))
        raise
