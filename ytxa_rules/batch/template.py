"""The data-entry workbook (`ytxa template`): one column per fact in force on a date.

Sheets: the data sheet (header = fact names, each with its description, kind and bounds
as a comment; drop-downs for yes/no and `one of` facts; whole numbers for counts and
years; constant bounds as limits; text columns formatted as text so `01234` keeps its
zero; the header frozen), the facts sheet (the data dictionary, with an example value),
an example sheet (the example station in the same layout), and a hidden sheet holding
the drop-down lists. A filled data sheet reads back into the same facts (`read_sources`).
"""

from __future__ import annotations

import datetime
from collections.abc import Mapping, Sequence
from decimal import Decimal
from fractions import Fraction
from typing import IO, Any

from ytxa_rules.facts.dictionary import FactEntry
from ytxa_rules.facts.tabular import column_letter
from ytxa_rules.messages.batch import words
from ytxa_rules.render.facts_reference import bounds_text, kind_text
from ytxa_rules.render.numbers import number

LAST_ROW = 1_048_576  # validations cover the whole column, as far as Excel goes


def cell_value(kind: str, value: Any, lang: str) -> Any:
    """How a fact's value is typed into the template (what the drop-downs offer)."""
    if value is None:
        return None
    if kind == "bool":  # a facts file's `yes`/`có` is text until validated: read it as the validator does
        from ytxa_rules.facts.scalars import to_bool

        return words("yes" if (to_bool(value) if isinstance(value, str) else bool(value)) else "no", lang)
    if kind in ("enum", "text"):
        return str(value)
    if isinstance(value, Fraction):
        return value.numerator if value.denominator == 1 else Decimal(value.numerator) / Decimal(value.denominator)
    return value


def _range_text(entry: FactEntry, lang: str) -> str:
    low = number(entry.low, lang) if entry.low is not None else None
    high = number(entry.high, lang) if entry.high is not None else None
    if low is not None and high is not None:
        return words("template.range.between", lang, low=low, high=high)
    if low is not None:
        return words("template.range.low", lang, low=low)
    return words("template.range.high", lang, high=high) if high is not None else ""


def _validation(entry: FactEntry, lists: Mapping[str, str], lang: str) -> Any:
    from openpyxl.worksheet.datavalidation import DataValidation

    title = words("template.error_title", lang)
    if entry.kind in ("bool", "enum"):
        key = "bool" if entry.kind == "bool" else entry.name
        return DataValidation(type="list", formula1=lists[key], allow_blank=True, showErrorMessage=True,
                              errorTitle=title, error=words("template.error.list", lang))  # fmt: skip
    if entry.kind not in ("count", "year", "decimal", "percent"):
        return None
    whole = entry.kind in ("count", "year")
    if entry.low is None and entry.high is None:
        return None
    bounds: dict[str, Any] = {}
    if entry.low is not None and entry.high is not None:
        bounds = {"operator": "between", "formula1": _number(entry.low), "formula2": _number(entry.high)}
    elif entry.low is not None:
        bounds = {"operator": "greaterThanOrEqual", "formula1": _number(entry.low)}
    else:
        bounds = {"operator": "lessThanOrEqual", "formula1": _number(entry.high)}
    message = words("template.error.whole" if whole else "template.error.decimal", lang, range=_range_text(entry, lang))
    return DataValidation(type="whole" if whole else "decimal", allow_blank=True, showErrorMessage=True, errorTitle=title, error=message, **bounds)


def _number(value: Fraction | None) -> str:
    assert value is not None
    return str(value.numerator) if value.denominator == 1 else str(Decimal(value.numerator) / Decimal(value.denominator))


def _comment(entry: FactEntry, lang: str) -> str:
    bounds = bounds_text(entry)
    return words(
        "template.comment", lang, description=entry.description or entry.name, kind=kind_text(entry, lang),
        bounds=f" ({bounds})" if bounds else "", optional=f", {words('dict.optional', lang)}" if entry.optional else "",
    )  # fmt: skip


def write_template(
    stream: IO[bytes],
    entries: Sequence[FactEntry],
    spec_id: str,
    as_of: datetime.date,
    lang: str = "vi",
    example: Mapping[str, Any] | None = None,
) -> None:
    """Write the workbook to a binary stream (give it `atomic_output(path, "wb")`)."""
    import openpyxl
    from openpyxl.comments import Comment
    from openpyxl.styles import Alignment, Font, PatternFill

    book = openpyxl.Workbook()
    data = book.active
    data.title = words("template.data", lang)
    facts_sheet = book.create_sheet(words("template.facts", lang))
    example_sheet = book.create_sheet(words("template.example", lang))
    lists_sheet = book.create_sheet(words("template.lists", lang))
    lists_sheet.sheet_state = "hidden"
    bold, fill = Font(bold=True), PatternFill("solid", fgColor="DDEBF7")

    lists: dict[str, str] = {}
    quoted = "'" + lists_sheet.title.replace("'", "''") + "'"
    choices: list[tuple[str, list[str]]] = [("bool", [words("yes", lang), words("no", lang)])]
    choices += [(e.name, list(e.values)) for e in entries if e.kind == "enum"]
    for position, (key, values) in enumerate(choices, 1):
        letter = column_letter(position)
        lists_sheet.cell(1, position, key)
        for row, value in enumerate(values, 2):
            lists_sheet.cell(row, position, value).number_format = "@"
        lists[key] = f"{quoted}!${letter}$2:${letter}${len(values) + 1}"

    for sheet in (data, example_sheet):
        for index, entry in enumerate(entries, 1):
            cell = sheet.cell(1, index, entry.name)
            cell.font, cell.fill = bold, fill
            letter = column_letter(index)
            sheet.column_dimensions[letter].width = min(max(len(entry.name) + 2, 12), 40)
            if entry.kind == "text":
                sheet.column_dimensions[letter].number_format = "@"
        sheet.freeze_panes = "A2"
    for index, entry in enumerate(entries, 1):
        comment = Comment(_comment(entry, lang), "ytxa")
        comment.width, comment.height = 320, 120
        data.cell(1, index).comment = comment
        validation = _validation(entry, lists, lang)
        if validation is not None:
            data.add_data_validation(validation)
            letter = column_letter(index)
            validation.add(f"{letter}2:{letter}{LAST_ROW}")
        if example is not None and entry.name in example:
            cell = example_sheet.cell(2, index, cell_value(entry.kind, example[entry.name], lang))
            if entry.kind == "text":
                cell.number_format = "@"

    head = [words(f"dict.{c}", lang) for c in ("name", "kind", "bounds", "required", "description", "indicators", "example")]
    facts_sheet.append([words("template.note", lang, spec=spec_id, date=as_of.isoformat(), data=data.title, facts=facts_sheet.title, example=example_sheet.title)])
    facts_sheet.append([])
    facts_sheet.append(head)
    for cell in facts_sheet[3]:
        cell.font, cell.fill = bold, fill
    for entry in entries:
        shown = cell_value(entry.kind, example.get(entry.name), lang) if example else None
        facts_sheet.append([
            entry.name, kind_text(entry, lang), bounds_text(entry), words("no" if entry.optional else "yes", lang),
            entry.description, ", ".join(entry.indicators) or words("dict.unused", lang), shown,
        ])  # fmt: skip
    for letter, width in zip("ABCDEFG", (34, 30, 18, 10, 60, 20, 22)):
        facts_sheet.column_dimensions[letter].width = width
    for row in facts_sheet.iter_rows(min_row=4):
        row[4].alignment = Alignment(wrap_text=True, vertical="top")
    facts_sheet.freeze_panes = "B4"
    book.save(stream)
