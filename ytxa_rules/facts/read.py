"""Read one station's facts from a YAML or JSON file, keeping where each fact was written.

Numbers are read exactly (decimals as `Decimal`, never float), duplicate keys are errors
(PyYAML would silently keep the last), and each fact's line and column are returned so
that every later problem can point at it.
"""

from __future__ import annotations

import json
import re
from decimal import Decimal
from pathlib import Path
from typing import Any

import yaml

from ytxa_rules import ast
from ytxa_rules.diagnostics import error
from ytxa_rules.errors import FactsError

Facts = dict[str, Any]
Locations = dict[str, ast.Span]


def read_facts(path: str | Path) -> tuple[Facts, Locations]:
    """(facts, where each was written) from a `.json`, `.yaml` or `.yml` file."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise FactsError([error("F001", None, path=str(path))]) from None
    except (UnicodeDecodeError, OSError) as exc:
        raise FactsError([error("F002", None, reason=f"{path}: {exc}")]) from None
    if path.suffix.lower() == ".json":
        return parse_json(text, str(path))
    return parse_yaml(text, str(path))


def parse_json(text: str, filename: str = "<json>") -> tuple[Facts, Locations]:
    def pairs(items: list[tuple[str, Any]]) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for key, value in items:
            if key in out:
                raise FactsError([error("F009", _json_span(text, filename, key), name=key)], {filename: text})
            out[key] = value
        return out

    try:
        data = json.loads(text, parse_float=Decimal, object_pairs_hook=pairs)
    except json.JSONDecodeError as exc:
        span = ast.Span(filename, exc.lineno, exc.colno, exc.lineno, exc.colno + 1)
        raise FactsError([error("F002", span, reason=exc.msg)], {filename: text}) from None
    except RecursionError:
        raise FactsError([error("F002", None, reason=f"{filename}: nested too deeply")]) from None
    if not isinstance(data, dict):
        raise FactsError([error("F003", ast.Span(filename, 1, 1, 1, 2))], {filename: text})
    return data, {key: _json_span(text, filename, key) for key in data}


def _json_span(text: str, filename: str, key: str) -> ast.Span:
    match = re.search(r'"' + re.escape(key) + r'"\s*:', text)
    if match is None:
        return ast.Span(filename, 0, 0, 0, 0)
    line = text.count("\n", 0, match.start()) + 1
    column = match.start() - (text.rfind("\n", 0, match.start()) + 1) + 1
    return ast.Span(filename, line, column, line, column + len(key) + 2)


def _scalar(node: yaml.ScalarNode) -> Any:
    """A YAML scalar as its resolved type, but decimals exact (from the text, not a float)."""
    tag = node.tag.rsplit(":", 1)[-1]
    if tag == "float":
        try:
            return Decimal(node.value.replace("_", ""))
        except ArithmeticError:
            return node.value
    if tag in ("int", "bool", "null"):
        return yaml.safe_load(node.value) if tag != "null" else None
    return node.value


STANDARD_TAGS = {f"tag:yaml.org,2002:{t}" for t in ("str", "int", "float", "bool", "null", "seq", "map", "timestamp")}


def _unsupported_tag(node: yaml.Node) -> yaml.Node | None:
    """The first node (this one or inside it) with a tag outside plain YAML data."""
    pending = [node]
    while pending:
        current = pending.pop()
        if current.tag not in STANDARD_TAGS:
            return current
        if isinstance(current, yaml.SequenceNode):
            pending.extend(current.value)
        elif isinstance(current, yaml.MappingNode):
            pending.extend(n for pair in current.value for n in pair)
    return None


def parse_yaml(text: str, filename: str = "<yaml>") -> tuple[Facts, Locations]:
    try:
        root = yaml.compose(text, Loader=yaml.SafeLoader)
    except RecursionError:
        raise FactsError([error("F002", None, reason=f"{filename}: nested too deeply")]) from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        span = ast.Span(filename, mark.line + 1, mark.column + 1, mark.line + 1, mark.column + 2) if mark else None
        reason = getattr(exc, "problem", None) or str(exc)
        raise FactsError([error("F002", span, reason=reason)], {filename: text}) from None
    if root is None:
        return {}, {}
    if not isinstance(root, yaml.MappingNode):
        span = ast.Span(filename, root.start_mark.line + 1, root.start_mark.column + 1, root.start_mark.line + 1, root.start_mark.column + 2)
        raise FactsError([error("F003", span)], {filename: text})
    facts: Facts = {}
    where: Locations = {}
    problems = []
    for key_node, value_node in root.value:
        start = key_node.start_mark
        span = ast.Span(filename, start.line + 1, start.column + 1, start.line + 1, start.column + 1 + len(str(key_node.value)))
        key = _scalar(key_node) if isinstance(key_node, yaml.ScalarNode) else key_node
        if not isinstance(key, str):
            key = str(key_node.value)
        if key in facts:
            problems.append(error("F009", span, name=key))
            continue
        where[key] = span
        strange = _unsupported_tag(value_node)
        if strange is not None:  # `!!python/object`, `!custom`: never run, never guessed
            mark = strange.start_mark
            at = ast.Span(filename, mark.line + 1, mark.column + 1, mark.line + 1, mark.column + 2)
            problems.append(error("F002", at, reason=f"YAML tag {strange.tag}"))
        elif isinstance(value_node, yaml.ScalarNode):
            facts[key] = _scalar(value_node)
        else:
            facts[key] = yaml.safe_load(yaml.serialize(value_node))  # a list or mapping: the validator names it
    if problems:
        raise FactsError(problems, {filename: text})
    return facts, where
