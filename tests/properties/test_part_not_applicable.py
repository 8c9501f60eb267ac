"""Property: a part of a `points sum` that does not apply takes its maximum out of the
indicator's, and out of the criterion's and the total's, as an indicator that does not apply.

The conditions are decided here by the analysis evaluator (ytxa_rules/analysis/evaluate.py),
a tree-walking interpreter that shares no code with the generated scorer.
"""

from __future__ import annotations

from fractions import Fraction

from hypothesis import assume, given, note, settings

from tests.strategies import BASE_SETTINGS, render
from tests.strategies_typed import AS_OF, TypedSpec, typed_specs
from ytxa_rules import ast
from ytxa_rules.analysis.evaluate import Evaluator
from ytxa_rules.check import check_document
from ytxa_rules.engine.compiled import CompiledSpec
from ytxa_rules.errors import FactsError
from ytxa_rules.language.scope import Scope
from ytxa_rules.tree import part_max


def _expected_max(indicator: ast.Indicator, evaluator: Evaluator, facts: dict[str, object]) -> Fraction | None:
    """The indicator's maximum for this station, or None when a condition cannot be decided."""
    maximum = indicator.max.value
    rule = indicator.rule
    if not isinstance(rule, ast.Sum):
        return maximum
    applying = 0
    for part in rule.parts:
        if part.not_applicable is None:
            applying += 1
            continue
        try:
            held = evaluator.truth(part.not_applicable, facts)
        except Exception:  # missing fact, zero denominator, unknown entry: not this property's case
            return None
        if held:
            maximum -= part_max(part)
        else:
            applying += 1
    return maximum if applying else Fraction(0)


@settings(BASE_SETTINGS, max_examples=200)
@given(typed_specs(parts_may_not_apply=True))
def test_parts_that_do_not_apply_reduce_the_maxima(case: TypedSpec) -> None:
    document = case.document
    assume(not [d for d in check_document(document) if d.is_error])
    compiled = CompiledSpec(document, "generated")
    evaluator = Evaluator(Scope.of(document))
    note(render(document))
    for facts in case.stations:
        try:
            result = compiled.evaluate(facts, AS_OF)
        except FactsError:
            continue
        for indicator, scored in zip(document.indicators(), result.indicators):
            if scored.status != "scored":
                continue
            expected = _expected_max(indicator, evaluator, dict(facts))
            if expected is not None:
                assert scored.max == expected, (indicator.number, facts)
        criterion = result.criteria[0]
        assert criterion.max == sum((i.max for i in result.indicators if i.status != "not_applicable"), Fraction(0))
        assert result.max == criterion.max
