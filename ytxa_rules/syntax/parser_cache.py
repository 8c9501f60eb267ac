"""Lark's parse tables, kept between runs: building them costs a command most of its start-up.

The tables are plain data (Lark's own `memo_serialize`), written as JSON, so reading a
cache file can never run code, unlike Lark's built-in `cache=` (a pickle). The file lives
in the user's cache folder (`$XDG_CACHE_HOME/ytxa-rules`, else `~/.cache/ytxa-rules`),
created private (0700) and used only if it is a folder of this user that nobody else can
write; its name and its first field are a digest of the grammar, the Lark version and the
options, so a changed grammar never meets old tables. It is written atomically. Anything
unusual (no home, a read-only disk, a damaged file) falls back to building the tables,
which is what happens without a cache: the cache makes start-up fast, never different.
`YTXA_CACHE=off` turns it off.
"""

from __future__ import annotations

import hashlib
import json
import os
import stat
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # Lark is imported only when a parser is wanted (`tree_cache` may spare it)
    from lark import Lark

_TUPLE, _INT_KEYS = "\x00tuple", "\x00int-keys"  # JSON has neither tuples nor int keys


def cache_dir() -> Path | None:
    """The private cache folder of this user, created if need be; None if unusable or off."""
    if os.environ.get("YTXA_CACHE", "").lower() in ("off", "0", "no"):
        return None
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    if not os.path.isabs(base):
        return None
    folder = Path(base) / "ytxa-rules"
    try:
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        status = os.lstat(folder)
    except OSError:
        return None
    if not stat.S_ISDIR(status.st_mode) or status.st_mode & (stat.S_IWGRP | stat.S_IWOTH):
        return None
    if hasattr(os, "getuid") and status.st_uid != os.getuid():
        return None
    return folder


def _encode(value: Any) -> Any:
    if isinstance(value, tuple):
        return {_TUPLE: [_encode(v) for v in value]}
    if isinstance(value, list):
        return [_encode(v) for v in value]
    if isinstance(value, dict):
        if value and all(type(k) is int for k in value):
            return {_INT_KEYS: [[k, _encode(v)] for k, v in value.items()]}
        return {str(k): _encode(v) for k, v in value.items()}
    return value


def _decode(record: dict[str, Any]) -> Any:
    if len(record) == 1:
        if _TUPLE in record:
            return tuple(record[_TUPLE])
        if _INT_KEYS in record:
            return {k: v for k, v in record[_INT_KEYS]}
    return record


def _digest(grammar: str, options: dict[str, Any]) -> str:
    import lark

    described = json.dumps({k: repr(v) for k, v in sorted(options.items())})
    return hashlib.sha256(f"{lark.__version__}\n{described}\n{grammar}".encode()).hexdigest()[:32]


def cached_lark(grammar: str, runtime: dict[str, Any], **options: Any) -> Lark:
    """`Lark(grammar, **options, **runtime)`, from cached tables when there are good ones.

    `runtime` holds what cannot be stored (the post-lexer, lexer callbacks); `options`
    shape the tables and are part of the digest.
    """
    from lark import Lark
    from lark.lark import _LOAD_ALLOWED_OPTIONS
    build: Callable[[], Lark] = lambda: Lark(grammar, **options, **runtime)  # noqa: E731
    folder = cache_dir()
    if folder is None:
        return build()
    digest = _digest(grammar, options)
    path = folder / f"parser-{digest}.json"
    loaded = _load(path, digest, runtime | {k: v for k, v in options.items() if k in _LOAD_ALLOWED_OPTIONS})
    if loaded is not None:
        return loaded
    parser = build()
    _save(parser, path, digest)
    return parser


def _load(path: Path, digest: str, runtime: dict[str, Any]) -> Lark | None:
    import lark
    from lark import Lark

    try:
        with open(path, encoding="utf-8") as stream:
            stored = json.load(stream, object_hook=_decode)
        if not isinstance(stored, dict) or stored.get("digest") != digest:
            return None
        return Lark._load_from_dict(stored["data"], stored["memo"], **runtime)
    except (OSError, ValueError, KeyError, TypeError, AttributeError, IndexError, AssertionError, lark.exceptions.LarkError):
        return None  # no file yet, or not one we wrote: build the tables instead


def _save(parser: Lark, path: Path, digest: str) -> None:
    from lark.grammar import Rule
    from lark.lark import _LOAD_ALLOWED_OPTIONS
    from lark.lexer import TerminalDef

    from ytxa_rules.atomic import write_text_atomic
    from ytxa_rules.errors import UsageError

    data, memo = parser.memo_serialize([TerminalDef, Rule])
    data["options"] = {n: v for n, v in data["options"].items() if n not in _LOAD_ALLOWED_OPTIONS}
    try:
        write_text_atomic(path, json.dumps(_encode({"digest": digest, "data": data, "memo": memo})))
    except (OSError, UsageError, TypeError, ValueError):
        pass  # a cache that cannot be written is no cache: the next run builds again
