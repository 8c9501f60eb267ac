"""Where a node came from: its source span, and the amendments that changed it.

Both are left out of equality (the field helpers below), so two specs that say the same
thing are equal wherever they were written and whoever changed them.
"""

from __future__ import annotations

import datetime

import attrs


@attrs.frozen
class Span:
    """A source position; columns count characters (not bytes), from 1."""

    file: str
    line: int
    column: int
    end_line: int
    end_column: int

    def __str__(self) -> str:
        return f"{self.file}:{self.line}:{self.column}"


NO_SPAN = Span("<generated>", 0, 0, 0, 0)


def _span() -> Span:
    return attrs.field(default=NO_SPAN, eq=False, repr=False)  # type: ignore[no-any-return]


@attrs.frozen
class AmendmentRef:
    """Which document changed a node, so traces can say "theo 1453/QĐ-BYT"."""

    id: str
    target: str
    corrects: bool
    reason: str
    effective: datetime.date
    scope: tuple[tuple[str, str], ...] = ()
    # The operation that made the change: post-compose errors are reported there.
    span: Span = attrs.field(default=NO_SPAN, eq=False, repr=False)


def _provenance() -> tuple[AmendmentRef, ...]:
    return attrs.field(default=(), eq=False, repr=False)  # type: ignore[no-any-return]
