"""The HTML pages in a real browser: Debian's Chromium, driven by Playwright.

Never skipped: without /usr/bin/chromium these tests fail (CI installs it, `.ci/run`); the
browser is the session's one (tests/browser/conftest.py), shared by every page test.
Pages are written by the CLI as a user would, opened from files, and must make no
request of their own (no CDN, no web font). Screenshots go to docs/assets/.
"""

from __future__ import annotations

import io
import re
from pathlib import Path
from typing import Any

import pytest

from ytxa_rules.cli import main

REPO = Path(__file__).resolve().parents[2]
ASSETS = REPO / "docs" / "assets"


@pytest.fixture(scope="module")
def pages(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The batch page of the Nam Định plan with its station pages, and one explanation page."""
    root = tmp_path_factory.mktemp("html")
    report = root / "bao-cao.html"
    out, err = io.StringIO(), io.StringIO()
    code = main(["plan", "139/KH-UBND", str(REPO / "examples" / "nam-dinh-2026"), "--format", "html",
                 "-o", str(report), "--pages", str(root / "tram")], out, err)
    assert code == 0, err.getvalue()
    station = root / "xa-diem-liet.html"
    out = io.StringIO()
    assert main(["explain", str(REPO / "examples" / "xa-diem-liet.yaml"), "--format", "html"], out, err) == 0, err.getvalue()
    station.write_text(out.getvalue(), encoding="utf-8")
    return {"batch": report, "station": station, "folder": root / "tram"}


class Watch:
    """Every request a page makes and every console complaint (a CSP violation is one)."""

    def __init__(self, page: Any):
        self.requests: list[str] = []
        self.console: list[str] = []
        page.on("request", lambda request: self.requests.append(request.url))
        page.on("console", lambda message: self.console.append(message.text) if message.type in ("error", "warning") else None)

    def assert_offline(self, allowed: str) -> None:
        foreign = [url for url in self.requests if not url.startswith(allowed)]
        assert not foreign, f"the page requested {foreign}"
        assert not self.console, f"console errors: {self.console}"


def _open(browser: Any, path: Path) -> tuple[Any, Watch]:
    page = browser.new_page(viewport={"width": 1100, "height": 1400})
    watch = Watch(page)
    page.goto(path.as_uri())
    return page, watch


def test_station_page_shows_the_explanation_and_the_chart(browser: Any, pages: dict[str, Path]) -> None:
    page, watch = _open(browser, pages["station"])
    body = page.inner_text("body")
    assert "Xã Yên Bình" in body and "KHÔNG ĐẠT" in body
    assert "Chỉ tiêu điểm liệt bị 0 điểm: 22" in body
    assert "Chỉ tiêu 22. Giám sát, báo cáo và kiểm soát dịch bệnh" in body
    assert "dữ kiện co_dich_lon_khong_kiem_soat" in body  # facts read, as in the text explanation
    assert "tạm định" in body  # provisional marks
    bars = page.locator("svg.criterion-chart g.criterion-bar")
    assert bars.count() == 10
    widths = [float(w) for w in page.eval_on_selector_all("svg.criterion-chart rect.bar-pass, svg.criterion-chart rect.bar-fail", "rs => rs.map(r => r.getAttribute('width'))")]
    assert len(widths) == 10 and all(w > 0 for w in widths)
    assert page.locator("svg.criterion-chart line.half").count() == 1
    assert page.locator("svg.criterion-chart text", has_text="13/14").count() == 1
    ASSETS.mkdir(exist_ok=True)
    page.screenshot(path=str(ASSETS / "html-station.png"), full_page=False)
    watch.assert_offline(pages["station"].as_uri())
    page.close()


def _column(page: Any, index: int) -> list[str]:
    return list(page.eval_on_selector_all(f"table.stations tbody tr td:nth-child({index})", "cells => cells.map(c => c.textContent.trim())"))


def test_batch_page_sorts_links_and_reports_the_plan(browser: Any, pages: dict[str, Path]) -> None:
    page, watch = _open(browser, pages["batch"])
    body = page.inner_text("body")
    assert "Kế hoạch: 139/KH-UBND" in body
    assert "7 / 10 × 100 = 70 %" in body
    assert "cần thêm 2 xã đạt chuẩn" in body
    assert "Xã Đông Hợp (12412)" in body  # outside the plan's area, and said so
    assert page.locator("svg.progress-chart line.tick").count() == 2
    header = page.locator("table.stations thead th", has_text="Điểm").first
    header.locator("button").click()
    totals = [int(t) for t in _column(page, 5)]
    assert totals == sorted(totals) and header.get_attribute("aria-sort") == "ascending"
    header.locator("button").click()
    assert [int(t) for t in _column(page, 5)] == sorted(totals, reverse=True)
    page.locator("table.stations thead th", has_text="Tên").first.locator("button").click()
    names = _column(page, 2)
    assert names[0].startswith("Phường") and names[-1].startswith("Xã Yên Thọ")  # Vietnamese order: P < T < X; Yên Bình < Yên Thọ
    page.screenshot(path=str(ASSETS / "html-batch.png"), full_page=False)
    watch.assert_offline(pages["batch"].parent.as_uri())
    link = page.locator("table.stations a", has_text="Xã Yên Phú")
    link.click()
    page.wait_for_load_state()
    assert "Xã Yên Phú" in page.inner_text("h1") and page.url.startswith(pages["folder"].as_uri())
    watch.assert_offline(pages["batch"].parent.as_uri())
    page.close()


def test_batch_page_prints_on_a4(browser: Any, pages: dict[str, Path]) -> None:
    page, _ = _open(browser, pages["batch"])
    pdf = page.pdf(format="A4", print_background=True, prefer_css_page_size=True)
    assert pdf.startswith(b"%PDF")
    boxes = re.findall(rb"/MediaBox\s*\[\s*0 0 ([\d.]+) ([\d.]+)\s*\]", pdf)
    assert boxes, "no page size in the PDF"
    for width, height in boxes:
        assert abs(float(width) - 595.3) < 2 and abs(float(height) - 841.9) < 2, (width, height)
    page.close()
