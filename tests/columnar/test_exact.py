"""Exactness at the edges: huge counts, long decimals, fractional points, every construct.

The columnar path works on int64 only where a bound proves the result fits, else on
Python ints; these specs and facts push it there (counts of 10^30, decimals with 30
digits, rates one part in 10^20 from a threshold) and demand `evaluate`'s answers.
"""

from __future__ import annotations

import datetime
import random
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

import ytxa_rules
from tests.columnar.agreement import disagreements

pytest.importorskip("numpy")

AS_OF = datetime.date(2024, 6, 1)
SPEC = """
document "EXACT"
  title "exactness"
  effective 2024-01-01
  total 8

fact a: count "a"
fact b: count >= a "b"
fact d: decimal "d"
fact e: decimal optional "e"
fact p: percent "p"
fact q: percent optional "q"
fact ok: bool "ok"
fact kind: one of x, y, z "kind"

value r = rate(a, b) "r"
value s = d / b * 100 "s"
value m = min(a, b - a, 3) "m"
value n = count(ok, a > 0, p >= 50%) "n"

table goal by kind "goal"
  x: 95% provisional
  y: 99.99999999% provisional
  z: unknown

criterion 1 "one" max 8

  indicator 1 "rate at a threshold" max 1.5 provisional knockout
    cite "c"
    points 1.5 when r >= 95%
           0.5 when r > 94.99999999999999999999%

  indicator 2 "a decimal over a count" max 2 provisional
    cite "c"
    not applicable when kind = z and not ok
    points 2 when s >= d * 100 / b and s < 12345678901234567890.5
           1 when s != 0

  indicator 3 "a table by kind" max 2 provisional
    cite "c"
    points by kind
      case x, y:
        2 when rate(a, b) >= goal
        1 when p >= goal
      else:
        0.25 when m >= 1 or n = 3

  indicator 4 "a sum of parts" max 2.5 provisional
    cite "c"
    points sum
      part "p":
        1.25 when p + q >= 100% and e - d <= 0.000000000000000000001
      part "q":
        1.25 when max(e, d) * 2 > d or kind in (x, z)

recognition "r"
  cite "c"
  require total >= 33.333% of max "total"
  require criterion 1 >= 1.5 "each"
  require no knockout failed "ko"
"""


@pytest.fixture(scope="module")
def exact_spec(tmp_path_factory: pytest.TempPathFactory) -> Any:
    folder = tmp_path_factory.mktemp("exact")
    path = Path(folder) / "exact.ytxa"
    path.write_text(SPEC, encoding="utf-8")
    spec = ytxa_rules.load(path)
    assert not [d for d in spec.check() if d.is_error]
    return spec


def _stations(count: int, seed: int) -> list[dict[str, Any]]:
    rng = random.Random(seed)
    huge = [0, 1, 3, 19, 20, 10**18, 10**30, 2**63 - 1, 2**63, 10**39]
    out = []
    for _ in range(count):
        b = rng.choice(huge + [rng.randint(1, 10**6)])
        a = rng.choice([b, b - 1, b * 95 // 100, b * 95 // 100 + 1, 0, rng.randint(0, max(b, 0))])
        a = max(0, min(a, b))
        facts: dict[str, Any] = {
            "a": a,
            "b": b,
            "d": rng.choice(
                [
                    Decimal("0.5"),
                    Decimal("-2"),
                    Decimal("12345678901234567890.123456789"),
                    Decimal(rng.randint(-(10**6), 10**6)) / 100,
                ]
            ),
            "e": rng.choice([Decimal("0.5"), Decimal("0.500000000000000000001"), Decimal("-3.25")]),
            "p": rng.choice([Decimal("95"), Decimal("99.99"), Decimal("50"), Decimal("0"), Decimal("100"), 1, 0]),
            "q": rng.choice([Decimal("5"), Decimal("0.01"), 0]),
            "ok": rng.random() < 0.5,
            "kind": rng.choice(["x", "y", "z"]),
        }
        for name in rng.sample(sorted(facts), rng.choice([0, 0, 0, 1, 2])):
            del facts[name]
        out.append(facts)
    return out


def test_huge_and_long_values_score_as_evaluate(exact_spec: Any) -> None:
    stations = _stations(3000, 1)
    batch = exact_spec.evaluate_batch(stations, AS_OF)
    assert batch.fallback is None
    assert batch.columnar_rows > 1500
    problems = disagreements(exact_spec, stations, batch, AS_OF)
    assert not problems, problems[:5]
    statuses = {s for i in range(len(stations)) if batch.ok(i) for s in batch.statuses(i)}
    assert statuses == {"scored", "not_applicable", "missing_data"}


def test_object_arithmetic_is_used_beyond_int64(exact_spec: Any) -> None:
    """Counts near 2**63 must not wrap: the batch agrees with Python's unbounded ints."""
    stations = [{"a": 2**63 - 1, "b": 2**63, "d": Decimal("1"), "p": 95, "ok": True, "kind": "x"}] * 5
    stations += [{"a": 95 * 10**30 - 1, "b": 100 * 10**30, "d": Decimal("1"), "p": 95, "ok": True, "kind": "y"}] * 5
    batch = exact_spec.evaluate_batch(stations, AS_OF)
    assert batch.columnar_rows == 10
    assert not disagreements(exact_spec, stations, batch, AS_OF)
    assert batch.indicator_points(0)[0] == Decimal("1.5") and batch.indicator_points(5)[0] == Decimal("0.5")
