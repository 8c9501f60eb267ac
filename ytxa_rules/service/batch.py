"""Many stations in one request: read the rows, score (and perhaps store) each, count.

A bad row is reported with its row number and skipped; every good row is still scored.
When stored, each row is its own transaction, and the acknowledgment of a row (its line in
a streamed reply, or its entry in the JSON reply) is produced only after that commit: a
record the client was told about is on disk, and a crash leaves no half record.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Iterator, Sequence
from typing import Any

from ytxa_rules.batch.tables import problem_place
from ytxa_rules.diagnostics import Diagnostic
from ytxa_rules.errors import YtxaError
from ytxa_rules.service import intake
from ytxa_rules.service.adapters import tabular
from ytxa_rules.service.auth import Principal
from ytxa_rules.service.context import Service
from ytxa_rules.service.errors import ServiceError, error_item, fail
from ytxa_rules.service.submission import submit

SCHEMA = "ytxa-batch/1"
ACCEPTED = "application/json (an array), application/x-ndjson (JSON Lines), text/csv, XLSX (application/vnd.openxmlformats-officedocument.spreadsheetml.sheet)"


def read_rows(service: Service, body: bytes, content_type: str | None, filename: str, as_of: datetime.date | None = None) -> intake.Upload:
    """The rows of an upload: JSON array or JSON Lines here, CSV and XLSX by the batch readers."""
    max_rows = service.settings.limits.max_batch_rows
    media = intake.media_type(content_type)
    kind = tabular.format_of(media, filename)
    if kind is not None:
        return tabular.read_upload(body, kind, filename, max_rows, service.criteria.declared_facts(as_of))
    if media and media not in intake.JSON_TYPES + intake.JSONL_TYPES + ("text/plain",):
        raise fail(415, "U058", found=media, expected=ACCEPTED)
    return intake.Upload(intake.stations(body, content_type, max_rows))


def outcomes(
    service: Service,
    rows: list[intake.Row],
    as_of: datetime.date | None,
    check: Callable[[], None],
    principal: Principal | None = None,
    lang: str = "vi",
) -> Iterator[dict[str, Any]]:
    """One entry per row, in order: `{"row", "result"}` / `{"row", "record"}` or `{"row", "errors"}`.

    With a `principal`, each good row is stored (and the entry is its acknowledgment).
    """
    for row in rows:
        try:
            check()
        except ServiceError as exc:  # out of time: the rest are reported, not silently dropped
            yield {"row": row.number, "errors": [error_item(d, lang, row.number) for d in exc.diagnostics]}
            continue
        if row.facts is None or row.problems:
            yield {"row": row.number, "errors": row_errors(row, [*row.problems, *_validated_anyway(service, row, as_of)], lang)}
            continue
        try:
            if principal is None:
                result = service.criteria.evaluate(row.facts, row.where or None, as_of)
                yield {"row": row.number, "result": result.to_dict()}
            else:
                record = submit(service, principal, row.facts, row.where or None, as_of)
                yield {"row": row.number, "record": {k: record[k] for k in ("id", "commune", "year", "version", "state", "total", "max", "passed")}}
        except (YtxaError, ServiceError) as exc:
            yield {"row": row.number, "errors": row_errors(row, exc.diagnostics, lang)}


def _validated_anyway(service: Service, row: intake.Row, as_of: datetime.date | None) -> list[Diagnostic]:
    """A sheet row with reading errors is validated too, so all its problems come at once (as in `ytxa batch`)."""
    if row.facts is None or not row.tabular:
        return []
    try:
        service.criteria.evaluate(row.facts, row.where or None, as_of)
    except YtxaError as exc:
        return list(exc.diagnostics)
    return []


def row_errors(row: intake.Row, problems: Sequence[Diagnostic], lang: str) -> list[dict[str, Any]]:
    """A row's problems as error items; a sheet row's name the column, header and cell as `ytxa batch` does."""
    if not row.tabular:
        return [error_item(d, lang, row.number) for d in problems]
    ordered = sorted(problems, key=lambda d: (d.span.line, d.span.column) if d.span else (0, 0))
    items = []
    for problem in ordered:
        place = problem_place(problem, row.cells, True, row.number)
        item = error_item(problem, lang, place.row)
        column = problem.span.column if problem.span and problem.span.line else None
        items.append({**item, "line": None, "column": column, "column_letter": place.column, "header": place.header or None, "cell": place.cell or None})
    return items


def summary(entries: list[dict[str, Any]]) -> dict[str, Any]:
    done = [e.get("result") or e.get("record") for e in entries if "errors" not in e]
    return {
        "rows": len(entries),
        "scored": len(done),
        "errors": len(entries) - len(done),
        "passed": sum(1 for d in done if d and d["passed"] is True),
        "not_passed": sum(1 for d in done if d and d["passed"] is False),
        "undecided": sum(1 for d in done if d and d["passed"] is None),
    }


def warning_items(warnings: Sequence[Diagnostic], lang: str) -> list[dict[str, Any]]:
    """Warnings about the whole uploaded sheet, at the sheet row (and column) they name."""
    return [error_item(w, lang, w.span.line if w.span and w.span.line else None) for w in warnings]


def document(entries: list[dict[str, Any]], stored: bool, warnings: Sequence[Diagnostic] = (), lang: str = "vi") -> dict[str, Any]:
    key = "records" if stored else "results"
    return {
        "schema": SCHEMA,
        "counts": summary(entries),
        key: [{"row": e["row"], **({"record": e["record"]} if stored else {"result": e["result"]})} for e in entries if "errors" not in e],
        "errors": [item for e in entries for item in e.get("errors", [])],
        "warnings": warning_items(warnings, lang),
    }
