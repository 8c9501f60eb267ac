""""Amendment = hand-edited spec": composing an amendment gives exactly the document one
gets by making the same edit by hand to the spec's text, and both score alike.

Scenarios come from tests/strategies.py: 1-3 amendments (each its own file and date) to
the built-in 1300/QĐ-BYT text, of every kind the issue lists (threshold, points,
operator, max, title, status, cite, replace rule, add/remove indicator; maxima are
rebalanced so the result still checks), and the same edits spliced into the text at the
places the parser's spans point to.
"""

from __future__ import annotations

import datetime
import tempfile
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
from hypothesis import event, given, note, settings
from strategies import BASE_SETTINGS, SPEC_1300_TEXT, SPEC_1453_TEXT, Scenario, amendment_scenarios, any_stations, parsed_spec

import ytxa_rules
from ytxa_rules import ast
from ytxa_rules.check import check_document
from ytxa_rules.compose import compose
from ytxa_rules.errors import SpecError
from ytxa_rules.syntax.parser import parse_text


def _show(scenario: Scenario) -> None:
    for summary, text in zip(scenario.summary, scenario.amendment_texts):
        note(f"{summary}\n{text}")
        event(summary.split(":")[0])


def _composed(scenario: Scenario) -> ast.Document:
    base = parsed_spec(scenario.base_text)
    assert isinstance(base, ast.Document)
    amendments = [parse_text(text, f"<amendment {i + 1}>") for i, text in enumerate(scenario.amendment_texts)]
    assert all(isinstance(a, ast.Amendment) for a in amendments)
    return compose(base, amendments)  # type: ignore[arg-type]


def _errors(doc: ast.Document) -> Counter[str]:
    return Counter(d.code for d in check_document(doc) if d.is_error)


def _comparable(data: Any) -> Any:
    """A result as JSON without what names the amendments (ids, digest, `amended_by`)."""
    if isinstance(data, dict):
        return {k: _comparable(v) for k, v in data.items() if k not in ("amended_by", "amendments", "digest")}
    if isinstance(data, list):
        return [_comparable(v) for v in data]
    return data


@settings(BASE_SETTINGS, max_examples=50)
@given(amendment_scenarios())
def test_amendment_equals_hand_edited_spec(scenario: Scenario) -> None:
    """compose(base, amendments) == parse(base text edited by hand), node for node, and
    the checker finds the same errors in both."""
    _show(scenario)
    composed = _composed(scenario)
    edited = parse_text(scenario.edited_text, "<hand-edited>")
    assert composed == edited
    assert _errors(composed) == _errors(edited)


@settings(BASE_SETTINGS, max_examples=20)
@given(amendment_scenarios(), any_stations())
def test_amended_and_hand_edited_specs_score_alike(scenario: Scenario, facts: dict[str, Any]) -> None:
    """Loaded through the public API (base + amendment files vs. the edited file alone),
    both give the same result, trace included, on the day the last amendment takes effect."""
    _show(scenario)
    with tempfile.TemporaryDirectory() as folder:
        amended_dir, edited_dir = Path(folder, "amended"), Path(folder, "edited")
        amended_dir.mkdir()
        edited_dir.mkdir()
        Path(amended_dir, "base.ytxa").write_text(scenario.base_text, encoding="utf-8")
        for i, text in enumerate(scenario.amendment_texts, 1):
            Path(amended_dir, f"amendment-{i}.ytxa").write_text(text, encoding="utf-8")
        Path(edited_dir, "edited.ytxa").write_text(scenario.edited_text, encoding="utf-8")
        amended = ytxa_rules.load(amended_dir)
        edited = ytxa_rules.load(edited_dir)
        outcomes = []
        for spec in (amended, edited):
            try:
                outcomes.append(_comparable(spec.evaluate(facts, scenario.as_of, trace=True).to_dict()))
                event("evaluated")
            except SpecError as exc:  # an edit the checker rejects must be rejected both ways
                outcomes.append(sorted(d.code for d in exc.diagnostics))
                event("rejected by the checker")
    assert outcomes[0] == outcomes[1]


def test_the_1453_erratum_is_the_1300_text_with_the_operator_flipped() -> None:
    """The shipped amendment: indicator 35 band 1 `>=` becomes `<=`."""
    base = parse_text(SPEC_1300_TEXT)
    erratum = parse_text(SPEC_1453_TEXT)
    assert isinstance(base, ast.Document) and isinstance(erratum, ast.Amendment)
    old = "points 2 when ty_le_tre_duoi_5_thap_coi >= nguong_thap_coi"
    assert SPEC_1300_TEXT.count(old) == 1
    edited = parse_text(SPEC_1300_TEXT.replace(old, old.replace(">=", "<=")))
    assert compose(base, [erratum]) == edited


@pytest.mark.parametrize("as_of", [datetime.date(2023, 3, 20), datetime.date(2025, 1, 1)])
def test_builtin_spec_after_1453_scores_as_the_edited_text(as_of: datetime.date) -> None:
    """The built-in Spec on/after 2023-03-20 and the hand-edited text compile to equal documents."""
    old = "points 2 when ty_le_tre_duoi_5_thap_coi >= nguong_thap_coi"
    edited = parse_text(SPEC_1300_TEXT.replace(old, old.replace(">=", "<=")))
    assert ytxa_rules.load().composed(as_of) == edited
