"""Short, one-line excerpts of what an editor wrote, for diagnostics.

A message quotes the token it is about; the token may be a megabyte without spaces, or
a line of a file that is not a spec at all. Whatever a diagnostic echoes goes through
`excerpt`: control characters made visible, at most `EXCERPT_CHARACTERS` characters.
"""

from __future__ import annotations

from collections.abc import Sequence

from ytxa_rules.render.escape import one_line

EXCERPT_CHARACTERS = 40
LISTED_ITEMS = 12  # names listed in one message ("values: a, b, c, …")


def excerpt(text: str, limit: int = EXCERPT_CHARACTERS) -> str:
    shown = one_line(text)
    return shown if len(shown) <= limit else shown[: limit - 1] + "…"


def listing(items: Sequence[str], separator: str = ", ", limit: int = LISTED_ITEMS) -> str:
    """`a, b, c` — the first `limit` items, then how many more."""
    shown = [excerpt(item) for item in items[:limit]]
    if len(items) > limit:
        shown.append(f"… (+{len(items) - limit})")
    return separator.join(shown)
