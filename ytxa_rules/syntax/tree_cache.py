"""Syntax trees of the built-in spec files, kept between runs: `ytxa eval` need not parse them.

A tree is stored as JSON data, never code or a pickle: each node is written as its class
name and its fields, and read back only into the node classes of `ytxa_rules.ast` and
`ytxa_rules.plans.nodes`, through their own constructors (so their validators run). The
file name is a digest of the file's text and name, the engine version and the source of
the grammar, the node classes and the tree builder, so any change to either gives a new
key. Only text that parsed without a problem is stored; a file with errors is parsed
every time, so its diagnostics are always fresh. Only the built-in files are kept (a
handful per engine version: the cache never grows with what users parse). The folder is
the private cache folder of `parser_cache`; any trouble reading or writing it means
parsing as usual.
"""

from __future__ import annotations

import datetime
import functools
import hashlib
import json
from fractions import Fraction
from pathlib import Path
from typing import Any

import attrs

from ytxa_rules import ast
from ytxa_rules.ast import amendments, document, expressions, spans
from ytxa_rules.plans import nodes
from ytxa_rules.syntax.parser_cache import cache_dir

_CLASS, _TUPLE, _FRACTION, _DATE = "\x00class", "\x00tuple", "\x00fraction", "\x00date"
# What a tree may be built from: the node classes, and nothing else. They are collected
# from the modules that define them (the `ast` package only re-exports), keyed by module.
_NODE_MODULES = (spans, expressions, document, amendments, nodes)
_CLASSES: dict[str, type] = {
    f"{module.__name__}.{name}": value
    for module in _NODE_MODULES
    for name, value in vars(module).items()
    if isinstance(value, type) and attrs.has(value) and value.__module__ == module.__name__
}
_NAMES = {cls: name for name, cls in _CLASSES.items()}
# Every file of the `ast` package is hashed too (`_code_digest`), so a new node module changes the key.
_SOURCES = ("plans/nodes.py", "syntax/transform.py", "syntax/transform_base.py", "syntax/transform_amendments.py",
            "syntax/transform_plan.py", "syntax/tokens.py", "syntax/parser.py")  # fmt: skip


class _Unstorable(Exception):
    """A value the cache does not know how to write: the tree is simply not stored."""


@functools.cache
def _builtin_folder() -> Path:
    from ytxa_rules.resources import builtin_specs_dir

    return builtin_specs_dir().resolve()


def kept(filename: str) -> bool:
    """Whether the tree of this file is kept: a built-in spec (or plan) file."""
    if not filename.endswith(".ytxa"):
        return False
    try:
        return _builtin_folder() in Path(filename).resolve().parents
    except (OSError, ValueError, RuntimeError):
        return False


@functools.cache
def _code_digest() -> str:
    from ytxa_rules import __version__
    from ytxa_rules.resources import grammar_path

    package = Path(__file__).resolve().parent.parent
    digest = hashlib.sha256(__version__.encode())
    for path in (grammar_path(), *sorted((package / "ast").glob("*.py")), *(package / name for name in _SOURCES)):
        digest.update(path.read_bytes())
    return digest.hexdigest()


def _path(text: str, filename: str) -> Path | None:
    folder = cache_dir()
    if folder is None:
        return None
    try:
        code = _code_digest()
    except OSError:
        return None
    key = hashlib.sha256(f"{code}\n{filename}\n".encode() + text.encode("utf-8", "surrogatepass")).hexdigest()[:40]
    return folder / f"tree-{key}.json"


def _encode(value: Any) -> Any:
    kind = type(value)
    if value is None or kind in (str, int, bool):
        return value
    if kind is tuple:
        return {_TUPLE: [_encode(v) for v in value]}
    if kind is Fraction:
        return {_FRACTION: [value.numerator, value.denominator]}
    if kind is datetime.date:
        return {_DATE: value.isoformat()}
    name = _NAMES.get(kind)
    if name is None:
        raise _Unstorable(kind.__name__)
    out: dict[str, Any] = {_CLASS: name}
    for field in attrs.fields(kind):
        if field.init:
            out[field.alias] = _encode(getattr(value, field.name))
    return out


def _decode(record: dict[str, Any]) -> Any:
    if _CLASS in record:
        cls = _CLASSES[record.pop(_CLASS)]  # KeyError: not a node class, not our file
        return cls(**record)
    if _TUPLE in record:
        return tuple(record[_TUPLE])
    if _FRACTION in record:
        numerator, denominator = record[_FRACTION]
        return Fraction(int(numerator), int(denominator))
    if _DATE in record:
        return datetime.date.fromisoformat(record[_DATE])
    raise ValueError("not a tree record")


def load(text: str, filename: str) -> Any | None:
    """The tree stored for this text and name, or None (never stored, or not usable)."""
    path = _path(text, filename)
    if path is None:
        return None
    try:
        with open(path, encoding="utf-8") as stream:
            tree = json.load(stream, object_hook=_decode)
    except (OSError, ValueError, KeyError, TypeError, RecursionError):
        return None
    return tree if isinstance(tree, (ast.Document, ast.Amendment, nodes.Plan)) else None


def save(text: str, filename: str, tree: Any) -> None:
    from ytxa_rules.atomic import write_text_atomic
    from ytxa_rules.errors import UsageError

    path = _path(text, filename)
    if path is None:
        return
    try:
        data = json.dumps(_encode(tree), ensure_ascii=False)
        if json.loads(data, object_hook=_decode) != tree:  # only what reads back the same
            return
        write_text_atomic(path, data)
    except (_Unstorable, OSError, UsageError, TypeError, ValueError, KeyError, RecursionError):
        pass  # not stored: the next run parses again
