"""What every dashboard page shares: its template context, the error page, safe redirects."""

from __future__ import annotations

import functools
from collections.abc import Sequence
from typing import Any

from litestar import Request, Response
from litestar.response import Template

from ytxa_rules.diagnostics import Diagnostic
from ytxa_rules.messages.service import ui_word
from ytxa_rules.service.auth import Principal
from ytxa_rules.service.errors import error_item
from ytxa_rules.service.routes.common import CSRF_FIELD, lang_of, signed_in

PAGE = {"page": True}


def page_opt(permission: str) -> dict[str, Any]:
    return {"permission": permission, **PAGE}


def base_context(request: Request, principal: Principal | None) -> dict[str, Any]:  # type: ignore[type-arg]
    lang = lang_of(request)
    return {
        "lang": lang,
        "t": functools.partial(ui_word, lang=lang),
        "user": principal,
        "csrf": principal.csrf if principal is not None and principal.csrf else "",
        "csrf_field": CSRF_FIELD,
        "path": request.url.path,
        "query": request.url.query or "",
        "may": (lambda permission: principal is not None and principal.may(permission)),
    }


def render(request: Request, template: str, status: int = 200, **context: Any) -> Template:  # type: ignore[type-arg]
    principal = signed_in(request)
    return Template(template_name=template, context={**base_context(request, principal), **context}, status_code=status, media_type="text/html")


def wants_page(request: Request) -> bool:  # type: ignore[type-arg]
    """An error on a dashboard page (or a browser asking for HTML) gets a page, not JSON."""
    handler = request.scope.get("route_handler")  # type: ignore[call-overload]
    if handler is not None and getattr(handler, "opt", {}).get("page"):
        return True
    path = request.url.path
    return not path.startswith(("/v1/", "/healthz", "/openapi", "/schema", "/static")) and "text/html" in request.headers.get("accept", "")


def error_page(request: Request, status: int, diagnostics: Sequence[Diagnostic], lang: str, headers: dict[str, str] | None) -> Response[Any]:  # type: ignore[type-arg]
    items = [error_item(d, lang) for d in diagnostics]
    response = render(request, "error.html", status=status, status_code=status, errors=items)
    if headers:
        response.headers.update(headers)
    return response  # type: ignore[return-value]


def local(target: str | None, default: str = "/ui/") -> str:
    """Only paths on this site: a `next=` pointing elsewhere would make an open redirect."""
    if not target or not target.startswith("/") or target.startswith("//") or "\\" in target:
        return default
    return target
