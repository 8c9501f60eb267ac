"""Findings as data: created by the stage that finds them, rendered in one place.

A diagnostic holds a stable code, a severity, a span and the arguments of its message;
the wording (Vietnamese or English) lives in `ytxa_rules.messages` only.
"""

from __future__ import annotations

from typing import Any

import attrs

from ytxa_rules.ast import Span

ERROR = "error"
WARNING = "warning"
NOTE = "note"  # context for the findings before it; never fails a check


def _freeze(args: dict[str, Any]) -> tuple[tuple[str, Any], ...]:
    return tuple(sorted(args.items()))


@attrs.frozen
class Diagnostic:
    code: str
    severity: str
    span: Span | None
    args: tuple[tuple[str, Any], ...] = attrs.field(converter=_freeze, factory=dict)

    @property
    def arguments(self) -> dict[str, Any]:
        return dict(self.args)

    @property
    def is_error(self) -> bool:
        return self.severity == ERROR


def error(code: str, span: Span | None, **args: Any) -> Diagnostic:
    return Diagnostic(code, ERROR, span, args)


def warning(code: str, span: Span | None, **args: Any) -> Diagnostic:
    return Diagnostic(code, WARNING, span, args)


def note(code: str, span: Span | None, **args: Any) -> Diagnostic:
    return Diagnostic(code, NOTE, span, args)
