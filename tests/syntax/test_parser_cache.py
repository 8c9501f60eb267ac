"""The parse tables cached between runs give the same parser, and a bad cache is no cache."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from ytxa_rules.resources import builtin_specs_dir
from ytxa_rules.syntax import grammar, parser_cache

SPEC = (builtin_specs_dir() / "1300-QD-BYT.ytxa").read_text(encoding="utf-8")


def _fresh() -> object:
    grammar.lark.cache_clear()
    return grammar.lark()


@pytest.fixture
def cache_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):  # type: ignore[no-untyped-def]
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    monkeypatch.delenv("YTXA_CACHE", raising=False)
    yield tmp_path / "ytxa-rules"
    grammar.lark.cache_clear()


def test_cached_tables_parse_as_built_ones(cache_home: Path) -> None:
    built = _fresh().parse(SPEC)  # type: ignore[attr-defined]
    files = list(cache_home.glob("parser-*.json"))
    assert len(files) == 1 and oct(cache_home.stat().st_mode & 0o777) == "0o700"
    loaded = _fresh()
    assert loaded.parse(SPEC) == built  # type: ignore[attr-defined]
    assert grammar.keywords()  # the terminals are there too


def test_a_damaged_cache_file_is_rebuilt(cache_home: Path) -> None:
    _fresh()
    (path,) = cache_home.glob("parser-*.json")
    for damage in ('{"digest": "other"}', "not json", '{"digest": "' + path.stem.removeprefix("parser-") + '", "data": {}}'):
        path.write_text(damage, encoding="utf-8")
        assert _fresh().parse(SPEC)  # type: ignore[attr-defined]
        assert path.read_text(encoding="utf-8") != damage  # written again, whole


def test_a_folder_others_can_write_is_not_used(cache_home: Path) -> None:
    cache_home.mkdir(mode=0o700)
    os.chmod(cache_home, 0o777)
    assert parser_cache.cache_dir() is None
    assert _fresh().parse(SPEC)  # type: ignore[attr-defined]
    assert not list(cache_home.glob("parser-*.json"))


def test_an_unwritable_home_still_parses(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "file"))
    (tmp_path / "file").write_text("", encoding="utf-8")  # a file where the folder should be
    assert parser_cache.cache_dir() is None
    assert _fresh().parse(SPEC)  # type: ignore[attr-defined]
    grammar.lark.cache_clear()


def test_the_cache_can_be_turned_off(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("YTXA_CACHE", "off")
    assert parser_cache.cache_dir() is None
