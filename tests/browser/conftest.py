"""Headless Chromium (Debian's /usr/bin/chromium) driven by Playwright. Nothing skips: a
missing browser fails the test, saying how to install it (`.ci/run` does)."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

CHROMIUM = "/usr/bin/chromium"
# As /work/.library/env/machines/python.md says: root needs --no-sandbox, and the closed
# network wants no background connections.
FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
REPO = Path(__file__).resolve().parents[2]
ASSETS = REPO / "docs" / "assets"


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    if not Path(CHROMIUM).exists():
        pytest.fail("Chromium is needed for the browser tests: `apt-get install -y chromium` (.ci/run does)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:  # Playwright gives each launch a new, empty profile
        launched = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=FLAGS)
        yield launched
        launched.close()


class Shots:
    """Screenshots of a run; with YTXA_UPDATE_SCREENSHOTS=1 they also replace docs/assets/service-*.png."""

    def __init__(self, folder: Path):
        self.folder = folder
        self.taken: list[Path] = []

    def take(self, page: Any, name: str, full_page: bool = True) -> Path:
        path = self.folder / f"service-{name}.png"
        page.screenshot(path=str(path), full_page=full_page)
        assert path.stat().st_size > 5000
        self.taken.append(path)
        if os.environ.get("YTXA_UPDATE_SCREENSHOTS") == "1":
            shutil.copyfile(path, ASSETS / path.name)
        return path


@pytest.fixture
def shots(tmp_path: Path) -> Shots:
    folder = Path(os.environ.get("YTXA_SCREENSHOTS", tmp_path))
    folder.mkdir(parents=True, exist_ok=True)
    return Shots(folder)
