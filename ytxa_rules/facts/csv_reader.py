"""CSV files of stations: the text encoding and the delimiter, decided explicitly.

Encoding, in this order: a byte-order mark (UTF-8 or UTF-16, as Excel's "CSV UTF-8" and
"Unicode text" write them); else UTF-8 if the bytes are valid UTF-8; else Windows-1258
(Excel's "CSV" on a Vietnamese Windows) only if every character outside ASCII then reads
as a Vietnamese letter or common punctuation. Anything else (TCVN3 or VNI fonts, another
code page) is refused with a hint to save as CSV UTF-8, never guessed.

Delimiter: the one of `,` `;` tab that splits the header into the most columns, with the
following rows agreeing; a tie is refused. Rows are numbered as a spreadsheet shows them
(the header is row 1 when it is the first line).
"""

from __future__ import annotations

import codecs
import csv
import io
import unicodedata
from collections.abc import Iterator

from ytxa_rules import ast
from ytxa_rules.diagnostics import Diagnostic, error
from ytxa_rules.facts.tabular import RawCell

DELIMITERS = (",", ";", "\t")
_VIETNAMESE_MARKS = frozenset("\u0300\u0301\u0303\u0309\u0323\u0302\u0306\u031b")
_PUNCTUATION = frozenset("\u00a0\u2013\u2014\u2018\u2019\u201c\u201d\u2026\u00b0\u00b2\u00b3\u00d7\u00b1\u00ab\u00bb\u2022\u20ab\u00a7\u00b7")
_SAMPLE_ROWS = 50


class CsvError(Exception):
    def __init__(self, diagnostic: Diagnostic):
        self.diagnostic = diagnostic


def _vietnamese_letter(char: str) -> bool:
    if char in "đĐ":
        return True
    parts = unicodedata.normalize("NFD", char)
    return parts[0] in "aeiouyAEIOUY" and len(parts) > 1 and all(m in _VIETNAMESE_MARKS for m in parts[1:])


def plausible_vietnamese(text: str) -> bool:
    """Every non-ASCII character a Vietnamese letter or common punctuation (after NFC)."""
    return all(ord(ch) < 128 or _vietnamese_letter(ch) or ch in _PUNCTUATION for ch in text)


def decode(data: bytes, file: str) -> tuple[str, str]:
    """(text, encoding used); raises `CsvError` (F049) when the encoding cannot be told."""
    if data.startswith(codecs.BOM_UTF8):
        return data[3:].decode("utf-8", errors="strict"), "utf-8-sig"
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return data.decode("utf-16"), "utf-16"
        except UnicodeDecodeError:
            pass
    else:
        try:
            return data.decode("utf-8"), "utf-8"
        except UnicodeDecodeError as exc:
            position = exc.start
        try:
            text = unicodedata.normalize("NFC", data.decode("cp1258"))
        except UnicodeDecodeError:
            text = ""
        if text and plausible_vietnamese(text):
            return text, "cp1258"
        line = data.count(b"\n", 0, position) + 1
        raise CsvError(error("F049", ast.Span(file, line, 1, line, 2), byte=position))
    raise CsvError(error("F049", ast.Span(file, 1, 1, 1, 2), byte=0))


def _sample(text: str, delimiter: str) -> list[list[str]]:
    reader = csv.reader(io.StringIO(text), delimiter=delimiter)
    rows = []
    try:
        for row in reader:
            rows.append(row)
            if len(rows) >= _SAMPLE_ROWS:
                break
    except csv.Error:
        pass
    return [r for r in rows if any(field.strip() for field in r)]


def delimiter_of(text: str, file: str) -> str:
    """The delimiter; raises `CsvError` (F048) when two split the file equally well."""
    scores = []
    for delimiter in DELIMITERS:
        rows = _sample(text, delimiter)
        if not rows:
            continue
        width = len(rows[0])
        agreeing = sum(1 for r in rows[1:] if len(r) == width)
        scores.append(((width, agreeing), delimiter))
    scores = [s for s in scores if s[0][0] > 1]
    if not scores:
        return ","  # one column: any delimiter reads it the same
    scores.sort(reverse=True)
    if len(scores) > 1 and scores[0][0] == scores[1][0]:
        names = {",": "`,`", ";": "`;`", "\t": "tab"}
        raise CsvError(error("F048", ast.Span(file, 1, 1, 1, 2), first=names[scores[0][1]], second=names[scores[1][1]]))
    return scores[0][1]


def csv_rows(text: str, file: str, delimiter: str) -> Iterator[tuple[int, list[RawCell]]]:
    """(row number, cells); raises `CsvError` (F002) at a row the csv module cannot split."""
    reader = csv.reader(io.StringIO(text), delimiter=delimiter, strict=False)
    number = 0
    shared: dict[str, RawCell] = {}  # cells are immutable: one per distinct text (most repeat)
    while True:
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            line = number + 1
            raise CsvError(error("F002", ast.Span(file, line, 1, line, 2), reason=str(exc))) from None
        number += 1
        cells = []
        for field in row:
            cell = shared.get(field)
            if cell is None:
                cell = RawCell(field if field.strip() else None)
                if len(shared) < _SHARED_CELLS:
                    shared[field] = cell
            cells.append(cell)
        yield number, cells


_SHARED_CELLS = 65536
