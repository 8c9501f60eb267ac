"""Request bodies to station facts: one JSON object, a JSON array, or JSON Lines.

Numbers are read exactly (decimals as `Decimal`), a UTF-8 byte-order mark is dropped,
duplicate keys are errors, and every problem names its row (1-based) and, for JSON Lines
and single objects, the line and column in the body. A bad row never stops the others.
CSV and XLSX uploads go through `adapters.tabular`, which hands back the same `Row`s.
"""

from __future__ import annotations

import json
from decimal import Decimal
from typing import Any

import attrs

from ytxa_rules import ast
from ytxa_rules.diagnostics import Diagnostic, error
from ytxa_rules.errors import FactsError
from ytxa_rules.facts.read import parse_json
from ytxa_rules.service.errors import ServiceError, fail

BODY = "<body>"
JSON_TYPES = ("application/json",)
JSONL_TYPES = ("application/x-ndjson", "application/jsonl", "application/x-jsonlines", "application/json-lines")


@attrs.frozen
class Row:
    """One station of a batch: its facts (None when unreadable) and what was wrong."""

    number: int
    facts: dict[str, Any] | None
    where: dict[str, ast.Span] = attrs.field(factory=dict)
    problems: tuple[Diagnostic, ...] = ()
    cells: Any = attrs.field(default=None, eq=False, repr=False)  # fact -> `Cell` of a sheet row, for messages
    tabular: bool = False  # spans are (sheet row, column number), as the batch readers give them


@attrs.frozen
class Upload:
    """The rows of one upload, and the warnings about the file as a whole (reported once, in the reply)."""

    rows: list[Row]
    warnings: tuple[Diagnostic, ...] = ()


def decode(body: bytes) -> str:
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise fail(400, "U054", reason=f"not UTF-8 (byte {exc.start})") from None
    return text[1:] if text.startswith("\ufeff") else text


def media_type(content_type: str | None) -> str:
    return (content_type or "").split(";")[0].strip().lower()


def one_station(body: bytes) -> tuple[dict[str, Any], dict[str, ast.Span]]:
    """A single JSON object of facts; errors are located in the body."""
    text = decode(body)
    if not text.strip():
        raise fail(400, "U054", reason="empty body")
    try:
        return parse_json(text, BODY)
    except FactsError as exc:
        raise ServiceError(400, [_body_error(d) for d in exc.diagnostics]) from None


def _body_error(diagnostic: Diagnostic) -> Diagnostic:
    """A body that is not JSON (F002) or not an object (F003) is U054: it is no file."""
    if diagnostic.code == "F002":
        return Diagnostic("U054", diagnostic.severity, diagnostic.span, {"reason": diagnostic.arguments.get("reason", "")})
    if diagnostic.code == "F003":
        return Diagnostic("U054", diagnostic.severity, diagnostic.span, {"reason": "expected one JSON object of facts"})
    return diagnostic


def stations(body: bytes, content_type: str | None, max_rows: int) -> list[Row]:
    """The rows of a batch, by content type: JSON array, or JSON Lines (also the default)."""
    text = decode(body)
    kind = media_type(content_type)
    if kind in JSON_TYPES or (kind not in JSONL_TYPES and text.lstrip().startswith("[")):
        rows = _array(text, max_rows)
    else:
        rows = _lines(text, max_rows)
    return rows


class _Object(dict):  # type: ignore[type-arg]
    """A JSON object that remembers keys it saw twice (json keeps only the last)."""

    duplicates: list[str]


def _pairs(items: list[tuple[str, Any]]) -> _Object:
    out = _Object()
    out.duplicates = []
    for key, value in items:
        if key in out:
            out.duplicates.append(key)
        out[key] = value
    return out


def _array(text: str, max_rows: int) -> list[Row]:
    if not text.strip():
        raise fail(400, "U054", reason="empty body")
    try:
        data = json.loads(text, parse_float=Decimal, object_pairs_hook=_pairs)
    except json.JSONDecodeError as exc:
        raise ServiceError(400, [error("U054", ast.Span(BODY, exc.lineno, exc.colno, exc.lineno, exc.colno + 1), reason=exc.msg)]) from None
    except RecursionError:
        raise fail(400, "U054", reason="nested too deeply") from None
    if isinstance(data, dict):
        data = [data]
    if not isinstance(data, list):
        raise fail(400, "U054", reason="expected an array of station objects")
    if len(data) > max_rows:
        raise fail(413, "U056", count=len(data), limit=max_rows)
    rows = []
    for index, item in enumerate(data, start=1):
        if not isinstance(item, dict):
            rows.append(Row(index, None, {}, (error("U066", None, row=index),)))
            continue
        duplicates = tuple(error("F009", None, name=k, row=index) for k in getattr(item, "duplicates", []))
        rows.append(Row(index, dict(item), {}, duplicates))
    return rows


def _lines(text: str, max_rows: int) -> list[Row]:
    numbered = [(n, line) for n, line in enumerate(text.split("\n"), start=1) if line.strip()]
    if not numbered:
        raise fail(400, "U054", reason="empty body")
    if len(numbered) > max_rows:
        raise fail(413, "U056", count=len(numbered), limit=max_rows)
    rows = []
    for number, line in numbered:
        try:
            facts, where = parse_json(line.rstrip("\r"), BODY)
        except FactsError as exc:
            problems = tuple(_on_line(_body_error(d), number) for d in exc.diagnostics)
            if any(d.code == "F003" for d in problems):
                problems = (error("U066", ast.Span(BODY, number, 1, number, 2), row=number),)
            rows.append(Row(number, None, {}, problems))
            continue
        rows.append(Row(number, facts, {k: _span_on_line(s, number) for k, s in where.items()}))
    return rows


def _span_on_line(span: ast.Span, number: int) -> ast.Span:
    return ast.Span(BODY, number, span.column, number, span.end_column)


def _on_line(diagnostic: Diagnostic, number: int) -> Diagnostic:
    span = _span_on_line(diagnostic.span, number) if diagnostic.span else ast.Span(BODY, number, 1, number, 2)
    return Diagnostic(diagnostic.code, diagnostic.severity, span, {**diagnostic.arguments, "row": number})
