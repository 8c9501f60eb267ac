"""Syntax trees kept between runs are the trees the parser builds, spans and all."""

from __future__ import annotations

from pathlib import Path

import attrs
import pytest

from ytxa_rules.errors import SpecError
from ytxa_rules.resources import builtin_specs_dir
from ytxa_rules.syntax import tree_cache
from ytxa_rules.syntax.parser import _parse, parse_text


@pytest.fixture
def cache_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    monkeypatch.delenv("YTXA_CACHE", raising=False)
    return tmp_path / "ytxa-rules"


def _same(left: object, right: object) -> bool:
    """Equal in every field, those left out of `==` (spans, the text of numbers) too."""
    if type(left) is not type(right):
        return False
    if attrs.has(type(left)):
        return all(_same(getattr(left, f.name), getattr(right, f.name)) for f in attrs.fields(type(left)))
    if isinstance(left, tuple):
        return len(left) == len(right) and all(_same(a, b) for a, b in zip(left, right))  # type: ignore[arg-type]
    return left == right


@pytest.mark.parametrize("path", sorted(builtin_specs_dir().glob("*.ytxa")), ids=lambda p: p.name)
def test_a_stored_tree_is_the_parsed_tree(cache_home: Path, path: Path) -> None:
    text, name = path.read_text(encoding="utf-8"), str(path)
    parsed = parse_text(text, name)
    assert len(list(cache_home.glob("tree-*.json"))) == 1
    stored = tree_cache.load(text, name)
    assert stored is not None and _same(stored, parsed) and _same(parse_text(text, name), _parse(text, name))
    assert tree_cache.load(text, "other-name.ytxa") is None  # spans name the file: another key
    assert tree_cache.load(text + "\n", name) is None


def test_only_built_in_files_are_kept(cache_home: Path, tmp_path: Path) -> None:
    text = (builtin_specs_dir() / "1453-QD-BYT.ytxa").read_text(encoding="utf-8")
    (tmp_path / "mine.ytxa").write_text(text, encoding="utf-8")
    parse_text(text, str(tmp_path / "mine.ytxa"))
    parse_text(text, "<spec>")
    assert not list(cache_home.glob("tree-*.json"))


def test_a_text_with_errors_is_never_stored(cache_home: Path) -> None:
    bad = str(builtin_specs_dir() / "bad.ytxa")  # a name the cache would keep, were it clean
    for _ in range(2):
        with pytest.raises(SpecError):
            parse_text('document "X"\n  titel "y"\n', bad)
    assert not list(cache_home.glob("tree-*.json"))


def test_a_damaged_or_foreign_file_is_parsed_again(cache_home: Path) -> None:
    path = builtin_specs_dir() / "1453-QD-BYT.ytxa"
    text, name = path.read_text(encoding="utf-8"), str(path)
    parsed = parse_text(text, name)
    (stored,) = cache_home.glob("tree-*.json")
    for damage in ("{", '{"\\u0000class": "builtins.dict"}', '{"\\u0000class": "ytxa_rules.ast.Span", "file": 1}', "[]"):
        stored.write_text(damage, encoding="utf-8")
        assert tree_cache.load(text, name) is None
        assert _same(parse_text(text, name), parsed)
