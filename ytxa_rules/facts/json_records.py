"""Many stations in one JSON, JSON Lines or YAML file, each located by its own line.

A JSON array of objects, one JSON object per line, or a YAML list of mappings: each item
is one station, read exactly as a single-station file is (decimals exact, duplicate keys
refused), with its facts located at their line and column in the file. A malformed item
is rejected on its own; a syntax error that makes the rest unreadable ends the file there,
keeping the items before it.
"""

from __future__ import annotations

import bisect
import json
import re
from collections.abc import Iterator
from decimal import Decimal
from typing import Any

import attrs
import yaml

from ytxa_rules import ast, limits
from ytxa_rules.diagnostics import Diagnostic, error
from ytxa_rules.errors import FactsError
from ytxa_rules.facts.read import parse_yaml
from ytxa_rules.facts.records import FileProblem, StationRecord, key_cells

_KEY = re.compile(r'"((?:[^"\\\n]|\\.)*)"\s*:')
Item = StationRecord | FileProblem


class _Lines:
    """Offsets to (line, column), with columns counting characters."""

    def __init__(self, text: str):
        self.starts = [0] + [m.end() for m in re.finditer("\n", text)]

    def at(self, offset: int) -> tuple[int, int]:
        line = bisect.bisect_right(self.starts, offset)
        return line, offset - self.starts[line - 1] + 1


def _object(pairs: list[tuple[str, Any]], duplicates: list[str]) -> dict[str, Any]:
    out = dict(pairs)
    if len(out) != len(pairs):  # keep the first of each key, name the others
        out = {}
        for key, value in pairs:
            if key in out:
                duplicates.append(key)
            else:
                out[key] = value
    return out


def _decoder(duplicates: list[str]) -> json.JSONDecoder:
    return json.JSONDecoder(parse_float=Decimal, object_pairs_hook=lambda pairs: _object(pairs, duplicates))


def _key_spans(text: str, start: int, end: int, lines: _Lines | None, file: str, line: int = 0) -> dict[str, ast.Span]:
    """Where each key is written in text[start:end]; `lines` None: all on line `line`."""
    spans: dict[str, ast.Span] = {}
    for match in _KEY.finditer(text, start, end):
        key = match.group(1)
        if "\\" in key:
            try:
                key = json.loads(f'"{key}"')
            except ValueError:
                continue
        if key not in spans:
            if lines is None:
                at, column = line, match.start() + 1
            else:
                at, column = lines.at(match.start())
            spans[key] = ast.Span(file, at, column, at, column + len(match.group(1)) + 2)
    return spans


def _record(file: str, value: Any, spans: dict[str, ast.Span], line: int, column: int, duplicates: list[str]) -> StationRecord:
    if not isinstance(value, dict):
        return StationRecord(file, line, {}, {}, (error("F003", ast.Span(file, line, column, line, column + 1)),))
    problems = tuple(error("F009", spans.get(key), name=key) for key in dict.fromkeys(duplicates))
    return StationRecord(file, line, value, spans, problems, cells=key_cells(value))


def json_array_records(text: str, file: str) -> Iterator[Item]:
    """Each object of a top-level JSON array (the text starts with `[` after spaces)."""
    lines = _Lines(text)
    index = len(text) - len(text.lstrip()) + 1  # past "["
    count = 0
    while True:
        index = _skip(text, index)
        if index >= len(text):
            yield _syntax(file, lines, index, "the array is not closed with `]`")
            return
        if text[index] == "]":
            return
        if count and text[index] == ",":
            index = _skip(text, index + 1)
        elif count:
            yield _syntax(file, lines, index, "expected `,` or `]` between stations")
            return
        duplicates: list[str] = []
        try:
            value, end = _decoder(duplicates).raw_decode(text, index)
        except json.JSONDecodeError as exc:
            yield _syntax(file, lines, exc.pos, exc.msg)
            return
        except (ValueError, RecursionError) as exc:  # a huge integer, nesting too deep
            yield _syntax(file, lines, index, str(exc)[:80])
            return
        count += 1
        if count > limits.BATCH_ROWS:
            line, column = lines.at(index)
            yield FileProblem(file, (error("F052", ast.Span(file, line, column, line, column + 1), limit=limits.BATCH_ROWS),))
            return
        line, column = lines.at(index)
        yield _record(file, value, _key_spans(text, index, end, lines, file), line, column, duplicates)
        index = end


def _skip(text: str, index: int) -> int:
    while index < len(text) and text[index] in " \t\r\n":
        index += 1
    return index


def _syntax(file: str, lines: _Lines, offset: int, reason: str) -> FileProblem:
    line, column = lines.at(offset)
    return FileProblem(file, (error("F002", ast.Span(file, line, column, line, column + 1), reason=reason),))


def json_lines_records(text: str, file: str) -> Iterator[Item]:
    """One station per non-blank line (JSON Lines); a bad line is rejected on its own."""
    count = 0
    for number, line in enumerate(text.split("\n"), 1):
        if not line.strip():
            continue
        count += 1
        if count > limits.BATCH_ROWS:
            yield FileProblem(file, (error("F052", ast.Span(file, number, 1, number, 2), limit=limits.BATCH_ROWS),))
            return
        duplicates: list[str] = []
        try:
            value = _decoder(duplicates).decode(line)
        except json.JSONDecodeError as exc:
            span = ast.Span(file, number, exc.colno, number, exc.colno + 1)
            yield StationRecord(file, number, {}, {}, (error("F002", span, reason=exc.msg),))
            continue
        except (ValueError, RecursionError) as exc:
            yield StationRecord(file, number, {}, {}, (error("F002", ast.Span(file, number, 1, number, 2), reason=str(exc)[:80]),))
            continue
        spans = _key_spans(line, 0, len(line), None, file, number)
        column = len(line) - len(line.lstrip()) + 1
        yield _record(file, value, spans, number, column, duplicates)


def _shift(span: ast.Span | None, lines: int) -> ast.Span | None:
    return None if span is None else attrs.evolve(span, line=span.line + lines, end_line=span.end_line + lines)


def _shifted(diagnostic: Diagnostic, lines: int) -> Diagnostic:
    return Diagnostic(diagnostic.code, diagnostic.severity, _shift(diagnostic.span, lines), diagnostic.arguments)


def yaml_list_records(text: str, file: str, root: yaml.SequenceNode) -> Iterator[Item]:
    """Each mapping of a top-level YAML list, read by the single-station YAML reader."""
    for count, node in enumerate(root.value, 1):
        start, end = node.start_mark, node.end_mark
        line = start.line + 1
        if count > limits.BATCH_ROWS:
            yield FileProblem(file, (error("F052", ast.Span(file, line, 1, line, 2), limit=limits.BATCH_ROWS),))
            return
        if not isinstance(node, yaml.MappingNode):
            yield StationRecord(file, line, {}, {}, (error("F003", ast.Span(file, line, start.column + 1, line, start.column + 2)),))
            continue
        # The item's own text, at its own columns; lines are shifted back afterwards.
        item = " " * start.column + text[start.index : end.index]
        try:
            facts, where = parse_yaml(item, file)
        except FactsError as exc:
            yield StationRecord(file, line, {}, {}, tuple(_shifted(d, start.line) for d in exc.diagnostics))
            continue
        spans = {k: s for k, s in ((k, _shift(s, start.line)) for k, s in where.items()) if s is not None}
        yield StationRecord(file, line, facts, spans, cells=key_cells(facts))
