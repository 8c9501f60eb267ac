"""`ytxa fmt`: rewrite spec files in canonical layout, or report (`--check`, `--diff`)."""

from __future__ import annotations

import argparse
import difflib
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TextIO

from ytxa_rules.atomic import write_text_atomic
from ytxa_rules.cli.common import FINDINGS, OK, Command, lang_option
from ytxa_rules.diagnostics import error
from ytxa_rules.errors import UsageError
from ytxa_rules.library import spec_files
from ytxa_rules.syntax.formatter import format_text


def _configure(fmt: argparse.ArgumentParser) -> None:
    fmt.add_argument("paths", nargs="+", metavar="PATH", help="spec files or folders; - for standard input")
    fmt.add_argument("--check", action="store_true", help="only report files that are not formatted (exit 1)")
    fmt.add_argument("--diff", action="store_true", help="print what would change")
    lang_option(fmt)


def _spec_files(paths: Sequence[str]) -> list[Path]:
    files: list[Path] = []
    for path in map(Path, paths):
        files.extend(spec_files(path) if path.is_dir() else [path])
    return files


def _fmt(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    if args.paths == ["-"]:
        out.write(format_text(sys.stdin.read(), "<stdin>"))
        return OK
    unformatted = []
    for path in _spec_files(args.paths):
        try:
            original = path.read_bytes().decode("utf-8")
        except FileNotFoundError:
            raise UsageError([error("E001", None, path=str(path))]) from None
        except UnicodeDecodeError as exc:
            raise UsageError([error("E002", None, path=str(path), position=exc.start)]) from None
        except OSError as exc:
            raise UsageError([error("E003", None, path=str(path), reason=exc.strerror or str(exc))]) from None
        formatted = format_text(original, str(path))
        if formatted == original:
            continue
        unformatted.append(path)
        if args.diff:
            out.writelines(difflib.unified_diff(original.splitlines(True), formatted.splitlines(True), str(path), f"{path} (fmt)"))
        if not args.check and not args.diff:
            write_text_atomic(path, formatted)
    for path in unformatted:
        verb = ("chưa đúng định dạng" if args.lang == "vi" else "not formatted") if args.check or args.diff else ("đã định dạng lại" if args.lang == "vi" else "reformatted")
        print(f"{path}: {verb}", file=err)
    return FINDINGS if unformatted and (args.check or args.diff) else OK


COMMANDS = (Command("fmt", "rewrite spec files in canonical layout", _configure, _fmt),)
