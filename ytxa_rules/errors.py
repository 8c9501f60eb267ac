"""The one exception hierarchy of the package.

The CLI turns each into a message and an exit code; an embedder can catch `YtxaError`
for all of them. Each carries its findings as data so a caller can render them itself.
"""

from __future__ import annotations

from collections.abc import Sequence

from ytxa_rules.diagnostics import Diagnostic


class YtxaError(Exception):
    """Base of every error the library raises on bad input."""

    def __init__(self, diagnostics: Sequence[Diagnostic], sources: dict[str, str] | None = None):
        self.diagnostics = tuple(diagnostics)
        self.sources = dict(sources or {})
        super().__init__(self.render("en"))

    def render(self, lang: str = "vi") -> str:
        from ytxa_rules.messages import render_diagnostics

        return render_diagnostics(self.diagnostics, lang, self.sources)


class SpecError(YtxaError):
    """A spec (or amendment) file cannot be read, parsed, checked or composed."""


class FactsError(YtxaError):
    """Station facts are malformed or break the spec's declarations."""


class UsageError(YtxaError):
    """The caller asked for something that does not exist (a document, a date)."""
