"""Make text from specs and facts safe for where it is shown: a terminal, Markdown, HTML.

Titles, notes, citations and station names come from files a reviewer did not write.
A terminal escape code could repaint the screen, a bidirectional override could make
`80` read as `08`, a lone surrogate could crash the output stream, raw HTML could run
in the docs site, and a `|` could break a table. Each output format passes such text
through one function here; nothing else in the package escapes.

Unsafe characters are shown, never dropped: `\\x1b`, `\\u202e`. What a reviewer sees
is what the file says.
"""

from __future__ import annotations

import html
import re
import unicodedata

# Control (Cc), format (Cf: bidi marks, embeddings, overrides and isolates, zero-width
# characters, the byte-order mark, tag characters), surrogate (Cs) and line/paragraph
# separator (Zl, Zp) characters. Tab and newline are the only controls kept.
_UNSAFE_CATEGORIES = frozenset({"Cc", "Cf", "Cs", "Zl", "Zp"})
_KEPT = frozenset("\t\n")


def _visible(char: str) -> str:
    code = ord(char)
    if code < 0x100:
        return f"\\x{code:02x}"
    return f"\\u{code:04x}" if code < 0x10000 else f"\\U{code:08x}"


def _safe_char(char: str) -> str:
    if char in _KEPT or unicodedata.category(char) not in _UNSAFE_CATEGORIES:
        return char
    return _visible(char)


def _safe_line(line: str) -> str:
    # `isprintable()` is False for every unsafe character (and for a few harmless ones,
    # such as a no-break space): it is the fast test, the per-character walk the exact one.
    return line if line.isprintable() else "".join(map(_safe_char, line))


def for_terminal(text: str) -> str:
    """Controls, direction overrides and invisible marks shown as `\\x1b`, `\\u202e`.

    Tab and newline are kept: this is for whole blocks of output. For a value inside a
    line (a station name, a title), use `one_line`.
    """
    return "\n".join(map(_safe_line, text.split("\n")))


def one_line(text: str) -> str:
    """A value shown inside a line: newlines and tabs become visible too."""
    return for_terminal(text).replace("\n", "\\n").replace("\t", "\\t")


# Characters that are markup somewhere in Markdown (python-markdown with the site's
# extensions, and CommonMark): written as numeric character references, which every
# Markdown reads as the character itself and never as markup.
_MARKDOWN_ENTITIES = {char: f"&#{ord(char)};" for char in "\\`*[]{}|#~"} | {"&": "&amp;", "<": "&lt;", ">": "&gt;", "_": "&#95;"}
# A `*` between spaces and an `_` between letters or digits (`ty_le_bhyt`) are never
# emphasis: kept as written.
_MARKDOWN_SPECIAL = re.compile(r"[\\`\[\]{}|#~<>&]|(?<!\s)\*|\*(?!\s)|(?<![^\W_])_|_(?![^\W_])")
# Markup only at the start of a line: lists, quotes, headings, definitions, admonitions.
_LINE_START = re.compile(r"^(?:[-+=:!?]+|\d+[.)])(?=\s|$)")


def _markdown_char(match: re.Match[str]) -> str:
    return _MARKDOWN_ENTITIES[match.group()]


def for_markdown(text: str) -> str:
    """Literal text inside Markdown: no markup, no raw HTML, one line, no table breaks.

    Also safe in a table cell, a heading and a list item.
    """
    escaped = _MARKDOWN_SPECIAL.sub(_markdown_char, one_line(text))
    match = _LINE_START.match(escaped)
    if match:  # "1. x" or "- x" would start a list if the text ever began a line
        end = match.end()
        escaped = escaped[: end - 1] + f"&#{ord(escaped[end - 1])};" + escaped[end:]
    return escaped


def fence_for(code: str) -> str:
    """A code fence longer than any run of backticks in `code`, so it cannot be closed early."""
    longest = max((len(run) for run in re.findall(r"`+", code)), default=0)
    return "`" * max(3, longest + 1)


def for_html(text: str) -> str:
    """Text content or an attribute value in HTML."""
    return html.escape(for_terminal(text), quote=True)


def is_ascii_digits(text: str) -> bool:
    """Only 0-9: `str.isdigit()` and `Decimal()` also accept Bengali `৪` or Arabic `٨`."""
    return text.isascii() and text.isdigit()


def foreign_digit(text: str) -> str | None:
    """The first digit in `text` that is not 0-9, if any (for a 'write ASCII digits' hint)."""
    for char in text:
        if not ("0" <= char <= "9") and unicodedata.category(char) == "Nd":
            return char
    return None
