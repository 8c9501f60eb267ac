"""The criteria sets the service scores with, and every library call the routes make.

Routes never reach into the engine: they call these functions, which use the public API
(`Spec.evaluate`, `Spec.composed`, `Spec.check`, `diff_documents`, the renderers) exactly as
an embedder would. Spec ids contain `/` (`1300/QĐ-BYT`), so URLs name them by a slug
(`1300-qd-byt`).
"""

from __future__ import annotations

import datetime
import tempfile
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from ytxa_rules import ast
from ytxa_rules.api import Spec
from ytxa_rules.diagnostics import Diagnostic
from ytxa_rules.diff import diff_documents
from ytxa_rules.engine.codegen import fact_dependencies
from ytxa_rules.engine.result import Result
from ytxa_rules.errors import SpecError
from ytxa_rules.library import Library
from ytxa_rules.render.diff_text import diff_json
from ytxa_rules.render.reference import rule_in_words
from ytxa_rules.resources import builtin_specs_dir
from ytxa_rules.selection import default_document, library_of
from ytxa_rules.service.auth import province_key
from ytxa_rules.service.errors import fail, thing
from ytxa_rules.syntax.unparse import expr_text

DRAFT_FILE = "amendment.ytxa"


def slug(document_id: str) -> str:
    return province_key(document_id)  # the same folding: `1300/QĐ-BYT` → `1300-qd-byt`


class Criteria:
    """The loaded library: one `Spec` per criteria document, the default one first."""

    def __init__(self, spec_paths: tuple[str, ...] = (), document: str | None = None):
        self.paths = list(spec_paths) or [str(builtin_specs_dir())]
        self.library: Library = library_of(self.paths)
        self.default_id = document or default_document(self.library)
        self.specs = {doc: Spec(self.library, doc) for doc in sorted(self.library.documents)}
        self.by_slug = {slug(doc): spec for doc, spec in self.specs.items()}
        self.default: Spec = self.specs[self.default_id]

    def get(self, key: str) -> Spec:
        spec = self.by_slug.get(key) or self.specs.get(key)
        if spec is None:
            raise fail(404, "U053", what=thing("criteria set"), key=key)
        return spec

    # ------------------------------------------------------------ reading the criteria
    def listing(self) -> list[dict[str, Any]]:
        return [
            {
                "id": spec.id,
                "slug": slug(spec.id),
                "title": spec.document.title,
                "effective": _date(spec.document.effective),
                "default": spec.id == self.default_id,
                "amendments": [
                    {"id": a.id, "effective": _date(a.effective), "corrects": a.corrects, "title": a.title} for a in spec.amendments
                ],
            }
            for spec in self.specs.values()
        ]

    def composed(self, spec: Spec, as_of: datetime.date, lang: str) -> dict[str, Any]:
        """The criteria in force on a date: every indicator with its rule in words."""
        document = spec.composed(as_of)
        return {
            "id": document.id,
            "title": document.title,
            "as_of": as_of.isoformat(),
            "amendments": [a.id for a in spec.in_force(as_of)],
            "total": document.total.text if document.total else None,
            "criteria": [
                {
                    "number": c.number,
                    "title": c.title,
                    "max": c.max.text,
                    "indicators": [
                        {
                            "number": i.number,
                            "title": i.title,
                            "max": i.max.text,
                            "status": i.status,
                            "knockout": i.knockout,
                            "cite": i.cite,
                            "not_applicable": expr_text(i.not_applicable) if i.not_applicable is not None else None,
                            "rule": [line.strip().removeprefix("- ") for line in rule_in_words(i.rule, lang) if line.strip()],
                            "amended_by": sorted({r.id for r in i.amended_by}),
                        }
                        for i in c.indicators
                    ],
                }
                for c in document.criteria
            ],
        }

    def facts(self, spec: Spec, as_of: datetime.date) -> list[dict[str, Any]]:
        """The data dictionary: every fact in force, with bounds and the indicators using it."""
        compiled = spec.at(as_of)
        users: dict[str, list[str]] = {}
        for indicator in compiled.document.indicators():
            for name in fact_dependencies((indicator,), compiled.scope)[0]:
                users.setdefault(name, []).append(indicator.number)
        return [
            {
                "name": fact.name,
                "type": fact.type.kind,
                "values": list(fact.type.values),
                "bounds": [f"{b.op} {expr_text(b.expr)}" for b in fact.bounds],
                "optional": fact.optional,
                "description": fact.description,
                "indicators": users.get(fact.name, []),
            }
            for fact in compiled.document.facts
        ]

    def diff(self, spec: Spec, old: datetime.date, new: datetime.date) -> dict[str, Any]:
        changes = diff_documents(spec.composed(old), spec.composed(new))
        return diff_json(changes, old.isoformat(), new.isoformat())

    # ------------------------------------------------------------ scoring
    def evaluate(self, facts: Mapping[str, Any], where: Mapping[str, ast.Span] | None, as_of: datetime.date | None, trace: bool = False) -> Result:
        return self.default.evaluate(facts, as_of, trace=trace, where=where)

    def declared_facts(self, as_of: datetime.date | None) -> Mapping[str, ast.Fact]:
        """The facts in force (default criteria), by name: what a spreadsheet's headers may name."""
        return self.default.at(as_of or datetime.date.today()).scope.facts

    def assessment_year(self) -> str | None:
        return self.default.document.assessment_year

    # ------------------------------------------------------------ texts from editors
    def check_text(self, text: str) -> tuple[list[Diagnostic], dict[str, str]]:
        """Every finding for a spec or amendment text, checked with the loaded criteria.

        The text is written to a private folder and loaded with the service's library as
        fallback, so an amendment is composed with the document it amends, on its date.
        """
        with tempfile.TemporaryDirectory(prefix="ytxa-check-") as folder:
            path = Path(folder) / DRAFT_FILE
            path.write_text(text, encoding="utf-8")  # atomic: exempt (private temporary folder, read back and removed)
            try:
                library = Library.from_paths([path], fallback=self.library)
            except SpecError as exc:
                return _relocated(exc.diagnostics, path), {DRAFT_FILE: text}
            found: list[Diagnostic] = []
            for document_id in sorted(library.documents):
                found.extend(Spec(library, document_id).check())
            mine = [d for d in found if d.span is None or d.span.file == str(path)]
            return _relocated(mine, path), {DRAFT_FILE: text}

    def with_amendment(self, text: str) -> tuple[Spec, ast.Amendment]:
        """The default criteria plus a draft amendment, for what-if runs (nothing is saved)."""
        with tempfile.TemporaryDirectory(prefix="ytxa-draft-") as folder:
            path = Path(folder) / DRAFT_FILE
            path.write_text(text, encoding="utf-8")  # atomic: exempt (private temporary folder, read back and removed)
            library = Library.from_paths([path], fallback=self.library)
            source = next((s for group in library.amendments.values() for s in group if s.path == str(path)), None)
            if source is None or not isinstance(source.tree, ast.Amendment):
                name = next(iter(library.documents), DRAFT_FILE)
                raise fail(422, "U076", name=name, document=self.default_id)
            amendment = source.tree
            if amendment.amends != self.default_id:
                raise fail(422, "U076", name=amendment.id, document=self.default_id)
            return Spec(library, self.default_id), amendment


def _relocated(diagnostics: tuple[Diagnostic, ...] | list[Diagnostic], path: Path) -> list[Diagnostic]:
    """Findings in the private copy point at `amendment.ytxa`, never at a server folder."""
    out = []
    for d in diagnostics:
        if d.span is not None and d.span.file == str(path):
            d = Diagnostic(d.code, d.severity, ast.Span(DRAFT_FILE, d.span.line, d.span.column, d.span.end_line, d.span.end_column), d.arguments)
        out.append(d)
    return out


def _date(value: datetime.date | None) -> str | None:
    return value.isoformat() if value else None
