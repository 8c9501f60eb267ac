"""`ytxa fmt`: rewrite spec files in canonical layout, or report (`--check`, `--diff`).

Files are written only after every file has been read and formatted, so a file that
does not parse leaves all of them untouched. Inside a folder, symbolic links are
skipped with a notice (U010): following one could rewrite a file outside the folder.
"""

from __future__ import annotations

import argparse
import difflib
import os
import re
import stat
import sys
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import TextIO

from ytxa_rules.atomic import check_target, write_text_atomic
from ytxa_rules.cli.common import FINDINGS, OK, Command, lang_option
from ytxa_rules.diagnostics import error, warning
from ytxa_rules.errors import UsageError
from ytxa_rules.library import PLANS_FOLDER
from ytxa_rules.messages import render_diagnostics
from ytxa_rules.messages.commands import COMMAND_WORDS
from ytxa_rules.messages.texts import pick
from ytxa_rules.render.escape import for_terminal, one_line
from ytxa_rules.syntax.formatter import format_text


def _configure(fmt: argparse.ArgumentParser) -> None:
    fmt.add_argument("paths", nargs="+", metavar="PATH", help="spec files or folders; - for standard input")
    fmt.add_argument("--check", action="store_true", help="only report files that are not formatted (exit 1)")
    fmt.add_argument("--diff", action="store_true", help="print what would change")
    lang_option(fmt)


def _spec_files(paths: Sequence[str], lang: str, err: TextIO) -> Iterator[Path]:
    """The files named, and the real `*.ytxa` files of the folders named (links skipped)."""
    for path in map(Path, paths):
        if not path.is_dir():
            yield path
            continue
        plans = path / PLANS_FOLDER  # plan files live beside the criteria, one level down
        entries = sorted(path.glob("*.ytxa"))
        if plans.is_dir() and not plans.is_symlink():
            entries += sorted(plans.glob("*.ytxa"))
        for entry in entries:
            if entry.is_symlink():
                print(render_diagnostics([warning("U010", None, path=one_line(str(entry)))], lang), file=err)
            elif entry.is_file():
                yield entry


def _read(path: Path) -> str:
    try:
        mode = os.stat(path).st_mode
        if not stat.S_ISREG(mode):  # a device or a pipe could be read forever
            raise UsageError([error("U012", None, path=one_line(str(path)))])
        return path.read_bytes().decode("utf-8")
    except FileNotFoundError:
        raise UsageError([error("E001", None, path=str(path))]) from None
    except UnicodeDecodeError as exc:
        raise UsageError([error("E002", None, path=str(path), position=exc.start)]) from None
    except OSError as exc:
        raise UsageError([error("E003", None, path=str(path), reason=exc.strerror or str(exc))]) from None


def _read_stdin() -> str:
    """Standard input as bytes, decoded like a spec file (no newline translation, E002)."""
    buffer = getattr(sys.stdin, "buffer", None)
    if buffer is None:  # a text stream without bytes underneath (an embedder's StringIO)
        return sys.stdin.read()
    data = buffer.read()
    try:
        return str(data.decode("utf-8"))
    except UnicodeDecodeError as exc:
        raise UsageError([error("E002", None, path="<stdin>", position=exc.start)]) from None


def _lines(text: str) -> list[str]:
    """Lines as the parser counts them: only "\n" ends one (not "\r", "\x0c", "\u2028", …)."""
    return re.findall(r"[^\n]*\n|[^\n]+\Z", text)


def _diff_lines(original: str, formatted: str, path: Path) -> Iterator[str]:
    """A unified diff, its text shown safely on a terminal. Line ends are kept as they are
    ("\n", "\r\n"); a "\r" that ends no line (old Mac files) is shown escaped, like any control."""
    name = one_line(str(path))
    for line in difflib.unified_diff(_lines(original), _lines(formatted), name, f"{name} (fmt)"):
        body, end = (line[:-1], "\n") if line.endswith("\n") else (line, "\n\\ No newline at end of file\n")
        if end == "\n" and body.endswith("\r"):
            body, end = body[:-1], "\r\n"
        yield for_terminal(body) + end


def _fmt(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    if args.paths == ["-"]:
        out.write(format_text(_read_stdin(), "<stdin>"))
        return OK
    rewrite = not args.check and not args.diff
    changed: list[tuple[Path, str]] = []
    for path in _spec_files(args.paths, args.lang, err):
        original = _read(path)
        formatted = format_text(original, str(path))
        if formatted == original:
            continue
        changed.append((path, formatted))
        if args.diff:
            out.writelines(_diff_lines(original, formatted, path))
    if rewrite:
        for path, _ in changed:  # refuse a link or a missing folder before writing anything
            check_target(path)
        for path, formatted in changed:
            write_text_atomic(path, formatted)
    for path, _ in changed:
        verb = pick(COMMAND_WORDS, "fmt.rewritten" if rewrite else "fmt.unformatted", args.lang)
        print(f"{one_line(str(path))}: {verb}", file=err)
    return FINDINGS if changed and not rewrite else OK


COMMANDS = (Command("fmt", "rewrite spec files in canonical layout", _configure, _fmt),)
