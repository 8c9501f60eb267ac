"""Station files for commands that score several stations (`ytxa plan`): files and folders.

Reads YAML and JSON station files with `facts.read.read_facts`, one station per file; a
folder stands for its `*.yaml`, `*.yml` and `*.json` files, in name order. A file that
cannot be read or scored is reported (with its line) and skipped: the others are still
scored. Spreadsheets and JSON Lines come with the batch readers.
"""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from pathlib import Path
from typing import TextIO

import attrs

from ytxa_rules.api import Spec
from ytxa_rules.diagnostics import error
from ytxa_rules.engine.result import Result
from ytxa_rules.errors import FactsError, UsageError
from ytxa_rules.facts.read import read_facts
from ytxa_rules.messages import render_diagnostics

SUFFIXES = (".yaml", ".yml", ".json")


@attrs.frozen
class Scored:
    path: Path
    result: Result


def station_paths(paths: Sequence[str]) -> list[Path]:
    files: list[Path] = []
    for path in map(Path, paths):
        if path.is_dir():
            found = sorted(p for p in path.iterdir() if p.suffix.lower() in SUFFIXES and p.is_file() and not p.is_symlink())
            if not found:
                raise UsageError([error("U044", None, path=str(path))])
            files.extend(found)
        else:
            files.append(path)
    return files


def score_files(
    spec: Spec, paths: Sequence[str], as_of: datetime.date | None, *, strict: bool, trace: bool, lang: str, err: TextIO
) -> tuple[list[Scored], int]:
    """(scored stations in input order, number of files refused); refusals go to `err`."""
    scored: list[Scored] = []
    refused = 0
    for path in station_paths(paths):
        try:
            facts, where = read_facts(path)
            scored.append(Scored(path, spec.evaluate(facts, as_of, trace=trace, strict=strict, where=where)))
        except FactsError as exc:
            refused += 1
            sources = dict(exc.sources)
            if not sources:
                try:
                    sources = {str(path): path.read_text(encoding="utf-8")}
                except (OSError, UnicodeDecodeError):
                    sources = {}
            print(render_diagnostics(exc.diagnostics, lang, sources), file=err)
    return scored, refused
