"""The policy editor's page: the criteria composed as of a date, an amendment editor with live
diagnostics (the page's script posts the text to `/v1/check`), impact preview and drafts."""

from __future__ import annotations

import datetime
from typing import Any

import anyio.to_thread
from litestar import Request, get, post
from litestar.response import Template

from ytxa_rules.errors import SpecError
from ytxa_rules.service.adapters.impact import Station, compare
from ytxa_rules.service.auth import Principal
from ytxa_rules.service.context import Service
from ytxa_rules.service.errors import ServiceError, error_item
from ytxa_rules.service.routes.common import date_param, deadline_check, lang_of, principal_of, service_of
from ytxa_rules.service.submission import stored_facts
from ytxa_rules.service.web.view import page_opt, render

EXAMPLE = """amendment "99/QĐ-BYT"
  title "Nâng mức tỷ lệ tham gia bảo hiểm y tế"
  amends "1300/QĐ-BYT"
  issued 2024-11-01
  effective 2025-01-01
  reason "nâng mức tối đa của chỉ tiêu 4 lên 97 %"

change indicator 4 band 1 threshold to 97%
"""


def _page(request: Request, service: Service, principal: Principal, as_of: datetime.date, text: str, impact: Any = None, failure: Any = None, saved: Any = None) -> Template:  # type: ignore[type-arg]
    lang = lang_of(request)
    composed = service.criteria.composed(service.criteria.default, as_of, lang)
    return render(
        request, "spec.html", composed=composed, as_of=as_of.isoformat(), text=text, impact=impact, failure=failure, saved=saved,
        provinces=service.assessments.provinces(principal), drafts=service.drafts.list()[:10],
    )


@get("/ui/spec", opt=page_opt("edit_policy"), sync_to_thread=True)
def spec_page(request: Request, service: Service, principal: Principal, as_of: str | None = None, draft: str | None = None) -> Template:  # type: ignore[type-arg]
    when = date_param("as_of", as_of) or datetime.date.today()
    text = EXAMPLE
    if draft and draft.isdigit():
        text = str(service.drafts.get(int(draft))["text"])
    return _page(request, service, principal, when, text)


@post("/ui/spec", opt=page_opt("edit_policy"), status_code=200)
async def spec_action(request: Request) -> Template:  # type: ignore[type-arg]
    """`action=impact`: re-score the stored history with the draft; `action=save`: keep it."""
    form = await request.form()
    service: Service = service_of(request)
    principal: Principal = principal_of(request)
    lang = lang_of(request)
    text = str(form.get("text", ""))
    when = date_param("as_of", str(form.get("as_of", ""))) or datetime.date.today()
    province = str(form.get("province", ""))
    check = deadline_check(request)

    def work() -> Template:
        try:
            after, amendment = service.criteria.with_amendment(text)
            if form.get("action") == "save":
                found, _ = service.criteria.check_text(text)
                errors = [d for d in found if d.is_error]
                if errors:
                    raise ServiceError(422, errors)
                saved = service.drafts.save(principal, service.criteria.default_id, amendment.id, text)
                return _page(request, service, principal, when, text, saved=saved)
            keys = [province] if province and principal.sees(province) else [p["key"] for p in service.assessments.provinces(principal)]
            rows = service.assessments.latest_rows(keys)
            stations = [Station({"id": r.id, "commune": r.commune_code, "year": r.year}, stored_facts(r.facts), r.as_of) for r in rows]
            report = compare(service.criteria.default, after, amendment, stations, check, lang)
            return _page(request, service, principal, when, text, impact=report)
        except (SpecError, ServiceError) as exc:
            return _page(request, service, principal, when, text, failure=[error_item(d, lang) for d in exc.diagnostics])

    return await anyio.to_thread.run_sync(work)


HANDLERS = [spec_page, spec_action]
