"""The assessment store over HTTP: submit (one or a batch), read, history, the workflow."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

from litestar import Request, Response, get, post
from litestar.response import Stream

from ytxa_rules import explain_text
from ytxa_rules.service import intake
from ytxa_rules.service.adapters.html import explanation_page
from ytxa_rules.service.auth import Principal, province_key
from ytxa_rules.service.batch import document, outcomes, read_rows, summary, warning_items
from ytxa_rules.service.context import Service
from ytxa_rules.service.errors import fail
from ytxa_rules.service.openapi import FACTS
from ytxa_rules.service.routes.common import choice_param, date_param, deadline_check, int_param, json_reply, lang_of
from ytxa_rules.service.routes.scoring import BATCH_BODY, BATCH_REPLY
from ytxa_rules.service.store.assessments import STATES
from ytxa_rules.service.submission import stored_facts, submit

RECORD = {"type": "object", "description": "A stored assessment: commune, year, version, spec, verdict, workflow events"}
LIST = {"type": "object", "properties": {"assessments": {"type": "array", "items": RECORD}}}
REASON = {"type": "object", "properties": {"reason": {"type": "string"}}, "additionalProperties": False}
NDJSON = "application/x-ndjson"


@post(
    "/v1/assessments",
    sync_to_thread=True,
    status_code=201,
    summary="Score one station and store it as a new version",
    opt={"permission": "submit", "body": {"application/json": FACTS}, "produces": {"application/json": RECORD}, "success": 201, "errors": [409, 413, 422]},
)
def submit_one(request: Request, body: bytes, service: Service, principal: Principal, as_of: str | None = None) -> Response[Any]:  # type: ignore[type-arg]
    facts, where = intake.one_station(body)
    record = submit(service, principal, facts, where, date_param("as_of", as_of))
    return json_reply(record, 201)


@post(
    "/v1/assessments/batch",
    sync_to_thread=True,
    status_code=200,
    summary="Score and store many stations; each row is acknowledged after its commit",
    opt={
        "permission": "submit",
        "body": BATCH_BODY,
        "produces": {"application/json": BATCH_REPLY, NDJSON: {"type": "string", "description": "one JSON line per row, then a summary line"}},
        "errors": [413, 415, 422],
    },
)
def submit_batch(request: Request, body: bytes, service: Service, principal: Principal, as_of: str | None = None, filename: str | None = None) -> Response[Any]:  # type: ignore[type-arg]
    """With `Accept: application/x-ndjson` each row's acknowledgment streams as soon as it is stored."""
    when = date_param("as_of", as_of)
    upload = read_rows(service, body, request.headers.get("content-type"), filename or "", when)
    lang = lang_of(request)
    entries = outcomes(service, upload.rows, when, deadline_check(request), principal, lang)
    if NDJSON in request.headers.get("accept", ""):
        return Stream(_lines(entries, warning_items(upload.warnings, lang)), media_type=NDJSON)
    return json_reply(document(list(entries), stored=True, warnings=upload.warnings, lang=lang))


def _lines(entries: Iterator[dict[str, Any]], warnings: list[dict[str, Any]]) -> Iterator[bytes]:
    seen = []
    for entry in entries:
        seen.append(entry)
        yield (json.dumps(entry, ensure_ascii=False) + "\n").encode("utf-8")
    yield (json.dumps({"summary": summary(seen), "warnings": warnings}, ensure_ascii=False) + "\n").encode("utf-8")


@get(
    "/v1/assessments",
    sync_to_thread=True,
    summary="The latest version of each commune and year, filtered",
    opt={"permission": "read", "produces": {"application/json": LIST}, "query": {"state": {"type": "string", "enum": list(STATES)}}},
)
def list_assessments(
    request: Request,  # type: ignore[type-arg]
    service: Service,
    principal: Principal,
    province: str | None = None,
    year: str | None = None,
    verdict: str | None = None,
    area: str | None = None,
) -> Response[Any]:
    key = province_key(province) if province else None
    if key is not None and not principal.sees(key):
        raise fail(403, "U052", province=province, field="province")
    rows = service.assessments.latest(
        principal,
        province=key,
        year=int_param("year", year, 1900, 2100),
        state=choice_param("state", request.query_params.get("state"), STATES),
        verdict=choice_param("verdict", verdict, ("passed", "not_passed", "undecided")),
        area=area or None,
    )
    return json_reply({"assessments": rows})


@get(
    "/v1/assessments/{assessment_id:int}",
    sync_to_thread=True,
    summary="One stored assessment with its facts, result and workflow events",
    opt={"permission": "read", "produces": {"application/json": RECORD}, "errors": [404]},
)
def get_assessment(service: Service, principal: Principal, assessment_id: int) -> Response[Any]:
    return json_reply(service.assessments.get(principal, assessment_id))


@get(
    "/v1/assessments/{assessment_id:int}/explanation",
    sync_to_thread=True,
    summary="The explanation of a stored assessment (re-scored from its facts on its as-of date)",
    opt={"permission": "read", "produces": {"text/plain": {"type": "string"}, "text/html": {"type": "string"}, "application/json": {"type": "object"}}, "errors": [404]},
)
def explain_assessment(request: Request, service: Service, principal: Principal, assessment_id: int, format: str | None = None) -> Response[Any]:  # type: ignore[type-arg]  # noqa: A002
    shape = choice_param("format", format, ("json", "text", "html")) or "text"
    lang = lang_of(request)
    facts, as_of, digest = service.assessments.stored_facts(principal, assessment_id)
    result = service.criteria.evaluate(stored_facts(facts), None, as_of, trace=True)
    if shape == "text":
        return Response(content=explain_text(result, lang), media_type="text/plain; charset=utf-8")
    if shape == "html":
        return Response(content=explanation_page(result, lang), media_type="text/html; charset=utf-8")
    return json_reply({"stored_digest": digest, "same_spec": result.digest == digest, "result": result.to_dict()})


def _transition(action: str) -> Any:
    @post(
        f"/v1/assessments/{{assessment_id:int}}/{action}",
        sync_to_thread=True,
        status_code=200,
        name=f"assessment-{action}",
        summary={"appraise": "Appraise (Sở Y tế)", "return": "Return with a reason", "recognise": "Record recognition (UBND tỉnh)"}[action],
        opt={"permission": "appraise", "body": {"application/json": REASON}, "body_required": action == "return", "produces": {"application/json": RECORD}, "errors": [404, 409, 422]},
    )
    def handler(body: bytes, service: Service, principal: Principal, assessment_id: int) -> Response[Any]:
        reason = _reason(body)
        return json_reply(service.assessments.transition(principal, assessment_id, action, reason))

    return handler


def _reason(body: bytes) -> str | None:
    if not body.strip():
        return None
    try:
        data = json.loads(intake.decode(body))
    except json.JSONDecodeError as exc:
        raise fail(400, "U054", reason=exc.msg) from None
    if not isinstance(data, dict) or not isinstance(data.get("reason", ""), str):
        raise fail(400, "U059", name="reason", reason="an object with a text `reason`", field="reason")
    reason: str | None = data.get("reason")
    return reason


@get(
    "/v1/communes/{commune:str}/history",
    sync_to_thread=True,
    summary="Every version of every year of one commune",
    opt={"permission": "read", "produces": {"application/json": {"type": "object"}}, "errors": [404]},
)
def commune_history(service: Service, principal: Principal, commune: str) -> Response[Any]:
    return json_reply(service.assessments.history(principal, commune))


HANDLERS = [submit_one, submit_batch, list_assessments, get_assessment, explain_assessment, *(_transition(a) for a in ("appraise", "return", "recognise")), commune_history]
