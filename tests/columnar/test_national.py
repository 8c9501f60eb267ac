"""Both paths over the same 10,000 generated stations of the national criteria: identical results.

Stations come from tests/reference/stations.py: about half of all rates and percents sit
exactly on a band threshold or one step either side, denominators are often 0 (N/A).
On top of that some stations lose facts (missing data, undecided verdicts), some are
invalid (located errors), some give values the column validator leaves to the per-row
one (text answers, floats, percents at most 1 % that warn), and the as-of dates fall
before and after the 1453/QĐ-BYT correction, so two compiled specs score one batch.
"""

from __future__ import annotations

import datetime
import random
from decimal import Decimal
from typing import Any

import pytest

from tests.columnar.agreement import disagreements
from tests.reference.stations import random_stations

pytest.importorskip("numpy")

STATIONS = 10_000
BEFORE_CORRECTION = datetime.date(2023, 3, 15)  # 1300/QĐ-BYT in force, 1453/QĐ-BYT not yet
AFTER = datetime.date(2024, 12, 31)


def _perturbed(seed: int) -> list[dict[str, Any]]:
    rng = random.Random(seed)
    stations = random_stations(STATIONS, seed)
    for facts in stations:
        roll = rng.random()
        names = sorted(facts)
        if roll < 0.10:  # missing data
            for name in rng.sample(names, rng.randint(1, 4)):
                del facts[name]
        elif roll < 0.13:  # invalid: every kind of located error
            choice = rng.randint(0, 4)
            if choice == 0:
                facts["so_bac_si_co_huu"] = -1
            elif choice == 1:
                facts["vung"] = "4"
            elif choice == 2:
                facts["ty_le_trang_thiet_bi"] = Decimal("100.5")
            elif choice == 3:
                facts["so_nguoi_tham_gia_bhyt"] = facts.get("dan_so", 1) + 1
            else:
                facts["so_bac_si"] = 1
        elif roll < 0.16:  # valid, but for the per-row validator: text, floats, low percents
            choice = rng.randint(0, 3)
            if choice == 0:
                facts["co_dien"] = "có"
            elif choice == 1:
                facts["so_phong_chuc_nang"] = 7.0
            elif choice == 2:
                facts["ty_le_kcb_yhct"] = Decimal("0.5")
            else:
                facts["vung"] = 2
        elif roll < 0.18:  # null is "not given"
            facts[rng.choice(names)] = None
    return stations


def test_rows_on_two_dates_agree_with_evaluate(spec: Any) -> None:
    stations = _perturbed(13)
    rng = random.Random(7)
    dates = [rng.choice((BEFORE_CORRECTION, AFTER)) for _ in stations]
    batch = spec.evaluate_batch(stations, dates)
    assert batch.fallback is None
    assert batch.columnar_rows > STATIONS * 0.8
    assert 0 < len(batch.errors) < STATIONS // 10
    assert len({id(group) for group, _ in batch.groups}) >= 3  # two dates, and rows left to the per-row path
    problems = disagreements(spec, stations, batch, dates)
    assert not problems, problems[:5]
    verdicts = batch.verdicts
    assert {True, False, None} <= set(verdicts)  # every outcome was reached


def test_columns_agree_with_rows(spec: Any) -> None:
    import numpy as np

    stations = _perturbed(29)[:3000]
    names = sorted({name for facts in stations for name in facts} - {"so_bac_si"})  # unknown: see below
    stations = [{k: v for k, v in f.items() if k != "so_bac_si"} for f in stations]
    columns: dict[str, Any] = {name: [facts.get(name) for facts in stations] for name in names}
    counts = [n for n in names if all(type(v) is int for v in columns[n])]
    for name in counts[:5]:  # numpy integer columns, as from pandas
        columns[name] = np.array(columns[name], dtype=np.int64)
    by_columns = spec.evaluate_batch(columns, AFTER)
    assert by_columns.columnar_rows > len(stations) * 0.9
    problems = disagreements(spec, [{k: v for k, v in f.items() if v is not None} for f in stations], by_columns, AFTER)
    assert not problems, problems[:5]


def test_default_dates_follow_the_assessment_year(spec: Any) -> None:
    stations = _perturbed(41)[:1500]
    for index, facts in enumerate(stations):
        facts["nam_danh_gia"] = 2023 if index % 2 else 2024
    batch = spec.evaluate_batch(stations)
    assert set(batch.as_of) == {datetime.date(2023, 12, 31), datetime.date(2024, 12, 31)}
    problems = disagreements(spec, stations, batch, None)
    assert not problems, problems[:5]


def test_strict_makes_missing_facts_errors(spec: Any) -> None:
    stations = _perturbed(5)[:1500]
    batch = spec.evaluate_batch(stations, AFTER, strict=True)
    problems = disagreements(spec, stations, batch, AFTER, strict=True)
    assert not problems, problems[:5]
    assert any(d.code == "F010" for e in batch.errors.values() for d in e.diagnostics)


def test_any_row_explains_itself_like_evaluate(spec: Any) -> None:
    stations = _perturbed(3)[:300]
    batch = spec.evaluate_batch(stations, AFTER)
    for i in range(0, 300, 37):
        if not batch.ok(i):
            continue
        want = spec.evaluate(stations[i], AFTER, trace=True)
        got = batch.row(i, trace=True)
        assert [x.trace for x in got.indicators] == [x.trace for x in want.indicators]
        assert got.total == want.total and got.passed == want.passed


def test_an_unknown_column_leaves_every_row_to_the_per_row_validator(spec: Any) -> None:
    stations = random_stations(50, 2)
    columns: dict[str, Any] = {name: [facts.get(name) for facts in stations] for name in stations[0]}
    columns["so_bac_si"] = [None] * 49 + [1]  # F004 for the last row; the others give no value
    batch = spec.evaluate_batch(columns, AFTER)
    assert batch.columnar_rows == 0 and list(batch.errors) == [49]
    assert [d.code for d in batch.errors[49].diagnostics] == ["F004"]
    rows = [{k: v for k, v in zip(columns, values) if v is not None} for values in zip(*columns.values())]
    assert not disagreements(spec, rows, batch, AFTER)
