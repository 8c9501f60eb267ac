"""What every route shares: the guard, the signed-in user, the language, parameters, replies."""

from __future__ import annotations

import datetime
import hmac
import time
from collections.abc import Callable
from typing import Any, cast

import anyio.to_thread
from litestar import Request, Response
from litestar.connection import ASGIConnection
from litestar.handlers.base import BaseRouteHandler

from ytxa_rules.diagnostics import error
from ytxa_rules.service.auth import ACTIONS, Principal
from ytxa_rules.service.context import Service
from ytxa_rules.service.errors import ServiceError, fail

SESSION_COOKIE = "ytxa_session"
LANG_COOKIE = "ytxa_lang"
CSRF_HEADER = "x-csrf-token"
CSRF_FIELD = "_csrf"
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
PRINCIPAL = "ytxa.principal"
DEADLINE = "ytxa.deadline"


def service_of(connection: ASGIConnection) -> Service:  # type: ignore[type-arg]
    service: Service = connection.app.state["ytxa"]
    return service


def _scope(connection: ASGIConnection) -> dict[str, Any]:  # type: ignore[type-arg]
    """The ASGI scope as a plain mapping: the service keeps its own keys in it."""
    return cast(dict[str, Any], connection.scope)


def principal_of(connection: ASGIConnection) -> Principal:  # type: ignore[type-arg]
    principal: Principal = _scope(connection)[PRINCIPAL]
    return principal


def signed_in(connection: ASGIConnection) -> Principal | None:  # type: ignore[type-arg]
    found: Principal | None = _scope(connection).get(PRINCIPAL)
    return found


async def provide_principal(request: Request) -> Principal:  # type: ignore[type-arg]
    return principal_of(request)


async def provide_service(request: Request) -> Service:  # type: ignore[type-arg]
    return service_of(request)


async def authenticate(connection: ASGIConnection) -> Principal | None:  # type: ignore[type-arg]
    """The user behind a Bearer token, or else behind the session cookie."""
    users = service_of(connection).users
    header = connection.headers.get("authorization", "")
    if header[:7].lower() == "bearer ":
        return await anyio.to_thread.run_sync(users.by_token, header[7:].strip())
    cookie = connection.cookies.get(SESSION_COOKIE)
    if cookie:
        return await anyio.to_thread.run_sync(users.by_session, cookie)
    return None


async def authorize(connection: ASGIConnection, handler: BaseRouteHandler) -> None:  # type: ignore[type-arg]
    """The guard of every API and dashboard route: sign-in, CSRF for sessions, permission."""
    permission = handler.opt["permission"]
    _scope(connection)[DEADLINE] = time.monotonic() + service_of(connection).settings.limits.request_seconds
    if permission == "public":
        return
    principal = await authenticate(connection)
    if principal is None:
        if handler.opt.get("page"):  # a dashboard page: send the browser to the sign-in form
            raise ServiceError(303, [error("U050", None)], {"location": "/login?next=" + connection.url.path})
        raise ServiceError(401, [error("U050", None)], {"www-authenticate": 'Bearer realm="ytxa"'})
    if principal.via == "session" and connection.scope.get("method", "GET") not in SAFE_METHODS:
        await _require_csrf(connection, principal)
    if not principal.may(permission):
        vi, en = ACTIONS[permission]
        raise fail(403, "U051", role=principal.role, action=("words", vi, en))
    _scope(connection)[PRINCIPAL] = principal


async def _require_csrf(connection: ASGIConnection, principal: Principal) -> None:  # type: ignore[type-arg]
    sent = connection.headers.get(CSRF_HEADER)
    if sent is None and isinstance(connection, Request):
        content_type = connection.content_type[0]
        if content_type in ("application/x-www-form-urlencoded", "multipart/form-data"):
            sent = (await connection.form()).get(CSRF_FIELD)
    if not isinstance(sent, str) or principal.csrf is None or not hmac.compare_digest(sent, principal.csrf):
        raise fail(403, "U068")


def deadline_check(request: Request) -> Callable[[], None]:  # type: ignore[type-arg]
    """A function long loops call between items: past the request's time, it stops them (U057)."""
    deadline: float = _scope(request).get(DEADLINE, time.monotonic() + 3600)
    seconds = service_of(request).settings.limits.request_seconds

    def check() -> None:
        if time.monotonic() > deadline:
            raise fail(504, "U057", seconds=f"{seconds:g}")

    return check


def lang_of(request: Request) -> str:  # type: ignore[type-arg]
    """`?lang=`, else the language cookie the dashboard sets, else Vietnamese."""
    asked = request.query_params.get("lang") or request.cookies.get(LANG_COOKIE) or "vi"
    return asked if asked in ("vi", "en") else "vi"


def json_reply(data: Any, status: int = 200, headers: dict[str, str] | None = None) -> Response[Any]:
    return Response(content=data, status_code=status, media_type="application/json", headers=headers)


def date_param(name: str, text: str | None) -> datetime.date | None:
    if text is None or text == "":
        return None
    try:
        return datetime.date.fromisoformat(text)
    except ValueError:
        raise ServiceError(400, [error("U059", None, name=name, reason=f"`{text[:40]}` is not a date YYYY-MM-DD", field=name)]) from None


def choice_param(name: str, text: str | None, choices: tuple[str, ...]) -> str | None:
    if text is None or text == "":
        return None
    if text not in choices:
        raise ServiceError(400, [error("U059", None, name=name, reason="use one of " + ", ".join(choices), field=name)])
    return text


def int_param(name: str, text: str | None, low: int, high: int) -> int | None:
    if text is None or text == "":
        return None
    if not text.isascii() or not text.lstrip("-").isdigit() or not low <= int(text) <= high:
        raise ServiceError(400, [error("U059", None, name=name, reason=f"a whole number {low}–{high}", field=name)])
    return int(text)
