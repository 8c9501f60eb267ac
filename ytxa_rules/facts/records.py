"""One station read from a file of many: its facts, where each came from, what went wrong.

Every reader (XLSX, CSV, JSON, JSON Lines, YAML) yields `StationRecord`s, or a
`FileProblem` when a whole file cannot be used (unreadable, a header naming no fact).
Locations are built only when a message needs them, so 10,000 rows cost no more than
their values.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from typing import Any

import attrs

from ytxa_rules import ast
from ytxa_rules.diagnostics import Diagnostic


@attrs.frozen
class Cell:
    """Where a fact's value came from, for messages: column `C` «Dân số» = `12a`."""

    column: str  # the spreadsheet column letter; "" for a key in JSON or YAML
    header: str  # the column header or the key, as written
    text: str  # the cell or value as read (clipped): never the whole row


@attrs.frozen
class StationRecord:
    file: str
    row: int  # spreadsheet row, or the line where the station starts in a JSON/YAML file
    facts: dict[str, Any]
    where: Mapping[str, ast.Span]
    problems: tuple[Diagnostic, ...] = ()  # found while reading: errors reject the row
    label: str | None = None  # from an `stt`/`id` column
    cells: Callable[[str], Cell | None] = attrs.field(default=lambda name: None, eq=False, repr=False)
    sources: dict[str, str] = attrs.field(factory=dict, eq=False, repr=False)  # a single file's text
    tabular: bool = False  # spans are (row, column number) of a sheet, not (line, character)

    @property
    def errors(self) -> tuple[Diagnostic, ...]:
        return tuple(d for d in self.problems if d.is_error)


@attrs.frozen
class FileProblem:
    """A file that yields no station: every problem is in `diagnostics`."""

    file: str
    diagnostics: tuple[Diagnostic, ...]
    sources: dict[str, str] = attrs.field(factory=dict, eq=False, repr=False)
    tabular: bool = False


@attrs.frozen
class FileNotice:
    """Warnings about a whole file (x-mark columns, formulas without saved values)."""

    file: str
    diagnostics: tuple[Diagnostic, ...]
    tabular: bool = False


class RowSpans(Mapping[str, ast.Span]):
    """fact -> Span(file, row, column) for one row, made on demand."""

    __slots__ = ("_file", "_row", "_columns")

    def __init__(self, file: str, row: int, columns: Mapping[str, int]):
        self._file, self._row, self._columns = file, row, columns

    def __getitem__(self, name: str) -> ast.Span:
        column = self._columns[name]
        return ast.Span(self._file, self._row, column, self._row, column + 1)

    def __iter__(self) -> Iterator[str]:
        return iter(self._columns)

    def __len__(self) -> int:
        return len(self._columns)


def value_text(value: Any) -> str:
    """A JSON or YAML value for a message, clipped like a cell."""
    if isinstance(value, bool):
        text = "true" if value else "false"
    elif isinstance(value, str):
        text = f'"{value}"'
    else:
        text = str(value)
    return text if len(text) <= 60 else text[:57] + "…"


def key_cells(raw: Mapping[Any, Any]) -> Callable[[str], Cell | None]:
    def lookup(name: str) -> Cell | None:
        if name not in raw:
            return None
        return Cell("", name, value_text(raw[name]))

    return lookup
