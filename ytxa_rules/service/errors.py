"""Errors as located JSON diagnostics with a proper status code, never a traceback.

Every failure a client can cause becomes a `ServiceError` (status + diagnostics) and is
rendered by `error_document` in both languages: a code, the message in Vietnamese and in
English, and where the problem is (the field, the row, the line and column of the body).
Anything else is an internal error: it is logged with an incident id, and the client gets
that id (U074) and nothing of the server's internals.
"""

from __future__ import annotations

import logging
import secrets
from collections.abc import Sequence
from typing import Any

import attrs

from ytxa_rules.diagnostics import Diagnostic, error
from ytxa_rules.errors import FactsError, SpecError, UsageError, YtxaError
from ytxa_rules.messages import message

log = logging.getLogger("ytxa.service")


class ServiceError(YtxaError):
    """A request that cannot be served as asked: an HTTP status and what was wrong.

    A `YtxaError` too, so `ytxa history` reports the same findings as the API does."""

    def __init__(self, status: int, diagnostics: Sequence[Diagnostic], headers: dict[str, str] | None = None):
        self.status = status
        self.headers = dict(headers or {})
        super().__init__(diagnostics)


def fail(status: int, code: str, **args: Any) -> ServiceError:
    """`raise fail(404, "U053", what=thing("assessment"), key=...)`: one diagnostic, no span."""
    return ServiceError(status, [error(code, None, **args)])


# Things and actions named inside messages, in both languages (rendered by `messages`).
_WORDS: dict[str, tuple[str, str]] = {
    "page": ("trang", "page"),
    "assessment": ("bản đánh giá", "assessment"),
    "commune": ("xã", "commune"),
    "criteria set": ("bộ tiêu chí", "criteria set"),
    "amendment draft": ("bản dự thảo sửa đổi", "amendment draft"),
    "appraise": ("thẩm định", "appraise"),
    "return": ("trả lại", "return"),
    "recognise": ("ghi nhận công nhận", "recognise"),
    "passed": ("đạt", "passed"),
    "not passed": ("không đạt", "not passed"),
    "undecided": ("chưa xác định (thiếu dữ kiện)", "undecided (missing facts)"),
}


def thing(key: str) -> tuple[str, str, str]:
    vi, en = _WORDS[key]
    return ("words", vi, en)


@attrs.frozen
class ErrorItem:
    """One finding, as the API returns it (see docs/http-api.md)."""

    code: str
    severity: str
    message: str  # in the language asked for (`?lang=`, default vi)
    message_vi: str
    message_en: str
    field: str | None = None  # the fact or parameter concerned
    row: int | None = None  # 1-based row of a batch
    line: int | None = None  # line and column in the request body
    column: int | None = None


@attrs.frozen
class ErrorDocument:
    """The body of every non-2xx response."""

    status: int
    errors: list[ErrorItem]


def _field(diagnostic: Diagnostic) -> str | None:
    args = diagnostic.arguments
    for key in ("field", "name"):
        value = args.get(key)
        if isinstance(value, str):
            return value
    return None


def error_item(diagnostic: Diagnostic, lang: str = "vi", row: int | None = None) -> dict[str, Any]:
    span = diagnostic.span
    vi, en = message(diagnostic, "vi"), message(diagnostic, "en")
    row_arg = diagnostic.arguments.get("row")
    return {
        "code": diagnostic.code,
        "severity": diagnostic.severity,
        "message": en if lang == "en" else vi,
        "message_vi": vi,
        "message_en": en,
        "field": _field(diagnostic),
        "row": row if row is not None else (row_arg if isinstance(row_arg, int) else None),
        "line": span.line if span and span.line else None,
        "column": span.column if span and span.column else None,
    }


def error_document(status: int, diagnostics: Sequence[Diagnostic], lang: str = "vi") -> dict[str, Any]:
    return {"status": status, "errors": [error_item(d, lang) for d in diagnostics]}


def status_of(exc: YtxaError) -> int:
    """Bad facts are 422 (the request was understood, the data is wrong); others 400."""
    if isinstance(exc, FactsError):
        return 422
    if isinstance(exc, (SpecError, UsageError)):
        return 400
    return 400


def incident() -> str:
    """A short id that ties a client's report to the server log line."""
    return secrets.token_hex(4)
