"""Every broken fixture makes `ytxa check` fail with its one expected, located message.

A fixture is a `.ytxa` file, or a folder (base spec + amendments), under
tests/fixtures/broken/ holding exactly one deliberate mistake. Its file(s) declare what
the editor must see, one line per finding, at the top:

    # expect: E403 41:9
    # expect: E100 33:3 hint=indicator

code, line:column of the caret in that same file, and optionally the did-you-mean word.
"""

from __future__ import annotations

import io
import json
import re
from pathlib import Path

import attrs
import pytest

from ytxa_rules.cli import main
from ytxa_rules.resources import builtin_specs_dir

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "broken"
EXPECT = re.compile(r"^# expect: (?P<code>[A-Z]\d{3}) (?P<line>\d+):(?P<column>\d+)(?: hint=(?P<hint>\S+))?\s*$")
HINT = {"vi": "= gợi ý: có phải ý bạn là `{}`?", "en": "= hint: did you mean `{}`?"}
SEVERITY = {"vi": "lỗi", "en": "error"}

# Fixtures that show a bug outside the checker (reported to the lead); strict, so a fix
# turns them into failures that ask for the mark to be removed.
KNOWN_BUGS: dict[str, str] = {}


@attrs.frozen
class Expectation:
    code: str
    file: Path
    line: int
    column: int
    hint: str | None

    @property
    def location(self) -> str:
        return f"{self.file}:{self.line}:{self.column}"


def _files(item: Path) -> list[Path]:
    return sorted(item.glob("*.ytxa")) if item.is_dir() else [item]


def expectations(item: Path) -> list[Expectation]:
    found = []
    for path in _files(item):
        for line in path.read_text(encoding="utf-8").splitlines():
            if not line.startswith("#"):
                break  # expectations are the leading comment lines
            match = EXPECT.match(line)
            if match:
                found.append(
                    Expectation(match["code"], path, int(match["line"]), int(match["column"]), match["hint"])
                )
    return found


def _fixtures() -> list[object]:
    items = sorted(p for p in FIXTURES.iterdir() if p.is_dir() or p.suffix == ".ytxa")
    params = []
    for item in items:
        marks = [pytest.mark.xfail(reason=KNOWN_BUGS[item.name], strict=True)] if item.name in KNOWN_BUGS else []
        params.append(pytest.param(item, id=item.name, marks=marks))
    return params


def run(*args: str) -> tuple[int, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main(list(args), out=out, err=err)
    return code, out.getvalue() + err.getvalue()


def test_there_are_enough_fixtures() -> None:
    """The acceptance asks for at least 20 broken variants; each must declare what it expects."""
    items = [p for p in FIXTURES.iterdir() if p.is_dir() or p.suffix == ".ytxa"]
    assert len(items) >= 20
    assert all(expectations(item) for item in items), [i.name for i in items if not expectations(i)]


@pytest.mark.parametrize("lang", ["vi", "en"])
@pytest.mark.parametrize("item", _fixtures())
def test_check_fails_with_located_message(item: Path, lang: str) -> None:
    code, text = run("check", "--lang", lang, str(item))
    assert "Traceback" not in text
    assert code == 1, text
    for expected in expectations(item):
        head = re.compile(rf"^{re.escape(expected.location)}: {SEVERITY[lang]}\[{expected.code}\]: ", re.M)
        assert head.search(text), f"no {expected.code} at {expected.location}:\n{text}"
        if expected.hint:
            assert HINT[lang].format(expected.hint) in text, text


@pytest.mark.parametrize("item", _fixtures())
def test_one_mistake_gives_only_its_errors(item: Path) -> None:
    """No cascade: the errors reported are exactly the expected ones (warnings may follow)."""
    code, text = run("check", "--format", "json", str(item))
    wanted = {(e.code, e.location) for e in expectations(item)}
    try:
        payload = json.loads(text)
    except json.JSONDecodeError:  # a parse error is printed as text, one diagnostic
        got = {(c, loc) for loc, c in re.findall(r"^(\S+:\d+:\d+): \S+\[(\w+)\]", text, re.M)}
    else:
        got = {(d["code"], f"{d['file']}:{d['line']}:{d['column']}") for d in payload if d["severity"] == "error"}
    assert code == 1
    assert got == wanted


def test_caret_sits_under_the_reported_column() -> None:
    """The rendered caret starts at the column in the location (characters, not bytes)."""
    item = FIXTURES / "keyword-provisonal.ytxa"
    (expected,) = expectations(item)
    _, text = run("check", "--lang", "en", str(item))
    lines = text.splitlines()
    index = next(i for i, line in enumerate(lines) if line.startswith(expected.location))
    source, caret = lines[index + 1], lines[index + 2]
    gutter = source.index("| ") + 2
    assert caret.index("^") - gutter == expected.column - 1
    assert source[gutter + expected.column - 1 :].startswith("provisonal")


def test_builtin_specs_are_clean() -> None:
    for args in (("check",), ("check", str(builtin_specs_dir())), ("check", "--lang", "en")):
        code, text = run(*args)
        assert code == 0, text
        assert "Traceback" not in text
        assert "[E" not in text
