"""Issue 9, "a silently wrong score": nested rate comparisons scored 0 fast, 2 explained."""

from __future__ import annotations

import datetime
import json
from pathlib import Path

import ytxa_rules
from tests.fuzz.regressions.spec.spec_helpers import run, spec_text, write_spec

AS_OF = datetime.date(2024, 6, 1)
DECLARATIONS = "fact a: count\nfact b: count\nfact x: count\nfact y: count\n"
FACTS = {"a": 50, "b": 100, "x": 1, "y": 1000}


def test_nested_rate_comparisons_score_the_same_fast_and_traced(tmp_path: Path) -> None:
    # count(rate(1, 1000) >= 0.05%) = 1 (0.1 % >= 0.05 %); rate(1 * 50, 100) = 50 % >= 40 %: 2 points.
    rule = "points 2 when rate(count(rate(x, y) >= 0.05%) * a, b) >= 40%"
    folder = tmp_path / "spec"
    write_spec(folder, spec_text(DECLARATIONS, rule))
    spec = ytxa_rules.load(folder)
    assert [d for d in spec.check() if d.is_error] == []
    assert spec.evaluate(FACTS, AS_OF).total == 2
    assert spec.evaluate(FACTS, AS_OF, trace=True).total == 2
    facts = tmp_path / "facts.json"
    facts.write_text(json.dumps(FACTS), encoding="utf-8")
    code, out = run("eval", str(facts), "--spec", str(folder), "--format", "json", "--as-of", "2024-06-01")
    assert code == 0 and json.loads(out)["total"] == 2


def test_rates_compared_inside_values_and_denominators_keep_their_own_operands(tmp_path: Path) -> None:
    """Every temporary is fresh: an inner comparison never overwrites the outer's operands."""
    values = "value r = rate(x, y)\nvalue s = rate(count(r >= 0.05%) * a, b)\n"
    rules = {
        "points 2 when rate(a, count(rate(x, y) >= 0.05%) + b) >= 40%": 2,  # 50 / 101 = 49.5 %
        "points 2 when s >= 40% and rate(a, count(r >= 0.05%, s >= 40%) + b) >= 40%": 2,  # through values
        "points 2 when rate(a, b) >= rate(x, y) + rate(count(rate(a, y) >= 5%, rate(b, y) >= 5%), 100)": 2,
    }
    for number, (rule, expected) in enumerate(rules.items()):
        folder = tmp_path / f"spec{number}"
        write_spec(folder, spec_text(DECLARATIONS + values, rule))
        spec = ytxa_rules.load(folder)
        fast, traced = spec.evaluate(FACTS, AS_OF), spec.evaluate(FACTS, AS_OF, trace=True)
        assert (fast.total, traced.total) == (expected, expected), rule
