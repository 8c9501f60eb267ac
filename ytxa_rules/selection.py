"""Which criteria a caller reads: the files it names, plus the built-in documents they
refer to, and the criteria set used when it names none.

The CLI, the service and `ytxa_rules.load` choose the same way; the engine is imported
only when a library is actually built, so `ytxa fmt` and `ytxa --help` stay light.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from ytxa_rules.resources import builtin_specs_dir

if TYPE_CHECKING:
    from ytxa_rules.library import Library

DEFAULT_DOCUMENT = "1300/QĐ-BYT"


def default_document(library: Library) -> str:
    """The only criteria set loaded, or the national one when there are several."""
    bases = sorted(library.documents)
    return bases[0] if len(bases) == 1 else DEFAULT_DOCUMENT


def library_of(paths: Sequence[str | Path]) -> Library:
    """The given files, plus built-in documents they refer to but do not include."""
    from ytxa_rules.library import Library

    builtin = builtin_specs_dir()
    if any(Path(p).resolve() == builtin.resolve() for p in paths):
        return Library.from_paths(paths)
    return Library.from_paths(paths, fallback=Library.from_paths([builtin]))
