"""Read one station's facts from a YAML or JSON file, keeping where each fact was written.

Numbers are read exactly (decimals as `Decimal`, never float) and never expanded (the
validator applies the limits), duplicate keys are errors (PyYAML and `json` would
silently keep the last), and each fact's line and column are returned so that every
later problem can point at it. Reading is bounded: at most `FACTS_MAX_BYTES` are read
(a device or an endless pipe is refused, not drained), and the positions of keys are
found in one pass over the text.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path
from typing import Any

import yaml

from ytxa_rules import ast
from ytxa_rules.diagnostics import Diagnostic, error
from ytxa_rules.errors import FactsError
from ytxa_rules.facts import yaml_core
from ytxa_rules.facts.number_text import decimal_from_text
from ytxa_rules.limits import FACTS_MAX_BYTES, FACTS_MAX_DIGITS

Facts = dict[str, Any]
Locations = dict[str, ast.Span]


def read_facts(path: str | Path) -> tuple[Facts, Locations]:
    """(facts, where each was written) from a `.json`, `.yaml` or `.yml` file (UTF-8, BOM allowed)."""
    facts, where, _ = read_facts_source(path)
    return facts, where


def read_facts_source(path: str | Path) -> tuple[Facts, Locations, str]:
    """Like `read_facts`, with the text read, to show source lines under later findings.

    The file is read once: a pipe (`<(…)`) cannot be read a second time.
    """
    path = Path(path)
    data = _read_bounded(path)
    try:
        text = data.decode("utf-8-sig")  # a byte-order mark from Windows editors is not part of the data
    except UnicodeDecodeError as exc:
        raise FactsError([error("F002", None, reason=f"{path}: {exc}")]) from None
    if path.suffix.lower() == ".json":
        return (*parse_json(text, str(path)), text)
    return (*parse_yaml(text, str(path)), text)


def _read_bounded(path: Path) -> bytes:
    try:
        with path.open("rb") as stream:
            data = stream.read(FACTS_MAX_BYTES + 1)
    except FileNotFoundError:
        raise FactsError([error("F001", None, path=str(path))]) from None
    except OSError as exc:
        raise FactsError([error("F002", None, reason=f"{path}: {exc.strerror or exc}")]) from None
    if len(data) > FACTS_MAX_BYTES:
        raise FactsError([error("F019", None, path=str(path), limit=FACTS_MAX_BYTES)])
    return data


# ---------------------------------------------------------------- JSON


def _json_int(text: str) -> int | Decimal:
    """JSON's grammar is already the strict one; only the length needs a limit (int() of
    4,300 digits or more raises, and the validator refuses more than FACTS_MAX_DIGITS)."""
    return int(text) if len(text) <= FACTS_MAX_DIGITS + 1 else Decimal(text)


def parse_json(text: str, filename: str = "<json>") -> tuple[Facts, Locations]:
    try:
        data = json.loads(text, parse_float=decimal_from_text, parse_int=_json_int)
    except json.JSONDecodeError as exc:
        span = ast.Span(filename, exc.lineno, exc.colno, exc.lineno, exc.colno + 1)
        raise FactsError([error("F002", span, reason=exc.msg)], {filename: text}) from None
    except RecursionError:
        raise FactsError([error("F002", None, reason=f"{filename}: nested too deeply")]) from None
    if not isinstance(data, dict):
        raise FactsError([error("F003", ast.Span(filename, 1, 1, 1, 2))], {filename: text})
    where: Locations = {}
    twice: list[Diagnostic] = []
    for key, span in _top_level_keys(text, filename):
        if key not in where:
            where[key] = span
        elif all(d.arguments["name"] != key for d in twice):
            twice.append(error("F009", where[key], name=key))
    if twice:
        raise FactsError(twice, {filename: text})
    return data, where


# A string (with its colon when it is a key) or a bracket: all that locating keys needs.
_JSON_TOKEN = re.compile(r'"(?:[^"\\]|\\.)*"(\s*:)?|[{}\[\]]')


def _top_level_keys(text: str, filename: str) -> Iterator[tuple[str, ast.Span]]:
    """Each key of the outer object, in order, with its span: one pass, lines counted as it goes."""
    depth, line, line_start, scanned = 0, 1, 0, 0
    for match in _JSON_TOKEN.finditer(text):
        start = match.start()
        first = text[start]
        if first in "{[":
            depth += 1
        elif first in "}]":
            depth -= 1
        elif depth == 1 and match.group(1) is not None:
            line += text.count("\n", scanned, start)
            newline = text.rfind("\n", scanned, start)
            if newline != -1:
                line_start = newline + 1
            scanned = start
            quoted = match.group()[: match.start(1) - start]
            key = quoted[1:-1] if "\\" not in quoted else json.loads(quoted)
            column = start - line_start + 1
            yield key, ast.Span(filename, line, column, line, column + len(quoted))


# ---------------------------------------------------------------- YAML


def _mark_span(filename: str, mark: Any) -> ast.Span:
    return ast.Span(filename, mark.line + 1, mark.column + 1, mark.line + 1, mark.column + 2)


def parse_yaml(text: str, filename: str = "<yaml>") -> tuple[Facts, Locations]:
    try:
        root = yaml_core.compose(text)
    except RecursionError:
        raise FactsError([error("F002", None, reason=f"{filename}: nested too deeply")]) from None
    except yaml_core.AliasRefused as exc:
        raise FactsError([error("F020", _mark_span(filename, exc.mark))], {filename: text}) from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        span = _mark_span(filename, mark) if mark else None
        reason = getattr(exc, "problem", None) or str(exc)
        raise FactsError([error("F002", span, reason=reason)], {filename: text}) from None
    if root is None:
        return {}, {}
    if not isinstance(root, yaml.MappingNode):
        raise FactsError([error("F003", _mark_span(filename, root.start_mark))], {filename: text})
    facts: Facts = {}
    where: Locations = {}
    problems = []
    for key_node, value_node in root.value:
        start = key_node.start_mark
        span = ast.Span(filename, start.line + 1, start.column + 1, start.line + 1, start.column + 1 + len(str(key_node.value)))
        key = key_node.value if isinstance(key_node, yaml.ScalarNode) else None
        if not isinstance(key, str):
            key = str(key_node.value)
        if key in facts or key in where:
            problems.append(error("F009", span, name=key))
            continue
        where[key] = span
        strange = yaml_core.unsupported_tag(value_node)
        if strange is not None:  # `!!python/object`, `!custom`: never run, never guessed
            problems.append(error("F002", _mark_span(filename, strange.start_mark), reason=f"YAML tag {strange.tag}"))
            continue
        try:
            facts[key] = yaml_core.plain(value_node)  # a list or mapping stays one: the validator names it
        except RecursionError:
            problems.append(error("F002", span, reason="nested too deeply"))
    if problems:
        raise FactsError(problems, {filename: text})
    return facts, where
