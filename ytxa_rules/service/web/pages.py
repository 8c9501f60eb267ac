"""Dashboard pages: sign-in, the province page, the commune page, printable explanations.

Every page is a GET rendered on the server; forms post with the session's CSRF token.
`HANDLERS` gathers the pages of `pages`, `forms` and `editor`.
"""

from __future__ import annotations

from typing import Any

import anyio.to_thread
from litestar import Request, Response, get, post
from litestar.datastructures import Cookie
from litestar.response import Redirect, Template

from ytxa_rules import explain_text
from ytxa_rules.diagnostics import error
from ytxa_rules.service.adapters.html import explanation_page
from ytxa_rules.service.auth import Principal, province_key
from ytxa_rules.service.context import Service
from ytxa_rules.service.errors import error_item, fail
from ytxa_rules.service.routes.common import LANG_COOKIE, SESSION_COOKIE, choice_param, int_param, lang_of, service_of
from ytxa_rules.service.routes.provinces import shares
from ytxa_rules.service.store.assessments import STATES
from ytxa_rules.service.submission import stored_facts
from ytxa_rules.service.web import editor, forms
from ytxa_rules.service.web.charts import share_chart
from ytxa_rules.service.web.view import error_page, local, page_opt, render, wants_page

__all__ = ["HANDLERS", "error_page", "wants_page"]


@get("/login", opt={"permission": "public", "page": True}, sync_to_thread=False)
def login_form(request: Request, next: str | None = None) -> Template:  # type: ignore[type-arg]  # noqa: A002
    return render(request, "login.html", next=local(next), failure=None)


@post("/login", opt={"permission": "public", "page": True}, status_code=303)
async def login(request: Request) -> Response[Any]:  # type: ignore[type-arg]
    form = await request.form()
    name, secret = str(form.get("name", "")).strip(), str(form.get("secret", ""))
    service = service_of(request)
    principal = await anyio.to_thread.run_sync(service.users.by_password, name, secret) if name and secret else None
    if principal is None:
        failure = error_item(error("U069", None), lang_of(request))
        return render(request, "login.html", status=401, next=local(str(form.get("next", ""))), failure=failure)  # type: ignore[return-value]
    cookie, _ = await anyio.to_thread.run_sync(service.users.open_session, principal, service.settings.session_hours)
    response = Redirect(path=local(str(form.get("next", ""))), status_code=303)
    response.set_cookie(
        Cookie(key=SESSION_COOKIE, value=cookie, httponly=True, samesite="lax", secure=service.settings.secure_cookies, path="/", max_age=service.settings.session_hours * 3600)
    )
    return response  # type: ignore[return-value]


@post("/logout", opt=page_opt("read"), status_code=303)
async def logout(request: Request) -> Response[Any]:  # type: ignore[type-arg]
    cookie = request.cookies.get(SESSION_COOKIE)
    if cookie:
        await anyio.to_thread.run_sync(service_of(request).users.close_session, cookie)
    response = Redirect(path="/login", status_code=303)
    response.delete_cookie(SESSION_COOKIE, path="/")
    return response  # type: ignore[return-value]


@get("/lang/{lang:str}", opt={"permission": "public", "page": True}, sync_to_thread=False, status_code=303)
def switch_language(lang: str, next: str | None = None) -> Response[Any]:  # noqa: A002
    """The language switch: a cookie, so every later page (and error) follows it."""
    chosen = lang if lang in ("vi", "en") else "vi"
    response = Redirect(path=local(next), status_code=303)
    response.set_cookie(Cookie(key=LANG_COOKIE, value=chosen, httponly=True, samesite="lax", path="/", max_age=365 * 86400))
    return response  # type: ignore[return-value]


@get("/", opt=page_opt("read"), sync_to_thread=False, status_code=303)
def root() -> Response[Any]:
    return Redirect(path="/ui/", status_code=303)  # type: ignore[return-value]


@get("/ui/", opt=page_opt("read"), sync_to_thread=True)
def home(request: Request, service: Service, principal: Principal) -> Template | Response[Any]:  # type: ignore[type-arg]
    provinces = service.assessments.provinces(principal)
    if len(provinces) == 1 and not request.query_params.get("all"):
        return Redirect(path=f"/ui/provinces/{provinces[0]['key']}", status_code=303)  # type: ignore[return-value]
    return render(request, "home.html", provinces=provinces)


@get("/ui/provinces/{province:str}", opt=page_opt("read"), sync_to_thread=True)
def province_page(
    request: Request,  # type: ignore[type-arg]
    service: Service,
    principal: Principal,
    province: str,
    year: str | None = None,
    verdict: str | None = None,
    area: str | None = None,
    status: str | None = None,
) -> Template:
    key = province_key(province)
    if not principal.sees(key):
        raise fail(403, "U052", province=province)
    report = shares(service, key)
    chosen_year = int_param("year", year, 1900, 2100)
    rows = service.assessments.latest(
        principal,
        province=key,
        year=chosen_year,
        state=choice_param("status", status, STATES),
        verdict=choice_param("verdict", verdict, ("passed", "not_passed", "undecided")),
        area=area or None,
    )
    name = next((p["name"] for p in service.assessments.provinces(principal) if p["key"] == key), province)
    filters = {"year": chosen_year, "verdict": verdict or "", "area": area or "", "status": status or ""}
    years = sorted({y["year"] for y in report["years"] if y["assessed"]}, reverse=True)
    return render(
        request, "province.html", key=key, name=name, report=report, chart=share_chart(report["years"]), rows=rows,
        areas=service.assessments.areas(key), states=STATES, years=years, filters=filters,
    )


@get("/ui/communes/{commune:str}", opt=page_opt("read"), sync_to_thread=True)
def commune_page(request: Request, service: Service, principal: Principal, commune: str) -> Template:  # type: ignore[type-arg]
    history = service.assessments.history(principal, commune)
    lang = lang_of(request)
    explanations: dict[int, str] = {}
    latest: dict[int, dict[str, Any]] = {}
    for version in history["versions"]:
        if version["year"] in latest:
            continue
        latest[version["year"]] = version
        facts, as_of, _ = service.assessments.stored_facts(principal, version["id"])
        result = service.criteria.evaluate(stored_facts(facts), None, as_of, trace=True)
        explanations[version["id"]] = explain_text(result, lang)
    return render(request, "commune.html", history=history, explanations=explanations, latest=latest)


@get("/ui/assessments/{assessment_id:int}/explanation", opt=page_opt("read"), sync_to_thread=True, media_type="text/html")
def explanation(request: Request, service: Service, principal: Principal, assessment_id: int) -> Response[Any]:  # type: ignore[type-arg]
    facts, as_of, _ = service.assessments.stored_facts(principal, assessment_id)
    result = service.criteria.evaluate(stored_facts(facts), None, as_of, trace=True)
    page = explanation_page(result, lang_of(request))
    return Response(content=page, media_type="text/html; charset=utf-8")


HANDLERS = [login_form, login, logout, switch_language, root, home, province_page, commune_page, explanation, *forms.HANDLERS, *editor.HANDLERS]
