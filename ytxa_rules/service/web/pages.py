"""Dashboard pages (filled in by the web modules)."""

from __future__ import annotations

from typing import Any

from litestar import Request, Response

HANDLERS: list[Any] = []


def wants_page(request: Request) -> bool:  # type: ignore[type-arg]
    return False


def error_page(request: Request, status: int, diagnostics: Any, lang: str, headers: dict[str, str] | None) -> Response[Any]:  # type: ignore[type-arg]
    raise NotImplementedError
