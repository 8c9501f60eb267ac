"""Issue 9, "the file system": spec folders are read without following links out of
them, nothing but regular files is read, sizes are capped, and no message quotes more
than a short excerpt of what it read."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

import ytxa_rules
from tests.fuzz.regressions.spec.spec_helpers import run, spec_text, write_spec
from ytxa_rules import spec_files
from ytxa_rules.limits import MAX_SPEC_FILE_BYTES
from ytxa_rules.resources import builtin_specs_dir

SECRET = "root:x:0:0:mật-khẩu-bí-mật:/root:/bin/bash\n"


def _folder_with_national_spec(tmp_path: Path) -> Path:
    folder = tmp_path / "spec"
    folder.mkdir()
    shutil.copy(builtin_specs_dir() / "1300-QD-BYT.ytxa", folder)
    return folder


@pytest.mark.skipif(not hasattr(os, "symlink"), reason="no symbolic links here")
def test_a_link_to_a_file_outside_the_folder_is_refused_and_never_read(tmp_path: Path) -> None:
    outside = tmp_path / "passwd"
    outside.write_text(SECRET, encoding="utf-8")
    folder = _folder_with_national_spec(tmp_path)
    (folder / "passwd.ytxa").symlink_to(outside)
    for lang in ("vi", "en"):
        code, out = run("check", str(folder), "--lang", lang)
        assert code == 1 and "E007" in out and "passwd.ytxa" in out
        assert "root:x" not in out and "mật-khẩu" not in out


@pytest.mark.skipif(not hasattr(os, "symlink"), reason="no symbolic links here")
def test_a_link_inside_the_folder_is_refused_too(tmp_path: Path) -> None:
    folder = _folder_with_national_spec(tmp_path)
    (folder / "again.ytxa").symlink_to(folder / "1300-QD-BYT.ytxa")
    code, out = run("check", str(folder), "--lang", "en")
    assert code == 1 and "E007" in out and "again.ytxa" in out


def test_a_file_named_explicitly_may_be_a_link(tmp_path: Path) -> None:
    """Naming a file is the caller's choice; only a folder's entries must be real files."""
    folder = _folder_with_national_spec(tmp_path)
    link = tmp_path / "national.ytxa"
    link.symlink_to(folder / "1300-QD-BYT.ytxa")
    code, out = run("check", str(link), "--lang", "en")
    assert code == 0, out


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes here")
def test_a_pipe_in_a_folder_is_refused_not_waited_on(tmp_path: Path) -> None:
    folder = _folder_with_national_spec(tmp_path)
    os.mkfifo(folder / "stream.ytxa")  # opening it for reading would block for ever
    code, out = run("check", str(folder), "--lang", "en")
    assert code == 1 and "E008" in out


def test_a_file_over_the_size_limit_is_refused_before_it_is_read(tmp_path: Path) -> None:
    folder = _folder_with_national_spec(tmp_path)
    with open(folder / "huge.ytxa", "wb") as huge:
        huge.truncate(MAX_SPEC_FILE_BYTES + 1)  # sparse: costs no disk
    code, out = run("check", str(folder), "--lang", "en")
    assert code == 1 and "E004" in out and "huge.ytxa" in out


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="no /dev/zero here")
def test_an_endless_file_is_read_only_up_to_the_limit() -> None:
    code, out = run("check", "/dev/zero", "--lang", "en")
    assert code == 1 and "E004" in out


def test_too_many_files_in_a_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(spec_files, "MAX_SPEC_FOLDER_FILES", 3)
    folder = tmp_path / "spec"
    for number in range(4):
        write_spec(folder, spec_text("fact x: count\n", "points 2 when x >= 1").replace("HỒI-QUY", f"D{number}"), f"{number}.ytxa")
    code, out = run("check", str(folder), "--lang", "en")
    assert code == 1 and "E005" in out


def test_too_many_bytes_in_a_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = _folder_with_national_spec(tmp_path)
    shutil.copy(builtin_specs_dir() / "1453-QD-BYT.ytxa", folder)
    monkeypatch.setattr(spec_files, "MAX_SPEC_FOLDER_BYTES", (folder / "1300-QD-BYT.ytxa").stat().st_size)
    code, out = run("check", str(folder), "--lang", "en")
    assert code == 1 and "E006" in out


@pytest.mark.parametrize(
    "text",
    [
        "x" * 50_000 + "ĐÂY-KHÔNG-PHẢI-TIÊU-CHÍ" + "y" * 50_000 + "\n",  # one long word
        'document "A" "' + "bí mật " * 20_000 + '"\n',  # a long string where none belongs
        "9" * 100_000 + "\n",  # a long number
        "document \"A\"\n  title \"\x1b[2J\x1b]0;xoá màn hình\x07\" \x1b[31m\n",  # terminal escapes
    ],
)
def test_no_message_quotes_more_than_an_excerpt(tmp_path: Path, text: str) -> None:
    """A file that is not a spec is reported, never echoed in the message."""
    folder = tmp_path / "spec"
    write_spec(folder, text)
    with pytest.raises(ytxa_rules.SpecError) as raised:
        ytxa_rules.load(folder)
    for diagnostic in raised.value.diagnostics:
        quoted = [value for key, value in diagnostic.arguments.items() if isinstance(value, str) and key != "path"]
        assert all(len(value) <= 40 and "\x1b" not in value for value in quoted), diagnostic
