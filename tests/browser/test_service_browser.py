"""The dashboard in a real browser, as the province's staff use it.

A data officer signs in and uploads a workbook of stations (one cell is bad); the province page
shows the chart and the communes; the appraiser appraises and records recognition; the
policy editor types a broken amendment and sees the diagnostic, then previews its impact.
Every step saves a screenshot (docs/assets/service-*.png with YTXA_UPDATE_SCREENSHOTS=1).
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

from tests.batch.sheets import write_xlsx, xlsx_value
from tests.service.servers import Server, add_user, station


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Any:
    server = Server(Path(tmp_path_factory.mktemp("browser")))
    for name, role in (("can-bo", "data_officer"), ("tham-dinh", "appraiser"), ("soan-thao", "policy_editor")):
        add_user(server.database, name, role, "Nam Định", password=f"{name}-mat-khau")
    with server.client(server.token) as admin:
        targets = {"source": "139/KH-UBND", "targets": {"2023": "40", "2024": "60", "2025": "80", "2026": "90"}}
        assert admin.put("/v1/provinces/nam-dinh/targets", json=targets).status_code == 200
        earlier = [station(f"2023-{n}", year=2023, area=["Ý Yên", "Vụ Bản", "Nghĩa Hưng"][n % 3]) for n in range(5)]
        for facts in earlier:
            record = admin.post("/v1/assessments", json=facts).json()
            admin.post(f"/v1/assessments/{record['id']}/appraise")
            if facts["ma_xa"] != "2023-4":
                admin.post(f"/v1/assessments/{record['id']}/recognise")
    yield server
    server.stop()


def sign_in(page: Any, site: Server, name: str) -> None:
    page.goto(site.url + "/login")
    page.fill("input[name=name]", name)
    page.fill("input[name=secret]", f"{name}-mat-khau")
    page.click("button[type=submit]")
    page.wait_for_load_state()


def sign_out(page: Any) -> None:
    page.click("form[action='/logout'] button")
    page.wait_for_url(re.compile(r"/login"))


def test_upload_dashboard_appraisal_and_amendment_editor(browser: Any, site: Server, shots: Any, tmp_path: Path) -> None:
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="vi-VN")
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))

    # 1. a data officer signs in and uploads the year's stations
    page.goto(site.url + "/ui/upload")
    assert "/login" in page.url
    shots.take(page, "login")
    sign_in(page, site, "can-bo")
    page.goto(site.url + "/ui/upload")
    names = ["Yên Thọ", "Yên Bằng", "Yên Tiến", "Kim Thái", "Trung Thành", "Quang Trung"]
    rows: list[Any] = [station(f"13{n:03d}", area=["Ý Yên", "Vụ Bản", "Nghĩa Hưng"][n % 3], ten_xa=f"Xã {name}") for n, name in enumerate(names)]
    rows[3] = station("13003", area="Vụ Bản", ten_xa="Xã Kim Thái", base="xa-diem-liet")
    rows.insert(2, station("13999", ten_xa="Xã Lỗi", so_bac_si_co_huu="hai"))
    header = list(rows[0])
    upload = write_xlsx(tmp_path / "xa-nam-dinh-2024.xlsx", header, [[xlsx_value(n, r.get(n)) for n in header] for r in rows])  # a filled workbook
    page.set_input_files("input[type=file]", str(upload))
    page.click("form.upload button[type=submit]")
    page.wait_for_selector("#outcome")
    outcome = page.inner_text("#outcome")
    assert "7 dòng: đã lưu 6" in outcome and "1 dòng lỗi" in outcome
    bad = page.inner_text("tr.bad")
    column = chr(ord("A") + header.index("so_bac_si_co_huu")) if header.index("so_bac_si_co_huu") < 26 else None
    assert bad.startswith("4") and "so_bac_si_co_huu" in bad and "F005" in bad and "= hai" in bad  # sheet row 4, with its cell
    assert column is None or f"{column}4" in bad
    shots.take(page, "upload")

    # 2. the province page: the chart against the target line and the table of communes
    page.goto(site.url + "/ui/")
    page.wait_for_url(re.compile(r"/ui/provinces/nam-dinh"))
    assert page.locator("svg rect.bar").count() == 2 and page.locator("svg circle.target").count() == 4
    assert page.locator("#communes tbody tr").count() == 11
    page.select_option("select[name=verdict]", "not_passed")
    page.click("form.filters button")
    page.wait_for_load_state()
    assert page.locator("#communes tbody tr").count() == 1 and "Kim Thái" in page.inner_text("#communes")
    sign_out(page)

    # 3. the appraiser appraises a commune, then records its recognition on the commune page
    sign_in(page, site, "tham-dinh")
    page.goto(site.url + "/ui/appraisal")
    assert page.locator("#waiting tbody tr").count() == 7
    shots.take(page, "appraisal")
    row = page.locator("#waiting tbody tr", has_text="Yên Thọ")
    row.locator("form[action$='/appraise'] button").click()
    page.wait_for_url(re.compile(r"done=appraise"))
    assert "Đã thẩm định" in page.inner_text("main")
    page.goto(site.url + "/ui/communes/13000")
    page.click("form[action$='/recognise'] button")
    page.wait_for_load_state()
    assert "đã công nhận" in page.inner_text("section.year h2")
    assert "Tiêu chí" in page.inner_text("pre.explanation")
    shots.take(page, "commune")
    page.goto(site.url + "/ui/provinces/nam-dinh")
    assert "1/6" not in page.inner_text("main")  # shares are percentages, not ratios
    bars = page.locator("svg rect.bar")
    assert bars.count() == 2 and float(bars.nth(1).get_attribute("height") or 0) > 0
    shots.take(page, "province")
    sign_out(page)

    # 4. the policy editor: composed criteria, a broken amendment with its live diagnostic, impact
    sign_in(page, site, "soan-thao")
    page.goto(site.url + "/ui/spec")
    page.wait_for_selector("#diagnostics .ok")
    editor = page.locator("#amendment")
    editor.fill(editor.input_value().replace("change indicator 4 ", "change indicator 400 "))
    page.wait_for_selector("#diagnostics .finding")
    finding = page.inner_text("#diagnostics")
    assert re.search(r"8:\d+ E\d{3}", finding) and "400" in finding
    shots.take(page, "spec-diagnostic", full_page=False)
    editor.fill(editor.input_value().replace("change indicator 400 ", "change indicator 4 "))
    page.wait_for_selector("#diagnostics .ok")
    page.click("button[value=impact]")
    page.wait_for_selector("#impact")
    assert "99/QĐ-BYT" in page.inner_text("#impact")
    shots.take(page, "impact")

    # 5. English by switch, and every page prints on A4 without its navigation
    page.goto(site.url + "/ui/provinces/nam-dinh")
    page.click("text=English")
    page.wait_for_load_state()
    assert "Province of Nam Định" in page.inner_text("h1")
    page.emulate_media(media="print")
    assert not page.locator("header.top nav").is_visible() and page.locator("svg").is_visible()
    pdf = page.pdf(format="A4", print_background=False)
    assert pdf.startswith(b"%PDF") and len(pdf) > 10_000
    page.emulate_media(media="screen")
    assert errors == [], errors
    context.close()
