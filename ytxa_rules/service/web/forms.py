"""Dashboard pages that change data: uploading stations, the appraisal screen and its actions."""

from __future__ import annotations

from typing import Any

import anyio.to_thread
from litestar import Request, Response, get, post
from litestar.datastructures import UploadFile
from litestar.response import Redirect, Template

from ytxa_rules.service.auth import Principal
from ytxa_rules.service.batch import outcomes, read_rows, summary, warning_items
from ytxa_rules.service.context import Service
from ytxa_rules.service.errors import ServiceError, error_item
from ytxa_rules.service.routes.common import deadline_check, lang_of, principal_of, service_of
from ytxa_rules.service.web.view import local, page_opt, render

SUFFIX_TYPES = {".json": "application/json", ".jsonl": "application/x-ndjson", ".ndjson": "application/x-ndjson"}


@get("/ui/upload", opt=page_opt("submit"), sync_to_thread=False)
def upload_form(request: Request) -> Template:  # type: ignore[type-arg]
    return render(request, "upload.html", outcome=None)


@post("/ui/upload", opt=page_opt("submit"), status_code=200)
async def upload(request: Request) -> Template:  # type: ignore[type-arg]
    """Store every good row; show each bad row with its row number, field and message."""
    form = await request.form()
    service: Service = service_of(request)
    principal: Principal = principal_of(request)
    lang = lang_of(request)
    upload = form.get("file")
    if isinstance(upload, UploadFile) and upload.filename:
        content = await upload.read()
        filename = upload.filename
        suffix = "." + filename.rsplit(".", 1)[-1].lower() if "." in filename else ""
        content_type = SUFFIX_TYPES.get(suffix, upload.content_type)
    else:
        content = str(form.get("text", "")).encode("utf-8")
        filename, content_type = "", None
    check = deadline_check(request)

    def work() -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
        upload = read_rows(service, content, content_type, filename)
        return list(outcomes(service, upload.rows, None, check, principal, lang)), warning_items(upload.warnings, lang)

    try:
        entries, warnings = await anyio.to_thread.run_sync(work)
    except ServiceError as exc:  # the whole upload was refused (size, format, not JSON)
        failure = [error_item(d, lang) for d in exc.diagnostics]
        return render(request, "upload.html", status=exc.status, outcome={"counts": None, "entries": [], "failure": failure, "filename": filename})
    outcome = {"counts": summary(entries), "entries": entries, "failure": [], "warnings": warnings, "filename": filename}
    return render(request, "upload.html", outcome=outcome)


@get("/ui/appraisal", opt=page_opt("appraise"), sync_to_thread=True)
def appraisal(request: Request, service: Service, principal: Principal, done: str | None = None) -> Template:  # type: ignore[type-arg]
    waiting = [r for state in ("self_assessed", "appraised") for r in service.assessments.latest(principal, state=state)]
    waiting.sort(key=lambda r: (r["province_key"], -r["year"], r["commune_name"] or ""))
    return render(request, "appraisal.html", rows=waiting, done=done)


def _action(action: str) -> Any:
    @post(f"/ui/assessments/{{assessment_id:int}}/{action}", opt=page_opt("appraise"), status_code=303, name=f"ui-{action}")
    async def handler(request: Request, assessment_id: int) -> Response[Any]:  # type: ignore[type-arg]
        form = await request.form()
        service: Service = service_of(request)
        principal: Principal = principal_of(request)
        reason = str(form.get("reason", "")) or None
        await anyio.to_thread.run_sync(service.assessments.transition, principal, assessment_id, action, reason)
        back = str(form.get("back", "")) or "/ui/appraisal"
        return Redirect(path=f"{local(back, '/ui/appraisal')}?done={action}", status_code=303)  # type: ignore[return-value]

    return handler


HANDLERS = [upload_form, upload, appraisal, *(_action(a) for a in ("appraise", "return", "recognise"))]
