"""Write files so that a reader sees the old file or the whole new one, never a torn one.

Every file the CLI writes goes through here: the text goes to a new temporary file in
the same folder (created exclusively, never through a link), is flushed to disk, and is
renamed over the target in one step. A target that is a symbolic link is refused
(writing through it could replace a file elsewhere), so is one that is not a regular
file (a device, a pipe); a missing folder is a clear usage error, and so is a folder
that cannot be written, instead of a traceback.
"""

from __future__ import annotations

import contextlib
import os
import secrets
import stat
from collections.abc import Iterator
from pathlib import Path
from typing import IO

from ytxa_rules.diagnostics import error
from ytxa_rules.errors import UsageError
from ytxa_rules.interrupts import checkpoint
from ytxa_rules.render.escape import one_line

_CREATE = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_CLOEXEC", 0) | getattr(os, "O_BINARY", 0)


def check_target(path: str | Path) -> None:
    """Raise the usage error that writing `path` would meet, before anything is written."""
    target = Path(path)
    shown = one_line(str(target))
    if target.is_symlink():
        raise UsageError([error("U008", None, path=shown)])
    folder = target.parent
    if not folder.is_dir():
        raise UsageError([error("U007", None, path=shown, folder=one_line(str(folder)))])
    if target.is_dir():
        raise UsageError([error("U009", None, path=shown)])
    if target.exists() and not stat.S_ISREG(target.stat().st_mode):
        raise UsageError([error("U012", None, path=shown)])


def _cannot_write(path: Path, exc: OSError) -> UsageError:
    return UsageError([error("U011", None, path=one_line(str(path)), reason=one_line(exc.strerror or str(exc)))])


def _create_temporary(target: Path) -> tuple[int, Path]:
    """A new file next to `target`; mode 0o666 less the umask, as `open()` would give."""
    for _ in range(100):
        temporary = target.with_name(f".{target.name}.{secrets.token_hex(4)}.tmp")
        try:
            return os.open(temporary, _CREATE, 0o666), temporary
        except FileExistsError:
            continue
    raise FileExistsError(f"no free temporary name next to {target}")


@contextlib.contextmanager
def atomic_output(path: str | Path, mode: str = "w", encoding: str | None = "utf-8") -> Iterator[IO]:  # type: ignore[type-arg]
    """A file object whose content replaces `path` only when the block ends without error.

    An exception (or Ctrl-C) inside the block leaves the old file, or no file, as it was.
    Errors of the file system (no permission, disk full) are `UsageError` U011.
    """
    target = Path(path)
    check_target(target)
    binary = "b" in mode
    try:
        handle, temporary = _create_temporary(target)
    except OSError as exc:
        raise _cannot_write(target, exc) from None
    try:
        with os.fdopen(handle, "wb" if binary else "w", encoding=None if binary else encoding, newline=None if binary else "") as stream:
            yield stream
            stream.flush()
            os.fsync(stream.fileno())
        if target.exists():
            with contextlib.suppress(OSError):  # keep the old file's permissions
                os.chmod(temporary, stat.S_IMODE(target.stat().st_mode))
        checkpoint()  # a Ctrl-C swallowed by a finaliser still keeps the old file
        os.replace(temporary, target)
    except BaseException as exc:  # an error or Ctrl-C: the old file (or nothing) stays
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        if isinstance(exc, OSError):
            raise _cannot_write(target, exc) from None
        raise
    _fsync_folder(target.parent)


def write_text_atomic(path: str | Path, text: str, encoding: str = "utf-8") -> None:
    with atomic_output(path, "w", encoding) as stream:
        stream.write(text)


def write_bytes_atomic(path: str | Path, data: bytes) -> None:
    with atomic_output(path, "wb", None) as stream:
        stream.write(data)


def _fsync_folder(folder: Path) -> None:
    """Make the rename itself durable (best effort: not every file system allows it)."""
    with contextlib.suppress(OSError):
        descriptor = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(descriptor)
        finally:
            os.close(descriptor)
