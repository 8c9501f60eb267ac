"""Render diagnostics in Vietnamese (default) or English, with the source line and a caret."""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Mapping
from typing import Any

from ytxa_rules.diagnostics import Diagnostic
from ytxa_rules.language.types import Type, type_key
from ytxa_rules.messages.catalog import MESSAGES, WORDS
from ytxa_rules.render.escape import for_terminal

LANGS = ("vi", "en")


def _index(lang: str) -> int:
    if lang not in LANGS:
        raise ValueError(f"unknown language {lang!r}; use one of {LANGS}")
    return LANGS.index(lang)


def word(key: str, lang: str, *args: Any) -> str:
    text = WORDS[key][_index(lang)]
    return text.format(*args) if args else text


def _expected(items: Iterable[tuple[str, str]], lang: str) -> str:
    parts = []
    for kind, text in items:
        parts.append(word(f"token.{text}", lang) if kind == "token" else f"`{text}`")
    if not parts:
        return word("end_of_file", lang)
    if len(parts) > 12:
        parts = parts[:12] + ["…"]
    if len(parts) == 1:
        return parts[0]
    return ", ".join(parts[:-1]) + f" {word('or', lang)} " + parts[-1]


def format_arguments(args: Mapping[str, Any], lang: str) -> dict[str, Any]:
    """Turn structured arguments (expected tokens, type names) into words."""
    out = dict(args)
    for key, value in out.items():
        if isinstance(value, Type):  # an expression's type (the union works with isinstance)
            out[key] = type_words(value, lang)
        elif isinstance(value, tuple) and len(value) == 2 and value[0] == "type":  # a value read from a file
            out[key] = _value_words(value[1], lang)
        elif isinstance(value, tuple) and len(value) == 3 and value[0] == "words":  # (vi, en) given by the finder
            out[key] = value[1] if lang == "vi" else value[2]
        elif key == "expected" and isinstance(value, tuple):
            out[key] = _expected(value, lang)
    if out.get("found") == "":
        out["found"] = word("end_of_file", lang)
    suggestion = out.get("suggestion")
    out["suggestion"] = word("suggestion_inline", lang, suggestion) if suggestion else ""
    return out


def type_words(found: Type, lang: str) -> str:
    """An expression's type in words ("a count", "a value of `loai_tram`")."""
    key, fill = type_key(found)
    if key not in WORDS:
        return key.removeprefix("type.")
    return word(key, lang, fill) if fill is not None else word(key, lang)


def _value_words(name: str, lang: str) -> str:
    """What a value read from a file is (`type.null`, `type.list`…), or a kind it should be."""
    key = f"type.{name}"
    return word(key, lang) if key in WORDS else name


def message(diagnostic: Diagnostic, lang: str = "vi") -> str:
    """The one-line message of a diagnostic, without location."""
    template = MESSAGES[diagnostic.code][_index(lang)]
    args = format_arguments(diagnostic.arguments, lang)
    found = diagnostic.arguments.get("found")
    if diagnostic.code == "E100" and found == "":  # not "unexpected the end of the file"
        template = WORDS["ends_early"][_index(lang)]
    if diagnostic.code == "E100" and found:
        args["found"] = f"`{found}`"
    return template.format(**args)


SOURCE_WINDOW = 100  # characters of a source line shown under a diagnostic; a longer line is clipped around the column
_BEFORE = 40  # of which before the column, when the line is clipped


def render_diagnostic(
    diagnostic: Diagnostic,
    lang: str = "vi",
    sources: Mapping[str, str] | None = None,
    _lines: dict[str, list[str]] | None = None,
) -> str:
    """`file:line:col: lỗi[E200]: …`, then the source line with a caret, then a hint.

    The source line is shown as a terminal can show it safely (control characters as
    `\\x1b`) and clipped to a window around the column, so an error in a one-line JSON file
    of a megabyte prints a hundred characters, not the file.
    """
    severity = word(diagnostic.severity, lang)
    head = f"{severity}[{diagnostic.code}]: {message(diagnostic, lang)}"
    span = diagnostic.span
    lines = [f"{span}: {head}" if span and span.line else head]
    text = (sources or {}).get(span.file) if span else None
    if span and text is not None and span.line > 0:
        # Lines as the parser counts them: "\n" only (splitlines() also breaks on "\r",
        # "\x0c", "\u2028", … which may sit inside strings and comments).
        cache = _lines if _lines is not None else {}
        source_lines = cache.get(span.file)
        if source_lines is None:
            source_lines = cache[span.file] = text.split("\n")
        if span.line <= len(source_lines):
            source = source_lines[span.line - 1].rstrip("\r")
            width = (span.end_column - span.column) if span.end_line == span.line else len(source) - span.column + 1
            shown, column, width = _window(source, span.column, width)
            gutter = f"{span.line:>5} | "
            lines.append(gutter + shown)
            lines.append(" " * (len(gutter) - 2) + "| " + _caret(shown, column, width))
    suggestion = diagnostic.arguments.get("suggestion")
    # A hint line, unless the message already says "did you mean" inline (facts codes).
    if suggestion and "{suggestion}" not in MESSAGES[diagnostic.code][_index(lang)]:
        lines.append(f"      = {word('hint', lang)}: {word('did_you_mean', lang, suggestion)}")
    return "\n".join(lines)


def _window(source: str, column: int, width: int) -> tuple[str, int, int]:
    """(the part of the line to show, made terminal-safe; the column and width within it)."""
    start = 0
    if len(source) > SOURCE_WINDOW:
        start = max(0, min(column - 1 - _BEFORE, len(source) - SOURCE_WINDOW))
    piece = source[start : start + SOURCE_WINDOW]
    column = max(1, min(column - start, len(piece) + 1))
    width = max(1, min(width, len(piece) - column + 1))
    before, marked, after = piece[: column - 1], piece[column - 1 : column - 1 + width], piece[column - 1 + width :]
    head = ("…" if start > 0 else "") + for_terminal(before)
    marked = for_terminal(marked)
    tail = for_terminal(after) + ("…" if start + SOURCE_WINDOW < len(source) else "")
    return head + marked + tail, len(head) + 1, len(marked)


def _caret(source: str, column: int, width: int) -> str:
    """Carets under characters `column`..`column + width - 1`, aligned as a terminal shows them.

    Columns count characters; a decomposed Vietnamese letter (e + U+0302 + U+0301) is
    three characters but one on screen, and a tab is as wide as the tab above it.
    """
    before = source[: column - 1]
    pad = "".join("\t" if ch == "\t" else "" if unicodedata.combining(ch) else " " for ch in before)
    marked = source[column - 1 : column - 1 + width]
    visible = sum(1 for ch in marked if not unicodedata.combining(ch))
    return pad + "^" * max(visible, 1)


def render_diagnostics(
    diagnostics: Iterable[Diagnostic], lang: str = "vi", sources: Mapping[str, str] | None = None
) -> str:
    lines: dict[str, list[str]] = {}  # each source split once, however many findings it has
    return "\n".join(render_diagnostic(d, lang, sources, lines) for d in diagnostics)
