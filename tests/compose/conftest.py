"""Spec folders with one extra amendment file, and a station to score on both sides of its date."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

import ytxa_rules
from ytxa_rules.resources import builtin_specs_dir

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


def header(number: str = "25/2025/QĐ-BYT", effective: str = "2025-07-01", extra: str = "") -> str:
    return (
        f'amendment "{number}"\n  title "Thử"\n  amends "1300/QĐ-BYT"\n  issued 2025-06-20\n'
        f'  effective {effective}\n  reason "thử nghiệm"\n{extra}\n'
    )


@pytest.fixture
def specs_with(tmp_path: Path) -> Callable[..., ytxa_rules.Spec]:
    """`specs_with(text, …)`: the built-in specs plus amendment files with these texts."""

    def make(*texts: str) -> ytxa_rules.Spec:
        folder = tmp_path / "specs"
        if folder.exists():
            shutil.rmtree(folder)
        shutil.copytree(builtin_specs_dir(), folder)
        for index, text in enumerate(texts):
            (folder / f"sua-doi-{index}.ytxa").write_text(text, encoding="utf-8")
        return ytxa_rules.load(folder)

    return make


@pytest.fixture
def station() -> dict[str, Any]:
    facts, _ = ytxa_rules.read_facts(EXAMPLES / "xa-dat-chuan.yaml")
    return dict(facts)
