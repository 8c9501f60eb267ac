"""`ytxa check`, `fmt`, `docs` and the Pygments lexer, as a user runs them."""

from __future__ import annotations

import io
import json
import shutil
from pathlib import Path

import pytest

from ytxa_rules.cli import main
from ytxa_rules.resources import builtin_specs_dir

VIETNAMESE = """\
# Bộ tiêu chí thử với tên tiếng Việt có dấu.
document "TT/01"
  title "Thử"
  effective 2024-01-01
  total 2

fact số_bác_sĩ: count "Số bác sĩ"
fact tỷ_lệ_bhyt: percent "Tỷ lệ BHYT"

criterion 1 "Nhân lực" max 2

  indicator 1 "Có bác sĩ" max 2 provisional
    cite "TT/01, Điều 1"
    points 2 when số_bác_sĩ >= 1 and tỷ_lệ_bhyt >= 90%
           1 when số_bác_sĩ >= 1

recognition "Đạt"
  cite "TT/01, Điều 2"
  require total >= 50% of max
"""


def run(*args: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main(list(args), out=out, err=err)
    return code, out.getvalue(), err.getvalue()


def test_check_builtin_is_clean() -> None:
    code, out, _ = run("check", "--lang", "en")
    assert code == 0
    assert "0 error(s), 0 warning(s)" in out


def test_check_json(tmp_path: Path) -> None:
    spec = tmp_path / "x.ytxa"
    spec.write_text(VIETNAMESE.replace("số_bác_sĩ >= 1 and", "số_bác_si >= 1 and"), encoding="utf-8")
    code, out, _ = run("check", str(spec), "--format", "json", "--lang", "en")
    assert code == 1
    findings = json.loads(out)
    assert findings[0]["code"] == "E200" and findings[0]["line"] == 14 and findings[0]["column"] == 19
    assert "số_bác_si" in findings[0]["message"] and findings[0]["suggestion"] == "số_bác_sĩ"


def test_vietnamese_identifiers_parse_check_and_score(tmp_path: Path) -> None:
    import datetime

    import ytxa_rules

    path = tmp_path / "tt01.ytxa"
    path.write_text(VIETNAMESE, encoding="utf-8")
    assert run("check", str(path))[0] == 0
    spec = ytxa_rules.load(path)
    result = spec.evaluate({"số_bác_sĩ": 1, "tỷ_lệ_bhyt": 90}, datetime.date(2024, 6, 1), trace=True)
    assert (result.total, result.passed) == (2, True)


def test_fmt_check_diff_and_rewrite(tmp_path: Path) -> None:
    path = tmp_path / "x.ytxa"
    messy = VIETNAMESE.replace("  indicator 1", "indicator    1").replace("           1 when", " 1 when")
    path.write_text(messy, encoding="utf-8")
    code, _, err = run("fmt", "--check", str(path))
    assert code == 1 and "x.ytxa" in err
    code, out, _ = run("fmt", "--diff", str(path))
    assert code == 1 and out.startswith("---")
    assert run("fmt", str(path))[0] == 0
    assert path.read_text(encoding="utf-8") == VIETNAMESE
    assert run("fmt", "--check", str(path))[0] == 0


def test_fmt_refuses_a_broken_file(tmp_path: Path) -> None:
    path = tmp_path / "x.ytxa"
    path.write_text(VIETNAMESE.replace('"Thử"', '"Thử'), encoding="utf-8")
    code, _, err = run("fmt", str(path))
    assert code == 2 and "E102" in err
    assert path.read_text(encoding="utf-8") == VIETNAMESE.replace('"Thử"', '"Thử')  # untouched


def test_builtin_specs_are_formatted(tmp_path: Path) -> None:
    copy = tmp_path / "specs"
    shutil.copytree(builtin_specs_dir(), copy)
    assert run("fmt", "--check", str(copy))[0] == 0


def test_docs_reference_page(tmp_path: Path) -> None:
    output = tmp_path / "criteria.md"
    code, _, _ = run("docs", "--as-of", "2024-12-31", "-o", str(output))
    assert code == 0
    page = output.read_text(encoding="utf-8")
    assert page.count("### Chỉ tiêu ") == 47
    assert "1453/QĐ-BYT (đính chính 1300/QĐ-BYT, 2023-03-20: đính chính sai sót kỹ thuật)" in page
    assert "2 điểm khi ty_le_tre_duoi_5_thap_coi ≤ nguong_thap_coi" in page
    code, out, _ = run("docs", "--as-of", "2023-03-10", "--lang", "en")
    assert "2 point(s) when ty_le_tre_duoi_5_thap_coi ≥ nguong_thap_coi" in out


def test_pygments_lexer_is_registered() -> None:
    pygments = pytest.importorskip("pygments")
    from pygments.lexers import get_lexer_by_name
    from pygments.token import Comment, Keyword, Number, String

    del pygments
    lexer = get_lexer_by_name("ytxa")
    tokens = list(lexer.get_tokens('indicator 4 "Tỷ lệ" max 3 provisional  # ghi chú\n  points 3 when ty_le >= 95%\n'))
    kinds = {value: kind for kind, value in tokens}
    assert kinds["indicator"] in Keyword and kinds["provisional"] in Keyword
    assert kinds['"Tỷ lệ"'] in String and kinds["95%"] in Number and kinds["# ghi chú"] in Comment


def test_the_chosen_command_alone_has_the_options_of_the_full_parser() -> None:
    """`ytxa eval …` imports only its own module; its options are those `ytxa --help` knows."""
    import argparse

    from ytxa_rules.cli import _parser

    def options(parser: argparse.ArgumentParser, name: str) -> list[str]:
        subparsers = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
        return sorted(o for a in subparsers.choices[name]._actions for o in a.option_strings)

    full = _parser()
    for name in ("eval", "explain", "batch", "fmt", "check"):
        assert options(_parser([name, "x"]), name) == options(full, name)
