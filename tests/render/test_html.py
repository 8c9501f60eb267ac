"""HTML pages without a browser: escaping, self-containment, the CSP hashes, both languages."""

from __future__ import annotations

import base64
import hashlib
import re
from pathlib import Path

import pytest

import ytxa_rules
from ytxa_rules.plans.evaluate import plan_reports
from ytxa_rules.render.html import batch_page, station_page

REPO = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def spec() -> ytxa_rules.Spec:
    return ytxa_rules.load()


def _result(spec: ytxa_rules.Spec, **changes: object) -> ytxa_rules.Result:
    facts, _ = ytxa_rules.read_facts(REPO / "examples" / "xa-dat-chuan.yaml")
    return spec.evaluate({**facts, **changes}, trace=True)


def _hashes(page: str) -> tuple[set[str], set[str]]:
    inline = {"style": re.findall(r"<style>(.*?)</style>", page, re.S), "script": re.findall(r"<script>(.*?)</script>", page, re.S)}
    made = {k: {"sha256-" + base64.b64encode(hashlib.sha256(v.encode()).digest()).decode() for v in vs} for k, vs in inline.items()}
    return made["style"], made["script"]


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_station_page_is_self_contained_and_escaped(spec: ytxa_rules.Spec, lang: str) -> None:
    page = station_page(_result(spec, ten_xa='Xã <script>alert("x")</script> & Co'), lang)
    assert "<script>alert" not in page and "&lt;script&gt;alert" in page
    assert not re.search(r"(src|href)=\"(https?:)?//", page) and "@import" not in page and "url(" not in page
    styles, scripts = _hashes(page)
    assert scripts == set()  # the station page runs no script
    csp = re.search(r'Content-Security-Policy" content="([^"]*)"', page)
    assert csp is not None and "default-src 'none'" in csp.group(1) and "script-src 'none'" in csp.group(1)
    assert all(f"'{h}'" in csp.group(1) for h in styles)
    assert f'<html lang="{lang}">' in page
    assert page.count('class="criterion-bar"') == 10


def test_batch_page_script_is_allowed_by_hash_and_rollup_is_a_hook(spec: ytxa_rules.Spec) -> None:
    results = [_result(spec), _result(spec, ma_xa="2", ten_xa="Xã Hai", so_bac_si_co_huu=0)]
    plan = spec.library.plans["139/KH-UBND"].tree
    page = batch_page(results, plan_reports(plan, spec, results), "vi", links={0: "tram/1.html"})
    styles, scripts = _hashes(page)
    assert len(scripts) == 1 and all(f"'{h}'" in page for h in styles | scripts)
    assert 'class="rollup-hook"' in page and 'href="tram/1.html"' in page
    from markupsafe import Markup

    with_rollup = batch_page(results, (), "en", rollup=Markup("<p id='tong-hop'>roll-up</p>"))
    assert "<p id='tong-hop'>roll-up</p>" in with_rollup and 'class="rollup-hook"' not in with_rollup
