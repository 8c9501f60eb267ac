"""`ytxa batch` on the columnar path writes exactly what the per-station path writes.

The same generated province workbook (bad cells, a duplicate station, a year before the
criteria, several assessment years and so several compiled specs) is run both ways, the
per-station path forced by `YTXA_BATCH_PER_STATION`; every output file, the printed
roll-up and the problems reported must be the same.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from reference.stations import random_stations

import ytxa_rules.columnar.scores as scores
from batch.conftest import sprinkle
from batch.sheets import NAMES, SPEC, run, station_rows, write_xlsx
from ytxa_rules.batch import read_stations
from ytxa_rules.batch.run import score_batch

pytest.importorskip("numpy")

OUTPUTS = ("ket-qua.xlsx", "ket-qua.csv", "ket-qua.jsonl", "tong-hop.json", "bao-cao.html")


@pytest.fixture(scope="module")
def workbook(tmp_path_factory: pytest.TempPathFactory) -> Path:
    stations = random_stations(200, seed=1453)
    for number, station in enumerate(stations, 1):
        station["ma_xa"] = f"{number:05d}"
    stations[7]["nam_danh_gia"] = 2001  # before the criteria took effect
    rows = station_rows(stations)
    sprinkle(rows, seed=9)
    rows.append(list(rows[10]))  # the same station and year again (F060)
    rows.append([None] * len(NAMES))  # a row of nothing but blanks
    return write_xlsx(tmp_path_factory.mktemp("columnar") / "tinh.xlsx", NAMES, rows)


def _files(folder: Path) -> dict[str, Any]:
    """Every output, as bytes; a workbook as its cells (its archive holds timestamps)."""
    import openpyxl

    found: dict[str, Any] = {}
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        name = str(path.relative_to(folder))
        if path.suffix == ".xlsx":
            book = openpyxl.load_workbook(path, read_only=True)
            found[name] = {sheet.title: [tuple(c.value for c in row) for row in sheet.iter_rows()] for sheet in book.worksheets}
            book.close()
        else:
            found[name] = path.read_bytes()
    return found


def _batch(workbook: Path, folder: Path, *options: str) -> tuple[int, str, str, dict[str, Any]]:
    folder.mkdir()
    outputs = [arg for name in OUTPUTS for arg in ("-o", str(folder / name))]
    code, out, err = run("batch", str(workbook), *outputs, "--format", "json", *options)
    return code, out.replace(str(folder), "OUT"), err.replace(str(folder), "OUT"), _files(folder)


@pytest.mark.parametrize("options", [(), ("--strict",)], ids=["default", "strict"])
def test_columnar_and_per_station_write_the_same(workbook: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, options: tuple[str, ...]) -> None:
    columnar_rows = []
    original = scores.ColumnarGroup.__init__

    def counted(self: Any, *args: Any, **kwargs: Any) -> None:
        original(self, *args, **kwargs)
        columnar_rows.append(len(self.as_of))

    monkeypatch.setattr(scores.ColumnarGroup, "__init__", counted)
    monkeypatch.delenv("YTXA_BATCH_PER_STATION", raising=False)
    fast = _batch(workbook, tmp_path / "columnar", *options)
    assert sum(columnar_rows) > 150, "the columnar path did not score the batch"
    monkeypatch.setenv("YTXA_BATCH_PER_STATION", "1")
    columnar_rows.clear()
    slow = _batch(workbook, tmp_path / "per-station", *options)
    assert not columnar_rows
    assert fast[0] == slow[0] == 2  # rows were rejected
    assert fast[1] == slow[1]
    assert fast[2] == slow[2]
    assert fast[3].keys() == slow[3].keys() and len(fast[3]) > len(OUTPUTS)  # the HTML station pages too
    for name in fast[3]:
        assert fast[3][name] == slow[3][name], name
    for code in ("F060", "F005"):
        assert code in fast[1]


def test_score_batch_both_ways_in_small_chunks(workbook: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Chunk borders (rows of one compiled spec split over chunks) change nothing."""
    import ytxa_rules.batch.run as batch_run

    items = list(read_stations(SPEC, [str(workbook)]))
    slow = score_batch(SPEC, items, columnar=False)
    monkeypatch.setattr(batch_run, "CHUNK", 37)
    fast = score_batch(SPEC, items, columnar=True)
    assert fast == slow
    assert [s.facts for s in fast.scored] == [s.facts for s in slow.scored]
    assert len(fast.rejected) > 3 and len(fast.scored) > 150
