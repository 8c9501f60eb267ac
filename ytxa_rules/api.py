"""The embedding API: `load()` a criteria set, `Spec.evaluate()` a station's facts.

A `Spec` is a base document with its amendments. Which amendments apply depends on the
date, so the composed and compiled evaluator is built per set of amendments in force
and cached on the `Spec` (never in module state); a `Spec` is safe to share between
threads.
"""

from __future__ import annotations

import datetime
import hashlib
import threading
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ytxa_rules import ast
from ytxa_rules.check import check_document
from ytxa_rules.compose import check_headers, compose, compose_checked, in_force
from ytxa_rules.compose.located import at_the_cause
from ytxa_rules.compose.succession import carried, check_succession, successor
from ytxa_rules.compose.validity import Validity
from ytxa_rules.diagnostics import Diagnostic, error, note
from ytxa_rules.engine.compiled import CompiledSpec
from ytxa_rules.engine.result import Result
from ytxa_rules.errors import FactsError, SpecError, UsageError
from ytxa_rules.facts.scalars import plain
from ytxa_rules.library import Library
from ytxa_rules.resources import builtin_specs_dir
from ytxa_rules.selection import DEFAULT_DOCUMENT as DEFAULT_DOCUMENT  # kept for embedders
from ytxa_rules.selection import default_document

if TYPE_CHECKING:
    from ytxa_rules.columnar.result import BatchResult


class Spec:
    """One criteria document and its amendments, evaluated as in force on a date."""

    def __init__(self, library: Library, document_id: str):
        if document_id not in library.documents:
            known = ", ".join(sorted(library.documents))
            raise UsageError([error("U001", None, document=document_id, known=known)])
        self.library = library
        self.source = library.documents[document_id]
        assert isinstance(self.source.tree, ast.Document)
        self.document: ast.Document = self.source.tree
        group = library.amendments.get(document_id, ())
        own = tuple(s.tree for s in group if isinstance(s.tree, ast.Amendment))
        self.amendments: tuple[ast.Amendment, ...] = own + tuple(carried(library, self.document))
        self._amendment_sources = {s.tree.id: s for s in group}
        if self.document.replaces is not None:  # the corrections carried over from the replaced document
            old = library.amendments.get(self.document.replaces.document, ())
            self._amendment_sources.update((s.tree.id, s) for s in old if s.tree.id in self.document.carries)
        self.validity = Validity(self.document, self.amendments)
        self._compiled: dict[tuple[str, ...], CompiledSpec] = {}
        self._lock = threading.Lock()

    @property
    def id(self) -> str:
        return self.document.id

    def __repr__(self) -> str:
        return f"<Spec {self.id} +{len(self.amendments)} amendment(s)>"

    # ------------------------------------------------------------ dates
    def in_force(self, as_of: datetime.date, facts: Mapping[str, Any] | None = None) -> list[ast.Amendment]:
        """Amendments in force on `as_of` (for a station with `facts`: also its province's);
        one without an effective date is an error."""
        undated = [error("E505", a.span, document=a.id) for a in self.amendments if a.effective is None]
        if undated:
            raise SpecError(undated, self.library.sources())
        return in_force(self.amendments, as_of, facts)

    def default_as_of(self, facts: Mapping[str, Any]) -> datetime.date:
        """31 December of the assessment year when the facts give it, else today."""
        name = self.document.assessment_year
        year = plain(facts.get(name)) if name else None  # numpy's int64 from pandas is a year too
        if type(year) is int and 1900 <= year <= 2100:
            return datetime.date(year, 12, 31)
        return datetime.date.today()

    def _require_in_force(self, as_of: datetime.date) -> None:
        effective = self.document.effective
        if effective is not None and as_of < effective:
            raise UsageError([error("U002", None, date=as_of, document=self.id, effective=effective)])
        if self.document.expires is not None and as_of >= self.document.expires:
            raise UsageError([error("E533", None, document=self.id, date=self.document.expires)])

    def successor(self, as_of: datetime.date) -> Spec | None:
        """The document that replaces this one on `as_of` (`replaces "…" from DATE`), if any."""
        other = successor(self.library, self.id, as_of)
        return Spec(self.library, other) if other is not None and other != self.id else None

    def composed(self, as_of: datetime.date, facts: Mapping[str, Any] | None = None) -> ast.Document:
        """The document as in force on `as_of` (base plus amendments; `facts` pick a province's)."""
        later = self.successor(as_of)
        if later is not None:
            return later.composed(as_of, facts)
        self._require_in_force(as_of)
        try:
            return compose(self.document, self.in_force(as_of, facts))
        except SpecError as exc:
            raise SpecError(exc.diagnostics, self.library.sources()) from None

    # ------------------------------------------------------------ compile and evaluate
    def at(self, as_of: datetime.date, facts: Mapping[str, Any] | None = None) -> CompiledSpec:
        """The compiled evaluator for `as_of` (built once per set of amendments in force);
        `facts` (a station's) add the amendments of its province."""
        later = self.successor(as_of)
        if later is not None:
            return later.at(as_of, facts)
        self._require_in_force(as_of)
        key = tuple(a.id for a in self.in_force(as_of, facts))
        compiled = self._compiled.get(key)
        if compiled is None:
            with self._lock:
                compiled = self._compiled.get(key)
                if compiled is None:
                    compiled = self._compile(as_of, facts)
                    self._compiled[key] = compiled
        return compiled

    def _uses_cycle(self) -> list[Diagnostic]:
        """`uses` must not loop back (A uses B uses A): evaluation would never end."""
        path = [self.id]

        def visit(document_id: str) -> list[Diagnostic]:
            source = self.library.documents.get(document_id)
            if source is None or not isinstance(source.tree, ast.Document):
                return []
            for use in source.tree.uses:
                if use.document in path:
                    cycle = " → ".join([*path[path.index(use.document):], use.document])
                    return [error("E223", use.span, cycle=cycle)]
                path.append(use.document)
                found = visit(use.document)
                path.pop()
                if found:
                    return found
            return []

        return visit(self.id)

    def _compile(self, as_of: datetime.date, facts: Mapping[str, Any] | None = None) -> CompiledSpec:
        cycle = self._uses_cycle()
        if cycle:
            raise SpecError(cycle, self.library.sources())
        document = self.composed(as_of, facts)
        used = {use.alias: Spec(self.library, use.document).at(as_of) for use in document.uses if use.document in self.library.documents}
        problems = [d for d in check_document(document, {s.document.id: s.document for s in used.values()}) if d.is_error]
        if problems:
            raise SpecError(problems, self.library.sources())
        chosen = self.in_force(as_of, facts)
        digest = hashlib.sha256()
        for part in [self.source.digest, *(self._amendment_sources[a.id].digest for a in chosen), *(u.digest for u in used.values())]:
            digest.update(part.encode("ascii"))
        return CompiledSpec(document, digest.hexdigest(), tuple(a.ref() for a in chosen), used)

    def evaluate(
        self,
        facts: Mapping[str, Any],
        as_of: datetime.date | None = None,
        *,
        trace: bool = False,
        strict: bool = False,
        where: Mapping[str, ast.Span] | None = None,
    ) -> Result:
        """Score one station. Raises `FactsError` listing every problem with the facts.

        `as_of` picks the amendments in force (default: the end of the assessment year);
        `trace=True` records the explanation; `strict=True` makes missing facts and
        plausibility warnings (`Result.warnings`, W600–W619) errors.
        """
        if as_of is not None and not isinstance(as_of, datetime.date):
            raise UsageError([error("U005", None, text=str(as_of))])
        when = as_of or self.default_as_of(facts)
        spec = self.successor(when) or self  # replaced from a date: the new decision scores
        compiled = spec.at(when, facts if spec._scoped else None)
        try:
            return compiled.evaluate(facts, when, trace=trace, strict=strict, where=where)
        except FactsError as exc:  # a fact or value valid on another date: say which amendment and date
            raise FactsError(spec.validity.explain(exc.diagnostics, when, facts)) from None

    @property
    def _scoped(self) -> bool:
        return any(a.scope for a in self.amendments)

    def evaluate_batch(
        self,
        rows: Sequence[Mapping[str, Any]] | Mapping[str, Sequence[Any]],
        as_of: datetime.date | Sequence[datetime.date] | None = None,
        *,
        strict: bool = False,
        where: Sequence[Mapping[str, ast.Span] | None] | None = None,
    ) -> BatchResult:
        """Score many stations at once (rows of facts, or columns: fact name -> values).

        Same scores, statuses and reasons as `evaluate` per row, computed over numpy columns
        when the `columnar` extra is installed; a row with invalid facts is kept in
        `BatchResult.errors` with the `FactsError` `evaluate` would raise. See docs/columnar.md.
        """
        from ytxa_rules.columnar import evaluate_batch

        return evaluate_batch(self, rows, as_of, strict=strict, where=where)

    # ------------------------------------------------------------ static checks
    def check(self) -> list[Diagnostic]:
        """Findings for the base document and for it composed at each amendment's date."""
        cycle = self._uses_cycle()
        if cycle:
            return cycle
        used = {u.document: self.library.documents[u.document].tree for u in self.document.uses if u.document in self.library.documents}
        documents = {k: v for k, v in used.items() if isinstance(v, ast.Document)}
        found = check_document(self.document, documents)
        found.extend(check_headers(self.document, self.amendments))
        found.extend(check_succession(self.library, self.document))
        seen = set(found)
        start = self.document.effective
        for amendment in self.amendments:
            date = amendment.effective
            if date is not None and start is not None and date < start and amendment.amends != self.id:
                date = start  # carried over from a replaced document: in force here from the start
            if date is None or (start is not None and date < start):
                continue  # reported by check_headers; there is no date to compose it on
            scope = dict(amendment.scope) if amendment.scope else None
            try:
                composed, warnings = compose_checked(self.document, self.in_force(date, scope))
            except SpecError as exc:
                found.extend(d for d in exc.diagnostics if d not in seen)
                seen.update(exc.diagnostics)
                continue
            new = [w for w in warnings if w not in seen]
            seen.update(new)
            for diagnostic in check_document(composed, documents):
                in_amendment = diagnostic.span is not None and diagnostic.span.file != self.source.path
                if (diagnostic.is_error or in_amendment) and diagnostic not in seen:
                    seen.add(diagnostic)
                    new.extend(at_the_cause(composed, diagnostic, self.source.path))
            if any(d.is_error for d in new):  # found in the base file, caused by the amendment: say which
                new.append(note("N001", amendment.span, amendment=amendment.id, date=amendment.effective))
            found.extend(new)
        return found


def load(paths: str | Path | Sequence[str | Path] | None = None, document: str | None = None) -> Spec:
    """Load criteria from spec files or folders (default: the built-in national criteria).

    `document` picks the criteria set when several are loaded (default: the only one, or
    1300/QĐ-BYT). Raises `SpecError` if any file does not parse.
    """
    if paths is None:
        paths = [builtin_specs_dir()]
    elif isinstance(paths, (str, Path)):
        paths = [paths]
    library = Library.from_paths(paths)
    return Spec(library, document or default_document(library))
