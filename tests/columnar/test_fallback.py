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
