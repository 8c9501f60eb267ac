"""Finding and reading test files and examples: bounded, never through a link.

A tests folder travels with a spec folder (a shared drive, an archive), so it is read by
the rules of `ytxa_rules.spec_files`: its entries only when they are regular files inside
it (a symbolic link is refused wherever it points, a device or pipe is refused rather
than read for ever), each at most `SPEC_TEST_FILE_BYTES`. An example is named by its
file name only, so a test can never read a file outside its folder or the built-in
examples.
"""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

from ytxa_rules.diagnostics import Diagnostic, error
from ytxa_rules.limits import MAX_SPEC_FOLDER_FILES, SPEC_TEST_FILE_BYTES
from ytxa_rules.render.escape import one_line
from ytxa_rules.resources import examples_dir
from ytxa_rules.spec_files import read_at_most

SUFFIXES = (".yaml", ".yml")
_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)
_NONBLOCK = getattr(os, "O_NONBLOCK", 0)
_BINARY = getattr(os, "O_BINARY", 0)


class Refused(Exception):
    """A file that cannot be used, with the reason as a diagnostic."""

    def __init__(self, diagnostic: Diagnostic):
        super().__init__(diagnostic.code)
        self.diagnostic = diagnostic


def _shown(path: Path) -> str:
    return one_line(str(path))


def test_files(path: Path) -> list[Path]:
    """A folder's `*.yaml` / `*.yml` entries, sorted (no subfolders); a file as itself."""
    if not path.is_dir():
        return [path]
    with os.scandir(path) as entries:
        names = sorted(e.name for e in entries if e.name.endswith(SUFFIXES) and not e.name.startswith("."))
    if len(names) > MAX_SPEC_FOLDER_FILES:
        names = names[:MAX_SPEC_FOLDER_FILES]  # the folder limit of specs: more is not read
    return [path / name for name in names]


def read_text(path: Path, in_folder: bool) -> str:
    """The UTF-8 text of a test file or example; `Refused` if it cannot be used.

    `in_folder`: an entry found in a folder (or an example), so a link is refused; a file
    named on the command line is the caller's choice, but still read at most the limit.
    """
    if in_folder:
        try:
            if stat.S_ISLNK(os.lstat(path).st_mode):
                raise Refused(error("E713", None, path=_shown(path)))
        except FileNotFoundError:
            raise Refused(error("E717", None, path=_shown(path), reason=os.strerror(errno.ENOENT))) from None
    flags = os.O_RDONLY | _BINARY | (_NOFOLLOW | _NONBLOCK if in_folder else 0)
    try:
        fd = os.open(path, flags)  # atomic: exempt (read only)
    except OSError as exc:
        if in_folder and exc.errno == errno.ELOOP:
            raise Refused(error("E713", None, path=_shown(path))) from None
        raise Refused(error("E717", None, path=_shown(path), reason=exc.strerror or str(exc))) from None
    try:
        info = os.fstat(fd)
        if stat.S_ISDIR(info.st_mode) or (in_folder and not stat.S_ISREG(info.st_mode)):
            raise Refused(error("E714", None, path=_shown(path)))
        if in_folder and _NONBLOCK:
            os.set_blocking(fd, True)
        data = read_at_most(fd, SPEC_TEST_FILE_BYTES)
    except OSError as exc:
        raise Refused(error("E717", None, path=_shown(path), reason=exc.strerror or str(exc))) from None
    finally:
        os.close(fd)
    if data is None:
        raise Refused(error("E715", None, path=_shown(path), limit=SPEC_TEST_FILE_BYTES))
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise Refused(error("E720", None, path=_shown(path))) from None


def example_places(test_file: Path) -> list[Path]:
    """Where an example named in a test file is looked for: the file's folder, then the built-in examples."""
    return [test_file.parent, examples_dir()]


def find_example(name: str, test_file: Path) -> Path | None:
    for folder in example_places(test_file):
        candidate = folder / name
        if os.path.lexists(candidate):
            return candidate
    return None


def plain_name(name: str) -> bool:
    """A bare file name: no folder, no `..`, nothing hidden."""
    return bool(name) and "/" not in name and "\\" not in name and not name.startswith(".") and "\x00" not in name
