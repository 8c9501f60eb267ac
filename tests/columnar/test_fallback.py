"""When the columnar path does not apply, the same call scores every row per station.

Three ways: a spec using another criteria set (`y_te_xa.passed` is not compiled to
columns), numpy not installed (simulated in a fresh interpreter), and the caller asking.
Each says why in `BatchResult.fallback`, and the results are still those of `evaluate`.
"""

from __future__ import annotations

import datetime
import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import ytxa_rules
from tests.columnar.agreement import disagreements
from tests.reference.stations import random_stations

ROOT = Path(__file__).resolve().parents[2]
AS_OF = datetime.date(2024, 12, 31)


def test_a_spec_using_another_criteria_set_is_scored_per_station() -> None:
    spec = ytxa_rules.load(None, document="318/QĐ-TTg")
    stations = random_stations(300, 4)
    batch = spec.evaluate_batch(stations, AS_OF)
    assert batch.fallback == "uses another criteria set"
    assert batch.columnar_rows == 0
    assert not disagreements(spec, stations, batch, AS_OF)
    assert False in set(batch.verdicts)


def test_the_per_station_path_on_request(spec: Any) -> None:
    from ytxa_rules.columnar import evaluate_batch

    stations = random_stations(200, 8)
    batch = evaluate_batch(spec, stations, AS_OF, columnar=False)
    assert batch.fallback == "asked for the per-station path" and batch.columnar_rows == 0
    assert not disagreements(spec, stations, batch, AS_OF)


_WITHOUT_NUMPY = """
import sys, json, datetime
sys.modules["numpy"] = None  # `import numpy` now raises ImportError, as if not installed
sys.path.insert(0, {root!r})
import ytxa_rules
from tests.reference.stations import random_stations
spec = ytxa_rules.load()
stations = random_stations(40, 11)
stations[3]["vung"] = "9"
batch = spec.evaluate_batch(stations, datetime.date(2024, 12, 31))
want = []
for facts in stations:
    try:
        r = spec.evaluate(facts, datetime.date(2024, 12, 31))
        want.append([str(r.total), r.passed, [i.status for i in r.indicators]])
    except ytxa_rules.FactsError as exc:
        want.append([d.code for d in exc.diagnostics])
got = [[str(batch.total(i)), batch.passed(i), list(batch.statuses(i))] if batch.ok(i)
       else [d.code for d in batch.errors[i].diagnostics] for i in range(len(stations))]
print(json.dumps({{"fallback": batch.fallback, "same": got == want, "numpy": "numpy" in sys.modules and sys.modules["numpy"] is not None}}))
"""


def test_without_numpy_every_row_is_scored_per_station() -> None:
    run = subprocess.run(
        [sys.executable, "-c", _WITHOUT_NUMPY.format(root=str(ROOT))], capture_output=True, text=True, timeout=300, cwd=ROOT
    )
    assert run.returncode == 0, run.stderr
    outcome = json.loads(run.stdout.strip().splitlines()[-1])
    assert outcome == {"fallback": "numpy is not installed (pip install 'ytxa-rules[columnar]')", "same": True, "numpy": False}


def _with_amendment(tmp_path: Path, text: str) -> ytxa_rules.Spec:
    import shutil

    from ytxa_rules.resources import builtin_specs_dir

    folder = tmp_path / "specs"
    shutil.copytree(builtin_specs_dir(), folder)
    (folder / "25-2025-QD-BYT.ytxa").write_text(text, encoding="utf-8")
    return ytxa_rules.load(folder)


_HEADER = (
    'amendment "25/2025/QĐ-BYT"\n  title "Thử"\n  amends "1300/QĐ-BYT"\n  issued 2025-06-20\n'
    '  effective 2025-07-01\n  reason "thử nghiệm"\n'
)
_REKEY = (
    'replace table dien_tich_yeu_cau by loai_don_vi, vung "Diện tích đất theo loại đơn vị và vùng (m²)"\n'
    "  xa, 1: 500\n  xa, 2: 400\n  xa, 3: 300\n  phuong, 1: 300\n  phuong, 2: 250\n  phuong, 3: 200\n"
    "  thi_tran, 1: 450\n  thi_tran, 2: 350\n  thi_tran, 3: unknown\n"
)


def test_a_table_by_two_facts_is_scored_in_columns(tmp_path: Path) -> None:
    spec = _with_amendment(tmp_path, _HEADER + _REKEY)
    stations = random_stations(400, 21)
    after = datetime.date(2025, 12, 31)
    batch = spec.evaluate_batch(stations, after)
    assert batch.fallback is None and batch.columnar_rows == len(stations)
    assert not disagreements(spec, stations, batch, after)
    pairs = {(f.get("loai_don_vi"), str(f.get("vung"))) for f in stations}
    assert ("thi_tran", "3") in pairs and ("phuong", "2") in pairs  # the unknown pair and a plain one were scored


def test_a_part_that_may_not_apply_is_scored_per_station(tmp_path: Path) -> None:
    spec = _with_amendment(tmp_path, _HEADER + "change indicator 31 part 2 not_applicable to loai_don_vi = phuong\n")
    stations = random_stations(200, 22)
    after = datetime.date(2025, 12, 31)
    batch = spec.evaluate_batch(stations, after)
    assert batch.fallback == "a part of a sum that may not apply (`part … not applicable when`)"
    assert batch.columnar_rows == 0
    assert not disagreements(spec, stations, batch, after)
    before = spec.evaluate_batch(stations, datetime.date(2025, 6, 30))  # the base document: in columns
    assert before.fallback is None and before.columnar_rows == len(stations)
