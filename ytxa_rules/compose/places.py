"""Where an operation points, said in the editor's language ("chỉ tiêu 4 mức 1")."""

from __future__ import annotations

from collections.abc import Iterable

from ytxa_rules.messages.amendments import PLACE_WORDS as WORDS

__all__ = ["WORDS", "extend", "place"]


def place(*parts: object) -> tuple[str, str, str]:
    """("indicator", 4, "band", 1) -> words "chỉ tiêu 4 mức 1" / "indicator 4 band 1"."""
    return ("words", _join(parts, "vi"), _join(parts, "en"))


def _join(parts: Iterable[object], lang: str) -> str:
    words = []
    for part in parts:
        text = str(part)
        words.append(WORDS.get(text, text) if lang == "vi" else text)
    return " ".join(words)


def extend(where: tuple[str, str, str], *parts: object) -> tuple[str, str, str]:
    """`where` followed by more parts."""
    more = place(*parts)
    return ("words", f"{where[1]} {more[1]}", f"{where[2]} {more[2]}")
