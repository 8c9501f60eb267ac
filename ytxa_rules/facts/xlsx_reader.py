"""XLSX workbooks of stations, read with openpyxl in read-only mode.

The workbook is opened only after its parts are checked not to unpack beyond a limit (a
zip bomb stops there). The first sheet is read (or the one named); each cell keeps its
type and number format, which `tabular` needs: a percent-formatted 0.865 is 86.5, a date
cell is a date, a text cell holding a number is refused. Formulas are read as the values
Excel last saved; a workbook written by a program that never computed them is reported.
"""

from __future__ import annotations

import re
import warnings
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any

from ytxa_rules import ast, limits
from ytxa_rules.diagnostics import Diagnostic, error, warning
from ytxa_rules.facts.tabular import EMPTY, RawCell

_FORMULA_WITHOUT_VALUE = re.compile(rb"</f>\s*</c>|<f[^>]*/>\s*</c>|<v\s*/>|<v></v>")


class XlsxError(Exception):
    def __init__(self, diagnostic: Diagnostic):
        self.diagnostic = diagnostic


def _check_parts(source: str | Path | IO[bytes], file: str) -> list[str]:
    """Names of the worksheet parts; raises `XlsxError` when the file is no workbook or too big."""
    try:
        with zipfile.ZipFile(source) as archive:
            parts = archive.infolist()
            if sum(p.file_size for p in parts) > limits.XLSX_EXPANDED_BYTES:
                raise XlsxError(error("F051", None, path=file, limit=limits.XLSX_EXPANDED_BYTES // (1024 * 1024)))
            return [p.filename for p in parts if p.filename.startswith("xl/worksheets/") and p.filename.endswith(".xml")]
    except (zipfile.BadZipFile, OSError, EOFError) as exc:
        raise XlsxError(error("F002", None, reason=f"{file}: not an XLSX workbook ({exc})")) from None


def formulas_without_values(source: str | Path | IO[bytes], part: str) -> int:
    """Formula cells saved without a computed value in one worksheet part."""
    with zipfile.ZipFile(source) as archive, archive.open(part) as stream:
        count, tail = 0, b""
        while chunk := stream.read(1 << 20):
            data = tail + chunk
            count += len(_FORMULA_WITHOUT_VALUE.findall(data[: len(data) - 64] if len(chunk) == 1 << 20 else data))
            tail = data[len(data) - 64 :] if len(chunk) == 1 << 20 else b""
        return count


def open_sheet(source: str | Path | IO[bytes], file: str, sheet: str | None = None) -> tuple[Any, Any, list[Diagnostic]]:
    """(workbook, worksheet, warnings); raises `XlsxError` for a file that is no workbook."""
    _check_parts(source, file)
    if hasattr(source, "seek"):
        source.seek(0)
    import openpyxl

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # "no default style", unsupported extensions: not the user's concern
            workbook = openpyxl.load_workbook(source, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds (KeyError, ValueError, …) for broken parts
        raise XlsxError(error("F002", None, reason=f"{file}: not an XLSX workbook ({type(exc).__name__}: {exc})")) from None
    names = workbook.sheetnames
    if sheet is not None and sheet not in names:
        workbook.close()
        raise XlsxError(error("F061", None, path=file, sheet=sheet, sheets=", ".join(names)))
    if not names:
        workbook.close()
        raise XlsxError(error("F042", ast.Span(file, 1, 1, 1, 2)))
    worksheet = workbook[sheet] if sheet is not None else workbook.worksheets[0]
    notes: list[Diagnostic] = []
    part = _sheet_part(workbook, worksheet)
    if part is not None:
        if hasattr(source, "seek"):
            source.seek(0)
        missing = formulas_without_values(source, part)
        if missing:
            notes.append(warning("W621", ast.Span(file, 1, 1, 1, 2), count=missing))
    return workbook, worksheet, notes


def _sheet_part(workbook: Any, worksheet: Any) -> str | None:
    path = getattr(worksheet, "_worksheet_path", None)  # openpyxl's read-only sheets know their part
    if isinstance(path, str):
        return path.lstrip("/")
    return None


def xlsx_rows(worksheet: Any) -> Iterator[tuple[int, list[RawCell]]]:
    """(row number, cells) of a read-only worksheet, with each cell's type and format."""
    for number, row in enumerate(worksheet.iter_rows(), 1):
        cells = []
        for cell in row:
            value = cell.value
            if value is None:
                cells.append(EMPTY)
            elif isinstance(value, str):
                cells.append(RawCell(value if value.strip() else None, "e" if cell.data_type == "e" else "s"))
            else:
                cells.append(RawCell(value, cell.data_type, cell.number_format or "General"))
        yield number, cells
