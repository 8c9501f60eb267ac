"""Problems of one station read from a file of many: file, row, column, and the cell alone.

`file.xlsx:5:C: lỗi[F005]: …` then `| ô C5 «Dân số» = 12a`. The row is never printed (a
CSV header line can be 3,000 characters, a JSON Lines station as long): only the cell or
the `key: value` at fault, escaped for the terminal. A single-station YAML or JSON file
with short lines keeps the usual source line and caret.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from ytxa_rules.diagnostics import Diagnostic
from ytxa_rules.facts.records import Cell
from ytxa_rules.facts.tabular import column_letter
from ytxa_rules.messages import message, render_diagnostic, word
from ytxa_rules.messages.batch import words
from ytxa_rules.messages.catalog import MESSAGES
from ytxa_rules.render.escape import one_line

SOURCE_LINE_LIMIT = 240  # longer lines are not printed under a message


def place(diagnostic: Diagnostic, tabular: bool) -> str:
    """`file:row:C` for a sheet, `file:line:column` for text, `file` alone, or ""."""
    span = diagnostic.span
    if span is None:
        return ""
    if not span.line:
        return span.file
    if tabular:
        return f"{span.file}:{span.line}:{column_letter(span.column)}"
    return str(span)


def context(cell: Cell, row: int, lang: str) -> str:
    header, text = one_line(cell.header), one_line(cell.text)
    if cell.column:
        return words("cell", lang, cell=f"{cell.column}{row}", header=header, text=text)
    return f'"{header}": {text}'


def _short_source(diagnostic: Diagnostic, sources: Mapping[str, str]) -> bool:
    span = diagnostic.span
    if span is None or not span.line or span.file not in sources:
        return False
    lines = sources[span.file].split("\n")
    return span.line <= len(lines) and len(lines[span.line - 1]) <= SOURCE_LINE_LIMIT


def render_problem(
    diagnostic: Diagnostic,
    lang: str,
    cell: Cell | None = None,
    tabular: bool = False,
    sources: Mapping[str, str] | None = None,
) -> str:
    if sources and _short_source(diagnostic, sources):
        return render_diagnostic(diagnostic, lang, sources)
    head = f"{word(diagnostic.severity, lang)}[{diagnostic.code}]: {one_line(message(diagnostic, lang))}"
    where = place(diagnostic, tabular)
    lines = [f"{where}: {head}" if where else head]
    if cell is not None and diagnostic.span is not None:
        lines.append("      | " + context(cell, diagnostic.span.line, lang))
    suggestion = diagnostic.arguments.get("suggestion")
    if suggestion and "{suggestion}" not in MESSAGES[diagnostic.code][0]:
        lines.append(f"      = {word('hint', lang)}: {word('did_you_mean', lang, suggestion)}")
    return "\n".join(lines)


def cell_of(diagnostic: Diagnostic, cells: object) -> Cell | None:
    """The cell a diagnostic is about, found by the fact it names."""
    name = diagnostic.arguments.get("name")
    if not isinstance(name, str) or not callable(cells):
        return None
    found = cells(name)
    return found if isinstance(found, Cell) else None


def render_problems(
    diagnostics: Iterable[Diagnostic],
    lang: str,
    cells: object = None,
    tabular: bool = False,
    sources: Mapping[str, str] | None = None,
) -> str:
    return "\n".join(render_problem(d, lang, cell_of(d, cells), tabular, sources) for d in diagnostics)
