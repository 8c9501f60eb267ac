"""The criteria over HTTP: what is in force, the data dictionary, diffs, checks, drafts, impact."""

from __future__ import annotations

import datetime
import json
from decimal import Decimal
from typing import Any

from litestar import Request, Response, get, post

from ytxa_rules.errors import SpecError
from ytxa_rules.service import intake
from ytxa_rules.service.adapters import impact as impact_adapter
from ytxa_rules.service.auth import Principal, province_key
from ytxa_rules.service.context import Service
from ytxa_rules.service.errors import ServiceError, error_item, fail
from ytxa_rules.service.openapi import FACTS
from ytxa_rules.service.routes.common import date_param, deadline_check, int_param, json_reply, lang_of
from ytxa_rules.service.submission import stored_facts

TEXT_BODY = {
    "text/plain": {"type": "string", "description": "the text of a spec or amendment file"},
    "application/json": {"type": "object", "required": ["text"], "properties": {"text": {"type": "string"}}},
}
IMPACT_BODY = {
    "application/json": {
        "type": "object",
        "properties": {
            "amendment": {"type": "string", "description": "the amendment's text (or give `draft`)"},
            "draft": {"type": "integer", "description": "a saved draft's id"},
            "stations": {"type": "array", "items": FACTS, "description": "stations to compare (else: the stored history)"},
            "province": {"type": "string"},
            "year": {"type": "integer"},
        },
    }
}
OBJECT = {"type": "object"}


def _as_of(text: str | None) -> datetime.date:
    return date_param("as_of", text) or datetime.date.today()


@get("/v1/specs", sync_to_thread=True, summary="The criteria sets loaded, with their amendments", opt={"permission": "evaluate", "produces": {"application/json": OBJECT}})
def list_specs(service: Service) -> Response[Any]:
    return json_reply({"specs": service.criteria.listing()})


@get(
    "/v1/specs/{spec_id:str}",
    sync_to_thread=True,
    summary="A criteria set composed as in force on `as_of` (default today)",
    opt={"permission": "evaluate", "produces": {"application/json": OBJECT}, "errors": [404]},
)
def get_spec(request: Request, service: Service, spec_id: str, as_of: str | None = None) -> Response[Any]:  # type: ignore[type-arg]
    spec = service.criteria.get(spec_id)
    return json_reply(service.criteria.composed(spec, _as_of(as_of), lang_of(request)))


@get(
    "/v1/specs/{spec_id:str}/facts",
    sync_to_thread=True,
    summary="The data dictionary: every fact in force on `as_of`",
    opt={"permission": "evaluate", "produces": {"application/json": OBJECT}, "errors": [404]},
)
def spec_facts(service: Service, spec_id: str, as_of: str | None = None) -> Response[Any]:
    spec = service.criteria.get(spec_id)
    when = _as_of(as_of)
    return json_reply({"id": spec.id, "as_of": when.isoformat(), "facts": service.criteria.facts(spec, when)})


@get(
    "/v1/specs/{spec_id:str}/diff",
    sync_to_thread=True,
    summary="What changed between two dates (`from`, `to`), with the amendment behind each change",
    opt={"permission": "evaluate", "produces": {"application/json": OBJECT}, "errors": [404]},
)
def spec_diff(service: Service, spec_id: str, from_date: str | None = None, to_date: str | None = None) -> Response[Any]:
    spec = service.criteria.get(spec_id)
    old = date_param("from_date", from_date) or spec.document.effective or datetime.date.today()
    new = date_param("to_date", to_date) or datetime.date.today()
    return json_reply(service.criteria.diff(spec, old, new))


def _text(body: bytes, content_type: str | None) -> str:
    text = intake.decode(body)
    if intake.media_type(content_type) == "application/json":
        try:
            data = json.loads(text)
        except json.JSONDecodeError as exc:
            raise fail(400, "U054", reason=exc.msg) from None
        if not isinstance(data, dict) or not isinstance(data.get("text"), str):
            raise fail(400, "U059", name="text", reason="an object with the spec's `text`", field="text")
        text = data["text"]
    return text


@post(
    "/v1/check",
    sync_to_thread=True,
    status_code=200,
    summary="Check a spec or amendment text: every diagnostic, located",
    opt={"permission": "edit_policy", "body": TEXT_BODY, "produces": {"application/json": OBJECT}, "errors": [413]},
)
def check(request: Request, body: bytes, service: Service) -> Response[Any]:  # type: ignore[type-arg]
    """200 with `diagnostics` (possibly empty) and `ok`; the text itself is never stored."""
    lang = lang_of(request)
    found, _ = service.criteria.check_text(_text(body, request.headers.get("content-type")))
    items = [{**error_item(d, lang), "file": d.span.file if d.span else None} for d in found]
    return json_reply({"ok": not any(d.is_error for d in found), "diagnostics": items})


@post(
    "/v1/amendments",
    sync_to_thread=True,
    status_code=201,
    summary="Save an amendment draft (it is checked first; scoring never uses it)",
    opt={"permission": "edit_policy", "body": TEXT_BODY, "produces": {"application/json": OBJECT}, "success": 201, "errors": [413, 422]},
)
def save_draft(request: Request, body: bytes, service: Service, principal: Principal) -> Response[Any]:  # type: ignore[type-arg]
    text = _text(body, request.headers.get("content-type"))
    found, _ = service.criteria.check_text(text)
    errors = [d for d in found if d.is_error]
    if errors:
        raise ServiceError(422, errors)
    try:
        _, amendment = service.criteria.with_amendment(text)
    except SpecError as exc:
        raise ServiceError(422, exc.diagnostics) from None
    return json_reply(service.drafts.save(principal, service.criteria.default_id, amendment.id, text), 201)


@get("/v1/amendments", sync_to_thread=True, summary="Saved amendment drafts", opt={"permission": "edit_policy", "produces": {"application/json": OBJECT}})
def list_drafts(service: Service) -> Response[Any]:
    return json_reply({"drafts": service.drafts.list()})


@get(
    "/v1/amendments/{draft_id:int}",
    sync_to_thread=True,
    summary="One amendment draft with its text",
    opt={"permission": "edit_policy", "produces": {"application/json": OBJECT}, "errors": [404]},
)
def get_draft(service: Service, draft_id: int) -> Response[Any]:
    return json_reply(service.drafts.get(draft_id))


@post(
    "/v1/impact",
    sync_to_thread=True,
    status_code=200,
    summary="What an amendment would change: given stations, or the stored history (what-if; nothing is overwritten)",
    opt={"permission": "edit_policy", "body": IMPACT_BODY, "produces": {"application/json": OBJECT}, "errors": [404, 413, 422]},
)
def impact(request: Request, body: bytes, service: Service, principal: Principal) -> Response[Any]:  # type: ignore[type-arg]
    lang = lang_of(request)
    try:
        data = json.loads(intake.decode(body), parse_float=Decimal)
    except json.JSONDecodeError as exc:
        raise fail(400, "U054", reason=exc.msg) from None
    if not isinstance(data, dict):
        raise fail(400, "U054", reason="expected an object")
    text = _amendment_text(service, data)
    try:
        after, amendment = service.criteria.with_amendment(text)
    except SpecError as exc:
        raise ServiceError(422, exc.diagnostics) from None
    stations = _stations(service, principal, data)
    report = impact_adapter.compare(service.criteria.default, after, amendment, stations, deadline_check(request), lang)
    return json_reply(report)


def _amendment_text(service: Service, data: dict[str, Any]) -> str:
    if isinstance(data.get("amendment"), str):
        return str(data["amendment"])
    draft = data.get("draft")
    if isinstance(draft, int) and not isinstance(draft, bool):
        return str(service.drafts.get(draft)["text"])
    raise fail(400, "U059", name="amendment", reason="give the amendment's text, or the id of a saved draft", field="amendment")


def _stations(service: Service, principal: Principal, data: dict[str, Any]) -> list[impact_adapter.Station]:
    given = data.get("stations")
    if given is not None:
        if not isinstance(given, list):
            raise fail(400, "U059", name="stations", reason="an array of station objects", field="stations")
        if len(given) > service.settings.limits.max_batch_rows:
            raise fail(413, "U056", count=len(given), limit=service.settings.limits.max_batch_rows)
        out = []
        for row, facts in enumerate(given, start=1):
            if not isinstance(facts, dict):
                raise fail(422, "U066", row=row)
            out.append(impact_adapter.Station({"row": row}, facts, None))
        return out
    province = data.get("province")
    if province is not None and not isinstance(province, str):
        raise fail(400, "U059", name="province", reason="a province name or key", field="province")
    year = data.get("year")
    if year is not None:
        year = int_param("year", str(year), 1900, 2100)
    if province:
        key = province_key(province)
        if not principal.sees(key):
            raise fail(403, "U052", province=province, field="province")
        keys = [key]
    else:
        keys = [p["key"] for p in service.assessments.provinces(principal)]
    rows = service.assessments.latest_rows(keys, year)
    return [impact_adapter.Station({"id": r.id, "commune": r.commune_code, "year": r.year, "stored_passed": r.passed}, stored_facts(r.facts), r.as_of) for r in rows]


HANDLERS = [list_specs, get_spec, spec_facts, spec_diff, check, save_draft, list_drafts, get_draft, impact]
