"""The JSON result `ytxa-result/1` (schema: docs/reference/result-schema.json).

Whole numbers are JSON numbers; other exact values are strings ("95.2", "73075/769"),
so no consumer ever sees a float that was never computed.
"""

from __future__ import annotations

from typing import Any

from ytxa_rules import ast
from ytxa_rules.diagnostics import Diagnostic
from ytxa_rules.engine import trace as t
from ytxa_rules.engine.result import IndicatorResult, Reason, Result
from ytxa_rules.messages import message
from ytxa_rules.render.numbers import json_number

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
_AS_IS = frozenset({str, int, bool, type(None)})


def _plain(value: Any) -> Any:
    if type(value) in _AS_IS:
        return value
    if isinstance(value, ast.AmendmentRef):
        return {"id": value.id, "target": value.target, "corrects": value.corrects, "reason": value.reason, "effective": value.effective.isoformat()}
    if isinstance(value, tuple):
        return [_plain(v) for v in value]
    return json_number(value)


def trace_entry(entry: t.TraceEntry) -> dict[str, Any]:
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


def _indicator(indicator: IndicatorResult) -> dict[str, Any]:
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


def result_to_dict(result: Result) -> dict[str, Any]:
    from ytxa_rules import __version__

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
        "indicators": [_indicator(i) for i in result.indicators],
    }
