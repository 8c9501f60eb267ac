"""`ytxa batch … -o report.html` in a real browser: the roll-up, the plan targets, the links.

A province-like workbook (stations of Nam Định over several districts, one bad cell) is
scored by the CLI as a user would; the report and its folder of station pages are opened
from files in Debian's Chromium and must make no request outside that folder. The
screenshot is docs/assets/batch-report.png.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from reference.stations import random_stations

from tests.batch.sheets import NAMES, run, station_rows, write_xlsx
from ytxa_rules.batch.html_out import pages_folder

ASSETS = Path(__file__).resolve().parents[2] / "docs" / "assets"
STATIONS = 40


def _report(tmp_path: Path) -> tuple[Path, list[dict[str, Any]]]:
    stations = random_stations(STATIONS, seed=1300)
    for n, s in enumerate(stations):
        s["tinh"], s["huyen"] = "Nam Định", ["Ý Yên", "Vụ Bản", "Nghĩa Hưng"][n % 3]
    rows = station_rows(stations)
    rows[4][NAMES.index("dan_so")] = "nhiều"  # sheet row 6: a word in a count
    book = write_xlsx(tmp_path / "xa-2024.xlsx", NAMES, rows)
    report = tmp_path / "bao-cao.html"
    code, _, err = run("batch", str(book), "-o", str(report))
    assert code == 2, err  # one rejected row; every other row is scored and in the report
    return report, stations


def test_batch_report_with_rollup_plan_and_station_pages(browser: Any, tmp_path: Path) -> None:
    report, stations = _report(tmp_path)
    folder = pages_folder(report)
    assert folder.is_dir() and len(list(folder.glob("*.html"))) == STATIONS - 1
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".")]  # no staging folder left
    page = browser.new_page(viewport={"width": 1280, "height": 1500})
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    console: list[str] = []
    page.on("console", lambda message: console.append(message.text) if message.type in ("error", "warning") else None)
    page.goto(report.as_uri())
    rollup = page.locator("#rollup")
    assert rollup.is_visible()
    groups = page.inner_text("#rollup-groups")
    assert "Nam Định" in groups and "Ý Yên" in groups and "Vụ Bản" in groups
    errors = page.inner_text("#rollup-errors")
    assert "F005" in errors and "nhiều" in errors and "dan_so" in errors
    assert page.locator("#rollup-closest tbody tr").count() >= 1 or "—" in page.inner_text("#rollup-closest")
    assert "139/KH-UBND" in page.inner_text("body")  # the shipped plan whose area holds these stations
    assert page.locator("table.stations tbody tr").count() == STATIONS - 1
    passed = sum(1 for s in stations[:4] + stations[5:] if s)  # every good row is a table row
    assert passed == STATIONS - 1
    ASSETS.mkdir(exist_ok=True)
    page.screenshot(path=str(ASSETS / "batch-report.png"), full_page=False)
    first = page.locator("table.stations a").first
    name = first.inner_text()
    first.click()
    page.wait_for_load_state()
    assert page.url.startswith(folder.as_uri()) and name in page.inner_text("h1, header")
    assert page.locator("svg.criterion-chart").count() == 1
    page.go_back()
    assert not [url for url in requests if not url.startswith(tmp_path.as_uri())], requests
    assert not console, console
    page.close()


def test_an_interrupted_html_report_keeps_the_old_one(tmp_path: Path, monkeypatch: Any) -> None:
    """Ctrl-C in the middle: the previous page and folder stay as they were, no staging folder remains."""
    from ytxa_rules.batch import html_out

    book = write_xlsx(tmp_path / "xa.xlsx", NAMES, station_rows(random_stations(4, seed=5)))
    old_page, old_folder = tmp_path / "r.html", tmp_path / "r-tram"
    old_page.write_text("cũ", encoding="utf-8")
    old_folder.mkdir()
    (old_folder / "001-cu.html").write_text("cũ", encoding="utf-8")
    add = html_out.HtmlWriter.add
    seen: list[int] = []

    def interrupted(self: Any, station: Any, result: Any) -> None:
        seen.append(1)
        if len(seen) == 3:
            raise KeyboardInterrupt
        add(self, station, result)

    monkeypatch.setattr(html_out.HtmlWriter, "add", interrupted)
    code, _, _ = run("batch", str(book), "-o", str(old_page))
    assert code == 130
    assert old_page.read_text(encoding="utf-8") == "cũ" and [p.name for p in old_folder.iterdir()] == ["001-cu.html"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["r-tram", "r.html", "xa.xlsx"]
