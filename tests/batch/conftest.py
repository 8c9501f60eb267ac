"""A generated province-sized workbook, made once per test session (it takes a few seconds)."""

from __future__ import annotations

import random
from pathlib import Path
from typing import Any

import pytest
from reference.stations import random_stations

from batch.sheets import NAMES, station_rows, write_xlsx

SIZE = 10_000
BAD_EVERY = 97  # one row in 97 has a bad cell


def sprinkle(rows: list[list[Any]], seed: int) -> dict[int, tuple[str, Any, str]]:
    """Bad cells in some rows: {row index: (fact, value written, expected code)}."""
    column = {n: i for i, n in enumerate(NAMES)}
    kinds = [
        ("dan_so", "nhiều", "F005"),  # a word for a count
        ("ty_le_trang_thiet_bi", "86,5", "F043"),  # a number stored as text
        ("dien_tich_dat_m2", "1.250", "F044"),  # thousands or decimals?
        ("co_dien", "có lẽ", "F005"),  # not a yes/no
        ("vung", 9, "F008"),  # not one of 1, 2, 3
        ("so_nguoi_tham_gia_bhyt", 10**9, "F007"),  # more insured than people
    ]
    rng = random.Random(seed)
    bad = {}
    for index in range(3, len(rows), BAD_EVERY):
        name, value, code = kinds[rng.randrange(len(kinds))]
        rows[index][column[name]] = value
        bad[index] = (name, value, code)
    return bad


@pytest.fixture(scope="session")
def province(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    stations = random_stations(SIZE, seed=2024)
    for number, station in enumerate(stations, 1):
        station["ma_xa"] = f"{number:05d}"
    rows = station_rows(stations)
    bad = sprinkle(rows, seed=5)
    path: Path = write_xlsx(tmp_path_factory.mktemp("province") / "tinh.xlsx", NAMES, rows)
    return {"path": path, "stations": stations, "bad": bad}
