"""CSV and XLSX uploads, read by the batch readers exactly as `ytxa batch` reads a file.

`facts.sources.read_sources` does the reading (cell types and number formats, headers as
fact names or descriptions, Vietnamese words, located errors); this module turns each
station it yields into an `intake.Row` numbered by its sheet row, keeping the cell lookup
so that every problem is reported with its row, column letter, header and cell text, the
same place `ytxa batch` prints (`batch.tables.problem_place`). A file that yields no
station at all (not UTF-8 or cp1258, no header naming a fact, not a workbook) is refused
as a whole (422) with the readers' own diagnostics.
"""

from __future__ import annotations

import io
from collections.abc import Mapping

from ytxa_rules import ast
from ytxa_rules.diagnostics import Diagnostic
from ytxa_rules.facts.records import FileNotice, FileProblem, StationRecord
from ytxa_rules.facts.sources import read_sources
from ytxa_rules.service.errors import ServiceError, fail
from ytxa_rules.service.intake import Row, Upload

CSV_TYPES = ("text/csv", "application/csv", "text/tab-separated-values")
XLSX_TYPES = ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",)


def format_of(media_type: str, filename: str = "") -> str | None:
    """`CSV`, `XLSX` or None (not a spreadsheet) from a content type or a file name."""
    name = filename.lower()
    if media_type in CSV_TYPES or name.endswith((".csv", ".tsv")):
        return "CSV"
    if media_type in XLSX_TYPES or name.endswith((".xlsx", ".xlsm")):
        return "XLSX"
    return None


def read_upload(body: bytes, kind: str, filename: str, max_rows: int, facts: Mapping[str, ast.Fact]) -> Upload:
    """Every station of an uploaded sheet, in order; reading problems stay with their row.

    Warnings about the whole file (x-mark columns, formulas without saved values) are kept
    apart and returned with the rows, as `ytxa batch` prints them: they are no row's problem.
    """
    if not body.strip():
        raise fail(400, "U054", reason="empty body")
    rows: list[Row] = []
    warnings: list[Diagnostic] = []
    for item in read_sources(["-"], facts, input_format=kind.lower(), stdin=io.BytesIO(body)):
        if isinstance(item, FileProblem):
            raise ServiceError(422, item.diagnostics)
        if isinstance(item, FileNotice):
            warnings.extend(item.diagnostics)
            continue
        rows.append(_row(item))
    if not rows:
        raise fail(400, "U054", reason=f"no station rows in the {kind} file")
    if len(rows) > max_rows:
        raise fail(413, "U056", count=len(rows), limit=max_rows)
    return Upload(rows, tuple(warnings))


def _row(record: StationRecord) -> Row:
    return Row(record.row, record.facts, dict(record.where), record.errors, cells=record.cells, tabular=record.tabular)
