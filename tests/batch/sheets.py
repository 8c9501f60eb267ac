"""Real files for the batch tests: workbooks written with openpyxl, CSV in any encoding."""

from __future__ import annotations

import datetime
import io
import sys
from collections.abc import Iterable, Mapping, Sequence
from decimal import Decimal
from pathlib import Path
from typing import Any

import ytxa_rules
from ytxa_rules.batch.template import cell_value
from ytxa_rules.cli import main

ROOT = Path(__file__).resolve().parents[2]
SPEC = ytxa_rules.load()
COMPILED = SPEC.at(datetime.date(2024, 12, 31))
FACTS = COMPILED.scope.facts
NAMES = list(FACTS)
SAMPLE, _ = ytxa_rules.read_facts(ROOT / "examples" / "xa-dat-chuan.yaml")


def run(*args: str, stdin: bytes | None = None) -> tuple[int, str, str]:
    """`ytxa ARGS` in this process; `stdin` as the bytes of standard input."""
    out, err = io.StringIO(), io.StringIO()
    saved = sys.stdin
    if stdin is not None:
        sys.stdin = io.TextIOWrapper(io.BytesIO(stdin), encoding="utf-8")
    try:
        code = main(list(args), out=out, err=err)
    finally:
        sys.stdin = saved
    return code, out.getvalue(), err.getvalue()


def write_xlsx(path: Path, header: Sequence[Any], rows: Iterable[Sequence[Any]], formats: Mapping[int, str] | None = None, sheet: str = "Trạm") -> Path:
    """A workbook with one sheet; `formats` maps a 0-based column to a number format."""
    import openpyxl
    from openpyxl.cell import WriteOnlyCell

    book = openpyxl.Workbook(write_only=True)
    ws = book.create_sheet(sheet)
    ws.append(list(header))
    for row in rows:
        if formats:
            cells = []
            for index, value in enumerate(row):
                cell = WriteOnlyCell(ws, value=value)
                if index in formats:
                    cell.number_format = formats[index]
                cells.append(cell)
            ws.append(cells)
        else:
            ws.append(list(row))
    book.save(path)
    return path


def xlsx_value(name: str, value: Any) -> Any:
    """A fact's value as a data officer types it into the template."""
    return cell_value(FACTS[name].type.kind, value, "vi")


def csv_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "có" if value else "không"
    if isinstance(value, Decimal):
        return format(value, "f")
    return str(value)


def station_rows(stations: Sequence[Mapping[str, Any]], names: Sequence[str] = NAMES) -> list[list[Any]]:
    return [[xlsx_value(n, s.get(n)) for n in names] for s in stations]
