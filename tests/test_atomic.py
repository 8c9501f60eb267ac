"""Outputs are written atomically: a reader sees the old file or the whole new one.

Every file the CLI writes goes through `ytxa_rules.atomic`; a test below keeps it so.
"""

from __future__ import annotations

import os
import re
import shutil
import signal
import stat
import subprocess
import sys
import tempfile
import textwrap
from pathlib import Path

import pytest

from ytxa_rules.atomic import atomic_output, check_target, write_bytes_atomic, write_text_atomic
from ytxa_rules.errors import UsageError

ROOT = Path(__file__).resolve().parent.parent


def _codes(info: pytest.ExceptionInfo[UsageError]) -> list[str]:
    return [d.code for d in info.value.diagnostics]


def _leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".tmp"))


def test_new_file_and_replacement(tmp_path: Path) -> None:
    path = tmp_path / "a.md"
    write_text_atomic(path, "một\r\nhai\n")
    assert path.read_bytes() == "một\r\nhai\n".encode()  # written as given: no newline translation
    write_bytes_atomic(path, b"\x00\xff")
    assert path.read_bytes() == b"\x00\xff"
    assert not _leftovers(tmp_path)


def test_new_file_gets_the_usual_permissions_and_a_replaced_file_keeps_its_own(tmp_path: Path) -> None:
    mask = os.umask(0o027)
    try:
        path = tmp_path / "new.md"
        write_text_atomic(path, "x")
        assert stat.S_IMODE(path.stat().st_mode) == 0o640  # 0o666 less the umask, as open() gives
    finally:
        os.umask(mask)
    old = tmp_path / "old.md"
    old.write_text("old", encoding="utf-8")
    old.chmod(0o604)
    write_text_atomic(old, "new")
    assert stat.S_IMODE(old.stat().st_mode) == 0o604


@pytest.mark.parametrize("interruption", [ValueError, KeyboardInterrupt])
def test_an_error_inside_the_block_keeps_the_old_file(tmp_path: Path, interruption: type[BaseException]) -> None:
    path = tmp_path / "a.md"
    path.write_text("old", encoding="utf-8")
    with pytest.raises(interruption):
        with atomic_output(path) as stream:
            stream.write("new, half written")
            stream.flush()
            raise interruption()
    assert path.read_text(encoding="utf-8") == "old"
    assert not _leftovers(tmp_path)


def test_a_killed_writer_leaves_the_old_file(tmp_path: Path) -> None:
    """A real interruption: the writing process is killed (SIGKILL) in the middle."""
    path = tmp_path / "a.md"
    path.write_text("old", encoding="utf-8")
    script = textwrap.dedent(
        f"""
        import sys, time
        sys.path.insert(0, {str(ROOT)!r})
        from ytxa_rules.atomic import atomic_output
        with atomic_output({str(path)!r}) as stream:
            stream.write("new " * 100_000)
            stream.flush()
            print("half", flush=True)
            time.sleep(60)
            stream.write("end")
        """
    )
    child = subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE, text=True)
    try:
        assert child.stdout is not None and child.stdout.readline().strip() == "half"
        assert path.read_text(encoding="utf-8") == "old"  # while the new text is being written
        child.send_signal(signal.SIGKILL)
        child.wait(timeout=30)
    finally:
        child.kill()
        child.wait()
    assert path.read_text(encoding="utf-8") == "old"
    # A killed process cannot clean up: its temporary file is hidden and named after the target.
    assert all(re.fullmatch(r"\.a\.md\.[0-9a-f]{8}\.tmp", name) for name in _leftovers(tmp_path))


def test_refuses_a_symbolic_link_and_leaves_its_target(tmp_path: Path) -> None:
    elsewhere = tmp_path / "elsewhere.txt"
    elsewhere.write_text("precious", encoding="utf-8")
    link = tmp_path / "out.md"
    link.symlink_to(elsewhere)
    with pytest.raises(UsageError) as info:
        write_text_atomic(link, "x")
    assert _codes(info) == ["U008"]
    assert elsewhere.read_text(encoding="utf-8") == "precious" and link.is_symlink()
    dangling = tmp_path / "dangling.md"
    dangling.symlink_to(tmp_path / "nowhere")
    with pytest.raises(UsageError) as info:
        write_text_atomic(dangling, "x")
    assert _codes(info) == ["U008"] and not (tmp_path / "nowhere").exists()


@pytest.mark.parametrize(
    ("name", "code"),
    [("missing/out.md", "U007"), ("folder", "U009"), ("/dev/null", "U012")],
)
def test_targets_that_cannot_be_written(tmp_path: Path, name: str, code: str) -> None:
    (tmp_path / "folder").mkdir()
    target = tmp_path / name
    with pytest.raises(UsageError) as info:
        check_target(target)
    assert _codes(info) == [code]
    with pytest.raises(UsageError):
        write_text_atomic(target, "x")


def test_a_pipe_is_not_written(tmp_path: Path) -> None:
    pipe = tmp_path / "pipe"
    os.mkfifo(pipe)
    with pytest.raises(UsageError) as info:
        write_text_atomic(pipe, "x")
    assert _codes(info) == ["U012"]


def test_a_read_only_folder_is_a_usage_error() -> None:
    """A folder the writer may not write to. Root may write anywhere, so as root the write
    runs in a child process that drops to the `nobody` user first."""
    base = Path(tempfile.mkdtemp(prefix="ytxa-ro-"))
    base.chmod(0o755)
    folder = base / "ro"
    folder.mkdir()
    folder.chmod(0o555)
    script = textwrap.dedent(
        f"""
        import os, sys
        sys.path.insert(0, {str(ROOT)!r})
        from ytxa_rules.atomic import write_text_atomic  # imported first: the user may not read them
        from ytxa_rules.errors import UsageError
        from ytxa_rules.messages import render_diagnostics
        if os.geteuid() == 0:
            os.setgid(65534)
            os.setuid(65534)
        try:
            write_text_atomic({str(folder / "out.md")!r}, "x")
        except UsageError as exc:
            print(exc.diagnostics[0].code)
        """
    )
    try:
        done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=60)
        assert done.stdout.strip() == "U011", done.stdout + done.stderr
        assert not list(folder.iterdir())
    finally:
        folder.chmod(0o755)
        shutil.rmtree(base)


def test_a_write_the_file_system_refuses_is_a_usage_error_and_leaves_the_old_file(tmp_path: Path) -> None:
    """A real failing write: a child process limited to 1,000-byte files (EFBIG, as a full disk)."""
    path = tmp_path / "a.md"
    path.write_text("old", encoding="utf-8")
    script = textwrap.dedent(
        f"""
        import resource, signal, sys
        sys.path.insert(0, {str(ROOT)!r})
        from ytxa_rules.atomic import write_text_atomic
        from ytxa_rules.errors import UsageError
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (1000, 1000))
        try:
            write_text_atomic({str(path)!r}, "new " * 10_000)
        except UsageError as exc:
            print(exc.diagnostics[0].code, exc.render("en"))
        """
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=60)
    assert done.stdout.startswith("U011 error[U011]: cannot write"), done.stdout + done.stderr
    assert path.read_text(encoding="utf-8") == "old" and not _leftovers(tmp_path)


# Ways of writing a file without `ytxa_rules.atomic` (or of saving a workbook to a path).
DIRECT_WRITE = re.compile(
    r"""\.write_(?:text|bytes)\(|\bopen\([^)]*["'][^"']*[wax+][^"']*["']|os\.open\(|\b(?:book|workbook|wb)\.save\((?!\s*(?:self\.)?(?:stream|handle|out)\b)|shutil\.(?:copy|move)"""
)
# A line may say why it is no output of the program: `# atomic: exempt (reason)`, e.g. a
# read-only `os.open`, or a file in a private temporary folder that is read back and removed.
EXEMPT = "# atomic: exempt ("


def test_every_file_the_package_writes_goes_through_atomic() -> None:
    found = []
    for path in sorted((ROOT / "ytxa_rules").rglob("*.py")):
        if path.name == "atomic.py":
            continue
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if DIRECT_WRITE.search(line) and EXEMPT not in line:
                found.append(f"{path.relative_to(ROOT)}:{number}: {line.strip()}")
    assert not found, "write through ytxa_rules.atomic instead:\n" + "\n".join(found)
