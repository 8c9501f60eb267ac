"""The JSON result `ytxa-result/1` (schema: docs/reference/result-schema.json).

Whole numbers are JSON numbers; other exact values are strings ("95.2", "73075/769"),
so no consumer ever sees a float that was never computed.
"""

from __future__ import annotations

from typing import Any

from ytxa_rules.diagnostics import Diagnostic
from ytxa_rules.engine import trace as t
from ytxa_rules.engine.result import IndicatorResult, IndicatorRow, Reason, Result
from ytxa_rules.messages import message
from ytxa_rules.render.numbers import json_number
from ytxa_rules.render.trace_json import plain as _plain
from ytxa_rules.render.trace_json import templates
from ytxa_rules.version import __version__

SCHEMA = "ytxa-result/1"

_KINDS = {
    t.FactRead: "fact",
    t.DerivedValue: "value",
    t.OtherResult: "other_result",
    t.TableLookup: "table",
    t.Comparison: "compare",
    t.Membership: "membership",
    t.BranchTaken: "branch",
    t.BandTried: "band",
    t.NotApplicableCheck: "not_applicable",
    t.Outcome: "outcome",
}
_NOT_IN_JSON = frozenset({"left_kind", "right_kind"})  # for renderers; the schema has the texts
# Per entry class, its JSON kind and the fields written, looked up once (not per entry).
_LAYOUT: dict[type, tuple[str, tuple[str, ...]]] = {
    cls: (kind, tuple(f for f in getattr(cls, "_fields") if f not in _NOT_IN_JSON)) for cls, kind in _KINDS.items()  # noqa: B009
}
def trace_entry(entry: t.TraceEntry) -> dict[str, Any]:
    """One entry of `IndicatorResult.trace` as JSON (`to_dict` writes the same from the steps)."""
    kind, names = _LAYOUT[type(entry)]
    out: dict[str, Any] = {"kind": kind}
    for name in names:
        out[name] = _plain(getattr(entry, name))
    return out


def _reason(reason: Reason) -> dict[str, Any]:
    return {
        "kind": reason.kind,
        "held": reason.held,
        "description": reason.description,
        "criterion": reason.criterion,
        "points": json_number(reason.points),
        "max": json_number(reason.max),
        "share": json_number(reason.share),
        "required": json_number(reason.required),
        "op": reason.op,
        "indicators": list(reason.indicators),
    }


def indicator_dict(indicator: IndicatorResult) -> dict[str, Any]:
    """An `IndicatorResult` as JSON (`to_dict` writes the same from `Result.indicator_rows`)."""
    out = {
        "number": indicator.number,
        "criterion": indicator.criterion,
        "title": indicator.title,
        "points": json_number(indicator.points),
        "max": json_number(indicator.max),
        "status": indicator.status,
        "knockout": indicator.knockout,
        "knockout_failed": indicator.knockout_failed,
        "provisional": indicator.provisional,
        "cite": indicator.cite,
        "note": indicator.note,
        "missing": list(indicator.missing),
        "amended_by": list(indicator.amended_by),
    }
    if indicator.trace is not None:
        out["trace"] = [trace_entry(e) for e in indicator.trace]
    return out


def _warning(diagnostic: Diagnostic) -> dict[str, Any]:
    """A plausibility warning: its code, the fact, where it was written, and its words in both languages."""
    span = diagnostic.span
    return {
        "code": diagnostic.code,
        "severity": diagnostic.severity,
        "fact": diagnostic.arguments.get("name"),
        "file": span.file if span else None,
        "line": span.line if span else None,
        "column": span.column if span else None,
        "message": {"vi": message(diagnostic, "vi"), "en": message(diagnostic, "en")},
    }


def _row(row: IndicatorRow, trace: Any) -> dict[str, Any]:
    template = row.template
    out = {
        "number": template.number,
        "criterion": template.criterion,
        "title": template.title,
        "points": json_number(row.points),
        "max": json_number(row.max) if row.max else 0,
        "status": row.status,
        "knockout": template.knockout,
        "knockout_failed": row.knockout_failed,
        "provisional": template.provisional,
        "cite": template.cite,
        "note": template.note,
        "missing": list(row.missing),
        "amended_by": list(template.amended_by),
    }
    if row.steps is not None:
        entries = trace.entries(row.steps, template.number)
        detail = ", ".join(row.missing) if row.missing else row.detail
        entries.append({"kind": "outcome", "status": row.status, "points": out["points"], "max": out["max"], "detail": detail})
        out["trace"] = entries
    return out


def result_to_dict(result: Result) -> dict[str, Any]:
    tables = result.trace_tables
    trace = templates(tables) if tables is not None else None
    return {
        "schema": SCHEMA,
        "engine": {"name": "ytxa-rules", "version": __version__},
        "spec": {"id": result.spec_id, "title": result.spec_title, "amendments": list(result.amendments), "digest": result.digest},
        "as_of": result.as_of.isoformat(),
        "station": {k: json_number(v) for k, v in result.station.items()},
        "total": json_number(result.total),
        "max": json_number(result.max),
        "passed": result.passed,
        "complete": result.complete,
        "missing": list(result.missing),
        "warnings": [_warning(w) for w in result.warnings],
        "reasons": [_reason(r) for r in result.reasons],
        "criteria": [
            {"number": c.number, "title": c.title, "points": json_number(c.points), "max": json_number(c.max), "full_max": json_number(c.full_max)}
            for c in result.criteria
        ],
        "indicators": [_row(row, trace) for row in result.indicator_rows()],
    }
