"""Rows of a sheet (XLSX or CSV) to station records: header, then one station per row.

The header is found, mapped to facts once, then every row is converted cell by cell. A
row whose fact cells are all empty is skipped (a template's numbered blank rows); a row
with a bad cell keeps every other cell and its problems, so the batch can report them all
and still score every good row.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from typing import Any

from ytxa_rules import ast, limits
from ytxa_rules.diagnostics import Diagnostic, error, warning
from ytxa_rules.facts.records import Cell, FileNotice, FileProblem, RowSpans, StationRecord
from ytxa_rules.facts.tabular import (
    EMPTY,
    HEADER_SEARCH_ROWS,
    MARKS,
    Column,
    Layout,
    RawCell,
    cell_text,
    column_letter,
    convert,
    find_header,
    map_headers,
)

Row = tuple[int, Sequence[RawCell]]  # (row number, cells)
Item = StationRecord | FileProblem | FileNotice


def _cells_lookup(columns: Mapping[str, Column], raw: tuple[Any, ...]) -> Callable[[str], Cell | None]:
    """The cell of a fact in this row, for messages (only the values are kept, not the cells)."""

    def lookup(name: str) -> Cell | None:
        column = columns.get(name)
        if column is None:
            return None
        value = raw[column.index - 1] if column.index <= len(raw) else None
        return Cell(column.letter, column.header, cell_text(RawCell(value)))

    return lookup


def _too_long(cell: RawCell) -> bool:
    return isinstance(cell.value, str) and len(cell.value) > limits.CELL_CHARS


def read_rows(file: str, rows: Iterable[Row], facts: Mapping[str, ast.Fact], typed: bool) -> Iterator[Item]:
    """Station records of one sheet, in row order; a `FileProblem` if the header is unusable."""
    iterator = iter(rows)
    head: list[Row] = []
    for row in iterator:
        head.append(row)
        if len(head) >= HEADER_SEARCH_ROWS:
            break
    if not head:
        yield FileProblem(file, (error("F042", ast.Span(file, 1, 1, 1, 2)),), tabular=True)
        return
    position = find_header([cells for _, cells in head], facts)
    header_row, header_cells = head[position]
    if len(header_cells) > limits.BATCH_COLUMNS:
        yield FileProblem(file, (error("F053", ast.Span(file, header_row, 1, header_row, 2), limit=limits.BATCH_COLUMNS),), tabular=True)
        return
    layout, problems = map_headers(file, header_row, header_cells, facts, typed)
    if problems:
        yield FileProblem(file, tuple(problems), tabular=True)
        return
    notices: list[Diagnostic] = []
    if position > 0 and any(any(c.value is not None for c in cells) for _, cells in head[:position]):
        notices.append(warning("W623", ast.Span(file, head[0][0], 1, head[0][0], 2), first=head[0][0], last=header_row - 1))
    records, marks = _convert_rows(layout, facts, [*head[position + 1 :], *_rest(iterator)])
    if isinstance(records, FileProblem):
        yield records
        return
    for column in layout.columns:
        if column.fact in marks:
            notices.append(warning("W620", ast.Span(file, header_row, column.index, header_row, column.index + 1), name=column.fact, column=column.letter))
    if notices:
        yield FileNotice(file, tuple(notices), tabular=True)
    for record, blanks in records:
        for name in blanks:
            if name in marks:
                record.facts[name] = False  # a column of x marks: blank is "no"
        yield record


def _rest(iterator: Iterator[Row]) -> Iterator[Row]:
    yield from iterator


def _convert_rows(
    layout: Layout, facts: Mapping[str, ast.Fact], rows: Iterable[Row]
) -> tuple[list[tuple[StationRecord, list[str]]] | FileProblem, frozenset[str]]:
    fact_columns = [(c, facts[c.fact]) for c in layout.columns if c.fact is not None]
    positions = {c.fact: c.index for c, _ in fact_columns if c.fact}
    by_fact = layout.by_fact()
    label_columns = [c for c in layout.columns if c.label]
    known = {c.index for c in layout.columns}
    extra: dict[int, list[int]] = {}  # row width -> columns without a header
    bools = {f.name for _, f in fact_columns if f.type.kind == "bool"}
    marked: set[str] = set()
    unmarked: set[str] = set()
    out: list[tuple[StationRecord, list[str]]] = []
    file = layout.file
    # Per column, the value of each text cell already converted (most cells of a province
    # repeat: yes/no words, small numbers), with its kind as a yes/no mark; a cell with a
    # problem is converted again each time, so its problem is located at its own row.
    plan: list[tuple[Column, ast.Fact, bool, dict[Any, tuple[Any, int]]]] = [(c, fact, fact.name in bools, {}) for c, fact in fact_columns]
    for number, cells in rows:
        width = len(cells)
        if all(c.index > width or _blank(cells[c.index - 1]) for c, _ in fact_columns):
            continue  # nothing filled in (a template's blank row)
        if len(out) >= limits.BATCH_ROWS:
            return FileProblem(file, (error("F052", ast.Span(file, number, 1, number, 2), limit=limits.BATCH_ROWS),), tabular=True), frozenset()
        values: dict[str, Any] = {}
        problems: list[Diagnostic] = []
        blanks: list[str] = []
        for column, fact, is_bool, memo in plan:
            cell = cells[column.index - 1] if column.index <= width else EMPTY
            plain = cell.data_type == "s" and cell.number_format == "General"
            if plain:
                known_value = memo.get(cell.value)
                if known_value is not None:
                    value, mark = known_value
                    if value is not None:
                        values[fact.name] = value
                    if is_bool:
                        _note_mark(fact.name, mark, marked, unmarked, blanks)
                    continue
            if _too_long(cell):
                problems.append(error("F054", ast.Span(file, number, column.index, number, column.index + 1), name=fact.name, limit=limits.CELL_CHARS))
                continue
            value, problem = convert(fact, cell, layout.typed, file, number, column.index)
            if problem is not None:
                problems.append(problem)
            elif value is not None:
                values[fact.name] = value
            mark = _mark_of(cell) if is_bool else _OTHER
            if is_bool:
                _note_mark(fact.name, mark, marked, unmarked, blanks)
            if plain and problem is None and len(memo) < _MEMO_CELLS:
                memo[cell.value] = (value, mark)
        unnamed = extra.get(width)
        if unnamed is None:
            unnamed = extra[width] = [i for i in range(1, width + 1) if i not in known]
        for index in unnamed:
            cell = cells[index - 1]
            if not _blank(cell):
                problems.append(error("F059", ast.Span(file, number, index, number, index + 1), column=column_letter(index), cell=cell_text(cell)))
        label = next((cell_text(cells[c.index - 1]) for c in label_columns if c.index <= width and not _blank(cells[c.index - 1])), None)
        record = StationRecord(
            file, number, values, RowSpans(file, number, positions), tuple(problems), label, _cells_lookup(by_fact, tuple(c.value for c in cells)), tabular=True
        )
        out.append((record, blanks))
    return out, frozenset(marked - unmarked)


_MEMO_CELLS = 4096  # distinct cells remembered per column (a column of ids or sizes repeats little)
_BLANK, _MARK, _OTHER = 0, 1, 2


def _mark_of(cell: RawCell) -> int:
    """Whether a yes/no cell is blank, an x mark, or anything else (a column of marks: blank is no)."""
    if _blank(cell):
        return _BLANK
    if cell.data_type == "s" and str(cell.value).strip().lower() in MARKS:
        return _MARK
    return _OTHER


def _note_mark(name: str, mark: int, marked: set[str], unmarked: set[str], blanks: list[str]) -> None:
    if mark == _BLANK:
        blanks.append(name)
    elif mark == _MARK:
        marked.add(name)
    else:
        unmarked.add(name)


def _blank(cell: RawCell) -> bool:
    value = cell.value
    return value is None or (isinstance(value, str) and not value.strip())


