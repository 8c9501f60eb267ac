"""The batch workbook: results, errors, summary, and the roll-up sheets.

Written with openpyxl in write-only mode (rows stream to disk; 10,000 stations need no
more memory than one), into the stream `atomic_output` gives, so the file is complete or
absent. Points are numbers; a point total that is not whole (a fraction of a point) is
written as a number to 4 decimals, and shares to 2: the exact values are in the JSON
outputs.
"""

from __future__ import annotations

import contextlib
from fractions import Fraction
from typing import IO, Any

from ytxa_rules.batch import tables
from ytxa_rules.batch.rollup import RollUp
from ytxa_rules.batch.run import BatchRun
from ytxa_rules.batch.station import StationScore
from ytxa_rules.batch.writers import OutputContext, Writer
from ytxa_rules.engine.result import Result
from ytxa_rules.messages.batch import words


def _cell(value: Any) -> Any:
    if isinstance(value, Fraction):
        return value.numerator if value.denominator == 1 else round(float(value), 4)
    return value


class XlsxWriter(Writer):
    def __init__(self, stream: IO[Any], context: OutputContext):
        super().__init__(stream, context)
        import openpyxl
        from openpyxl.styles import Font

        self.bold = Font(bold=True)
        self.book = openpyxl.Workbook(write_only=True)
        lang = context.lang
        self.sheets = {key: self.book.create_sheet(words(f"sheet.{key}", lang)) for key in ("results", "errors", "summary", "districts", "indicators", "criteria", "closest")}
        self.results = self.sheets["results"]
        self._header(self.results, tables.result_header(context.criteria, lang), widths={3: 12, 4: 24, 5: 18, 11: 16})
        self.rows = 0

    def _header(self, sheet: Any, head: list[str], widths: dict[int, int] | None = None) -> None:
        from openpyxl.cell import WriteOnlyCell
        from openpyxl.utils import get_column_letter

        for index, width in (widths or {}).items():
            sheet.column_dimensions[get_column_letter(index)].width = width
        sheet.freeze_panes = "A2"
        cells = []
        for text in head:
            cell = WriteOnlyCell(sheet, value=text)
            cell.font = self.bold
            cells.append(cell)
        sheet.append(cells)

    def _table(self, key: str, table: tables.Table, widths: dict[int, int] | None = None) -> None:
        head, rows = table
        sheet = self.sheets[key]
        self._header(sheet, head, widths)
        for row in rows:
            sheet.append([_cell(v) for v in row])

    def add(self, station: StationScore, result: Result | None) -> None:
        row = tables.result_row(station, self.context.criteria, self.context.lang)
        row[9] = round(float(station.share), 2)
        self.results.append([_cell(v) for v in row])
        self.rows += 1

    def abort(self) -> None:
        """Close the sheets' streams and remove openpyxl's temporary files, quietly."""
        for sheet in self.sheets.values():
            with contextlib.suppress(Exception):
                if not sheet.closed:
                    sheet.close()
            writer = getattr(sheet, "_writer", None)
            with contextlib.suppress(Exception):
                if writer is not None:
                    writer.cleanup()

    def finish(self, run: BatchRun, rollup: RollUp) -> None:
        from openpyxl.utils import get_column_letter

        lang = self.context.lang
        width = len(tables.result_header(self.context.criteria, lang))
        self.results.auto_filter.ref = f"A1:{get_column_letter(width)}{self.rows + 1}"
        self._table("errors", (tables.error_header(lang), tables.error_rows(run, lang)), widths={1: 24, 4: 24, 5: 16, 8: 80})
        summary = self.sheets["summary"]
        for row in tables.summary_rows(rollup, lang):
            summary.append(row)
        summary.append([])
        head, rows = tables.group_table([rollup.overall, *rollup.provinces], lang)
        summary.append(head)
        for row in rows:
            summary.append([_cell(v) for v in row])
        self._table("districts", tables.group_table(rollup.districts, lang), widths={2: 16, 3: 20})
        self._table("indicators", tables.indicator_table(rollup.overall, lang), widths={3: 60})
        self._table("criteria", tables.criterion_table(rollup.overall, lang), widths={2: 60})
        self._table("closest", tables.closest_table(rollup, lang), widths={2: 18, 4: 24, 12: 80})
        self.book.save(self.stream)
