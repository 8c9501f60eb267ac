"""`ytxa`: argument parsing only; every command calls the library API an embedder would.

Each command lives in its own module under `ytxa_rules.cli` and exposes `COMMANDS`, a
tuple of `Command` records; this module only assembles the parser from them and maps
errors to exit codes. Adding a command is one new module plus one name in `MODULES`.

Exit codes: 0 success; 1 findings (check errors, fmt --check differences);
2 bad input (unreadable or invalid spec or facts, bad arguments).
"""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence
from typing import TextIO

from ytxa_rules import __version__
from ytxa_rules.cli.common import BAD_INPUT, OK, Command
from ytxa_rules.errors import YtxaError

# Command modules, in the order `ytxa --help` lists them.
MODULES = ("score", "check", "diff", "docs", "fmt", "batch", "template", "impact", "plan", "gap", "serve", "users", "history", "spec_test")


def _commands() -> list[Command]:
    found: list[Command] = []
    for name in MODULES:
        found.extend(importlib.import_module(f"ytxa_rules.cli.{name}").COMMANDS)
    return found


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="ytxa", description="Bộ tiêu chí quốc gia về y tế xã — chấm điểm, giải thích, kiểm tra.")
    parser.add_argument("--version", action="version", version=f"ytxa-rules {__version__}")
    subparsers = parser.add_subparsers(dest="command", required=True)
    for command in _commands():
        sub = subparsers.add_parser(command.name, help=command.help)
        command.configure(sub)
        sub.set_defaults(_run=command.run)
    return parser


def main(argv: Sequence[str] | None = None, out: TextIO | None = None, err: TextIO | None = None) -> int:
    out = out or sys.stdout
    err = err or sys.stderr
    args = _parser().parse_args(argv)
    lang = getattr(args, "lang", "vi")
    try:
        code: int = args._run(args, out, err)
        return code
    except YtxaError as exc:
        print(exc.render(lang), file=err)
        return BAD_INPUT
    except BrokenPipeError:  # `ytxa explain … | head`
        return OK


def main_entry() -> None:
    """Console-script entry point: exit with `main`'s code."""
    sys.exit(main())
