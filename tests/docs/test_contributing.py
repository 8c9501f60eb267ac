"""The contributor guide tells the truth: its code is the repository's, its drawing names
every module of the pipeline, and its additions need no other list."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PAGE = (ROOT / "docs" / "contributing.md").read_text(encoding="utf-8")
PIPELINE = ("syntax", "ast", "language", "check", "compose", "engine", "facts", "render")


def test_every_code_block_said_to_come_from_a_file_is_in_that_file() -> None:
    blocks = re.findall(r"<!-- from (\S+) -->\n```python\n(.*?)```", PAGE, re.S)
    assert len(blocks) >= 4
    for path, code in blocks:
        assert code in (ROOT / path).read_text(encoding="utf-8"), path


def test_the_drawing_has_one_line_per_module_of_the_pipeline() -> None:
    drawing = PAGE.split("```text\n", 1)[1].split("```", 1)[0]
    listed = re.findall(r"^(ytxa_rules/\S+\.py) ", drawing, re.M)
    assert len(listed) == len(set(listed))
    for path in listed:
        assert (ROOT / path).is_file(), path
    expected: set[str] = set()
    for package in PIPELINE:
        for module in (ROOT / "ytxa_rules" / package).glob("*.py"):
            if module.name != "__init__.py" or module.read_text(encoding="utf-8").count("\n") > 10:
                expected.add(module.relative_to(ROOT).as_posix())
    assert expected - set(listed) == set()


def test_the_named_entries_are_the_registries() -> None:
    from ytxa_rules.language.functions import FUNCTIONS, absolute
    from ytxa_rules.language.kinds import KINDS

    assert FUNCTIONS["abs"].implementation is absolute and FUNCTIONS["abs"].local == "_F_abs"
    assert "round" in FUNCTIONS and KINDS["date"].literal == "date"
    assert "`_F_abs(…)`" in PAGE
