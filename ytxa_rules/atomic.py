"""Write files so that a reader sees the old file or the whole new one, never a torn one.

Every file the CLI writes goes through here: the text goes to a temporary file in the
same folder, is flushed to disk, and is renamed over the target in one step. A target
that is a symbolic link is refused (writing through it could replace a file elsewhere),
and a missing folder is a clear usage error instead of a traceback.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import IO

from ytxa_rules.diagnostics import error
from ytxa_rules.errors import UsageError


def _check_target(path: Path) -> None:
    if path.is_symlink():
        raise UsageError([error("U008", None, path=str(path))])
    folder = path.parent
    if not folder.is_dir():
        raise UsageError([error("U007", None, path=str(path), folder=str(folder))])
    if path.is_dir():
        raise UsageError([error("U009", None, path=str(path))])


@contextlib.contextmanager
def atomic_output(path: str | Path, mode: str = "w", encoding: str | None = "utf-8") -> Iterator[IO]:  # type: ignore[type-arg]
    """A file object whose content replaces `path` only when the block ends without error."""
    target = Path(path)
    _check_target(target)
    binary = "b" in mode
    handle, temporary = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    try:
        with os.fdopen(handle, "wb" if binary else "w", encoding=None if binary else encoding, newline=None if binary else "") as stream:
            yield stream
            stream.flush()
            os.fsync(stream.fileno())
        if target.exists():
            with contextlib.suppress(OSError):  # keep the old file's permissions
                os.chmod(temporary, target.stat().st_mode & 0o7777)
        else:
            os.chmod(temporary, 0o666 & ~_umask())
        os.replace(temporary, target)
    except BaseException:  # an error or Ctrl-C: the old file (or nothing) stays
        with contextlib.suppress(FileNotFoundError):
            os.unlink(temporary)
        raise
    _fsync_folder(target.parent)


def write_text_atomic(path: str | Path, text: str, encoding: str = "utf-8") -> None:
    with atomic_output(path, "w", encoding) as stream:
        stream.write(text)


def write_bytes_atomic(path: str | Path, data: bytes) -> None:
    with atomic_output(path, "wb", None) as stream:
        stream.write(data)


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def _fsync_folder(folder: Path) -> None:
    """Make the rename itself durable (best effort: not every file system allows it)."""
    with contextlib.suppress(OSError):
        descriptor = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(descriptor)
        finally:
            os.close(descriptor)
