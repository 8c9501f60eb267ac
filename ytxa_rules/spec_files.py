"""Reading spec files and folders: bounded, and never outside the folder.

A spec folder may come from anyone (a province's shared drive, an unpacked archive). Its
`*.ytxa` entries are read only when they are regular files inside it: a symbolic link is
refused wherever it points (E007), so a link to the system's password file is never
opened, and a device or pipe is refused (E008) rather than read for ever. Inside links
are refused too: one rule, no file read twice under two names. A file named on the
command line is the caller's choice and may be a link, but it is read at most
`MAX_SPEC_FILE_BYTES` (+1) bytes, whatever it is.
"""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

from ytxa_rules.diagnostics import Diagnostic, error
from ytxa_rules.errors import SpecError
from ytxa_rules.limits import MAX_SPEC_FILE_BYTES, MAX_SPEC_FOLDER_BYTES, MAX_SPEC_FOLDER_FILES
from ytxa_rules.render.escape import one_line

SUFFIX = ".ytxa"
_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)
_NONBLOCK = getattr(os, "O_NONBLOCK", 0)
_BINARY = getattr(os, "O_BINARY", 0)


def _shown(path: Path) -> str:
    return one_line(str(path))


def folder_entries(folder: Path) -> list[Path]:
    """The folder's `*.ytxa` entries, sorted; more than MAX_SPEC_FOLDER_FILES is E005."""
    with os.scandir(folder) as entries:
        names = sorted(entry.name for entry in entries if entry.name.endswith(SUFFIX))
    if len(names) > MAX_SPEC_FOLDER_FILES:
        raise SpecError([error("E005", None, path=_shown(folder), limit=MAX_SPEC_FOLDER_FILES)])
    return [folder / name for name in names]


def read_at_most(fd: int, limit: int) -> bytes | None:
    """The file's bytes, or None past `limit`: at most `limit` + 1 bytes are ever read."""
    chunks, size = [], 0
    while size <= limit:
        chunk = os.read(fd, min(1 << 20, limit + 1 - size))
        if not chunk:
            break
        chunks.append(chunk)
        size += len(chunk)
    return None if size > limit else b"".join(chunks)


def _read_bounded(fd: int, path: Path) -> bytes:
    data = read_at_most(fd, MAX_SPEC_FILE_BYTES)
    if data is None:
        raise _Refused(error("E004", None, path=_shown(path), size=f"> {MAX_SPEC_FILE_BYTES}", limit=MAX_SPEC_FILE_BYTES))
    return data


class _Refused(Exception):
    def __init__(self, diagnostic: Diagnostic):
        super().__init__(diagnostic.code)
        self.diagnostic = diagnostic


def _open(path: Path, in_folder: bool) -> int:
    if in_folder:
        try:
            if stat.S_ISLNK(os.lstat(path).st_mode):
                raise _Refused(error("E007", None, path=_shown(path)))
        except FileNotFoundError:
            raise _Refused(error("E001", None, path=_shown(path))) from None
    flags = os.O_RDONLY | _BINARY | (_NOFOLLOW | _NONBLOCK if in_folder else 0)
    try:
        return os.open(path, flags)  # atomic: exempt (read only)
    except FileNotFoundError:
        raise _Refused(error("E001", None, path=_shown(path))) from None
    except OSError as exc:
        if in_folder and exc.errno == errno.ELOOP:  # became a link after the check above
            raise _Refused(error("E007", None, path=_shown(path))) from None
        raise _Refused(error("E003", None, path=_shown(path), reason=exc.strerror or str(exc))) from None


def read_bytes(path: Path, in_folder: bool = False) -> bytes:
    """The bytes of one spec file, or `_Refused` with the reason as a diagnostic."""
    fd = _open(path, in_folder)
    try:
        info = os.fstat(fd)
        if stat.S_ISDIR(info.st_mode):
            raise _Refused(error("E003", None, path=_shown(path), reason=os.strerror(errno.EISDIR)))
        if in_folder and not stat.S_ISREG(info.st_mode):
            raise _Refused(error("E008", None, path=_shown(path)))
        if stat.S_ISREG(info.st_mode) and info.st_size > MAX_SPEC_FILE_BYTES:
            raise _Refused(error("E004", None, path=_shown(path), size=info.st_size, limit=MAX_SPEC_FILE_BYTES))
        if in_folder and _NONBLOCK:
            os.set_blocking(fd, True)
        try:
            return _read_bounded(fd, path)
        except OSError as exc:
            raise _Refused(error("E003", None, path=_shown(path), reason=exc.strerror or str(exc))) from None
    finally:
        os.close(fd)


def decode(data: bytes, path: Path) -> str:
    try:
        return data.decode("utf-8")  # as written: no newline translation
    except UnicodeDecodeError as exc:
        raise _Refused(error("E002", None, path=_shown(path), position=exc.start)) from None


def read_spec_file(path: str | Path) -> str:
    """The text of a spec file named by the caller; `SpecError` if it cannot be used."""
    path = Path(path)
    try:
        return decode(read_bytes(path), path)
    except _Refused as refused:
        raise SpecError([refused.diagnostic]) from None


def read_spec_files(paths: list[tuple[Path, bool]]) -> tuple[list[tuple[Path, str]], list[Diagnostic]]:
    """Texts of many files (`True`: an entry of a folder), and a diagnostic per refusal.

    Entries of folders count towards MAX_SPEC_FOLDER_BYTES per folder (E006).
    """
    texts: list[tuple[Path, str]] = []  # a file given twice is read twice (and reported as such)
    problems: list[Diagnostic] = []
    folder_bytes: dict[Path, int] = {}
    for path, in_folder in paths:
        try:
            data = read_bytes(path, in_folder)
            if in_folder:
                total = folder_bytes[path.parent] = folder_bytes.get(path.parent, 0) + len(data)
                if total > MAX_SPEC_FOLDER_BYTES:
                    problems.append(error("E006", None, path=_shown(path.parent), limit=MAX_SPEC_FOLDER_BYTES))
                    break
            texts.append((path, decode(data, path)))
        except _Refused as refused:
            problems.append(refused.diagnostic)
    return texts, problems
