"""Output excerpts quoted in the docs stay true: each is part of the golden file it names."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
EXCERPT = re.compile(r"<!-- excerpt: (?P<path>\S+) -->\n```text\n(?P<body>.*?)```", re.S)


def _excerpts() -> list[tuple[str, str, str]]:
    found = []
    for page in sorted((ROOT / "docs").rglob("*.md")):
        for match in EXCERPT.finditer(page.read_text(encoding="utf-8")):
            found.append((page.name, match["path"], match["body"]))
    return found


@pytest.mark.parametrize(("page", "source", "body"), _excerpts())
def test_excerpt_is_current(page: str, source: str, body: str) -> None:
    assert body in (ROOT / source).read_text(encoding="utf-8"), f"{page}: excerpt no longer matches {source}"


def test_there_are_excerpts() -> None:
    assert len(_excerpts()) >= 5
