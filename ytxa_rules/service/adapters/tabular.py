"""CSV and XLSX uploads: the hook for the spreadsheet readers of the province workflow.

TODO(tabular): `ytxa_rules.facts.sources` / `facts.tabular` (issue 12) read CSV and XLSX
with the cell's type and number format, headers as fact names or descriptions, and
located errors (file, row, column). When they land, `read_upload` calls them and turns
each station into an `intake.Row` (row number and problems as they report them); the
routes and the dashboard need no other change. Until then such uploads get U067 (415).
"""

from __future__ import annotations

import importlib.util

from ytxa_rules.service.errors import fail
from ytxa_rules.service.intake import Row

CSV_TYPES = ("text/csv", "application/csv")
XLSX_TYPES = ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",)


def format_of(media_type: str, filename: str = "") -> str | None:
    """`CSV`, `XLSX` or None (not a spreadsheet) from a content type or a file name."""
    name = filename.lower()
    if media_type in CSV_TYPES or name.endswith(".csv"):
        return "CSV"
    if media_type in XLSX_TYPES or name.endswith(".xlsx"):
        return "XLSX"
    return None


def available() -> bool:
    """Whether the spreadsheet readers are installed in this build."""
    return importlib.util.find_spec("ytxa_rules.facts.tabular") is not None


def read_upload(body: bytes, kind: str, filename: str, max_rows: int) -> list[Row]:
    raise fail(415, "U067", format=kind)
