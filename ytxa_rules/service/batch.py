"""Many stations in one request: read the rows, score (and perhaps store) each, count.

A bad row is reported with its row number and skipped; every good row is still scored.
When stored, each row is its own transaction, and the acknowledgment of a row (its line in
a streamed reply, or its entry in the JSON reply) is produced only after that commit: a
record the client was told about is on disk, and a crash leaves no half record.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Iterator
from typing import Any

from ytxa_rules.errors import YtxaError
from ytxa_rules.service import intake
from ytxa_rules.service.adapters import tabular
from ytxa_rules.service.auth import Principal
from ytxa_rules.service.context import Service
from ytxa_rules.service.errors import ServiceError, error_item, fail
from ytxa_rules.service.submission import submit

SCHEMA = "ytxa-batch/1"
ACCEPTED = "application/json (an array), application/x-ndjson (JSON Lines), text/csv, XLSX"


def read_rows(body: bytes, content_type: str | None, filename: str, max_rows: int) -> list[intake.Row]:
    media = intake.media_type(content_type)
    kind = tabular.format_of(media, filename)
    if kind is not None:
        return tabular.read_upload(body, kind, filename, max_rows)
    if media and media not in intake.JSON_TYPES + intake.JSONL_TYPES + ("text/plain",):
        raise fail(415, "U058", found=media, expected=ACCEPTED)
    return intake.stations(body, content_type, max_rows)


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
            yield {"row": row.number, "errors": [error_item(d, lang, row.number) for d in row.problems]}
            continue
        try:
            if principal is None:
                result = service.criteria.evaluate(row.facts, row.where or None, as_of)
                yield {"row": row.number, "result": result.to_dict()}
            else:
                record = submit(service, principal, row.facts, row.where or None, as_of)
                yield {"row": row.number, "record": {k: record[k] for k in ("id", "commune", "year", "version", "state", "total", "max", "passed")}}
        except (YtxaError, ServiceError) as exc:
            yield {"row": row.number, "errors": [error_item(d, lang, row.number) for d in exc.diagnostics]}


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


def document(entries: list[dict[str, Any]], stored: bool) -> dict[str, Any]:
    key = "records" if stored else "results"
    return {
        "schema": SCHEMA,
        "counts": summary(entries),
        key: [{"row": e["row"], **({"record": e["record"]} if stored else {"result": e["result"]})} for e in entries if "errors" not in e],
        "errors": [item for e in entries for item in e.get("errors", [])],
    }
