"""Plan reports as text, Vietnamese first: per target its measure, then each milestone.

Reads only `PlanReport` data; words come from `ytxa_rules.messages.plans`, numbers from
`render.numbers` (exact, rounded for display with "≈").
"""

from __future__ import annotations

from collections.abc import Sequence

from ytxa_rules.messages.plans import plan_text
from ytxa_rules.plans.evaluate import AHEAD, MET, NOT_MET, MilestoneOutcome, PlanReport, TargetOutcome
from ytxa_rules.render.escape import one_line
from ytxa_rules.render.numbers import date_text, number
from ytxa_rules.render.text import OPS, condition_text

MARKS = {MET: "✓", NOT_MET: "✗"}
NAMES_SHOWN = 10  # stations named in a line before "…"


def _names(names: Sequence[str]) -> str:
    shown = ", ".join(one_line(n) for n in names[:NAMES_SHOWN])
    return shown + (f", … (+{len(names) - NAMES_SHOWN})" if len(names) > NAMES_SHOWN else "")


def header_lines(report: PlanReport, lang: str) -> list[str]:
    plan = report.plan
    lines = [plan_text("plan", lang, id=one_line(plan.id), title=one_line(plan.title))]
    if plan.issuer:
        lines.append(plan_text("issuer", lang, issuer=one_line(plan.issuer)))
    lines.append(plan_text("issued", lang, date=date_text(plan.issued, lang)) if plan.issued else plan_text("issued.unknown", lang))
    if plan.cite:
        lines.append(plan_text("cite", lang, cite=one_line(plan.cite)))
    if plan.note:
        lines.append(plan_text("note", lang, note=one_line(plan.note)))
    lines.append(plan_text("criteria", lang, id=one_line(plan.criteria or "—")))
    places = ", ".join(f"{a.fact} = {one_line(a.place)}" for a in plan.areas)
    lines.append(plan_text("area", lang, places=places) if places else plan_text("area.all", lang))
    lines.append(plan_text("year", lang, year=report.year, count=len(report.stations)))
    if report.as_of:
        lines.append(plan_text("as_of", lang, dates=", ".join(date_text(d, lang) for d in report.as_of)))
    if report.outside:
        lines.append(plan_text("outside", lang, count=len(report.outside), names=_names(report.outside)))
    if report.communes is not None:
        lines.append(plan_text("communes", lang, count=report.communes, missing=report.communes - len(report.stations)))
    return lines


def measure_line(target: TargetOutcome, lang: str) -> str:
    if target.value is None:
        return plan_text("measure.none", lang)
    values = dict(n=number(target.numerator, lang), d=number(target.denominator, lang), value=number(target.value, lang, percent=True))
    if target.kind == "pooled":
        return plan_text("measure.pooled", lang, a=target.terms[0], b=target.terms[1], **values)
    if target.kind == "where":
        condition = condition_text(target.measure.removeprefix("share where "), lang)
        return plan_text("measure.where", lang, condition=condition, **values)
    return plan_text("measure.recognised", lang, **values)


def milestone_parts(target: TargetOutcome, milestone: MilestoneOutcome, report_year: int, lang: str) -> tuple[str, str, str]:
    """(timing, outcome, margin and what is needed) of a milestone, in words."""
    if milestone.timing == AHEAD:
        timing = plan_text("timing.ahead", lang, years=milestone.year - report_year)
    else:
        timing = plan_text(f"timing.{milestone.timing}", lang)
    key = "status.not_yet" if milestone.status == NOT_MET and milestone.timing == AHEAD else f"status.{milestone.status}"
    details = []
    if milestone.margin is not None:
        if milestone.margin > 0:
            details.append(plan_text("margin.above", lang, points=number(milestone.margin, lang)))
        elif milestone.margin < 0:
            details.append(plan_text("margin.below", lang, points=number(-milestone.margin, lang)))
        else:
            details.append(plan_text("margin.equal", lang))
    if milestone.status != MET and milestone.needed:
        direction = "more" if milestone.op in (">=", ">") else "fewer"
        unit = "pooled" if target.kind == "pooled" else target.unit
        description = f" ({target.unit_description})" if target.unit_description else ""
        details.append(plan_text(f"needed.{direction}.{unit}", lang, count=number(milestone.needed, lang), unit=target.unit, description=description))
    return timing, plan_text(key, lang), "; ".join(details)


def milestone_line(target: TargetOutcome, milestone: MilestoneOutcome, report_year: int, lang: str) -> str:
    timing, outcome, details = milestone_parts(target, milestone, report_year, lang)
    described = plan_text("description", lang, text=one_line(milestone.description)) if milestone.description else ""
    return plan_text(
        "milestone", lang, mark=MARKS.get(milestone.status, "?"), op=OPS[milestone.op], threshold=number(milestone.threshold, lang, percent=True),
        year=milestone.year, described=described, timing=timing, status=outcome, detail=(", " + details) if details else "",
    )


def target_lines(target: TargetOutcome, report_year: int, lang: str) -> list[str]:
    lines = [plan_text("target", lang, number=target.number, title=one_line(target.title))]
    cite = plan_text("cite", lang, cite=one_line(target.cite)) if target.cite else plan_text("no_cite", lang)
    status = plan_text("status.provisional" if target.provisional else "status.confirmed", lang)
    lines.append(f"  {cite} · {status}")
    if target.note:
        lines.append("  " + plan_text("note", lang, note=one_line(target.note)))
    lines.append("  " + measure_line(target, lang))
    if target.left_out:
        lines.append("  " + plan_text("left_out", lang, count=len(target.left_out), names=_names(target.left_out)))
    if target.undecided:
        line = plan_text("undecided", lang, count=len(target.undecided), names=_names(target.undecided))
        if target.kind != "pooled" and target.high is not None and target.high != target.value:
            line += "; " + plan_text("undecided.range", lang, value=number(target.high, lang, percent=True))
        lines.append("  " + line)
    lines.extend("  " + milestone_line(target, m, report_year, lang) for m in target.milestones)
    return lines


def plan_report_text(reports: Sequence[PlanReport], lang: str = "vi") -> str:
    """Every report (one per assessment year): header, then each target and its milestones."""
    out: list[str] = []
    for report in reports:
        if out:
            out.append("")
        out.extend(header_lines(report, lang))
        for target in report.targets:
            out.append("")
            out.extend(target_lines(target, report.year, lang))
        out.append("")
        out.append(summary_line(report, lang))
    return "\n".join(out) + "\n"


def summary_line(report: PlanReport, lang: str) -> str:
    counts = {MET: 0, NOT_MET: 0, "undecided": 0}
    for target in report.targets:
        for milestone in target.milestones:
            counts[milestone.status] += 1
    return plan_text("summary", lang, met=counts[MET], not_met=counts[NOT_MET], undecided=counts["undecided"])
