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
from ytxa_rules.cli import common
from ytxa_rules.cli.common import BAD_INPUT, OK, Command
from ytxa_rules.errors import YtxaError

# Command modules, in the order `ytxa --help` lists them.
MODULES = ("score", "check", "diff", "docs", "fmt", "batch", "template", "impact", "plan", "gap", "serve", "users", "history", "spec_test", "spec_manifest")


# Commands whose module is named otherwise; every other command lives in the module of
# its name. Only the chosen command's module is imported (start-up stays short);
# `ytxa --help` and an unknown command import them all.
COMMAND_MODULES = {"eval": "score", "explain": "score"}


def _commands(only: str | None = None) -> list[Command]:
    """Every command, or (when its module is known without importing the others) just `only`."""
    modules: Sequence[str] = MODULES
    if only is not None:
        module = COMMAND_MODULES.get(only, only.replace("-", "_"))
        if module in MODULES:
            modules = (module,)
    found: list[Command] = []
    for name in modules:
        found.extend(importlib.import_module(f"ytxa_rules.cli.{name}").COMMANDS)
    if only is not None and not any(c.name == only for c in found):
        return _commands()
    return found


def _chosen(argv: Sequence[str]) -> str | None:
    """The command named on the command line: the first word that is not an option."""
    for word in argv:
        if word == "--":
            return None
        if not word.startswith("-"):
            return word
    return None


def _parser(argv: Sequence[str] | None = None) -> argparse.ArgumentParser:
    """The parser of every command; given the command line, of the command it names only."""
    parser = argparse.ArgumentParser(prog="ytxa", description="Bộ tiêu chí quốc gia về y tế xã — chấm điểm, giải thích, kiểm tra.")
    parser.add_argument("--version", action="version", version=f"ytxa-rules {__version__}")
    subparsers = parser.add_subparsers(dest="command", required=True)
    chosen = _chosen(argv) if argv is not None else None
    for command in _commands(chosen):
        sub = subparsers.add_parser(command.name, help=command.help)
        command.configure(sub)
        sub.set_defaults(_run=command.run)
    return parser


def main(argv: Sequence[str] | None = None, out: TextIO | None = None, err: TextIO | None = None) -> int:
    out = out or sys.stdout
    err = err or sys.stderr
    words = list(sys.argv[1:] if argv is None else argv)
    args = _parser(words).parse_args(words)
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
    common.FREEZE_AFTER_LOAD = True
    sys.exit(main())
