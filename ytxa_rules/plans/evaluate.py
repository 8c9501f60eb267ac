"""A plan's targets measured over already-scored stations: met or not, by how much, per milestone.

How each measure is computed (docs/plans.md says the same in words):

- `share recognised`: stations the criteria document recognises ÷ communes of the area × 100.
  The communes of the area are the stations given (inside the plan's `area`), or the number
  the caller states (`communes=`); communes not given are not recognised.
- `share where C`: stations whose facts meet C ÷ stations × 100. A station where C divides
  by zero is left out of both counts (as a not-applicable indicator leaves the maximum).
- `pooled rate(a, b)`: Σ a ÷ Σ b × 100 over the stations: a pooled rate, weighted by b (the
  province's insured people over its population), never a mean of the stations' rates.

Everything is exact (`Fraction`). A station whose verdict or facts are missing makes a
measure undecided unless the milestone's outcome cannot change: a share is computed with
those stations counted as failing and again as meeting, and the milestone is met or not
only if both agree. A pooled rate needs every station's numbers.
"""

from __future__ import annotations

import datetime
import math
import unicodedata
from collections.abc import Sequence
from fractions import Fraction
from typing import Any

import attrs

from ytxa_rules.analysis.evaluate import COMPARE, Evaluator, Missing, NotApplicable, Unknown
from ytxa_rules.api import Spec
from ytxa_rules.diagnostics import error
from ytxa_rules.engine.result import Result
from ytxa_rules.errors import UsageError
from ytxa_rules.plans import nodes
from ytxa_rules.plans.check import pooled_operands
from ytxa_rules.plans.format import measure_text
from ytxa_rules.syntax.unparse import expr_text

MET, NOT_MET, UNDECIDED = "met", "not_met", "undecided"
PAST, DUE, AHEAD = "past", "due", "ahead"
# Words an area's name may start with that do not change the place ("Thành phố Long Khánh").
ADMINISTRATIVE_WORDS = ("thành phố", "tp.", "tp", "tỉnh", "huyện", "quận", "thị xã", "tx.", "thị trấn")


@attrs.frozen
class MilestoneOutcome:
    op: str
    threshold: Fraction  # percent
    year: int
    description: str
    timing: str  # past (the deadline is before the assessment year) | due | ahead
    status: str  # met | not_met | undecided
    margin: Fraction | None  # measured value − threshold, in percentage points
    needed: int | Fraction | None  # more (or, for <= and <, fewer) stations or units to meet it; 0 when met


@attrs.frozen
class TargetOutcome:
    number: str
    title: str
    provisional: bool
    cite: str | None
    note: str | None
    kind: str  # recognised | where | pooled
    measure: str  # as written in the plan
    numerator: Fraction  # stations meeting (shares) or Σ numerator (pooled)
    denominator: Fraction  # stations counted (shares) or Σ denominator (pooled)
    value: Fraction | None  # percent; for shares, with undecided stations counted as failing
    high: Fraction | None  # shares: with undecided stations counted as meeting
    undecided: tuple[str, ...]  # stations whose data leave the measure open
    left_out: tuple[str, ...]  # `share where`: stations where the condition divides by zero
    unit: str  # what `needed` counts: station | commune | the pooled numerator as written
    terms: tuple[str, ...]  # pooled: (numerator, denominator) as written; shares: ()
    unit_description: str  # pooled: the numerator fact's description, if it is a fact
    milestones: tuple[MilestoneOutcome, ...]


@attrs.frozen
class PlanReport:
    plan: nodes.Plan
    year: int  # the assessment year of the stations
    stations: tuple[str, ...]  # the stations inside the plan's area
    outside: tuple[str, ...]  # stations given but outside the area, not counted
    communes: int | None  # communes of the area, when stated (else the stations given)
    as_of: tuple[datetime.date, ...]  # the dates the stations were scored as of
    targets: tuple[TargetOutcome, ...]


def station_label(result: Result, position: int) -> str:
    """How a report names a station: "Xã Yên Thọ (13669)", else its code, else its position."""
    station = result.station
    name, code = station.get("ten_xa"), station.get("ma_xa")
    if name and code:
        return f"{name} ({code})"
    return str(name or code or f"#{position + 1}")


def place_key(text: str) -> str:
    """A place name as compared: NFC, case-folded, single spaces, without a leading unit word."""
    key = " ".join(unicodedata.normalize("NFC", text).casefold().split())
    for word in ADMINISTRATIVE_WORDS:
        if key.startswith(word + " "):
            return key[len(word) + 1 :]
    return key


def in_area(plan: nodes.Plan, result: Result) -> bool:
    station = result.station
    return all(isinstance(station.get(a.fact), str) and place_key(station[a.fact]) == place_key(a.place) for a in plan.areas)


def assessment_year(spec: Spec, result: Result) -> int:
    name = spec.document.assessment_year
    year = result.station.get(name) if name else None
    return year if type(year) is int else result.as_of.year


def plan_reports(plan: nodes.Plan, spec: Spec, results: Sequence[Result], communes: int | None = None) -> tuple[PlanReport, ...]:
    """One report per assessment year found among `results` (usually one)."""
    years: dict[int, list[tuple[int, Result]]] = {}
    for position, result in enumerate(results):
        years.setdefault(assessment_year(spec, result), []).append((position, result))
    if not years:
        return (evaluate_plan(plan, spec, (), datetime.date.today().year, communes),)
    return tuple(evaluate_plan(plan, spec, group, year, communes) for year, group in sorted(years.items()))


def evaluate_plan(
    plan: nodes.Plan, spec: Spec, results: Sequence[tuple[int, Result]], year: int, communes: int | None = None
) -> PlanReport:
    """Every target of `plan` over `results` ((position, result) pairs) of one assessment year."""
    if plan.criteria != spec.id:
        raise UsageError([error("U040", None, plan=plan.id, criteria=plan.criteria or "—", document=spec.id)])
    for _, result in results:
        if result.spec_id != spec.id:
            raise UsageError([error("U040", None, plan=plan.id, criteria=plan.criteria, document=result.spec_id)])
    inside = [(station_label(r, p), r) for p, r in results if in_area(plan, r)]
    outside = tuple(station_label(r, p) for p, r in results if not in_area(plan, r))
    if communes is not None and communes < len(inside):
        raise UsageError([error("U041", None, communes=communes, stations=len(inside), plan=plan.id)])
    evaluators: dict[int, Evaluator] = {}

    def evaluator(result: Result) -> Evaluator:
        compiled = spec.at(result.as_of)
        return evaluators.setdefault(id(compiled), Evaluator(compiled.scope))

    targets = tuple(_target(t, inside, communes, year, evaluator) for t in plan.targets)
    as_of = tuple(sorted({r.as_of for _, r in inside}))
    return PlanReport(plan, year, tuple(label for label, _ in inside), outside, communes, as_of, targets)


def _target(target: nodes.Target, stations: list[tuple[str, Result]], communes: int | None, year: int, evaluator: Any) -> TargetOutcome:
    measure = target.measure
    assert measure is not None  # checked (E603)
    unassessed = (communes - len(stations)) if communes is not None else 0
    undecided: list[str] = []
    left_out: list[str] = []
    if isinstance(measure, nodes.Pooled):
        return _pooled(target, measure, stations, unassessed, year, evaluator)
    met = 0
    if isinstance(measure, nodes.ShareRecognised):
        kind, unit = "recognised", "commune"
        for label, result in stations:
            if result.passed:
                met += 1
            elif result.passed is None:
                undecided.append(label)
    else:
        kind, unit = "where", "station"
        for label, result in stations:
            try:
                held = evaluator(result).truth(measure.condition, result.values)
            except NotApplicable:
                left_out.append(label)
                continue
            except (Missing, Unknown):
                undecided.append(label)
                continue
            met += held
    counted = len(stations) - len(left_out) + unassessed
    open_count = len(undecided) + (unassessed if kind == "where" else 0)
    value = _percent(met, counted)
    high = _percent(met + open_count, counted)
    milestones = []
    for milestone in target.milestones:
        t = milestone.threshold.value
        if value is None or high is None:
            status = UNDECIDED
        else:
            low_held, high_held = COMPARE[milestone.op](value, t), COMPARE[milestone.op](high, t)
            status = MET if low_held and high_held else NOT_MET if not low_held and not high_held else UNDECIDED
        needed = _needed(milestone.op, t, Fraction(met), Fraction(counted), whole=True) if counted else None
        margin = value - t if value is not None else None
        milestones.append(MilestoneOutcome(milestone.op, t, milestone.year, milestone.description, _timing(milestone.year, year), status, margin, needed))
    return TargetOutcome(
        target.number, target.title, target.provisional, target.cite, target.note, kind, measure_text(measure),
        Fraction(met), Fraction(counted), value, high, tuple(undecided), tuple(left_out), unit, (), "", tuple(milestones),
    )


def _pooled(target: nodes.Target, measure: nodes.Pooled, stations: list[tuple[str, Result]], unassessed: int, year: int, evaluator: Any) -> TargetOutcome:
    numerator, denominator = Fraction(0), Fraction(0)
    undecided: list[str] = []
    whole = True
    terms: tuple[str, ...] = ()
    description = ""
    for label, result in stations:
        ev = evaluator(result)
        operands = pooled_operands(measure, ev.scope)
        assert operands is not None  # checked (E610)
        if not terms:
            terms = (expr_text(operands[0]), expr_text(operands[1]))
            fact = ev.scope.facts.get(terms[0])
            description = fact.description if fact is not None else ""
        try:
            a, b = ev.value(operands[0], result.values), ev.value(operands[1], result.values)
        except (Missing, Unknown, NotApplicable):
            undecided.append(label)
            continue
        whole = whole and isinstance(a, int)
        numerator += a
        denominator += b
    complete = not undecided and not unassessed
    value = _percent(numerator, denominator)
    milestones = []
    for milestone in target.milestones:
        t = milestone.threshold.value
        if value is None or not complete:
            status = UNDECIDED
        else:
            status = MET if COMPARE[milestone.op](value, t) else NOT_MET
        needed = _needed(milestone.op, t, numerator, denominator, whole) if denominator else None
        margin = value - t if value is not None else None
        milestones.append(MilestoneOutcome(milestone.op, t, milestone.year, milestone.description, _timing(milestone.year, year), status, margin, needed))
    return TargetOutcome(
        target.number, target.title, target.provisional, target.cite, target.note, "pooled", measure_text(measure),
        numerator, denominator, value, value, tuple(undecided), (), terms[0] if terms else "", terms, description, tuple(milestones),
    )


def _percent(numerator: Fraction | int, denominator: Fraction | int) -> Fraction | None:
    return nodes.share_value(numerator, denominator)


def _timing(deadline: int, year: int) -> str:
    return PAST if deadline < year else DUE if deadline == year else AHEAD


def _needed(op: str, threshold: Fraction, numerator: Fraction, denominator: Fraction, whole: bool) -> int | Fraction | None:
    """How much the numerator must grow (>=, >) or shrink (<=, <) for `n / d × 100 op t` to hold.

    Whole numbers for stations and counts; an exact fraction for decimals (None for a strict
    bound on a decimal, which no smallest step meets).
    """
    boundary = threshold * denominator / 100  # the numerator at which n / d × 100 = t
    if op in (">=", ">"):
        gap = boundary - numerator
        if whole:
            more = math.floor(gap) + 1 if op == ">" else math.ceil(gap)
            return max(0, more)
        return max(Fraction(0), gap) if op == ">=" or gap < 0 else None
    gap = numerator - boundary
    if whole:
        fewer = math.floor(gap) + 1 if op == "<" else math.ceil(gap)
        return max(0, fewer)
    return max(Fraction(0), gap) if op == "<=" or gap < 0 else None

