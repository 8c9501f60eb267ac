"""`create_app`: the Litestar application, its routes, guard, error replies and templates.

Why Litestar: it reads attrs classes natively (the library's values are attrs), encodes
with msgspec, limits request bodies itself (`request_max_body_size`), has guards that see
each handler's options (the permission check and the authorisation test both read the route
table), renders Jinja2 templates and serves static files from the package, and writes the
OpenAPI document the schemathesis tests run against. uvicorn serves it.
"""

from __future__ import annotations

import logging
import warnings
from pathlib import Path
from typing import Any

from litestar import Litestar, Request, Response, Router
from litestar.di import Provide
from litestar.exceptions import HTTPException, ValidationException
from litestar.openapi import OpenAPIConfig
from litestar.response import Redirect
from litestar.static_files import create_static_files_router
from litestar.template import TemplateConfig

try:  # Litestar 2.22 moved it; older 2.x releases have only the first place
    from litestar.plugins.jinja import JinjaTemplateEngine
except ImportError:  # pragma: no cover
    from litestar.contrib.jinja import JinjaTemplateEngine  # type: ignore[no-redef]

from ytxa_rules import __version__
from ytxa_rules.diagnostics import error
from ytxa_rules.errors import FactsError, YtxaError
from ytxa_rules.service.context import Service
from ytxa_rules.service.errors import ServiceError, error_document, incident, log, status_of, thing
from ytxa_rules.service.openapi import PatchedJsonPlugin
from ytxa_rules.service.routes import assessments, provinces, scoring, specs, system
from ytxa_rules.service.routes.common import authorize, lang_of, provide_principal, provide_service
from ytxa_rules.service.settings import Settings
from ytxa_rules.service.web import pages, templates

PACKAGE = Path(__file__).resolve().parent

# Handlers declare parameters, dependencies and the raw body by name and type, which every
# Litestar 2 release reads; newer 2.x releases also offer explicit markers and warn about
# the plain style. Keep the plain style (it works from 2.12 on) and silence only those.
PLAIN_STYLE = r".*(deprecated inferred style|deprecated default|Inferred dependency field|Reserved kwarg).*"
API_MODULES = (system, scoring, specs, assessments, provinces)
BAD_BODY_CODES = frozenset({"F002", "F003", "F009", "F013"})  # the body is not a facts object at all


def create_app(settings: Settings | None = None, service: Service | None = None) -> Litestar:
    settings = settings or Settings.from_env()
    service = service or Service.open(settings)
    handlers = [h for module in API_MODULES for h in module.HANDLERS]
    api = Router(path="/", route_handlers=handlers, guards=[authorize])
    web = Router(path="/", route_handlers=pages.HANDLERS, guards=[authorize], include_in_schema=False)
    static = create_static_files_router(path="/static", directories=[PACKAGE / "static"], opt={"permission": "public"}, include_in_schema=False)
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", message=PLAIN_STYLE)
        return _build(settings, service, [api, web, static])


def _build(settings: Settings, service: Service, routers: list[Router]) -> Litestar:
    app = Litestar(
        route_handlers=routers,
        dependencies={"service": Provide(provide_service), "principal": Provide(provide_principal)},
        exception_handlers={ServiceError: _service_error, YtxaError: _library_error, HTTPException: _http_error, Exception: _internal_error},
        request_max_body_size=settings.limits.max_body_bytes,
        openapi_config=OpenAPIConfig(
            title="ytxa-rules service",
            version=__version__,
            description="Scoring, assessment history and workflow for the National Commune Health Criteria (1300/QĐ-BYT).",
            render_plugins=[PatchedJsonPlugin(path="/openapi.json")],
            use_handler_docstrings=True,
            path="/schema",  # Litestar's own copy; clients use /openapi.json (routes/system.py)
        ),
        template_config=TemplateConfig(engine=JinjaTemplateEngine.from_environment(templates.environment())),
        state={"ytxa": service},  # type: ignore[arg-type]
        debug=False,
        logging_config=None,
    )
    _require_permissions(app)
    return app


def _require_permissions(app: Litestar) -> None:
    """Refuse to start if a route of ours names no permission: nothing is open by omission."""
    for route in app.routes:
        for handler in getattr(route, "route_handlers", []):
            if handler.opt.get("permission") is None and not is_framework(route.path, handler.http_methods):
                raise RuntimeError(f"route {route.path} ({handler.handler_name}) names no permission")


def is_framework(path: str, methods: set[str]) -> bool:
    """Litestar's own routes: the OpenAPI document and the automatic OPTIONS replies."""
    return path.startswith("/schema") or set(methods) == {"OPTIONS"}


def _reply(request: Request, status: int, diagnostics: Any, headers: dict[str, str] | None = None) -> Response[Any]:  # type: ignore[type-arg]
    lang = lang_of(request)
    if pages.wants_page(request):
        return pages.error_page(request, status, diagnostics, lang, headers)
    return Response(content=error_document(status, diagnostics, lang), status_code=status, media_type="application/json", headers=headers)


def _service_error(request: Request, exc: ServiceError) -> Response[Any]:  # type: ignore[type-arg]
    if exc.status == 303:
        return Redirect(path=exc.headers["location"], status_code=303)  # type: ignore[return-value]
    return _reply(request, exc.status, exc.diagnostics, exc.headers)


def _library_error(request: Request, exc: YtxaError) -> Response[Any]:  # type: ignore[type-arg]
    status = status_of(exc)
    if isinstance(exc, FactsError) and any(d.code in BAD_BODY_CODES for d in exc.diagnostics):
        status = 400
    return _reply(request, status, exc.diagnostics)


def _http_error(request: Request, exc: HTTPException) -> Response[Any]:  # type: ignore[type-arg]
    status = exc.status_code
    path = request.url.path
    if status == 404:
        found = [error("U053", None, what=thing("page"), key=path[:200])]
    elif status == 405:
        found = [error("U075", None, method=request.method, path=path[:200])]
    elif status == 413:
        found = [error("U055", None, limit=request.app.request_max_body_size)]
    elif isinstance(exc, ValidationException):
        extra = exc.extra if isinstance(exc.extra, list) else []
        found = [
            error("U059", None, name=str(e.get("key", "?")), reason=str(e.get("message", "invalid")), field=str(e.get("key", "?")))
            for e in extra
            if isinstance(e, dict)
        ] or [error("U059", None, name="?", reason=str(exc.detail)[:200])]
        status = 400
    elif status == 401:
        found = [error("U050", None)]
    elif status == 403:
        found = [error("U068", None)]
    elif status >= 500:
        return _internal_error(request, exc)
    else:
        found = [error("U059", None, name="request", reason=str(exc.detail)[:200])]
    return _reply(request, status, found)


def _internal_error(request: Request, exc: Exception) -> Response[Any]:  # type: ignore[type-arg]
    ticket = incident()
    log.error("incident %s on %s %s", ticket, request.method, request.url.path, exc_info=exc)
    return _reply(request, 500, [error("U074", None, incident=ticket)])


logging.getLogger("ytxa.service").addHandler(logging.NullHandler())
