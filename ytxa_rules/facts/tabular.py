"""Spreadsheet rows to station facts: which column fills which fact, and each cell's value.

CSV and XLSX readers hand rows of `RawCell`s here. The header row decides which fact each
column fills (its canonical name, or the spec's description of it, compared after NFC,
case folding and collapsing spaces); a header naming nothing is a located error with a
did-you-mean, and `stt`/`id`/`ghi chú` columns or headers starting with `#` are kept as
row labels or ignored. Each cell is converted by its type, its number format and the
fact's declared kind into the plain values the validator accepts (bool, int, Decimal,
str; absent when empty), or into a diagnostic naming the row and column. The validator
then checks types, bounds and choices as for any facts file.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping, Sequence
from decimal import Decimal
from typing import Any

import attrs

from ytxa_rules import ast
from ytxa_rules.diagnostics import Diagnostic, error
from ytxa_rules.facts import cell_numbers as numbers
from ytxa_rules.language.kinds import WHOLE_KINDS
from ytxa_rules.suggest import closest

# Headers of columns that identify a row without being a fact (kept as the row's label).
LABEL_HEADERS = frozenset({"stt", "id", "số thứ tự", "so thu tu", "mã dòng"})
# Headers of columns that are read by people only.
IGNORED_HEADERS = frozenset({"ghi chú", "ghi chu", "ghi_chu", "note", "notes", "nhận xét"})
HEADER_SEARCH_ROWS = 20  # the header is the first of these rows that names two facts

YES_WORDS = frozenset({"có", "co", "yes", "y", "true", "đúng", "dung", "x", "1", "✓", "✔"})
NO_WORDS = frozenset({"không", "khong", "no", "n", "false", "sai", "0"})
MISSING_WORDS = frozenset({"", "nan", "null"})
MARKS = frozenset({"x", "✓", "✔"})


@attrs.frozen
class RawCell:
    """One cell as the file holds it: a typed value (XLSX) or text (CSV)."""

    value: Any
    data_type: str = "s"  # openpyxl's: n number, s text, b bool, d date, e error
    number_format: str = "General"


EMPTY = RawCell(None, "n")


@attrs.frozen
class Column:
    index: int  # 1-based
    header: str  # as written
    fact: str | None  # the fact it fills; None for a label or ignored column
    label: bool = False

    @property
    def letter(self) -> str:
        return column_letter(self.index)


@attrs.frozen
class Layout:
    """How one file's columns map to facts (decided once, from its header row)."""

    file: str
    header_row: int
    columns: tuple[Column, ...]
    typed: bool  # XLSX: a text cell holding a number is refused; CSV: all cells are text
    mark_columns: frozenset[str] = frozenset()  # bool facts written as x marks: blank is no

    def by_fact(self) -> dict[str, Column]:
        return {c.fact: c for c in self.columns if c.fact is not None}


def column_letter(index: int) -> str:
    letters = ""
    while index > 0:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def normalise(text: str) -> str:
    """A header or word as compared: NFC, case folded, spaces collapsed, `:`/`*` dropped."""
    text = unicodedata.normalize("NFC", text).casefold()
    text = " ".join(text.replace("\u00a0", " ").split())
    return text.rstrip(":*").strip()


def slug(text: str) -> str:
    """`Đồng bằng sông Hồng` -> `dong_bang_song_hong`: a choice written in words."""
    text = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    text = "".join(ch for ch in text if not unicodedata.combining(ch)).lower()
    return re.sub(r"[^a-z0-9]+", "_", text).strip("_")


def header_names(facts: Mapping[str, ast.Fact]) -> dict[str, str]:
    """Every accepted spelling of a header (normalised) -> the fact it names."""
    names: dict[str, str] = {}
    for fact in facts.values():
        if fact.description:
            names.setdefault(normalise(fact.description), fact.name)
    for fact in facts.values():
        names[normalise(fact.name)] = fact.name  # a name wins over another fact's description
    return names


def cell_text(cell: RawCell) -> str:
    """The cell as a person would read it, for messages (never the whole row)."""
    value = cell.value
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    text = str(value)
    return text if len(text) <= 60 else text[:57] + "…"


def find_header(rows: Sequence[Sequence[RawCell]], facts: Mapping[str, ast.Fact]) -> int:
    """Index (0-based) of the header among the first rows: the first naming two facts,
    else the first non-empty one (whose unknown headers are then reported)."""
    names = header_names(facts)
    first = None
    for position, row in enumerate(rows[:HEADER_SEARCH_ROWS]):
        texts = [normalise(str(c.value)) for c in row if c.value is not None and str(c.value).strip()]
        if texts and first is None:
            first = position
        if sum(1 for t in texts if t in names) >= 2:
            return position
    return first if first is not None else 0


def map_headers(
    file: str,
    header_row: int,
    headers: Sequence[RawCell],
    facts: Mapping[str, ast.Fact],
    typed: bool,
) -> tuple[Layout, list[Diagnostic]]:
    """The file's `Layout`, and the problems with its header row (each makes the file unusable)."""
    names = header_names(facts)
    columns: list[Column] = []
    problems: list[Diagnostic] = []
    seen: dict[str, Column] = {}
    for index, cell in enumerate(headers, 1):
        header = "" if cell.value is None else str(cell.value).strip()
        span = ast.Span(file, header_row, index, header_row, index + 1)
        letter = column_letter(index)
        if not header:
            continue  # a value under it is reported on its row (F059)
        key = normalise(header)
        if key.startswith("#") or key in IGNORED_HEADERS:
            columns.append(Column(index, header, None))
            continue
        if key in LABEL_HEADERS:
            columns.append(Column(index, header, None, label=True))
            continue
        fact = names.get(key)
        if fact is None:
            suggestion = closest(key, names, cutoff=0.75)
            problems.append(error("F040", span, column=letter, header=header, suggestion=names[suggestion] if suggestion else None))
            continue
        if fact in seen:
            problems.append(error("F041", span, name=fact, column=letter, other=seen[fact].letter))
            continue
        column = Column(index, header, fact)
        seen[fact] = column
        columns.append(column)
    if not seen and not problems:
        problems.append(error("F042", ast.Span(file, header_row, 1, header_row, 2)))
    return Layout(file, header_row, tuple(columns), typed), problems


# ---------------------------------------------------------------- cells to values


def _missing(value: Any) -> bool:
    if value is None:
        return True
    if not isinstance(value, str):
        return False
    text = value.strip()
    return not text or (len(text) <= 4 and text.lower() in MISSING_WORDS)


def _number_cell(cell: RawCell) -> int | Decimal:
    """A numeric cell's exact value: the shortest decimal that reads back as the stored
    float (what Excel shows), ×100 when the cell is formatted as a percent."""
    value = cell.value
    exact: int | Decimal
    if isinstance(value, int):
        exact = value
    else:
        exact = Decimal(repr(float(value)))
        if exact == exact.to_integral_value() and abs(exact) < 10**15:
            exact = int(exact)
    if numbers.percent_format(cell.number_format):
        exact = exact * 100
        if isinstance(exact, Decimal) and exact == exact.to_integral_value() and abs(exact) < 10**15:
            exact = int(exact)
    return exact


_WHOLE = WHOLE_KINDS


def convert(fact: ast.Fact, cell: RawCell, typed: bool, file: str, row: int, column: int) -> tuple[Any, Diagnostic | None]:
    """(value for the validator, or None when not given; a problem at (row, column), or None)."""
    value = cell.value
    kind = fact.type.kind
    if kind in _WHOLE:  # the common cases, at once
        if type(value) is int and cell.data_type == "n" and not numbers.percent_format(cell.number_format):
            return value, None
        if not typed and type(value) is str and value.isascii() and value.isdigit():
            return int(value), None
    if _missing(value):
        return None, None
    found = _convert(fact, kind, cell, typed)
    if isinstance(found, _Problem):
        return None, error(found.code, ast.Span(file, row, column, row, column + 1), name=fact.name, **found.args)
    return found, None


@attrs.frozen
class _Problem:
    code: str
    args: dict[str, Any]


def _problem(code: str, **args: Any) -> _Problem:
    return _Problem(code, args)


def _expected(kind: str, found: str = "text") -> _Problem:
    return _problem("F005", expected=("type", kind), found=("type", found), suggestion=None)


def _convert(fact: ast.Fact, kind: str, cell: RawCell, typed: bool) -> Any:
    """The value, or a `_Problem` (located by the caller, so that good cells cost no span)."""
    value = cell.value
    kind_of_cell = cell.data_type
    if kind_of_cell == "e":
        return _problem("F046", cell=cell_text(cell))
    if kind_of_cell == "d":
        if kind == "text":
            return _date_text(value)
        if kind == "date":
            return value  # the validator takes a date cell (at midnight) as its day
        return _problem("F047", cell=_date_text(value), expected=("type", kind))
    if kind == "text":
        return _text(cell)
    if kind == "enum":
        return _choice(fact, cell)
    if kind == "bool":
        return _bool(cell)
    if kind == "date":  # a text cell: the validator reads YYYY-MM-DD
        return _expected(kind, "decimal" if kind_of_cell == "n" else "bool") if kind_of_cell in ("n", "b") else str(value).strip()
    # count, decimal, percent, year
    if kind_of_cell == "b":
        return _expected(kind, "bool")
    if kind_of_cell == "n":
        if numbers.percent_format(cell.number_format) and kind != "percent":
            return _problem("F045", cell=cell_text(cell), expected=("type", kind))
        return _number_cell(cell)
    text = str(value).strip()
    parsed = numbers.parse_text(text, kind)
    if isinstance(parsed, numbers.Ambiguous):
        return _problem("F044", cell=text, whole=parsed.whole, decimal=parsed.decimal)
    if parsed is None:
        return _expected(kind)
    if typed:  # an XLSX cell stored as text: Excel does not compute with it either
        return _problem("F043", cell=text, value=str(parsed))
    return parsed


def _date_text(value: Any) -> str:
    if hasattr(value, "date") and hasattr(value, "hour") and not (value.hour or value.minute or value.second):
        value = value.date()
    return value.isoformat() if hasattr(value, "isoformat") else str(value)


def _text(cell: RawCell) -> str:
    value = cell.value
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, int) and not isinstance(value, bool):
        width = numbers.zero_padding(cell.number_format)  # a code shown as 01234
        return str(value).zfill(width)
    text = str(value).strip()
    return text if text.isascii() else unicodedata.normalize("NFC", text)


def _choice(fact: ast.Fact, cell: RawCell) -> str:
    value = cell.value
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    text = str(value).strip()
    text = text if text.isascii() else unicodedata.normalize("NFC", text)
    values = fact.type.values
    if text in values:
        return text
    by_slug = [v for v in values if slug(v) == slug(text)]
    return by_slug[0] if len(by_slug) == 1 else text  # the validator names a value not listed


def _bool(cell: RawCell) -> Any:
    value = cell.value
    if isinstance(value, bool):
        return value
    if isinstance(value, (int, float)):
        if value in (0, 1):
            return bool(value)
        return _expected("bool", "count")
    word = str(value).strip().lower()
    if word not in YES_WORDS and word not in NO_WORDS:
        word = normalise(word)
    if word in YES_WORDS:
        return True
    if word in NO_WORDS:
        return False
    return _expected("bool")
