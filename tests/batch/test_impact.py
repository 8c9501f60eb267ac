"""`ytxa impact`: the counts per indicator and the stations listed match scoring both sides directly."""

from __future__ import annotations

import datetime
import json
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
from reference.stations import random_stations

import ytxa_rules
from batch.sheets import NAMES, ROOT, SAMPLE, SPEC, run, station_rows, write_xlsx
from ytxa_rules.cli.common import library_of

DRAFT = ROOT / "docs" / "examples" / "sua-doi-thu.ytxa"  # raises indicator 4's thresholds from 2025-02-01


@pytest.fixture(scope="module")
def stations(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[dict[str, Any]]]:
    found = random_stations(300, seed=41)
    for number, station in enumerate(found, 1):
        station["ma_xa"] = f"{number:05d}"
    path = write_xlsx(tmp_path_factory.mktemp("impact") / "tinh.xlsx", NAMES, station_rows(found))
    return path, found


def _expected(before: list[ytxa_rules.Result], after: list[ytxa_rules.Result]) -> dict[str, Any]:
    changed: Counter[str] = Counter()
    up: Counter[str] = Counter()
    down: Counter[str] = Counter()
    stations = []
    for a, b in zip(before, after):
        old = {i.number: i for i in a.indicators}
        new = {i.number: i for i in b.indicators}
        differs = False
        for number in old.keys() | new.keys():
            x, y = old[number], new[number]
            if x.points != y.points or x.status != y.status:
                differs = True
                changed[number] += 1
                up[number] += y.points > x.points
                down[number] += y.points < x.points
        if differs or a.total != b.total or a.passed != b.passed:
            stations.append(a.station["ma_xa"])
    return {
        "changed": dict(changed), "up": {k: v for k, v in up.items() if v}, "down": {k: v for k, v in down.items() if v}, "stations": stations,
        "gained": sum(1 for a, b in zip(before, after) if b.passed is True and a.passed is not True),
        "lost": sum(1 for a, b in zip(before, after) if a.passed is True and b.passed is not True),
    }  # fmt: skip


def _reported(document: dict[str, Any]) -> dict[str, Any]:
    indicators = document["indicators"]
    return {
        "changed": {i["number"]: i["changed"] for i in indicators},
        "up": {i["number"]: i["up"] for i in indicators if i["up"]},
        "down": {i["number"]: i["down"] for i in indicators if i["down"]},
        "stations": [s["id"] for s in document["stations"]],
        "gained": document["counts"]["gained"],
        "lost": document["counts"]["lost"],
    }


def test_amendment_counts_match_scoring_both_sides(stations: tuple[Path, list[dict[str, Any]]]) -> None:
    path, found = stations
    code, out, err = run("impact", str(path), "--amendment", str(DRAFT), "--format", "json")
    assert code == 0, err
    document = json.loads(out)
    with_draft = ytxa_rules.Spec(library_of([str(ROOT / "criteria_specs"), str(DRAFT)]), "1300/QĐ-BYT")
    effective = datetime.date(2025, 2, 1)
    dates = [max(SPEC.default_as_of(s), effective) for s in found]
    before = [SPEC.evaluate(s, d) for s, d in zip(found, dates)]
    after = [with_draft.evaluate(s, d) for s, d in zip(found, dates)]
    expected = _expected(before, after)
    assert _reported(document) == expected
    assert expected["changed"] and set(expected["changed"]) == {"4"}  # the draft changes indicator 4 only
    assert document["counts"]["compared"] == len(found)
    assert document["counts"]["unchanged"] == len(found) - len(expected["stations"])


def test_two_dates(stations: tuple[Path, list[dict[str, Any]]]) -> None:
    path, found = stations
    code, out, _ = run("impact", str(path), "--from", "2023-03-19", "--to", "2023-03-20", "--format", "json")
    assert code == 0
    before = [SPEC.evaluate(s, datetime.date(2023, 3, 19)) for s in found]
    after = [SPEC.evaluate(s, datetime.date(2023, 3, 20)) for s in found]
    expected = _expected(before, after)
    assert _reported(json.loads(out)) == expected and set(expected["changed"]) == {"35"}


def test_text_report_and_usage(tmp_path: Path) -> None:
    path = write_xlsx(tmp_path / "one.xlsx", NAMES, station_rows([SAMPLE]))
    code, out, _ = run("impact", str(path), "--amendment", str(DRAFT), "--lang", "en")
    assert code == 0 and "indicator 4 (" in out and "13669 Xã Yên Thọ (Ý Yên): 87/100 → 86/100, PASSED → PASSED — indicator 4: 3 → 2" in out
    assert run("impact", str(path))[0] == 2
    code, _, err = run("impact", str(path), "--from", "2024-01-01", "--lang", "en")
    assert code == 2 and "[U022]" in err
    code, _, err = run("impact", str(path), "--amendment", str(ROOT / "criteria_specs" / "1453-QD-BYT.ytxa"), "--lang", "en")
    assert code == 2 and "[U024]" in err
