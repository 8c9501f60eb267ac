"""Expression types are objects of a closed union: messages name them, mypy holds every `match`."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from ytxa_rules.check import check_document
from ytxa_rules.language import types
from ytxa_rules.language.types import BOOL, COUNT, DATE, ERROR, NUMBER, PERCENT, EnumType, KindType
from ytxa_rules.messages import message, type_words
from ytxa_rules.syntax.parser import parse_text

PACKAGE = Path(types.__file__).resolve().parents[1]

SPEC = """\
document "T"
  title "Thử"
  effective 2024-01-01
  total 2

fact loai: one of xa, phuong >= 1 "Loại"
fact ngay: date "Ngày"
fact n: count "Số"

criterion 1 "Một" max 2
  indicator 1 "Một" max 2 confirmed
    cite "Thử"
    points 2 when loai = xa and ngay >= 2024-01-01 and n >= 1
"""


def test_kinds_are_checked_against_the_registry() -> None:
    assert KindType("count") == COUNT and KindType("count") != KindType("decimal")
    with pytest.raises(ValueError):
        KindType("enum")  # an enum's values belong to one fact: EnumType
    with pytest.raises(ValueError):
        KindType("money")


def test_questions_about_a_type() -> None:
    assert [types.is_numeric(t) for t in (COUNT, PERCENT, NUMBER, BOOL, DATE, EnumType("loai"), ERROR)] == [
        True, True, True, False, False, False, False,
    ]  # fmt: skip
    assert [types.has_own_literals(t) for t in (DATE, COUNT, NUMBER, EnumType("loai"))] == [True, False, False, False]
    assert types.fact_type("loai", "enum") == EnumType("loai") and types.fact_type("n", "count") == COUNT


def test_a_type_in_words_in_both_languages() -> None:
    assert type_words(EnumType("loai"), "vi") == "một giá trị của `loai`"
    assert type_words(EnumType("loai"), "en") == "a value of `loai`"
    assert type_words(NUMBER, "en") == "a number" and type_words(DATE, "vi") == "ngày"


def test_a_bound_on_an_enum_fact_names_the_fact() -> None:
    """E304 once said "a value of `{0}`": the fact kind had no fact to fill in."""
    found = [d for d in check_document(parse_text(SPEC, "t.ytxa")) if d.code == "E304"]
    assert [message(d, "en") for d in found] == ["bounds apply to numeric facts only; `loai` is a value of `loai`"]
    assert [message(d, "vi") for d in found] == ["giới hạn chỉ dùng cho dữ kiện số; `loai` là một giá trị của `loai`"]


PROBE = '''

@attrs.frozen
class ProbeType:
    """A type nobody handles yet."""
'''


def test_mypy_names_every_question_that_forgets_a_new_type(tmp_path: Path) -> None:
    api = pytest.importorskip("mypy.api")
    copied = tmp_path / "ytxa_rules" / "language"
    copied.mkdir(parents=True)
    for name in ("types.py", "kinds.py"):
        shutil.copy(PACKAGE / "language" / name, copied / name)
    for folder in (tmp_path / "ytxa_rules", copied):
        (folder / "__init__.py").touch()
    text = (copied / "types.py").read_text(encoding="utf-8")
    marker = "\n\nType = KindType | EnumType | NumberType | ErrorType"
    assert marker in text, "language.types.Type is no longer this union: update this test"
    (copied / "types.py").write_text(text.replace(marker, PROBE + marker + " | ProbeType"), encoding="utf-8")
    options = ["--python-version", "3.11", "--ignore-missing-imports", "--cache-dir", str(tmp_path / ".mypy_cache")]
    out, err, _ = api.run([*options, str(copied / "types.py")])
    misses = re.findall(r'error: Argument 1 to "assert_never" has incompatible type "ProbeType"', out)
    questions = len(re.findall(r"assert_never\(found\)", text))
    assert questions >= 3 and len(misses) == questions, out + err
