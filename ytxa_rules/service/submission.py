"""Score a station and file it: the path every stored assessment takes (one or a batch).

The facts are scored first (bad facts are located 422 errors), then filed under the
commune, province and year the result names, after checking that the caller may submit
for that commune. What is stored is the facts as sent and the `ytxa-result/1` document.
"""

from __future__ import annotations

import datetime
import json
from collections.abc import Mapping
from decimal import Decimal
from typing import Any

import msgspec

from ytxa_rules import ast
from ytxa_rules.engine.result import Result
from ytxa_rules.service.auth import Principal, province_key
from ytxa_rules.service.context import Service
from ytxa_rules.service.errors import fail
from ytxa_rules.service.store.assessments import Station

_ENCODER = msgspec.json.Encoder(decimal_format="number")  # 86.5 stays the number 86.5, exactly as sent


def facts_json(facts: Mapping[str, Any]) -> str:
    return _ENCODER.encode(dict(facts)).decode("utf-8")


def stored_facts(text: str) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(text, parse_float=Decimal)
    return data


def station_of(service: Service, result: Result) -> Station:
    settings = service.settings
    facts = result.station
    year_fact = service.criteria.assessment_year() or "nam_danh_gia"
    meanings = {settings.commune_fact: "commune code / mã xã", settings.province_fact: "province / tỉnh", year_fact: "assessment year / năm đánh giá"}
    for name, meaning in meanings.items():
        value = facts.get(name)
        if value is None or (isinstance(value, str) and not value.strip()):
            raise fail(422, "U064", name=name, meaning=meaning, field=name)
    year = facts[year_fact]
    province = str(facts[settings.province_fact]).strip()
    return Station(
        commune=str(facts[settings.commune_fact]).strip(),
        name=str(facts.get(settings.name_fact) or facts[settings.commune_fact]).strip(),
        province=province,
        province_key=province_key(province),
        area=(str(facts[settings.area_fact]).strip() or None) if facts.get(settings.area_fact) else None,
        year=int(year),
        as_of=result.as_of,
    )


def submit(
    service: Service,
    principal: Principal,
    facts: Mapping[str, Any],
    where: Mapping[str, ast.Span] | None,
    as_of: datetime.date | None,
) -> dict[str, Any]:
    result = service.criteria.evaluate(facts, where, as_of)
    station = station_of(service, result)
    if not principal.sees(station.province_key):
        raise fail(403, "U052", province=station.province, field=service.settings.province_fact)
    if not principal.may_submit_for(station.province_key, station.commune):
        raise fail(403, "U051", role=principal.role, action=f"submit for commune {station.commune}", field=service.settings.commune_fact)
    return service.assessments.submit(principal, station, facts_json(facts), result.to_dict())
