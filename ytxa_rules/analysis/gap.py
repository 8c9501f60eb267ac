"""What would make a failing station pass: the smallest sets of indicator improvements.

For each indicator below its maximum, `improve` finds the cheapest fact changes that
reach each higher level. This module searches sets of indicators, smallest first: every
failed knock-out must be in the set, and the set's best levels must meet the document's
own recognition rule (by default: total ≥ 80 % of the applicable maximum, every criterion
≥ 50 %, no knock-out failed), checked by the engine's recognition code on the new points.
A set that contains a smaller passing set is not listed. For each set, the lowest levels
that still pass are chosen, and the proposal is kept only if the station, re-scored by the
engine with the changed facts, passes.

The search is bounded (`ytxa_rules.limits`): at most GAP_MAX_CHANGES indicators per set
and GAP_MAX_COMBINATIONS sets tried; a report says when a bound cut the search short.
"""

from __future__ import annotations

import itertools
from fractions import Fraction
from typing import Any

import attrs

from ytxa_rules.analysis.improve import FactChange, Improver, Option
from ytxa_rules.api import Spec
from ytxa_rules.diagnostics import error
from ytxa_rules.engine.recognition import Scores, compile_conditions, conditions
from ytxa_rules.engine.result import SCORED, Result
from ytxa_rules.errors import FactsError, UsageError
from ytxa_rules.limits import GAP_MAX_CHANGES, GAP_MAX_COMBINATIONS, GAP_MAX_PROPOSALS


@attrs.frozen
class Improvement:
    indicator: str
    criterion: int
    title: str
    old_points: Fraction
    new_points: Fraction
    max: Fraction
    facts: tuple[FactChange, ...]


@attrs.frozen
class Proposal:
    improvements: tuple[Improvement, ...]
    total: Fraction | int  # the station's total once re-scored with the changes
    max: Fraction | int

    @property
    def facts(self) -> dict[str, Any]:
        """The changed facts, name -> new value (what to apply to the station's facts)."""
        return {c.name: c.new for i in self.improvements for c in i.facts}


@attrs.frozen
class GapReport:
    result: Result
    proposals: tuple[Proposal, ...]
    tried: int  # sets of indicators tried
    cut_short: bool  # a bound of the search was reached before it was complete
    max_changes: int
    kinds: dict[str, str] = attrs.field(factory=dict)  # fact name -> declared kind (percent, count, …), for display


def gap(spec: Spec, result: Result, *, max_changes: int = GAP_MAX_CHANGES, limit: int = GAP_MAX_PROPOSALS) -> GapReport:
    """The smallest sets of improvements that make `result`'s station pass (none if it passes)."""
    if result.missing:
        raise UsageError([error("U043", None, names=", ".join(result.missing))])
    if result.passed:
        return GapReport(result, (), 0, False, max_changes)
    compiled = spec.at(result.as_of)
    kinds = {name: fact.type.kind for name, fact in compiled.scope.facts.items()}
    document = compiled.document
    improver = Improver(document, compiled.scope, result.values)
    numbers = [c.number for c in document.criteria]
    index = {n: i for i, n in enumerate(numbers)}
    assert document.recognition is not None
    rule = compile_conditions(document.recognition.requirements, numbers)
    points = [c.points for c in result.criteria]
    maxima = tuple(c.max for c in result.criteria)
    by_number = {i.number: i for i in document.indicators()}
    options: dict[str, list[Option]] = {}
    scored: dict[str, Any] = {}
    failed_knockouts = []
    for indicator in result.indicators:
        if indicator.status != SCORED:
            continue
        scored[indicator.number] = indicator
        if indicator.knockout_failed:
            failed_knockouts.append(indicator.number)
        if indicator.points < indicator.max:
            levels = improver.options(by_number[indicator.number], indicator.points)
            if levels:
                options[indicator.number] = levels
    if any(k not in options for k in failed_knockouts):
        return GapReport(result, (), 0, False, max_changes, kinds)  # a knock-out no change can lift

    def passes(levels: dict[str, Option]) -> bool:
        new_points = list(points)
        knocked = [k for k in failed_knockouts if k not in levels or levels[k].points == 0]
        for number, option in levels.items():
            indicator = scored[number]
            new_points[index[indicator.criterion]] += option.points - indicator.points
        return all(conditions(rule, Scores(tuple(new_points), maxima, tuple(knocked))))

    mandatory = tuple(failed_knockouts)
    others = sorted((n for n in options if n not in mandatory), key=lambda n: -(options[n][-1].points - scored[n].points))
    found: list[tuple[frozenset[str], Proposal]] = []
    tried = 0
    cut_short = False
    for size in range(max(len(mandatory), 1), max_changes + 1):
        for rest in itertools.combinations(others, size - len(mandatory)):
            chosen = frozenset((*mandatory, *rest))
            if any(known <= chosen for known, _ in found):
                continue
            tried += 1
            if tried > GAP_MAX_COMBINATIONS:
                cut_short = True
                break
            if not passes({n: options[n][-1] for n in chosen}):
                continue
            proposal = _cheapest(spec, result, sorted(chosen, key=_order), options, scored, passes)
            if proposal is not None:
                found.append((chosen, proposal))
        if cut_short or len(found) >= limit:
            break
    proposals = sorted((p for _, p in found), key=_rank)[:limit]
    # Nothing found within `max_changes` indicators, though more could change: larger sets may pass.
    cut_short = cut_short or (not found and len(options) > max_changes)
    return GapReport(result, tuple(proposals), tried, cut_short, max_changes, kinds)


def _order(number: str) -> tuple[int, ...]:
    return tuple(int(p) if p.isdigit() else 0 for p in number.split("."))


def _rank(proposal: Proposal) -> tuple[int, int, Fraction]:
    facts = sum(len(i.facts) for i in proposal.improvements)
    effort = sum((sum((_relative(c) for c in i.facts), Fraction(0)) for i in proposal.improvements), Fraction(0))
    return (len(proposal.improvements), facts, effort)


def _relative(change: FactChange) -> Fraction:
    if isinstance(change.old, (bool, str)):
        return Fraction(1)
    return abs(Fraction(change.new) - Fraction(change.old)) / max(abs(Fraction(change.old)), Fraction(1))


def _cheapest(spec: Spec, result: Result, chosen: list[str], options: dict[str, list[Option]], scored: dict[str, Any], passes: Any) -> Proposal | None:
    """The lowest levels of `chosen` that pass, confirmed by re-scoring the station."""
    combos = [dict(zip(chosen, levels)) for levels in itertools.product(*(options[n] for n in chosen))]
    combos = [c for c in combos if passes(c)]
    combos.sort(key=lambda c: (sum(len(o.facts) for o in c.values()), sum(o.effort for o in c.values()), sum(o.points for o in c.values())))
    for combo in combos:
        changes: dict[str, Any] = {}
        if any(changes.setdefault(f.name, f.new) != f.new for o in combo.values() for f in o.facts):
            continue  # two indicators want different values of one fact
        rescored = _rescore(spec, result, changes)
        if rescored is None or not rescored.passed:
            continue
        improvements = tuple(
            Improvement(n, scored[n].criterion, scored[n].title, scored[n].points, rescored.indicator(n).points, scored[n].max, combo[n].facts)
            for n in chosen
        )
        return Proposal(improvements, rescored.total, rescored.max)
    return None


def _rescore(spec: Spec, result: Result, changes: dict[str, Any]) -> Result | None:
    try:
        return spec.evaluate({**result.values, **changes}, result.as_of)
    except FactsError:  # a change breaks a bound the search could not see (checked, never trusted)
        return None
