"""The rows of every batch table, once, for every writer (XLSX sheets, CSV, text).

Each function returns (header, rows) with cells as plain values: text, `int`, or an exact
`Fraction` that a writer shows as it can (XLSX: a number; CSV and JSON: exact text).
"""

from __future__ import annotations

import functools
from collections.abc import Iterator, Sequence
from fractions import Fraction
from typing import Any

import attrs

from ytxa_rules.batch.rollup import GroupRollUp, NearMiss, RollUp, groups
from ytxa_rules.batch.run import BatchRun
from ytxa_rules.batch.station import RejectedStation, StationScore
from ytxa_rules.diagnostics import Diagnostic
from ytxa_rules.facts.tabular import column_letter
from ytxa_rules.messages import message, word
from ytxa_rules.messages.batch import words
from ytxa_rules.render.located import cell_of
from ytxa_rules.render.text import reason_line

Table = tuple[list[str], list[list[Any]]]


def verdict(passed: bool | None, lang: str) -> str:
    return words(f"verdict.{str(passed).lower()}", lang)


def reasons_text(reasons: Sequence[Any], lang: str) -> str:
    return "; ".join(_reason_text(r, lang) for r in reasons)


@functools.lru_cache(maxsize=4096)
def _reason_text(reason: Any, lang: str) -> str:
    """A batch repeats the same few reasons (a knock-out, criterion 5 at 8/19): worded once."""
    return reason_line(reason, lang)[2:]


def result_header(criteria: Sequence[int], lang: str) -> list[str]:
    columns = ["file", "row", "id", "name", "district", "province", "as_of", "total", "max", "share", "verdict"]
    head = [words(f"col.{c}", lang) for c in columns]
    head += [words("col.criterion", lang, number=n) for n in criteria]
    return head + [words("col.reasons", lang), words("col.missing", lang)]


def result_row(station: StationScore, criteria: Sequence[int], lang: str) -> list[Any]:
    o = station.origin
    points = {c.number: c.points for c in station.criteria}
    return [
        o.file, o.row, o.id, o.name, o.district, o.province, station.as_of.isoformat(), station.total, station.max,
        station.share, verdict(station.passed, lang), *(points.get(n, "") for n in criteria),
        reasons_text(station.reasons, lang), ", ".join(station.missing),
    ]  # fmt: skip


def error_header(lang: str) -> list[str]:
    return [words(f"col.{c}", lang) for c in ("file", "row", "column", "header", "cell", "code", "severity", "message")]


@attrs.frozen
class ProblemPlace:
    """Where a station's problem is, as every batch report names it: row, column, header, cell."""

    row: int
    column: str | int | None  # a sheet's column letter, a text file's character column, or None
    header: str
    cell: str


def problem_place(problem: Diagnostic, cells: object, tabular: bool, row: int) -> ProblemPlace:
    """The one reading of a problem's place, shared by `ytxa batch` and the service's uploads."""
    cell = cell_of(problem, cells)
    span = problem.span
    column: str | int | None = cell.column if cell and cell.column else (column_letter(span.column) if tabular and span else (span.column if span else None))
    return ProblemPlace(span.line if span and span.line else row, column, cell.header if cell else "", cell.text if cell else "")


def rejected_rows(station: RejectedStation, lang: str) -> Iterator[list[Any]]:
    for problem in station.problems:
        where = problem_place(problem, station.cells, station.tabular, station.origin.row)
        yield [
            station.origin.file, where.row, "" if where.column is None else where.column, where.header,
            where.cell, problem.code, word(problem.severity, lang), message(problem, lang),
        ]  # fmt: skip


def error_rows(run: BatchRun, lang: str) -> list[list[Any]]:
    rows: list[list[Any]] = []
    for problem_file in run.file_findings:
        for d in problem_file.diagnostics:
            span = d.span
            column = (column_letter(span.column) if problem_file.tabular else span.column) if span and span.line else ""
            rows.append([problem_file.file, span.line if span and span.line else "", column, "", "", d.code, word(d.severity, lang), message(d, lang)])
    for station in run.rejected:
        rows.extend(rejected_rows(station, lang))
    return rows


def _group_name(group: GroupRollUp, lang: str) -> str:
    if group.level == "all":
        return words("group.all", lang)
    return group.district or group.province or "—"


def group_table(selected: Sequence[GroupRollUp], lang: str) -> Table:
    head = [words(f"col.{c}", lang) for c in ("level", "province", "district", "stations", "passed", "share_passed", "not_passed", "undecided")]
    head += [words("col.band", lang, low=low, high=high if high < 100 else 100) for low, high in ((b.low, b.high) for b in selected[0].distribution)] if selected else []
    rows = []
    for g in selected:
        rows.append([
            words(f"level.{g.level}", lang), g.province or ("—" if g.level != "all" else ""), g.district or ("—" if g.level == "district" else ""),
            g.stations, g.passed, g.share_passed, g.not_passed, g.undecided, *(b.stations for b in g.distribution),
        ])  # fmt: skip
    return head, rows


def summary_rows(rollup: RollUp, lang: str) -> list[list[Any]]:
    return [
        [words("count.read", lang), rollup.read],
        [words("count.scored", lang), rollup.scored],
        [words("count.rejected", lang), rollup.rejected],
        [words("count.files_refused", lang), rollup.files_refused],
    ]


def indicator_table(group: GroupRollUp, lang: str) -> Table:
    head = [words(f"col.{c}", lang) for c in ("indicator", "criterion_number", "title", "knockout", "zero", "below_max", "missing_data", "not_applicable", "knockout_failed")]
    rows = [
        [t.number, t.criterion, t.title, words("yes", lang) if t.knockout else "", t.zero, t.below_max, t.missing_data, t.not_applicable, t.knockout_failed]
        for t in group.indicators
    ]
    return head, rows


def criterion_table(group: GroupRollUp, lang: str) -> Table:
    head = [words(f"col.{c}", lang) for c in ("criterion_number", "title", "missed")]
    return head, [[t.number, t.title, t.missed] for t in group.criteria]


def closest_table(rollup: RollUp, lang: str) -> Table:
    head = [words(f"col.{c}", lang) for c in ("level", "group", "id", "name", "district", "where", "total", "max", "conditions_missed", "points_short", "knockouts", "reasons")]
    rows = []
    for g in groups(rollup):
        if g.level == "province" and len(rollup.provinces) == 1:
            continue  # the same stations as overall
        for near in g.closest:
            rows.append(_near_row(g, near, lang))
    return head, rows


def _near_row(group: GroupRollUp, near: NearMiss, lang: str) -> list[Any]:
    return [
        words(f"level.{group.level}", lang), _group_name(group, lang), near.id, near.name, near.district, near.where,
        near.total, near.max, near.conditions_missed, near.points_short, ", ".join(near.knockouts_failed), reasons_text(near.reasons, lang),
    ]  # fmt: skip


def shown(value: Any) -> Any:
    """A cell for text outputs: exact numbers as their shortest exact text."""
    if isinstance(value, Fraction):
        from ytxa_rules.render.numbers import json_number

        return json_number(value)
    return value


def rounded(value: Fraction, places: int = 2) -> str:
    """A share for a table: at most `places` decimals, half to even (exact values are in JSON)."""
    from decimal import ROUND_HALF_EVEN, Decimal

    quantum = Decimal(1).scaleb(-places)
    text = str((Decimal(value.numerator) / Decimal(value.denominator)).quantize(quantum, rounding=ROUND_HALF_EVEN))
    return text.rstrip("0").rstrip(".") if "." in text else text
