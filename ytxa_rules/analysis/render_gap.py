"""`ytxa gap` reports as text (vi first, en) and JSON (`ytxa-gap/1`)."""

from __future__ import annotations

from typing import Any

from ytxa_rules.analysis.gap import GapReport
from ytxa_rules.messages.gap import gap_text
from ytxa_rules.render.escape import one_line
from ytxa_rules.render.numbers import json_number, number
from ytxa_rules.render.text import header

SCHEMA = "ytxa-gap/1"


def _value(value: Any, lang: str, kind: str) -> str:
    if isinstance(value, bool):
        return gap_text("yes" if value else "no", lang)
    if isinstance(value, str):
        return one_line(value)
    return number(value, lang, percent=kind == "percent")


def gap_report_text(report: GapReport, lang: str = "vi") -> str:
    lines = header(report.result, lang)
    lines.append("")
    if report.result.passed:
        lines.append(gap_text("passes", lang))
        return "\n".join(lines) + "\n"
    if not report.proposals:
        lines.append(gap_text("none", lang, max=report.max_changes))
    else:
        lines.append(gap_text("heading", lang, max=report.max_changes, tried=number(report.tried, lang)))
    kinds = report.kinds
    for n, proposal in enumerate(report.proposals, 1):
        lines.append("")
        lines.append(gap_text("proposal", lang, n=n, count=len(proposal.improvements), total=number(proposal.total, lang), max=number(proposal.max, lang)))
        for improvement in proposal.improvements:
            lines.append("  " + gap_text(
                "improvement", lang, number=improvement.indicator, title=one_line(improvement.title), old=number(improvement.old_points, lang),
                new=number(improvement.new_points, lang), max=number(improvement.max, lang),
            ))
            for change in improvement.facts:
                kind = kinds.get(change.name, "")
                description = f" ({one_line(change.description)})" if change.description else ""
                lines.append("    " + gap_text(
                    "fact", lang, name=change.name, description=description, old=_value(change.old, lang, kind), new=_value(change.new, lang, kind)
                ))
    if report.cut_short:
        lines.append("")
        lines.append(gap_text("cut_short", lang))
    return "\n".join(lines) + "\n"


def gap_report_dict(report: GapReport) -> dict[str, Any]:
    from ytxa_rules import __version__

    result = report.result
    return {
        "schema": SCHEMA,
        "engine": {"name": "ytxa-rules", "version": __version__},
        "spec": {"id": result.spec_id, "amendments": list(result.amendments), "digest": result.digest},
        "as_of": result.as_of.isoformat(),
        "station": {k: json_number(v) for k, v in result.station.items()},
        "total": json_number(result.total),
        "max": json_number(result.max),
        "passed": result.passed,
        "max_changes": report.max_changes,
        "tried": report.tried,
        "cut_short": report.cut_short,
        "proposals": [
            {
                "total": json_number(p.total),
                "max": json_number(p.max),
                "indicators": [
                    {
                        "number": i.indicator,
                        "criterion": i.criterion,
                        "title": i.title,
                        "points": json_number(i.old_points),
                        "new_points": json_number(i.new_points),
                        "max": json_number(i.max),
                        "facts": [{"name": c.name, "old": json_number(c.old), "new": json_number(c.new)} for c in i.facts],
                    }
                    for i in p.improvements
                ],
                "facts": {name: json_number(value) for name, value in p.facts.items()},
            }
            for p in report.proposals
        ],
    }
