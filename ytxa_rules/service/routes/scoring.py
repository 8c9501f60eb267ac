"""Scoring without storing: one station (`/v1/evaluate`, `/v1/explain`) or a batch."""

from __future__ import annotations

from typing import Any

from litestar import Request, Response, post

from ytxa_rules import explain_text
from ytxa_rules.service import intake
from ytxa_rules.service.adapters.html import explanation_page
from ytxa_rules.service.batch import document, outcomes, read_rows
from ytxa_rules.service.context import Service
from ytxa_rules.service.openapi import FACTS
from ytxa_rules.service.routes.common import choice_param, date_param, deadline_check, json_reply, lang_of

RESULT = {"type": "object", "description": "A ytxa-result/1 document (docs/reference/result-schema.json)."}
BATCH_BODY = {
    "application/json": {"type": "array", "items": FACTS},
    "application/x-ndjson": {"type": "string", "description": "JSON Lines: one station's facts per line"},
    "text/csv": {"type": "string", "description": "CSV with a header row of fact names or descriptions (`,` `;` or tab; UTF-8 or cp1258)"},
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": {"type": "string", "format": "binary", "description": "an XLSX workbook (a filled `ytxa template`), first sheet"},
}
BATCH_REPLY = {"type": "object", "description": "ytxa-batch/1: counts, one entry per good row, located errors per bad row, warnings about the whole file"}


@post(
    "/v1/evaluate",
    sync_to_thread=True,
    status_code=200,
    summary="Score one station",
    opt={"permission": "evaluate", "body": {"application/json": FACTS}, "produces": {"application/json": RESULT}, "errors": [413, 422]},
)
def evaluate(request: Request, body: bytes, service: Service, as_of: str | None = None) -> Response[Any]:  # type: ignore[type-arg]
    """The station's ytxa-result/1 document; `as_of` picks the amendments in force."""
    facts, where = intake.one_station(body)
    result = service.criteria.evaluate(facts, where, date_param("as_of", as_of))
    return json_reply(result.to_dict())


@post(
    "/v1/explain",
    sync_to_thread=True,
    status_code=200,
    summary="Score one station and explain every point",
    opt={
        "permission": "evaluate",
        "body": {"application/json": FACTS},
        "produces": {"application/json": RESULT, "text/plain": {"type": "string"}, "text/html": {"type": "string"}},
        "errors": [413, 422],
    },
)
def explain(request: Request, body: bytes, service: Service, as_of: str | None = None, format: str | None = None) -> Response[Any]:  # type: ignore[type-arg]  # noqa: A002
    """`format=json` (the result with its trace), `text` (as `ytxa explain`) or `html`; `lang=vi|en`."""
    shape = choice_param("format", format, ("json", "text", "html")) or "json"
    lang = lang_of(request)
    facts, where = intake.one_station(body)
    result = service.criteria.evaluate(facts, where, date_param("as_of", as_of), trace=True)
    if shape == "text":
        return Response(content=explain_text(result, lang), media_type="text/plain; charset=utf-8")
    if shape == "html":
        page = explanation_page(result, lang)
        return Response(content=page, media_type="text/html; charset=utf-8")
    return json_reply(result.to_dict())


@post(
    "/v1/batch",
    sync_to_thread=True,
    status_code=200,
    summary="Score many stations (nothing is stored)",
    opt={"permission": "evaluate", "body": BATCH_BODY, "produces": {"application/json": BATCH_REPLY}, "errors": [413, 415, 422]},
)
def batch(request: Request, body: bytes, service: Service, as_of: str | None = None) -> Response[Any]:  # type: ignore[type-arg]
    """A JSON array or JSON Lines of stations; bad rows are reported by row and skipped."""
    when = date_param("as_of", as_of)
    upload = read_rows(service, body, request.headers.get("content-type"), request.query_params.get("filename", ""), when)
    lang = lang_of(request)
    entries = list(outcomes(service, upload.rows, when, deadline_check(request), lang=lang))
    return json_reply(document(entries, stored=False, warnings=upload.warnings, lang=lang))


HANDLERS = [evaluate, explain, batch]
