"""Make text from specs and facts safe for where it is shown: a terminal, Markdown, HTML.

Titles, notes, citations and station names come from files a reviewer did not write.
A terminal escape code could repaint the screen, a bidirectional override could make
`80` read as `08`, raw HTML could run in the docs site, and a `|` could break a table.
Each output format passes such text through one function here.
"""

from __future__ import annotations

import html
import re
import unicodedata

# C0 and C1 controls (but tab and newline), DEL, and the bidirectional formatting marks.
_TERMINAL_UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def _visible(match: re.Match[str]) -> str:
    char = match.group()
    return f"\\x{ord(char):02x}" if ord(char) < 0x100 else f"\\u{ord(char):04x}"


def for_terminal(text: str) -> str:
    """Control characters and direction overrides shown as `\\x1b`, `\\u202e`: never acted on."""
    return _TERMINAL_UNSAFE.sub(_visible, text)


def one_line(text: str) -> str:
    """A value shown inside a line: newlines and tabs become visible too."""
    return for_terminal(text).replace("\n", "\\n").replace("\t", "\\t")


_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()!~])")


def for_markdown(text: str) -> str:
    """Literal text inside Markdown: no markup, no raw HTML, one line, no table breaks."""
    escaped = html.escape(one_line(text), quote=False)  # & < > as entities: raw HTML never passes
    escaped = _MARKDOWN_SPECIAL.sub(r"\\\1", escaped)
    escaped = escaped.replace("|", "&#124;")  # a cell boundary in a table, even when escaped
    return "\\" + escaped if escaped[:1] in ("#", "-", "+", ">") or escaped[:1].isdigit() and ". " in escaped[:12] else escaped


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
