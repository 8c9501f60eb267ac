"""Geometry of the inline SVG charts, computed exactly and rounded only for drawing.

The templates draw what these records say; no number shown as text comes from here
(labels use `render.numbers`), so a rounding for pixels never reaches a reader.
"""

from __future__ import annotations

from collections.abc import Sequence
from fractions import Fraction

import attrs

from ytxa_rules.engine.result import CriterionResult
from ytxa_rules.plans.evaluate import TargetOutcome

WIDTH = 680
LABEL = 250  # the criterion labels
BAR = 330  # the bar area: 0 % to 100 % of each criterion's applicable maximum
ROW = 26
TOP = 22


def _px(value: Fraction) -> str:
    return f"{float(value):.1f}"


@attrs.frozen
class Bar:
    y: str
    text_y: str
    label: str
    title: str
    fill: str  # width of the filled part
    passing: bool
    value: str  # "13/14"
    applicable: bool


@attrs.frozen
class CriterionChart:
    width: int
    height: int
    bar_x: int
    bar_width: int
    half_x: str  # x of the 50 % line
    bars: tuple[Bar, ...]


def criterion_chart(criteria: Sequence[CriterionResult], labels: Sequence[str], values: Sequence[str]) -> CriterionChart:
    """One bar per criterion: points against its applicable maximum, and the 50 % line."""
    bars = []
    for row, (criterion, label, value) in enumerate(zip(criteria, labels, values)):
        share = Fraction(criterion.points) / criterion.max if criterion.max else Fraction(0)
        y = TOP + row * ROW
        bars.append(
            Bar(
                y=str(y + 4), text_y=str(y + 17), label=label, title=criterion.title, fill=_px(min(share, Fraction(1)) * BAR),
                passing=criterion.points * 2 >= criterion.max, value=value, applicable=bool(criterion.max),
            )
        )
    height = TOP + len(bars) * ROW + 8
    return CriterionChart(WIDTH, height, LABEL, BAR, _px(LABEL + Fraction(BAR, 2)), tuple(bars))


@attrs.frozen
class Tick:
    x: str
    label: str  # "2026: ≥ 90 %"
    met: bool | None


@attrs.frozen
class ProgressChart:
    width: int
    bar_width: int
    fill: str
    high: str  # with undecided stations counted as meeting
    ticks: tuple[Tick, ...]


PROGRESS = 560


def progress_chart(target: TargetOutcome, tick_labels: Sequence[str]) -> ProgressChart | None:
    """A 0–100 % bar of the measured value with a tick at each milestone's threshold."""
    if target.value is None:
        return None
    value = max(Fraction(0), min(target.value, Fraction(100)))
    high = max(Fraction(0), min(target.high if target.high is not None else value, Fraction(100)))
    ticks = tuple(
        Tick(_px(min(m.threshold, Fraction(100)) * PROGRESS / 100), label, None if m.status == "undecided" else m.status == "met")
        for m, label in zip(target.milestones, tick_labels)
    )
    return ProgressChart(PROGRESS + 20, PROGRESS, _px(value * PROGRESS / 100), _px(high * PROGRESS / 100), ticks)
