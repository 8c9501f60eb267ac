"""`ytxa gap`: every proposal, applied to the facts and re-scored, passes; the analyses'
evaluator agrees with the engine on every indicator."""

from __future__ import annotations

import io
import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings

import ytxa_rules
from tests import strategies
from ytxa_rules.analysis.evaluate import Evaluator, Missing, Unknown
from ytxa_rules.analysis.gap import gap
from ytxa_rules.cli import main
from ytxa_rules.errors import FactsError, UsageError

REPO = Path(__file__).resolve().parents[2]
FAILING = sorted(
    [REPO / "examples" / "xa-diem-liet.yaml", REPO / "examples" / "xa-khong-dat-80-phan-tram.yaml", REPO / "examples" / "xa-tieu-chi-duoi-50-phan-tram.yaml"]
    + [REPO / "examples" / "nam-dinh-2026" / n for n in ("02-yen-phu.yaml", "04-yen-binh.yaml", "08-giao-thien.yaml")]
)


@pytest.fixture(scope="module")
def spec() -> ytxa_rules.Spec:
    return ytxa_rules.load()


def _facts(path: Path) -> dict[str, Any]:
    facts, _ = ytxa_rules.read_facts(path)
    return facts


@pytest.mark.parametrize("path", FAILING, ids=[p.name for p in FAILING])
def test_every_proposal_rescored_from_the_original_facts_passes(spec: ytxa_rules.Spec, path: Path) -> None:
    facts = _facts(path)
    result = spec.evaluate(facts)
    assert result.passed is False
    report = gap(spec, result)
    assert report.proposals, f"no proposal for {path.name}"
    sizes = [len(p.improvements) for p in report.proposals]
    assert sizes == sorted(sizes)  # ranked by the number of indicators changed
    found = [frozenset(i.indicator for i in p.improvements) for p in report.proposals]
    assert not any(a < b for a in found for b in found)  # no set holds a smaller passing set
    for proposal in report.proposals:
        changed = {**facts, **proposal.facts}  # the file's facts, as a user would edit them
        rescored = spec.evaluate(changed, result.as_of)
        assert rescored.passed is True, (path.name, proposal.facts)
        assert rescored.total == proposal.total
        for improvement in proposal.improvements:
            assert rescored.indicator(improvement.indicator).points == improvement.new_points > improvement.old_points


def test_the_smallest_set_is_found_when_one_indicator_is_enough(spec: ytxa_rules.Spec) -> None:
    facts = _facts(REPO / "examples" / "xa-diem-liet.yaml")  # knocked out by indicator 22 only
    report = gap(spec, spec.evaluate(facts))
    assert [len(p.improvements) for p in report.proposals] == [1]
    assert report.proposals[0].improvements[0].indicator == "22"


def test_counts_are_solved_at_the_exact_boundary(spec: ytxa_rules.Spec) -> None:
    facts = {**_facts(REPO / "examples" / "xa-dat-chuan.yaml"), "so_nguoi_co_hssk_dien_tu": 0, "co_phan_mem_quan_ly_tram": False,
             "trien_khai_kcb_tu_xa": False}  # criterion 10 at 0/4: below 50 %
    result = spec.evaluate(facts)
    assert result.passed is False
    report = gap(spec, result)
    singles = [p for p in report.proposals if len(p.improvements) == 1]
    assert singles and singles[0].facts == {"so_nguoi_co_hssk_dien_tu": 7416}  # 90 % of 8,240 exactly
    below = spec.evaluate({**facts, "so_nguoi_co_hssk_dien_tu": 7415})
    assert below.passed is False


def test_bounds_are_respected(spec: ytxa_rules.Spec) -> None:
    facts = _facts(REPO / "examples" / "nam-dinh-2026" / "02-yen-phu.yaml")
    report = gap(spec, spec.evaluate(facts))
    for proposal in report.proposals:
        for name, value in proposal.facts.items():
            if name.startswith("so_nguoi_") and name != "so_nguoi_cao_tuoi_kham_dinh_ky":
                assert value <= facts["dan_so"]
            assert not isinstance(value, (int,)) or value >= 0


def test_a_passing_station_needs_nothing_and_missing_data_is_refused(spec: ytxa_rules.Spec) -> None:
    facts = _facts(REPO / "examples" / "xa-dat-chuan.yaml")
    assert gap(spec, spec.evaluate(facts)).proposals == ()
    del facts["so_bac_si_co_huu"]
    with pytest.raises(UsageError):
        gap(spec, spec.evaluate(facts))


def test_the_search_is_bounded_and_says_so(spec: ytxa_rules.Spec) -> None:
    facts = _facts(REPO / "examples" / "nam-dinh-2026" / "02-yen-phu.yaml")  # needs 4 indicators
    report = gap(spec, spec.evaluate(facts), max_changes=2)
    assert report.proposals == () and report.cut_short


def test_cli_gap_text_and_json() -> None:
    out, err = io.StringIO(), io.StringIO()
    path = str(REPO / "examples" / "nam-dinh-2026" / "04-yen-binh.yaml")
    assert main(["gap", path, "--lang", "en"], out, err) == 0
    assert "Option 1: improve 1 indicator(s)" in out.getvalue() and "so_bac_si_co_huu" in out.getvalue()
    out = io.StringIO()
    assert main(["gap", path, "--format", "json"], out, err) == 0
    payload = json.loads(out.getvalue())
    assert payload["schema"] == "ytxa-gap/1" and payload["proposals"][0]["facts"] == {"so_bac_si_co_huu": 1}
    out, err = io.StringIO(), io.StringIO()
    assert main(["gap", path, "--max-changes", "0"], out, err) == 2 and "U046" in err.getvalue()


def _engine_status(indicator: Any) -> tuple[str, Any]:
    return indicator.status, indicator.points


@settings(max_examples=150, deadline=None)
@given(facts=strategies.any_stations())
def test_the_analyses_evaluator_agrees_with_the_engine(facts: dict[str, Any]) -> None:
    spec = ytxa_rules.load()
    try:
        result = spec.evaluate(facts)
    except FactsError:
        return
    compiled = spec.at(result.as_of)
    evaluator = Evaluator(compiled.scope)
    for node, indicator in zip(compiled.indicators, result.indicators):
        try:
            points = evaluator.points(node, result.values)
            status = "scored" if points is not None else "not_applicable"
        except (Missing, Unknown):
            points, status = 0, "missing_data"
        assert status == indicator.status, node.number
        if status == "scored":
            assert points == indicator.points, node.number
