"""The province's year: communes on record, the share recognised against the plan targets."""

from __future__ import annotations

import json
from fractions import Fraction
from typing import Any

from litestar import Request, Response, get, put

from ytxa_rules.render.numbers import json_number
from ytxa_rules.service import intake
from ytxa_rules.service.auth import Principal, province_key
from ytxa_rules.service.context import Service
from ytxa_rules.service.errors import fail
from ytxa_rules.service.routes.common import json_reply

OBJECT = {"type": "object"}
TARGETS_BODY = {
    "application/json": {
        "type": "object",
        "required": ["targets"],
        "properties": {
            "source": {"type": "string", "description": "the plan, e.g. 139/KH-UBND"},
            "targets": {"type": "object", "additionalProperties": {"type": ["string", "number"]}, "description": "year → percent recognised"},
        },
    }
}


def shares(service: Service, province: str) -> dict[str, Any]:
    """Per year: communes assessed, passing, recognised, the share recognised and the target."""
    counts = {year: (assessed, passed, recognised) for year, assessed, passed, recognised in service.assessments.year_counts(province)}
    targets = {t.year: t for t in service.targets.targets(province)}
    years = []
    for year in sorted(set(counts) | set(targets)):
        assessed, passed, recognised = counts.get(year, (0, 0, 0))
        share = Fraction(recognised * 100, assessed) if assessed else None
        target = targets.get(year)
        years.append(
            {
                "year": year,
                "assessed": assessed,
                "passed": passed,
                "recognised": recognised,
                "share_recognised": json_number(share) if share is not None else None,
                "target": json_number(target.share) if target else None,
                "target_source": target.source if target else None,
                "met": target.met(share) if (target and share is not None) else None,
            }
        )
    return {"province": province, "years": years}


def _province(principal: Principal, name: str) -> str:
    key = province_key(name)
    if not principal.sees(key):
        raise fail(403, "U052", province=name, field="province")
    return key


@get("/v1/provinces", sync_to_thread=True, summary="Provinces on record that you may see", opt={"permission": "read", "produces": {"application/json": OBJECT}})
def list_provinces(service: Service, principal: Principal) -> Response[Any]:
    return json_reply({"provinces": service.assessments.provinces(principal)})


@get(
    "/v1/provinces/{province:str}/shares",
    sync_to_thread=True,
    summary="Share of communes recognised per year, against the plan targets",
    opt={"permission": "read", "produces": {"application/json": OBJECT}},
)
def province_shares(service: Service, principal: Principal, province: str) -> Response[Any]:
    return json_reply(shares(service, _province(principal, province)))


@put(
    "/v1/provinces/{province:str}/targets",
    sync_to_thread=True,
    summary="Set a province's plan targets (year → percent recognised)",
    opt={"permission": "admin", "body": TARGETS_BODY, "produces": {"application/json": OBJECT}, "errors": [422]},
)
def set_targets(request: Request, body: bytes, service: Service, principal: Principal, province: str) -> Response[Any]:  # type: ignore[type-arg]
    key = _province(principal, province)
    try:
        data = json.loads(intake.decode(body))
    except json.JSONDecodeError as exc:
        raise fail(400, "U054", reason=exc.msg) from None
    if not isinstance(data, dict) or not isinstance(data.get("targets"), dict):
        raise fail(400, "U059", name="targets", reason="an object of year → percent", field="targets")
    table: dict[int, str] = {}
    for year, share in data["targets"].items():
        if not (isinstance(year, str) and year.isascii() and year.isdigit()) or isinstance(share, bool) or not isinstance(share, (str, int, float)):
            raise fail(422, "U059", name=f"targets.{year}", reason="a year 1900–2100 and a percent", field=f"targets.{year}")
        table[int(year)] = str(share)
    source = data.get("source") if isinstance(data.get("source"), str) else ""
    service.targets.set_targets(key, table, str(source)[:300])
    return json_reply(shares(service, key))


HANDLERS = [list_provinces, province_shares, set_targets]
