"""The canonical layout of plan files, for `ytxa fmt` (comments are kept by the formatter)."""

from __future__ import annotations

from collections.abc import Iterator

from ytxa_rules.plans import nodes
from ytxa_rules.syntax.formatter import _blank, _Line, _line, _q
from ytxa_rules.syntax.unparse import expr_text


def plan_lines(plan: nodes.Plan) -> Iterator[_Line]:
    yield _line(plan, 0, f"plan {_q(plan.id)}")
    areas = ", ".join(f"{a.fact} {_q(a.place)}" for a in plan.areas)
    fields = [
        ("title", plan.title and _q(plan.title)),
        ("issuer", plan.issuer and _q(plan.issuer)),
        ("issued", plan.issued and plan.issued.isoformat()),
        ("effective", plan.effective and plan.effective.isoformat()),
        ("criteria", plan.criteria is not None and _q(plan.criteria)),
        ("area", areas),
        ("cite", plan.cite is not None and _q(plan.cite)),
        ("note", plan.note is not None and _q(plan.note)),
    ]
    for key, value in fields:
        if value:
            yield _Line(plan.span.line, 2, f"{key} {value}")
    for target in plan.targets:
        yield _blank(target)
        yield from _target(target)


def _target(target: nodes.Target) -> Iterator[_Line]:
    yield _line(target, 0, f"target {target.number} {_q(target.title)} {target.status}")
    if target.cite is not None:
        yield _Line(target.span.line, 2, f"cite {_q(target.cite)}")
    if target.note is not None:
        yield _Line(target.span.line, 2, f"note {_q(target.note)}")
    if target.measure is not None:
        yield _line(target.measure, 2, measure_text(target.measure))
    for milestone in target.milestones:
        described = f" {_q(milestone.description)}" if milestone.description else ""
        yield _line(milestone, 2, f"require {milestone_text(milestone)}{described}")


def measure_text(measure: nodes.Measure) -> str:
    """A measure as written in a plan (`share where ty_le_danh_muc_dvkt >= 90%`)."""
    if isinstance(measure, nodes.ShareRecognised):
        return "share recognised"
    if isinstance(measure, nodes.ShareWhere):
        return f"share where {expr_text(measure.condition)}"
    return f"pooled {expr_text(measure.rate)}"


def milestone_text(milestone: nodes.Milestone) -> str:
    return f"{milestone.op} {milestone.threshold.text} by {milestone.year}"
