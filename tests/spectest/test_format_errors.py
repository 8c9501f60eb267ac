"""Test files that do not follow the format: located errors (E700–E720), exit 2, nothing run."""

from __future__ import annotations

import io
import os
from pathlib import Path

import pytest

from ytxa_rules.cli import main
from ytxa_rules.library import Library
from ytxa_rules.resources import builtin_specs_dir
from ytxa_rules.spectest import SpecTestError, load_tests

GOOD = """example: xa-dat-chuan.yaml
as_of: 2024-12-31
tests:
  - name: một
    expect:
      verdict: passed
"""

# (file text, expected code, line, column)
BAD = [
    ("tests:\n  - name: a\n    expect: {verdict: passed\n", "E700", 4, 1),
    ("tests: &a\n  - name: a\n", "E701", 1, 8),
    ("tests:\n  - name: !!python/object a\n    expect: {verdict: passed}\n", "E701", 2, 11),
    ("tests: {}\n", "E702", 1, 8),
    ("tests:\n  - nam: a\n    expect: {verdict: passed}\n", "E703", 2, 5),
    ("tests:\n  - name: a\n    expect: {verdict: passed, verdict: failed}\n", "E705", 3, 31),
    ("exemple: x.yaml\ntests: []\n", "E703", 1, 1),
    ("tests:\n  - name: a\n", "E704", 2, 5),
    ("as_of: 2024-13-01\ntests:\n  - name: a\n    expect: {verdict: passed}\n", "E707", 1, 8),
    ("tests:\n  - name: a\n    expect: {verdict: dat}\n", "E708", 3, 23),
    ("tests:\n  - name: a\n    expect:\n      indicators:\n        \"4\": {points: 3, status: scord}\n", "E708", 5, 34),
    ("tests:\n  - name: a\n    expect: {total: lots}\n", "E709", 3, 21),
    ("tests:\n  - name: a\n    expect: {errors: [F99]}\n", "E710", 3, 23),
    ("tests:\n  - name: a\n    example: nowhere.yaml\n    expect: {verdict: passed}\n", "E711", 3, 14),
    ("tests:\n  - name: a\n    example: ../examples/xa-dat-chuan.yaml\n    expect: {verdict: passed}\n", "E712", 3, 14),
    ("tests:\n  - name: a\n    expect: {}\n", "E718", 3, 5),
    ("tests:\n  - name: a\n    facts: {vung: 2}\n    remove: [vung]\n    expect: {verdict: passed}\n", "E719", 4, 14),
    ("tests:\n  - name: a\n    expect: {verdict: passed}\n  - name: a\n    expect: {verdict: failed}\n", "E706", 4, 5),
]


@pytest.mark.parametrize(("text", "code", "line", "column"), BAD)
def test_a_format_error_is_located(tmp_path: Path, text: str, code: str, line: int, column: int) -> None:
    path = tmp_path / "bad.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(SpecTestError) as caught:
        load_tests([path])
    found = [(d.code, d.span.line if d.span else None, d.span.column if d.span else None) for d in caught.value.diagnostics]
    assert (code, line, column) in found, found


def test_a_file_may_be_a_bare_list_of_tests(tmp_path: Path) -> None:
    path = tmp_path / "list.yaml"
    path.write_text("- name: a\n  example: xa-dat-chuan.yaml\n  as_of: 2024-12-31\n  expect: {verdict: passed}\n", encoding="utf-8")
    out = io.StringIO()
    assert main(["test", str(path)], out, io.StringIO()) == 0
    assert out.getvalue().splitlines()[-1] == "PASS: 1/1"


def test_a_scalar_file_is_a_located_error(tmp_path: Path) -> None:
    path = tmp_path / "scalar.yaml"
    path.write_text("just text\n", encoding="utf-8")
    with pytest.raises(SpecTestError) as caught:
        load_tests([path])
    assert [(d.code, d.span.line) for d in caught.value.diagnostics if d.span] == [("E702", 1)]


def test_the_command_reports_format_errors_with_the_line_and_exits_2(tmp_path: Path) -> None:
    (tmp_path / "good.yaml").write_text(GOOD, encoding="utf-8")
    (tmp_path / "bad.yaml").write_text("tests:\n  - name: a\n    expect: {verdit: passed}\n", encoding="utf-8")
    out, err = io.StringIO(), io.StringIO()
    assert main(["test", str(tmp_path), "--lang", "en"], out, err) == 2
    assert out.getvalue() == ""  # nothing is run when a file is wrong
    message = err.getvalue()
    assert f"{tmp_path / 'bad.yaml'}:3:14: error[E703]: no key `verdit` in `expect` (did you mean `verdict`?)" in message
    assert "    3 |     expect: {verdit: passed}" in message


def test_unknown_vietnamese_wording_is_vietnamese(tmp_path: Path) -> None:
    path = tmp_path / "bad.yaml"
    path.write_text("tests:\n  - name: a\n    expect: {verdict: dat}\n", encoding="utf-8")
    out, err = io.StringIO(), io.StringIO()
    assert main(["test", str(path)], out, err) == 2
    assert "lỗi[E708]: `dat` không phải giá trị của `verdict`; dùng passed, failed, undecided" in err.getvalue()


def test_links_in_a_tests_folder_are_refused(tmp_path: Path) -> None:
    outside = tmp_path / "outside.yaml"
    outside.write_text(GOOD, encoding="utf-8")
    folder = tmp_path / "tests"
    folder.mkdir()
    os.symlink(outside, folder / "linked.yaml")
    with pytest.raises(SpecTestError) as caught:
        load_tests([folder])
    assert [d.code for d in caught.value.diagnostics] == ["E713"]


def test_an_example_that_is_a_link_is_refused(tmp_path: Path) -> None:
    os.symlink("/etc/hostname", tmp_path / "station.yaml")
    (tmp_path / "t.yaml").write_text(GOOD.replace("xa-dat-chuan.yaml", "station.yaml"), encoding="utf-8")
    with pytest.raises(SpecTestError) as caught:
        load_tests([tmp_path / "t.yaml"])
    assert [d.code for d in caught.value.diagnostics] == ["E713"]


def test_an_example_next_to_the_tests_is_used_before_the_built_in_one(tmp_path: Path) -> None:
    (tmp_path / "xa-dat-chuan.yaml").write_text("vung: 2\n", encoding="utf-8")
    (tmp_path / "t.yaml").write_text(GOOD, encoding="utf-8")
    files, _ = load_tests([tmp_path / "t.yaml"])
    assert files[0].tests[0].facts == {"vung": 2}


def test_a_bad_example_file_is_a_located_facts_error(tmp_path: Path) -> None:
    (tmp_path / "station.yaml").write_text("vung: 1\nvung: 2\n", encoding="utf-8")
    (tmp_path / "t.yaml").write_text(GOOD.replace("xa-dat-chuan.yaml", "station.yaml"), encoding="utf-8")
    with pytest.raises(SpecTestError) as caught:
        load_tests([tmp_path / "t.yaml"])
    assert [(d.code, d.span.line) for d in caught.value.diagnostics if d.span] == [("F009", 2)]


def test_a_folder_without_test_files_and_bad_run_patterns_are_usage_errors(tmp_path: Path) -> None:
    err = io.StringIO()
    assert main(["test", str(tmp_path)], io.StringIO(), err) == 2
    assert "U082" in err.getvalue()
    (tmp_path / "t.yaml").write_text(GOOD, encoding="utf-8")
    err = io.StringIO()
    assert main(["test", str(tmp_path), "--run", "("], io.StringIO(), err) == 2
    assert "U080" in err.getvalue()
    err = io.StringIO()
    assert main(["test", str(tmp_path), "--run", "không có tên này"], io.StringIO(), err) == 2
    assert "U081" in err.getvalue()


def test_a_spec_folder_loads_without_its_tests_and_ytxa_test_finds_them(tmp_path: Path) -> None:
    """The loader reads only `*.ytxa` (and plans/): a tests/ folder, even one holding a
    broken `.ytxa`, is not part of the criteria; `ytxa test --spec FOLDER` runs FOLDER/tests."""
    folder = tmp_path / "specs"
    folder.mkdir()
    for path in builtin_specs_dir().glob("*.ytxa"):
        (folder / path.name).write_text(path.read_text(encoding="utf-8"), encoding="utf-8")
    (folder / "tests").mkdir()
    (folder / "tests" / "t.yaml").write_text(GOOD, encoding="utf-8")
    (folder / "tests" / "broken.ytxa").write_text("this is not a spec", encoding="utf-8")
    library = Library.from_paths([folder])
    assert all("tests" not in Path(path).parts for path in library.sources())
    assert sorted(library.documents) == ["1300/QĐ-BYT", "318/QĐ-TTg"]
    out = io.StringIO()
    assert main(["test", "--spec", str(folder)], out, io.StringIO()) == 0
    assert out.getvalue().splitlines()[-1] == "PASS: 1/1"


def test_the_shipped_tests_travel_with_the_built_in_specs() -> None:
    assert sorted(p.name for p in (builtin_specs_dir() / "tests").glob("tieu-chi-*.yaml"))[:1] == ["tieu-chi-01.yaml"]
