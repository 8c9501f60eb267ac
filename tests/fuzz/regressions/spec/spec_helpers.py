"""A small spec around one rule, written to a folder, for the regression tests here."""

from __future__ import annotations

import io
from pathlib import Path

from ytxa_rules.cli import main

HEADER = """\
document "HỒI-QUY"
  title "Hồi quy"
  effective 2024-01-01
  total {total}
"""
RECOGNITION = """
recognition "Đạt"
  cite "HQ, Điều 2"
  require total >= 50% of max
"""


def spec_text(declarations: str, rule: str, maximum: int = 2, extra: str = "") -> str:
    """One criterion, one indicator scored by `rule`, after `declarations`."""
    return (
        HEADER.format(total=maximum)
        + declarations
        + f'\ncriterion 1 "Thử" max {maximum}\n'
        + f'  indicator 1 "Thử" max {maximum} confirmed\n    cite "HQ, Điều 1"\n    {rule}\n'
        + extra
        + RECOGNITION
    )


def write_spec(folder: Path, text: str, name: str = "spec.ytxa") -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def run(*args: str) -> tuple[int, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main(list(args), out=out, err=err)
    return code, out.getvalue() + err.getvalue()
