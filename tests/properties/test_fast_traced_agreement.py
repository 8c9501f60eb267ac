"""The fast and the traced evaluation of any spec that checks give the same result.

Both are generated from one AST walk (ytxa_rules/engine/codegen.py), but the traced path
calls runtime hooks where the fast path has inline code; a temporary shared by two nested
comparisons once made the fast path score 0 where the trace (rightly) said 2. Specs and
facts come from tests/strategies_typed.py.
"""

from __future__ import annotations

from typing import Any

from hypothesis import assume, given, note, settings

from tests.strategies import BASE_SETTINGS, render
from tests.strategies_typed import AS_OF, TypedSpec, typed_specs
from ytxa_rules.check import check_document
from ytxa_rules.engine.compiled import CompiledSpec
from ytxa_rules.engine.result import Result
from ytxa_rules.engine.trace import Outcome
from ytxa_rules.syntax.parser import parse_text


def _summary(result: Result) -> dict[str, Any]:
    return {
        "total": result.total,
        "max": result.max,
        "passed": result.passed,
        "missing": result.missing,
        "criteria": [(c.points, c.max) for c in result.criteria],
        "indicators": [(i.number, i.points, i.max, i.status, i.reason, i.knockout_failed, i.missing) for i in result.indicators],
        "reasons": [(r.kind, r.held) for r in result.reasons],
    }


@settings(BASE_SETTINGS, max_examples=300)
@given(typed_specs(parts_may_not_apply=True))
def test_fast_and_traced_paths_agree(case: TypedSpec) -> None:
    document = case.document
    assume(not [d for d in check_document(document) if d.is_error])
    compiled = CompiledSpec(document, "generated")
    try:
        for facts in case.stations:
            fast = compiled.evaluate(facts, AS_OF)
            traced = compiled.evaluate(facts, AS_OF, trace=True)
            assert _summary(fast) == _summary(traced), facts
            for indicator in traced.indicators:  # the explanation is built and ends in the outcome
                assert indicator.trace is not None
                outcome = indicator.trace[-1]
                assert isinstance(outcome, Outcome)
                assert (outcome.points, outcome.status) == (indicator.points, indicator.status)
    except AssertionError:
        note(render(document))  # the spec as text, to paste into a file and `ytxa explain`
        raise


@settings(BASE_SETTINGS, max_examples=20)
@given(typed_specs(parts_may_not_apply=True))
def test_generated_specs_are_what_their_text_says(case: TypedSpec) -> None:
    """The strategies build ASTs; what a policy editor would write is their text."""
    assert parse_text(render(case.document)) == case.document
