"""The one lookup for the catalog's tables: each maps a key to (Vietnamese, English).

Every table of `ytxa_rules.messages` has that shape, so one function reads them all and
one test (tests/test_messages_vietnamese.py) holds every table to both languages.
"""

from __future__ import annotations

from collections.abc import Mapping

Texts = Mapping[str, tuple[str, str]]


def pick(texts: Texts, key: str, lang: str, *positional: object, **named: object) -> str:
    """The text in `lang` ("vi" unless "en"), filled in when arguments are given."""
    template = texts[key][1 if lang == "en" else 0]
    return template.format(*positional, **named) if positional or named else template


def both(texts: Texts, key: str, **named: object) -> tuple[str, str, str]:
    """Both languages as a diagnostic argument ("words", vi, en), rendered in the reader's."""
    vi, en = texts[key]
    return ("words", vi.format(**named), en.format(**named))
