"""Where stations come from: files by suffix, folders of them, and standard input (`-`).

`read_sources` yields, in input order, one `StationRecord` per station (a spreadsheet
row, a JSON Lines line, an item of a JSON array or YAML list, or a whole single-station
YAML/JSON file, read exactly as `ytxa eval` always has), a `FileProblem` for a file that
yields no station, and `FileNotice`s with warnings about a file. Nothing here scores.

Standard input has no name to go by, so its format is told from its content: `PK` opens a
workbook, `[` a JSON array, `{` a JSON object (several lines of them: JSON Lines), a first
line `name: value` YAML, anything else CSV; `input_format` overrides the guess.
"""

from __future__ import annotations

import io
import re
import sys
from collections.abc import Iterator, Mapping, Sequence
from pathlib import Path
from typing import IO

import yaml

from ytxa_rules import ast, limits
from ytxa_rules.diagnostics import error, warning
from ytxa_rules.errors import FactsError
from ytxa_rules.facts.csv_reader import CsvError, csv_rows, decode, delimiter_of
from ytxa_rules.facts.json_records import json_array_records, json_lines_records, yaml_list_records
from ytxa_rules.facts.read import parse_json, parse_yaml, read_facts
from ytxa_rules.facts.records import FileNotice, FileProblem, StationRecord, key_cells
from ytxa_rules.facts.rows import read_rows
from ytxa_rules.facts.xlsx_reader import XlsxError, open_sheet, xlsx_rows

FORMATS = ("xlsx", "csv", "json", "jsonl", "yaml")
SUFFIXES = {
    ".xlsx": "xlsx", ".xlsm": "xlsx", ".csv": "csv", ".tsv": "csv", ".json": "json",
    ".jsonl": "jsonl", ".ndjson": "jsonl", ".yaml": "yaml", ".yml": "yaml",
}  # fmt: skip
LEGACY = (".xls", ".ods", ".numbers", ".xlsb")
STDIN = "<stdin>"
Item = StationRecord | FileProblem | FileNotice
_YAML_KEY = re.compile(r"^[^\s#\-\[{\"',;\t][^:,;\t]*:(\s|$)")


def read_sources(
    inputs: Sequence[str],
    facts: Mapping[str, ast.Fact],
    *,
    sheet: str | None = None,
    input_format: str | None = None,
    stdin: IO[bytes] | None = None,
) -> Iterator[Item]:
    """Every station of every input, in order (see the module docstring)."""
    for given in inputs:
        if given == "-":
            data = _read_limited(stdin if stdin is not None else _stdin_bytes(), STDIN)
            if isinstance(data, FileProblem):
                yield data
                continue
            yield from _read_data(data, STDIN, input_format or sniff(data), facts, sheet, None)
            continue
        path = Path(given)
        if path.is_dir() and not path.is_symlink():
            yield from _read_folder(path, facts, sheet)
        else:
            yield from read_file(path, facts, sheet=sheet, input_format=input_format)


def _stdin_bytes() -> IO[bytes]:
    buffer = getattr(sys.stdin, "buffer", None)
    if buffer is not None:
        return buffer  # type: ignore[no-any-return]
    return io.BytesIO(sys.stdin.read().encode("utf-8"))  # a text stream stood in for stdin (tests)


def format_of(path: Path) -> str | None:
    return SUFFIXES.get(path.suffix.lower())


def read_file(path: Path, facts: Mapping[str, ast.Fact], *, sheet: str | None = None, input_format: str | None = None) -> Iterator[Item]:
    file = str(path)
    kind = input_format or format_of(path)
    if kind is None:
        legacy = path.suffix.lower() in LEGACY
        yield FileProblem(file, (error("F057" if legacy else "F056", None, path=file, suffix=path.suffix or "—"),))
        return
    if not path.exists():
        yield FileProblem(file, (error("F001", None, path=file),))
        return
    if kind in ("json", "yaml") and path.is_file() and path.stat().st_size <= limits.BATCH_FILE_BYTES and not _is_list(path, kind):
        yield _single(path)  # one station: read exactly as `ytxa eval` reads it
        return
    try:
        with open(path, "rb") as stream:
            data = _read_limited(stream, file)
    except OSError as exc:
        yield FileProblem(file, (error("F002", None, reason=f"{file}: {exc.strerror or exc}"),))
        return
    if isinstance(data, FileProblem):
        yield data
        return
    yield from _read_data(data, file, kind, facts, sheet, path)


def _single(path: Path) -> StationRecord:
    file = str(path)
    try:
        facts, where = read_facts(path)
    except FactsError as exc:
        return StationRecord(file, 1, {}, {}, exc.diagnostics, sources=exc.sources)
    return StationRecord(file, 1, facts, where, cells=key_cells(facts), sources=_text_of(path))


def _text_of(path: Path) -> dict[str, str]:
    try:
        return {str(path): path.read_text(encoding="utf-8-sig")}
    except (OSError, UnicodeDecodeError):
        return {}


def _is_list(path: Path, kind: str) -> bool:
    """Whether a JSON or YAML file holds a list of stations (not one station)."""
    try:
        with open(path, "rb") as stream:
            head = stream.read(64 * 1024).decode("utf-8-sig", errors="replace")
    except OSError:
        return False
    return _starts_list(head, kind)


def _starts_list(text: str, kind: str) -> bool:
    if kind == "json":
        return text.lstrip().startswith("[")
    for line in text.split("\n"):
        stripped = line.strip()
        if not stripped or stripped.startswith("#") or stripped in ("---", "%YAML 1.2", "%YAML 1.1"):
            continue
        return stripped.startswith(("- ", "[")) or stripped == "-"
    return False


def _read_limited(stream: IO[bytes], file: str) -> bytes | FileProblem:
    data = stream.read(limits.BATCH_FILE_BYTES + 1)
    if len(data) > limits.BATCH_FILE_BYTES:
        return FileProblem(file, (error("F050", None, path=file, limit=limits.BATCH_FILE_BYTES // (1024 * 1024)),))
    return data


def sniff(data: bytes) -> str:
    """The format of unnamed input (standard input), from its first bytes."""
    if data.startswith(b"PK\x03\x04"):
        return "xlsx"
    text = data[:64 * 1024].decode("utf-8-sig", errors="replace")
    stripped = text.lstrip()
    if stripped.startswith("["):
        return "json"
    if stripped.startswith("{"):
        lines = [line for line in text.split("\n") if line.strip()]
        return "jsonl" if len(lines) > 1 and all(line.lstrip().startswith("{") for line in lines[:2]) else "json"
    for line in text.split("\n"):
        if not line.strip() or line.lstrip().startswith("#") or line.strip() == "---":
            continue
        return "yaml" if _YAML_KEY.match(line) or line.startswith("- ") else "csv"
    return "csv"


def _read_data(data: bytes, file: str, kind: str, facts: Mapping[str, ast.Fact], sheet: str | None, path: Path | None) -> Iterator[Item]:
    if kind == "xlsx":
        yield from _read_xlsx(io.BytesIO(data), file, facts, sheet)
        return
    try:
        text, _ = decode(data, file) if kind == "csv" else (_utf8(data, file), "utf-8")
    except CsvError as exc:
        yield FileProblem(file, (exc.diagnostic,))
        return
    if kind == "csv":
        try:
            delimiter = delimiter_of(text, file)
            yield from read_rows(file, list(csv_rows(text, file, delimiter)), facts, typed=False)
        except CsvError as exc:
            yield FileProblem(file, (exc.diagnostic,))
        return
    if kind == "jsonl":
        yield from json_lines_records(text, file)
        return
    if _starts_list(text, kind):
        if kind == "json":
            yield from json_array_records(text, file)
        else:
            yield from _yaml_list(text, file)
        return
    try:  # one station given on standard input
        facts_read, where = parse_json(text, file) if kind == "json" else parse_yaml(text, file)
    except FactsError as exc:
        yield StationRecord(file, 1, {}, {}, exc.diagnostics, sources=exc.sources)
        return
    yield StationRecord(file, 1, facts_read, where, cells=key_cells(facts_read), sources={file: text})


def _utf8(data: bytes, file: str) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        raise CsvError(error("F002", ast.Span(file, line, 1, line, 2), reason=f"not UTF-8 (byte {exc.start})")) from None


def _yaml_list(text: str, file: str) -> Iterator[Item]:
    try:
        root = yaml.compose(text, Loader=yaml.SafeLoader)
    except (yaml.YAMLError, RecursionError) as exc:
        mark = getattr(exc, "problem_mark", None)
        span = ast.Span(file, mark.line + 1, mark.column + 1, mark.line + 1, mark.column + 2) if mark else None
        yield FileProblem(file, (error("F002", span, reason=getattr(exc, "problem", None) or str(exc)[:80]),))
        return
    if not isinstance(root, yaml.SequenceNode):
        yield FileProblem(file, (error("F003", ast.Span(file, 1, 1, 1, 2)),))
        return
    yield from yaml_list_records(text, file, root)


def _read_xlsx(source: IO[bytes], file: str, facts: Mapping[str, ast.Fact], sheet: str | None) -> Iterator[Item]:
    try:
        workbook, worksheet, notes = open_sheet(source, file, sheet)
    except XlsxError as exc:
        yield FileProblem(file, (exc.diagnostic,))
        return
    try:
        if notes:
            yield FileNotice(file, tuple(notes), tabular=True)
        yield from read_rows(file, xlsx_rows(worksheet), facts, typed=True)
    finally:
        workbook.close()


def _read_folder(folder: Path, facts: Mapping[str, ast.Fact], sheet: str | None) -> Iterator[Item]:
    """Station files directly in `folder`, by name; hidden files and Excel lock files skipped."""
    entries = sorted(p for p in folder.iterdir() if not p.name.startswith((".", "~$")))
    files = [p for p in entries if p.is_file() and not p.is_symlink() and format_of(p) is not None]
    ignored = [p for p in entries if p not in files and not p.is_dir()]  # sub-folders are not read, and not worth a warning
    if len(files) > limits.FOLDER_FILES:
        yield FileProblem(str(folder), (error("F055", None, path=str(folder), limit=limits.FOLDER_FILES),))
        return
    if ignored:
        yield FileNotice(str(folder), tuple(warning("W622", None, path=str(p)) for p in ignored))
    if not files:
        yield FileProblem(str(folder), (error("F058", None, path=str(folder)),))
        return
    for path in files:
        yield from read_file(path, facts, sheet=sheet)
