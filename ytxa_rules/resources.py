"""Where the grammar and the built-in specs live, installed or in a source checkout.

The wheel carries them under `ytxa_rules/_data/`; a source checkout (or an editable
install) keeps them at the top of the repository, where policy editors find them.
"""

from __future__ import annotations

from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent


def _data_dir(name: str) -> Path:
    installed = _PACKAGE / "_data" / name
    if installed.is_dir():
        return installed
    return _PACKAGE.parent / name


def grammar_path() -> Path:
    return _data_dir("grammar") / "criteria.lark"


def builtin_specs_dir() -> Path:
    """The folder of the national criteria and their amendments."""
    return _data_dir("criteria_specs")


def examples_dir() -> Path:
    """The example station files (`examples/` in a checkout; shipped in the wheel)."""
    return _data_dir("examples")
