"""Did-you-mean: the closest known name to a misspelt one, or None."""

from __future__ import annotations

import difflib
from collections.abc import Iterable


def closest(name: str, known: Iterable[str], cutoff: float = 0.7) -> str | None:
    """A close spelling, else the only known name that the given one starts or ends."""
    candidates = list(known)
    match = difflib.get_close_matches(name, candidates, n=1, cutoff=cutoff)
    if match:
        return match[0]
    if len(name) >= 4:
        partial = [c for c in candidates if c.startswith(name) or name.startswith(c)]
        if len(partial) == 1:
            return partial[0]
    return None
