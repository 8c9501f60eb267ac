"""Properties of scoring with the built-in 1300/QĐ-BYT criteria (and its 1453 erratum).

Stations come from tests/strategies.py (fact by fact, biased to band edges and zero
denominators) and from the reference generator tests/reference/stations.py; the
reference scorer tests/reference/scorer.py is the independent ground truth.
"""

from __future__ import annotations

import datetime
import random
from decimal import Decimal
from fractions import Fraction
from math import gcd
from typing import Any

import pytest
from hypothesis import assume, example, given, note, settings
from hypothesis import strategies as st
from reference.scorer import score as reference_score
from reference.stations import random_station
from strategies import BASE_SETTINGS, ERRATUM_DATE, any_stations, as_of_dates, stations

import ytxa_rules
from ytxa_rules import ast
from ytxa_rules.api import Spec
from ytxa_rules.engine.result import NOT_APPLICABLE, SCORED, Result
from ytxa_rules.engine.trace import Outcome

SPEC: Spec = ytxa_rules.load()
DOC: ast.Document = SPEC.document
AFTER = datetime.date(2024, 6, 1)


def _declared_max(as_of: datetime.date) -> dict[str, Fraction]:
    """Each indicator's declared maximum in the document in force on `as_of`."""
    return {i.number: i.max.value for i in SPEC.composed(as_of).indicators()}


def _evaluate(facts: dict[str, Any], as_of: datetime.date = AFTER, *, trace: bool = False) -> Result:
    result = SPEC.evaluate(facts, as_of, trace=trace)
    assert not result.missing, result.missing  # the strategies give every fact
    return result


def _without_trace(data: Any) -> Any:
    if isinstance(data, dict):
        return {k: _without_trace(v) for k, v in data.items() if k != "trace"}
    if isinstance(data, list):
        return [_without_trace(v) for v in data]
    return data


# ---------------------------------------------------------------- maxima and sums


@settings(BASE_SETTINGS, max_examples=60)
@given(any_stations(), as_of_dates())
def test_points_never_exceed_maxima(facts: dict[str, Any], as_of: datetime.date) -> None:
    """Per indicator, per criterion and in total: 0 <= points <= applicable max <= declared max."""
    result = _evaluate(facts, as_of)
    declared = _declared_max(as_of)
    for indicator in result.indicators:
        assert 0 <= indicator.points <= indicator.max <= declared[indicator.number], indicator
    for criterion in result.criteria:
        assert 0 <= criterion.points <= criterion.max <= criterion.full_max, criterion
    assert DOC.total is not None
    assert 0 <= result.total <= result.max <= DOC.total.value


@settings(BASE_SETTINGS, max_examples=60)
@given(any_stations(), as_of_dates())
def test_indicator_points_add_up_to_criteria_and_total(facts: dict[str, Any], as_of: datetime.date) -> None:
    """Criterion points (and max) are the sums over its indicators; the total over criteria."""
    result = _evaluate(facts, as_of)
    for criterion in result.criteria:
        members = [i for i in result.indicators if i.criterion == criterion.number]
        assert sum(i.points for i in members) == criterion.points
        assert sum(i.max for i in members) == criterion.max
    assert sum(i.points for i in result.indicators) == sum(c.points for c in result.criteria) == result.total
    assert sum(i.max for i in result.indicators) == sum(c.max for c in result.criteria) == result.max


@settings(BASE_SETTINGS, max_examples=40)
@given(any_stations(), as_of_dates())
def test_trace_outcomes_add_up_to_the_total(facts: dict[str, Any], as_of: datetime.date) -> None:
    """With trace=True each indicator's trace ends in one Outcome, and the Outcomes' points
    (and maxima) sum to the result's total (and max)."""
    result = _evaluate(facts, as_of, trace=True)
    outcomes = []
    for indicator in result.indicators:
        assert indicator.trace is not None
        found = [e for e in indicator.trace if isinstance(e, Outcome)]
        assert len(found) == 1 and indicator.trace[-1] is found[0]
        assert (found[0].points, found[0].status) == (indicator.points, indicator.status)
        outcomes.append(found[0])
    assert sum(o.points for o in outcomes) == result.total
    assert sum(o.max for o in outcomes) == result.max


# ---------------------------------------------------------------- not applicable


@settings(BASE_SETTINGS, max_examples=60)
@given(any_stations(), as_of_dates())
def test_not_applicable_indicators_lower_the_maxima_by_their_max(facts: dict[str, Any], as_of: datetime.date) -> None:
    """Applicable max = declared max minus the declared max of each N/A indicator, per
    criterion and in total; an N/A indicator scores 0 of 0."""
    result = _evaluate(facts, as_of)
    declared = _declared_max(as_of)
    not_applicable = [i for i in result.indicators if i.status == NOT_APPLICABLE]
    for indicator in not_applicable:
        assert (indicator.points, indicator.max) == (0, 0)
    for criterion in result.criteria:
        lost = sum((declared[i.number] for i in not_applicable if i.criterion == criterion.number), Fraction(0))
        assert criterion.max == criterion.full_max - lost
    assert DOC.total is not None
    assert result.max == DOC.total.value - sum((declared[i.number] for i in not_applicable), Fraction(0))


# What makes each indicator not applicable (its facts changed together, bounds kept).
NA_TRIGGERS: dict[str, dict[str, Any]] = {
    "11": {"loai_don_vi": "phuong"},
    "21": {"so_tre_duoi_1_tuoi": 0, "so_tre_tiem_chung_day_du": 0},
    "23": {"so_nguoi_tha_phat_hien": 0, "so_nguoi_tha_duoc_quan_ly": 0},
    "24": {"so_nguoi_dtd_phat_hien": 0, "so_nguoi_dtd_duoc_quan_ly": 0},
    "25": {"so_benh_nhan_tam_than": 0, "so_benh_nhan_tam_than_duoc_quan_ly": 0},
    "32": {"so_nguoi_khuyet_tat": 0, "so_nguoi_khuyet_tat_duoc_phcn": 0},
    "37": {"so_tre_sinh_gai": 0},
    "38": {"so_phu_nu_mang_thai": 0, "so_duoc_sang_loc_truoc_sinh": 0},
    "39": {"so_tre_so_sinh": 0, "so_tre_duoc_sang_loc_so_sinh": 0},
    "40": {"so_cap_ket_hon": 0, "so_cap_kham_truoc_ket_hon": 0},
    "41": {"so_nguoi_cao_tuoi": 0, "so_nguoi_cao_tuoi_kham_dinh_ky": 0},
}


@settings(BASE_SETTINGS, max_examples=60)
@given(stations(), st.sampled_from(sorted(NA_TRIGGERS)), as_of_dates())
def test_making_an_indicator_not_applicable_lowers_max_by_exactly_its_max(
    facts: dict[str, Any], number: str, as_of: datetime.date
) -> None:
    """The same station with one indicator made N/A: criterion and total max drop by
    exactly that indicator's max, points by exactly what it had scored; nothing else moves."""
    before = _evaluate(facts, as_of)
    assume(before.indicator(number).status == SCORED)
    after = _evaluate({**facts, **NA_TRIGGERS[number]}, as_of)
    was = before.indicator(number)
    assert after.indicator(number).status == NOT_APPLICABLE
    declared = _declared_max(as_of)[number]
    assert before.max - after.max == declared
    assert before.total - after.total == was.points
    for b, a in zip(before.criteria, after.criteria):
        moved = b.number == was.criterion
        assert b.max - a.max == (declared if moved else 0)
        assert b.points - a.points == (was.points if moved else 0)
    changed = {b.number for b, a in zip(before.indicators, after.indicators) if (b.points, b.max, b.status) != (a.points, a.max, a.status)}
    assert changed == {number}


# ---------------------------------------------------------------- determinism


@settings(BASE_SETTINGS, max_examples=30)
@given(any_stations(), as_of_dates())
def test_evaluation_is_deterministic(facts: dict[str, Any], as_of: datetime.date) -> None:
    """Same facts, same result: twice on one Spec, on a freshly loaded Spec, and with or
    without the trace (which must not change any point)."""
    first = _evaluate(dict(facts), as_of, trace=True).to_dict()
    again = _evaluate(dict(facts), as_of, trace=True).to_dict()
    fresh = ytxa_rules.load().evaluate(dict(facts), as_of, trace=True).to_dict()
    plain = _evaluate(dict(facts), as_of).to_dict()
    assert first == again == fresh
    assert _without_trace(first) == plain


# ---------------------------------------------------------------- thresholds


def _threshold_bands() -> list[tuple[str, ast.Band, str, ast.Number]]:
    """(indicator, band, name, threshold) of each `name >= t%` band of a banded rule."""
    found = []
    for indicator in DOC.indicators():
        if isinstance(indicator.rule, ast.Bands):
            for band in indicator.rule.bands:
                c = band.condition
                if isinstance(c, ast.Compare) and c.op == ">=" and isinstance(c.left, ast.Ref):
                    if isinstance(c.right, ast.Number) and c.right.percent:
                        found.append((indicator.number, band, c.left.name, c.right))
    return found


def _percent_fact_bands() -> list[tuple[str, str, Fraction, Fraction]]:
    """(indicator, percent fact, threshold, points) of each `fact >= t%` band."""
    kinds = {f.name: f.type.kind for f in DOC.facts}
    return [
        (number, name, threshold.value, band.points.value)
        for number, band, name, threshold in _threshold_bands()
        if kinds.get(name) == "percent"
    ]


def _rate_bands() -> list[tuple[str, str, str, Fraction, Fraction]]:
    """(indicator, numerator, denominator, threshold, points) of each `rate(n, d) >= t%` band."""
    rates = {
        v.name: (v.expr.args[0].name, v.expr.args[1].name)  # type: ignore[union-attr]
        for v in DOC.values
        if isinstance(v.expr, ast.Call) and v.expr.function == "rate" and all(isinstance(a, ast.Ref) for a in v.expr.args)
    }
    return [
        (number, *rates[name], threshold.value, band.points.value)
        for number, band, name, threshold in _threshold_bands()
        if name in rates and threshold.value.denominator == 1
    ]


PERCENT_BANDS = _percent_fact_bands()
RATE_BANDS = _rate_bands()


def test_threshold_bands_found_in_the_spec() -> None:
    """The edge properties below do run on the bands the issue names."""
    assert ("17", "ty_le_trang_thiet_bi", Fraction(90), Fraction(3)) in PERCENT_BANDS
    assert ("4", "so_nguoi_tham_gia_bhyt", "dan_so", Fraction(95), Fraction(3)) in RATE_BANDS


@settings(BASE_SETTINGS, max_examples=60)
@given(stations(), st.sampled_from(PERCENT_BANDS))
@example({}, ("17", "ty_le_trang_thiet_bi", Fraction(90), Fraction(3))).via("ty_le_trang_thiet_bi at 90 vs 89.99")
def test_percent_exactly_at_threshold_scores_the_band(facts: dict[str, Any], band: tuple[str, str, Fraction, Fraction]) -> None:
    """`fact >= 90%` holds at exactly 90 (Decimal "90") and fails at 89.99."""
    number, fact, threshold, points = band
    facts = _complete(facts)
    at = Decimal(threshold.numerator) / Decimal(threshold.denominator)
    assert _evaluate({**facts, fact: at}).indicator(number).points == points
    assert _evaluate({**facts, fact: at - Decimal("0.01")}).indicator(number).points < points


def _complete(facts: dict[str, Any]) -> dict[str, Any]:
    """A complete station: generated ones as they are, `{}` (explicit examples) filled in
    from a fixed reference station."""
    if facts:
        return facts
    return random_station(random.Random(0))


@settings(BASE_SETTINGS, max_examples=60)
@given(stations(), st.sampled_from(RATE_BANDS), st.integers(1, 500))
def test_rate_exactly_at_threshold_scores_the_band(
    facts: dict[str, Any], band: tuple[str, str, str, Fraction, Fraction], k: int
) -> None:
    """rate(n, d) exactly at t% (e.g. BHYT 95 % = 19k of 20k people) scores the band; one
    person fewer does not."""
    number, numerator, denominator, threshold, points = band
    t = threshold.numerator
    den = k * (100 // gcd(t, 100))  # t% of den is a whole number of people
    exact = t * den // 100
    assume(exact <= den)  # thresholds above 100 % need a numerator without an upper bound
    facts = dict(facts)
    facts[denominator] = den
    for fact in DOC.facts:  # keep every `<= denominator` bound
        if any(b.op == "<=" and b.expr == ast.Ref(denominator) for b in fact.bounds):
            facts[fact.name] = min(facts[fact.name], den)
    before = _evaluate(facts)
    assume(before.indicator(number).status == SCORED)
    note(f"{numerator} = {exact} of {denominator} = {den}")
    assert _evaluate({**facts, numerator: exact}).indicator(number).points == points
    assert _evaluate({**facts, numerator: exact - 1}).indicator(number).points < points


def test_bhyt_exactly_95_percent() -> None:
    """The issue's example: 9500 of 10000 insured is 3 points, 9499 is 2."""
    facts = _complete({})
    facts.update(dan_so=10000, so_nguoi_duoc_quan_ly_suc_khoe=5000, so_nguoi_co_hssk_dien_tu=5000)
    assert _evaluate({**facts, "so_nguoi_tham_gia_bhyt": 9500}).indicator(4).points == 3
    assert _evaluate({**facts, "so_nguoi_tham_gia_bhyt": 9499}).indicator(4).points == 2


# ---------------------------------------------------------------- agreement with the reference


@pytest.mark.parametrize("period", ["before", "after"])
@settings(BASE_SETTINGS, max_examples=80)
@given(facts=any_stations(), data=st.data())
def test_engine_agrees_with_the_reference_scorer(period: str, facts: dict[str, Any], data: st.DataObject) -> None:
    """Every indicator's points and status, every criterion, the total, the maximum and the
    verdict equal the hand-written reference, before and after the 1453 erratum (2023-03-20)."""
    as_of = data.draw(as_of_dates(period), label="as_of")
    expected = reference_score(facts, as_of)
    result = _evaluate(facts, as_of)
    for indicator in result.indicators:
        want = expected["indicators"][int(indicator.number)]
        got = {"points": indicator.points, "max": indicator.max if indicator.status == SCORED else want["max"], "status": indicator.status}
        assert got == want, f"indicator {indicator.number}"
    for criterion in result.criteria:
        assert {"points": criterion.points, "max": criterion.max} == expected["criteria"][criterion.number]
    assert (result.total, result.max, result.passed) == (expected["total"], expected["max"], expected["passed"])


@pytest.mark.parametrize("as_of", [ERRATUM_DATE - datetime.timedelta(days=1), ERRATUM_DATE])
def test_erratum_date_switches_indicator_35(as_of: datetime.date) -> None:
    """Stunting 0.01 below the regional threshold scores only once `<=` is in force."""
    facts = _complete({})
    facts.update(vung_kinh_te="bac_trung_bo", ty_le_tre_duoi_5_thap_coi=Decimal("24.99"))
    points = _evaluate(facts, as_of).indicator(35).points
    assert points == (2 if as_of >= ERRATUM_DATE else 0)
