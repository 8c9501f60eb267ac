"""Plan reports as JSON, `ytxa-plan-report/1`: exact numbers as in `ytxa-result/1`."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from ytxa_rules.plans.evaluate import MilestoneOutcome, PlanReport, TargetOutcome
from ytxa_rules.plans.nodes import Plan
from ytxa_rules.render.numbers import json_number

SCHEMA = "ytxa-plan-report/1"


def _plan(plan: Plan) -> dict[str, Any]:
    return {
        "id": plan.id,
        "title": plan.title,
        "issuer": plan.issuer,
        "issued": plan.issued.isoformat() if plan.issued else None,
        "effective": plan.effective.isoformat() if plan.effective else None,
        "criteria": plan.criteria,
        "area": [{"fact": a.fact, "place": a.place} for a in plan.areas],
        "cite": plan.cite,
        "note": plan.note,
    }


def _milestone(milestone: MilestoneOutcome) -> dict[str, Any]:
    return {
        "op": milestone.op,
        "threshold": json_number(milestone.threshold),
        "year": milestone.year,
        "description": milestone.description,
        "timing": milestone.timing,
        "status": milestone.status,
        "margin": json_number(milestone.margin),
        "needed": json_number(milestone.needed),
    }


def _target(target: TargetOutcome) -> dict[str, Any]:
    return {
        "number": target.number,
        "title": target.title,
        "status": "provisional" if target.provisional else "confirmed",
        "cite": target.cite,
        "note": target.note,
        "kind": target.kind,
        "measure": target.measure,
        "numerator": json_number(target.numerator),
        "denominator": json_number(target.denominator),
        "value": json_number(target.value),
        "high": json_number(target.high),
        "undecided": list(target.undecided),
        "left_out": list(target.left_out),
        "unit": target.unit,
        "terms": list(target.terms),
        "milestones": [_milestone(m) for m in target.milestones],
    }


def plan_report_dict(reports: Sequence[PlanReport]) -> dict[str, Any]:
    """One document for a plan: the plan once, then one report per assessment year."""
    from ytxa_rules.version import __version__

    assert reports
    return {
        "schema": SCHEMA,
        "engine": {"name": "ytxa-rules", "version": __version__},
        "plan": _plan(reports[0].plan),
        "reports": [
            {
                "year": report.year,
                "stations": list(report.stations),
                "outside": list(report.outside),
                "communes": report.communes,
                "as_of": [d.isoformat() for d in report.as_of],
                "targets": [_target(t) for t in report.targets],
            }
            for report in reports
        ],
    }
