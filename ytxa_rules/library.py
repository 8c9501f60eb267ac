"""A folder of spec files: criteria documents, the amendments that target them, and plans.

A spec folder holds its `*.ytxa` files and those of its `plans/` subfolder (provincial
plans, which read the folder's criteria documents).
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from pathlib import Path

import attrs

from ytxa_rules import ast
from ytxa_rules.diagnostics import Diagnostic, error
from ytxa_rules.errors import SpecError, UsageError
from ytxa_rules.plans.nodes import Plan
from ytxa_rules.spec_files import SUFFIX, folder_entries, read_spec_files
from ytxa_rules.syntax.excerpt import excerpt
from ytxa_rules.syntax.parser import parse_text

__all__ = ["PLANS_FOLDER", "SUFFIX", "Library", "Source", "spec_files"]

PLANS_FOLDER = "plans"


def spec_files(folder: Path) -> list[Path]:
    """The spec files of a folder: its own `*.ytxa` entries, then those of its `plans/`
    subfolder (a real folder, never a link), each read by the folder rules of `spec_files`."""
    found = folder_entries(folder)
    plans = folder / PLANS_FOLDER
    if plans.is_dir() and not plans.is_symlink():
        found.extend(folder_entries(plans))
    return found


@attrs.frozen
class Source:
    path: str
    text: str
    tree: ast.Document | ast.Amendment | Plan

    @property
    def digest(self) -> str:
        return hashlib.sha256(self.text.encode("utf-8")).hexdigest()


@attrs.frozen
class Library:
    """Parsed files by document id; amendments grouped by the document they amend; plans by id."""

    documents: dict[str, Source]
    amendments: dict[str, tuple[Source, ...]]
    plans: dict[str, Source] = attrs.field(factory=dict)

    @classmethod
    def from_paths(cls, paths: Iterable[str | Path], fallback: Library | None = None) -> Library:
        """Parse the files (folders: their `*.ytxa`); documents they refer to but do not
        include are taken, with their amendments, from `fallback` when given."""
        files: list[tuple[Path, bool]] = []  # (path, an entry of a folder)
        for path in map(Path, paths):
            if path.is_dir():
                found = spec_files(path)
                if not found:
                    raise UsageError([error("U003", None, path=str(path))])
                files.extend((entry, True) for entry in found)
            else:
                files.append((path, False))
        sources, problems = _parse_all(files)
        documents: dict[str, Source] = {}
        amendments: dict[str, list[Source]] = {}
        plans: dict[str, Source] = {}
        for source in sources:
            tree = source.tree
            if isinstance(tree, Plan):
                if tree.id in plans:
                    problems.append(error("E615", tree.span, plan=tree.id, other=plans[tree.id].path))
                plans.setdefault(tree.id, source)
            elif isinstance(tree, ast.Document):
                if tree.id in documents:
                    paths_text = f"{documents[tree.id].path}, {source.path}"
                    problems.append(error("U006", None, document=excerpt(tree.id), paths=paths_text))
                documents[tree.id] = source
            else:
                if tree.amends is None:
                    problems.append(error("E112", tree.span, document=excerpt(tree.id)))
                    continue
                amendments.setdefault(tree.amends, []).append(source)
        if fallback is not None:
            wanted = {u.document for s in documents.values() if isinstance(s.tree, ast.Document) for u in s.tree.uses}
            wanted |= {s.tree.criteria for s in plans.values() if isinstance(s.tree, Plan) and s.tree.criteria}
            for document_id in (wanted | set(amendments)) - set(documents):
                if document_id in fallback.documents:
                    documents[document_id] = fallback.documents[document_id]
                    amendments.setdefault(document_id, []).extend(fallback.amendments.get(document_id, ()))
        ids: dict[str, Source] = {}
        for group in amendments.values():
            for source in group:
                assert isinstance(source.tree, ast.Amendment)
                first = ids.setdefault(source.tree.id, source)
                if first is not source and first.path != source.path:
                    problems.append(error("E513", source.tree.span, document=excerpt(source.tree.id), other=first.path))
        for target, group in amendments.items():
            if target not in documents:
                for source in group:
                    assert isinstance(source.tree, ast.Amendment)
                    problems.append(error("E503", source.tree.span, amendment=excerpt(source.tree.id), document=excerpt(target)))
        if problems:
            raise SpecError(problems, {s.path: s.text for s in sources})
        return cls(documents, {k: tuple(v) for k, v in amendments.items()}, plans)

    def sources(self) -> dict[str, str]:
        texts = {s.path: s.text for s in self.documents.values()}
        for group in self.amendments.values():
            texts.update((s.path, s.text) for s in group)
        texts.update((s.path, s.text) for s in self.plans.values())
        return texts


def _parse_all(files: list[tuple[Path, bool]]) -> tuple[list[Source], list[Diagnostic]]:
    """Read and parse every file, collecting all problems rather than stopping at the first."""
    texts, problems = read_spec_files(files)
    sources = []
    for path, text in texts:
        try:
            sources.append(Source(str(path), text, parse_text(text, str(path))))
        except SpecError as exc:
            problems.extend(exc.diagnostics)
    if problems:
        raise SpecError(problems, {str(p): t for p, t in texts})
    return sources, problems
