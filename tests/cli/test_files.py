"""What the commands do with the file system: `fmt` never follows a link out of a folder,
never writes part of a set of files, `docs -o` refuses what it cannot write safely."""

from __future__ import annotations

import io
import os
import stat
import threading
from pathlib import Path

import pytest

from ytxa_rules.cli import main

MESSY = 'document "X"  title "x"\n  effective 2024-01-01\n'
TIDY = 'document "X"\n  title "x"\n  effective 2024-01-01\n'


def run(*args: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main(list(args), out=out, err=err)
    return code, out.getvalue(), err.getvalue()


@pytest.fixture
def folder_with_link(tmp_path: Path) -> tuple[Path, Path]:
    """specs/ holds a real file and a link to a file outside it."""
    outside = tmp_path / "outside.ytxa"
    outside.write_text(MESSY, encoding="utf-8")
    specs = tmp_path / "specs"
    specs.mkdir()
    (specs / "real.ytxa").write_text(MESSY.replace('"X"', '"Y"'), encoding="utf-8")
    (specs / "link.ytxa").symlink_to(outside)
    return specs, outside


def test_fmt_skips_a_link_in_a_folder_with_a_notice(folder_with_link: tuple[Path, Path]) -> None:
    specs, outside = folder_with_link
    code, _, err = run("fmt", str(specs), "--lang", "en")
    assert code == 0
    assert f"warning[U010]: skipped `{specs / 'link.ytxa'}`: it is a symbolic link" in err
    assert outside.read_text(encoding="utf-8") == MESSY  # the file outside is untouched
    assert (specs / "link.ytxa").is_symlink()
    assert (specs / "real.ytxa").read_text(encoding="utf-8") == TIDY.replace('"X"', '"Y"')


def test_fmt_check_and_diff_do_not_read_through_a_link_in_a_folder(folder_with_link: tuple[Path, Path]) -> None:
    specs, _ = folder_with_link
    code, out, err = run("fmt", "--check", str(specs), "--lang", "en")
    assert code == 1 and "real.ytxa: not formatted" in err and "link.ytxa: not formatted" not in err
    code, out, err = run("fmt", "--diff", str(specs), "--lang", "en")
    assert code == 1 and "real.ytxa" in out and "link.ytxa (fmt)" not in out and "U010" in err


def test_fmt_refuses_to_rewrite_a_named_link_and_writes_nothing(folder_with_link: tuple[Path, Path]) -> None:
    specs, outside = folder_with_link
    real = specs / "real.ytxa"
    before = real.read_text(encoding="utf-8")
    code, _, err = run("fmt", str(real), str(specs / "link.ytxa"), "--lang", "en")
    assert code == 2 and "error[U008]" in err
    assert real.read_text(encoding="utf-8") == before  # checked before anything was written
    assert outside.read_text(encoding="utf-8") == MESSY
    # Reading through a link the user named is fine: --check reports it.
    code, _, err = run("fmt", "--check", str(specs / "link.ytxa"), "--lang", "en")
    assert code == 1 and "link.ytxa: not formatted" in err


def test_fmt_writes_nothing_when_one_file_does_not_parse(tmp_path: Path) -> None:
    good, bad = tmp_path / "a.ytxa", tmp_path / "b.ytxa"
    good.write_text(MESSY, encoding="utf-8")
    bad.write_text('document "Z" title\n', encoding="utf-8")
    code, _, err = run("fmt", str(tmp_path))
    assert code == 2 and "E10" in err
    assert good.read_text(encoding="utf-8") == MESSY


def test_fmt_keeps_permissions_and_leaves_no_temporary_file(tmp_path: Path) -> None:
    path = tmp_path / "a.ytxa"
    path.write_text(MESSY, encoding="utf-8")
    path.chmod(0o640)
    assert run("fmt", str(path))[0] == 0
    assert path.read_text(encoding="utf-8") == TIDY
    assert stat.S_IMODE(path.stat().st_mode) == 0o640
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.ytxa"]


def test_fmt_does_not_read_a_pipe(tmp_path: Path) -> None:
    pipe = tmp_path / "p.ytxa"
    os.mkfifo(pipe)
    outcome: list[tuple[int, str, str]] = []
    worker = threading.Thread(target=lambda: outcome.append(run("fmt", "--check", str(pipe), "--lang", "en")), daemon=True)
    worker.start()
    worker.join(timeout=30)
    if worker.is_alive():  # unblock the reader before failing
        with open(pipe, "w", encoding="utf-8"):
            pass
        pytest.fail("fmt blocked reading a named pipe")
    code, _, err = outcome[0]
    assert code == 2 and "error[U012]" in err
    # In a folder, a pipe named *.ytxa is not a spec file: skipped.
    assert run("fmt", "--check", str(tmp_path))[0] == 0


def test_fmt_diff_shows_a_file_without_final_newline_and_odd_line_breaks(tmp_path: Path) -> None:
    path = tmp_path / "a.ytxa"
    path.write_text('document "X"  title "x\u2028y"', encoding="utf-8")
    code, out, _ = run("fmt", "--diff", str(path))
    assert code == 1
    assert '-document "X"  title "x\\u2028y"\n\\ No newline at end of file\n' in out
    assert '+  title "x\\u2028y"\n' in out


def test_docs_into_a_missing_folder_is_u007(tmp_path: Path) -> None:
    target = tmp_path / "no-such-folder" / "tieu-chi.md"
    code, out, err = run("docs", "-o", str(target), "--lang", "en")
    assert code == 2 and "Traceback" not in err
    assert f"error[U007]: cannot write `{target}`: folder `{target.parent}` does not exist" in err
    assert not target.parent.exists()


def test_docs_refuses_a_link_a_folder_and_a_device(tmp_path: Path) -> None:
    elsewhere = tmp_path / "elsewhere.md"
    elsewhere.write_text("precious", encoding="utf-8")
    (tmp_path / "link.md").symlink_to(elsewhere)
    assert "[U008]" in run("docs", "-o", str(tmp_path / "link.md"))[2]
    assert elsewhere.read_text(encoding="utf-8") == "precious"
    assert "[U009]" in run("docs", "-o", str(tmp_path))[2]
    assert "[U012]" in run("docs", "-o", "/dev/null")[2]


def test_docs_output_replaces_the_old_page_whole(tmp_path: Path) -> None:
    target = tmp_path / "page.md"
    target.write_text("old page", encoding="utf-8")
    code, out, _ = run("docs", "--as-of", "2024-12-31", "-o", str(target))
    assert code == 0 and out == ""
    page = target.read_text(encoding="utf-8")
    assert page.startswith("# ") and page.count("### Chỉ tiêu ") == 47
    assert sorted(p.name for p in tmp_path.iterdir()) == ["page.md"]


def test_fmt_reads_standard_input_as_bytes(monkeypatch: pytest.MonkeyPatch) -> None:
    import sys

    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(b'document "X"  title "\xff"\n'), encoding="utf-8"))
    code, _, err = run("fmt", "-", "--lang", "en")
    assert code == 2 and "error[E002]" in err and "<stdin>" in err
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(MESSY.replace("\n", "\r\n").encode()), encoding="utf-8"))
    code, out, _ = run("fmt", "-")
    assert code == 0 and out == TIDY  # read byte-exact (no newline translation), printed formatted
