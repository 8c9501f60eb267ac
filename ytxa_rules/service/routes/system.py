"""Liveness and who-am-I."""

from __future__ import annotations

from typing import Any

from litestar import Request, Response, get

from ytxa_rules import __version__
from ytxa_rules.service.auth import Principal
from ytxa_rules.service.context import Service
from ytxa_rules.service.openapi import patch
from ytxa_rules.service.routes.common import json_reply

HEALTH = {"type": "object", "properties": {"status": {"type": "string"}, "version": {"type": "string"}, "database": {"type": "string"}}}


@get("/healthz", sync_to_thread=True, summary="Liveness: the server answers and the database is reachable", opt={"permission": "public", "produces": {"application/json": HEALTH}})
def healthz(service: Service) -> Response[Any]:
    service.db.check_reachable()
    return json_reply({"status": "ok", "version": __version__, "database": service.db.url.get_backend_name()})


@get("/v1/me", summary="The signed-in user: role and provinces", opt={"permission": "evaluate", "produces": {"application/json": {"type": "object"}}})
async def me(principal: Principal) -> Response[Any]:
    return json_reply(
        {"name": principal.name, "role": principal.role, "provinces": sorted(principal.provinces), "communes": sorted(principal.communes), "via": principal.via}
    )


@get("/openapi.json", sync_to_thread=False, include_in_schema=False, opt={"permission": "public"})
def openapi_document(request: Request) -> Response[Any]:  # type: ignore[type-arg]
    """The OpenAPI 3.1 document of this API (what docs/http-api.md is generated from)."""
    return Response(content=patch(request.app.openapi_schema.to_schema(), request), media_type="application/vnd.oai.openapi+json")


HANDLERS = [healthz, me, openapi_document]
