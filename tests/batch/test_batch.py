"""`ytxa batch`: every good row scored and written, bad rows located, counts that add up,
a roll-up that matches scoring each station directly, and outputs in every format."""

from __future__ import annotations

import csv
import datetime
import json
import random
from collections import Counter
from fractions import Fraction
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from reference.stations import random_stations

import ytxa_rules
from batch.sheets import FACTS, NAMES, ROOT, SAMPLE, SPEC, run, station_rows, write_xlsx
from ytxa_rules.batch.rollup import RollUp, roll_up
from ytxa_rules.batch.run import score_batch
from ytxa_rules.facts.sources import read_sources

SCHEMA = json.loads((ROOT / "docs" / "reference" / "result-schema.json").read_text(encoding="utf-8"))


def stations(n: int, seed: int) -> list[dict[str, Any]]:
    found = random_stations(n, seed)
    rng = random.Random(seed)
    for number, station in enumerate(found, 1):
        station["ma_xa"] = f"{seed % 100:02d}{number:04d}"
        station["tinh"] = rng.choice(("Nam Định", "Quảng Nam"))
        station["huyen"] = rng.choice(("Huyện A", "Huyện B", "Huyện C"))
    return found


@pytest.fixture(scope="module")
def batch(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """60 stations in a workbook, 4 of them with a bad cell, scored once into every output."""
    folder = tmp_path_factory.mktemp("batch")
    good = stations(60, seed=7)
    rows = station_rows(good)
    column = {n: i for i, n in enumerate(NAMES)}
    bad = {
        5: ("dan_so", "nhiều", "F005"),
        17: ("ty_le_trang_thiet_bi", "86,5", "F043"),
        30: ("vung", 9, "F008"),
        44: ("so_nguoi_tham_gia_bhyt", 10**9, "F007"),
    }
    for index, (name, value, _) in bad.items():
        rows[index][column[name]] = value
    path = write_xlsx(folder / "tram.xlsx", NAMES, rows)
    outputs = [folder / f"ket-qua.{s}" for s in ("xlsx", "csv", "jsonl", "json")]
    code, out, err = run("batch", str(path), *(a for o in outputs for a in ("-o", str(o))), "--lang", "en")
    return {"path": path, "good": good, "bad": bad, "code": code, "out": out, "err": err, "outputs": outputs, "column": column}


def test_counts_add_up_and_bad_rows_are_located(batch: dict[str, Any]) -> None:
    from openpyxl.utils import get_column_letter

    assert batch["code"] == 2
    err = batch["err"]
    assert "Read 60 station(s): 56 scored, 4 rejected for data errors" in err
    for index, (name, value, code) in batch["bad"].items():
        where = f"{batch['path']}:{index + 2}:{get_column_letter(batch['column'][name] + 1)}: error[{code}]"
        assert where in err
        assert f'"{name}" = {value}' in err  # the cell, with its header
    assert max(len(line) for line in err.splitlines()) < 400  # never the whole row


def test_every_good_row_is_in_every_output(batch: dict[str, Any]) -> None:
    import openpyxl

    xlsx, csv_path, jsonl, summary = batch["outputs"]
    expected = [s["ma_xa"] for i, s in enumerate(batch["good"]) if i not in batch["bad"]]
    book = openpyxl.load_workbook(xlsx, read_only=True)
    assert book.sheetnames == ["Results", "Errors", "Summary", "By district", "Indicators", "Criteria", "Closest to passing"]
    results = list(book["Results"].values)
    assert [r[2] for r in results[1:]] == expected
    errors = list(book["Errors"].values)[1:]
    assert sorted((r[1], r[5]) for r in errors) == sorted((i + 2, code) for i, (_, _, code) in batch["bad"].items())
    with open(csv_path, encoding="utf-8-sig", newline="") as stream:
        rows = list(csv.reader(stream))
    assert [r[2] for r in rows[1:]] == expected
    lines = jsonl.read_text(encoding="utf-8").splitlines()
    documents = [json.loads(line) for line in lines]
    assert [d["station"]["ma_xa"] for d in documents] == expected
    for document in documents[:5]:
        jsonschema.validate(document, SCHEMA)
    data = json.loads(summary.read_text(encoding="utf-8"))
    assert data["schema"] == "ytxa-rollup/1" and data["counts"] == {"read": 60, "scored": 56, "rejected": 4, "files_refused": 0}
    assert len(data["errors"]) == 4


def test_results_match_scoring_each_station(batch: dict[str, Any]) -> None:
    _, _, jsonl, _ = batch["outputs"]
    documents = [json.loads(line) for line in jsonl.read_text(encoding="utf-8").splitlines()]
    good = [s for i, s in enumerate(batch["good"]) if i not in batch["bad"]]
    for station, document in zip(good, documents):
        direct = SPEC.evaluate(station)
        assert (document["total"], document["max"], document["passed"]) == (direct.total, direct.max, direct.passed)


def test_rollup_matches_a_direct_count(batch: dict[str, Any]) -> None:
    good = [s for i, s in enumerate(batch["good"]) if i not in batch["bad"]]
    results = [SPEC.evaluate(s) for s in good]
    rollup = roll_up(score_batch(SPEC, read_sources([str(batch["path"])], FACTS)))
    passed = sum(1 for r in results if r.passed)
    assert (rollup.overall.stations, rollup.overall.passed) == (len(good), passed)
    assert rollup.overall.share_passed == Fraction(passed * 100, len(good))
    by_district = Counter((s["tinh"], s["huyen"]) for s, r in zip(good, results) if r.passed)
    assert {(g.province, g.district): g.passed for g in rollup.districts} == {k: by_district.get(k, 0) for k in {(s["tinh"], s["huyen"]) for s in good}}
    assert sum(b.stations for b in rollup.overall.distribution) == len(good)
    zero = Counter(i.number for r in results for i in r.indicators if i.status == "scored" and i.points == 0)
    assert {t.number: t.zero for t in rollup.overall.indicators if t.zero} == dict(zero)
    knocked = Counter(i.number for r in results for i in r.indicators if i.knockout_failed)
    assert {t.number: t.knockout_failed for t in rollup.overall.knockouts if t.knockout_failed} == dict(knocked)
    missed = Counter(x.criterion for r in results for x in r.reasons if x.kind == "criterion" and x.held is False)
    assert {t.number: t.missed for t in rollup.overall.criteria if t.missed} == dict(missed)
    closest = rollup.overall.closest
    not_passed = {s["ma_xa"] for s, r in zip(good, results) if r.passed is False}
    assert closest and {n.id for n in closest} <= not_passed and len(closest) == min(10, len(not_passed))
    order = [(len(n.knockouts_failed), n.conditions_missed, n.points_short, -n.total) for n in closest]
    assert order == sorted(order)


def test_closest_to_passing_needs_the_points_it_says(batch: dict[str, Any]) -> None:
    rollup = roll_up(score_batch(SPEC, read_sources([str(batch["path"])], FACTS)))
    for near in rollup.overall.closest:
        total_reason = next((r for r in near.reasons if r.kind == "total"), None)
        if total_reason is not None:
            assert near.points_short >= total_reason.share * near.max / 100 - near.total  # type: ignore[operator]
        assert near.points_short >= 0


def test_rollup_json_is_frozen_data(batch: dict[str, Any]) -> None:
    rollup = roll_up(score_batch(SPEC, read_sources([str(batch["path"])], FACTS)))
    assert isinstance(rollup, RollUp)
    with pytest.raises(AttributeError):
        rollup.scored = 0  # type: ignore[misc]
    data = rollup.to_dict()
    assert json.loads(json.dumps(data)) == data
    assert {g["level"] for g in data["districts"]} == {"district"}
    assert isinstance(data["overall"]["share_passed"], (int, str))


def test_printed_rollup(batch: dict[str, Any]) -> None:
    out = batch["out"]
    assert out.startswith("Roll-up against 1300/QĐ-BYT\nAll stations: 56 station(s) scored")
    assert "By province and district / area:" in out and "Nam Định" in out and "Huyện A" in out


def test_exit_codes_and_fail_on(tmp_path: Path) -> None:
    path = write_xlsx(tmp_path / "ok.xlsx", NAMES, station_rows([SAMPLE]))
    assert run("batch", str(path))[0] == 0
    assert run("batch", str(path), "--fail-on", "not-passed")[0] == 0
    failing = write_xlsx(tmp_path / "failing.xlsx", NAMES, station_rows([SAMPLE, {**SAMPLE, "ma_xa": "2", "co_dich_lon_khong_kiem_soat": True}]))
    assert run("batch", str(failing))[0] == 0
    assert run("batch", str(failing), "--fail-on", "not-passed")[0] == 1
    assert run("batch", str(failing), "--fail-on", "undecided")[0] == 0
    partial = {k: v for k, v in SAMPLE.items() if k != "so_phu_nu_de"}
    undecided = write_xlsx(tmp_path / "undecided.xlsx", NAMES, station_rows([partial]))
    assert run("batch", str(undecided), "--fail-on", "undecided")[0] == 1
    assert run("batch", str(undecided), "--strict")[0] == 2
    code, _, err = run("batch", str(path), "-o", str(tmp_path / "x.parquet"), "--lang", "en")
    assert code == 2 and "[U021]" in err
    code, _, err = run("batch", str(path), "-o", str(tmp_path / "missing" / "x.xlsx"), "--lang", "en")
    assert code == 2 and "[U007]" in err


def test_duplicate_station_is_refused(tmp_path: Path) -> None:
    path = write_xlsx(tmp_path / "dup.xlsx", NAMES, station_rows([SAMPLE, SAMPLE, {**SAMPLE, "nam_danh_gia": 2025}]))
    code, out, err = run("batch", str(path), "--lang", "en", "--format", "json")
    assert code == 2 and ":3:A: error[F060]" in err
    assert json.loads(out)["counts"] == {"read": 3, "scored": 2, "rejected": 1, "files_refused": 0}


def test_year_before_the_criteria_is_a_rejected_row(tmp_path: Path) -> None:
    path = write_xlsx(tmp_path / "old.xlsx", NAMES, station_rows([SAMPLE, {**SAMPLE, "ma_xa": "2", "nam_danh_gia": 2020}]))
    code, out, err = run("batch", str(path), "--lang", "en", "--format", "json")
    assert code == 2 and "[U002]" in err and json.loads(out)["counts"]["scored"] == 1


def test_several_inputs_and_a_refused_file(tmp_path: Path) -> None:
    first = write_xlsx(tmp_path / "a.xlsx", NAMES, station_rows([SAMPLE]))
    (tmp_path / "b.csv").write_text("ma_xa,dan_so\n99,10\n", encoding="utf-8")
    (tmp_path / "c.csv").write_text("ma_xa,dan_soo\n98,10\n", encoding="utf-8")
    code, out, err = run("batch", str(first), str(tmp_path / "b.csv"), str(tmp_path / "c.csv"), "--lang", "en", "--format", "json")
    data = json.loads(out)
    assert code == 2 and data["counts"] == {"read": 2, "scored": 2, "rejected": 0, "files_refused": 1}
    assert "1 file(s) could not be read" in err


def test_eval_reads_one_row_and_points_many_to_batch(tmp_path: Path) -> None:
    one = write_xlsx(tmp_path / "one.xlsx", NAMES, station_rows([SAMPLE]))
    code, out, _ = run("eval", str(one), "--lang", "en")
    assert code == 0 and "Result: PASSED — 87/100 points" in out
    two = write_xlsx(tmp_path / "two.xlsx", NAMES, station_rows([SAMPLE, {**SAMPLE, "ma_xa": "2"}]))
    code, _, err = run("explain", str(two), "--lang", "en")
    assert code == 2 and "[U020]" in err and f"use `ytxa batch {two}`" in err
    csv_path = tmp_path / "one.csv"
    csv_path.write_text(",".join(NAMES) + "\n" + ",".join("có" if v is True else "không" if v is False else str(v) for v in (SAMPLE[n] for n in NAMES)) + "\n", encoding="utf-8")
    code, out, _ = run("eval", str(csv_path), "--format", "json")
    assert code == 0 and json.loads(out)["total"] == 87


def test_jsonl_errors_print_the_value_not_the_line(tmp_path: Path) -> None:
    """Issue 12: 62 errors on a one-line JSON station printed 235 KB (the line, 62 times)."""
    bad = {name: "?" for name in NAMES if FACTS[name].type.kind in ("count", "bool")}
    line = json.dumps({"ma_xa": "01", **bad, "pad": "x" * 2000})  # `pad` is no fact: one more error
    path = tmp_path / "one.jsonl"
    path.write_text(line + "\n", encoding="utf-8")
    code, _, err = run("eval", str(path), "--lang", "en")
    assert code == 2 and err.count("error[") == len(bad) + 1
    assert max(len(line) for line in err.splitlines()) < 300 and "x" * 100 not in err
    code, _, err = run("batch", str(path), "--lang", "en")
    assert code == 2 and f'{path}:1:' in err and '"dan_so": "?"' in err


def test_as_of(tmp_path: Path) -> None:
    path = write_xlsx(tmp_path / "ok.xlsx", NAMES, station_rows([SAMPLE]))
    code, out, _ = run("batch", str(path), "--as-of", "2023-03-19", "--format", "json")
    assert code == 0 and json.loads(out)["spec"]["amendments"] == []
    assert datetime.date(2023, 3, 19) < datetime.date(2024, 12, 31)


def test_compact_indicator_scores_equal_the_full_results() -> None:
    """`indicator_scores` reads the evaluator's arrays; it must say what `result.indicators` says."""
    from reference.stations import random_station

    from ytxa_rules.batch.station import indicator_scores

    rng = random.Random(3)
    for index in range(300):
        station = random_station(rng)
        if index % 7 == 0:
            station.pop("so_phu_nu_de")  # missing data too
        as_of = datetime.date(2023, 3, 19) if index % 2 else datetime.date(2024, 12, 31)
        result = SPEC.evaluate(station, as_of)
        compact = indicator_scores(result, SPEC.at(as_of))
        full = [(i.number, i.criterion, i.points, i.max, i.status, i.knockout_failed) for i in result.indicators]
        assert [tuple(s) for s in compact] == full


def test_one_line_json_errors_show_the_value_not_the_line(tmp_path: Path) -> None:
    """A single-station JSON file on one long line: each error shows its key and value only."""
    bad = {name: "?" for name in NAMES if FACTS[name].type.kind == "count"}
    path = tmp_path / "tram.json"
    path.write_text(json.dumps({"ma_xa": "01", **bad, "ten_xa": "x" * 3000}), encoding="utf-8")
    code, _, err = run("eval", str(path), "--lang", "en")
    assert code == 2 and err.count("error[F005]") == len(bad)
    assert "x" * 100 not in err and max(len(line) for line in err.splitlines()) < 300  # 3,000 characters each before
    short = tmp_path / "short.json"
    short.write_text('{"dan_so": "?"}', encoding="utf-8")
    code, _, err = run("eval", str(short), "--lang", "en")
    assert code == 2 and '    1 | {"dan_so": "?"}' in err  # a short line is still shown with its caret


def test_progress_bar_only_on_a_terminal(tmp_path: Path) -> None:
    import os
    import pty
    import subprocess
    import sys

    path = write_xlsx(tmp_path / "tram.xlsx", NAMES, station_rows(stations(40, seed=3)))
    controller, terminal = pty.openpty()
    env = {**os.environ, "PYTHONPATH": str(ROOT), "COLUMNS": "100"}
    process = subprocess.run([sys.executable, "-m", "ytxa_rules.cli", "batch", str(path)], stdin=subprocess.DEVNULL,
                             stdout=subprocess.PIPE, stderr=terminal, env=env, timeout=300)  # fmt: skip
    os.close(terminal)
    shown = b""
    while True:
        try:
            chunk = os.read(controller, 65536)
        except OSError:
            break
        if not chunk:
            break
        shown += chunk
    os.close(controller)
    assert process.returncode == 0
    assert "Đang chấm điểm".encode() in shown and b"\x1b[" in shown  # a rich bar, drawn with escape codes
    code, _, err = run("batch", str(path))
    assert code == 0 and "Đang chấm điểm" not in err and "\x1b" not in err


def test_indicator_scores_accessor_matches_the_full_view() -> None:
    """`Result.indicator_scores()`, the public accessor batches read, agrees with `indicators`."""
    from ytxa_rules.engine.result import SCORED

    for name in ("xa-dat-chuan", "xa-diem-liet"):
        result = SPEC.evaluate(ytxa_rules.read_facts(ROOT / "examples" / f"{name}.yaml")[0])
        statuses, points = result.indicator_scores()
        assert list(statuses) == [i.status for i in result.indicators]
        assert [p if s == SCORED else 0 for s, p in zip(statuses, points)] == [i.points for i in result.indicators]
