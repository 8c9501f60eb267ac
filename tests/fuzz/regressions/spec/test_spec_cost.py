"""Issue 9, "cost that is not bounded by size": many bands, big tables, many indicators.

Time is measured by benchmarks/growth.py, never here; these tests pin the results at
sizes that took minutes before (and, for bands, that the sweep compares few pairs).
"""

from __future__ import annotations

import datetime
from pathlib import Path
from typing import Any

import pytest

import ytxa_rules
from tests.fuzz.regressions.spec.spec_helpers import spec_text, write_spec
from ytxa_rules.check import check_document, reachability
from ytxa_rules.engine.compiled import CompiledSpec
from ytxa_rules.limits import MAX_BANDS_PER_INDICATOR
from ytxa_rules.syntax.parser import parse_text

AS_OF = datetime.date(2024, 6, 1)


def _comparisons(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Counts the pairs of conditions the unreachable-band check compares one by one."""
    calls = [0]
    real = reachability.implies

    def counted(p: Any, q: Any) -> bool:
        calls[0] += 1
        return real(p, q)

    monkeypatch.setattr(reachability, "implies", counted)
    return calls


def test_a_thousand_threshold_bands_are_checked_without_comparing_all_pairs(monkeypatch: pytest.MonkeyPatch) -> None:
    calls = _comparisons(monkeypatch)
    many = MAX_BANDS_PER_INDICATOR - 1
    bands = "\n".join(f"           1 when x >= {many - i}" for i in range(many))
    rule = f"points {bands.strip()}\n           1 when x >= 500 and b"  # the last: covered by `x >= 500`
    document = parse_text(spec_text("fact x: count\nfact b: bool\n", rule, 1))
    found = [(d.code, d.arguments.get("band"), d.arguments.get("earlier")) for d in check_document(document)]  # type: ignore[arg-type]
    assert ("E403", many + 1, many - 500 + 1) in found
    assert calls[0] <= many  # all pairs would be half a million


def test_the_sweep_finds_the_earliest_covering_band() -> None:
    rule = "points 1 when x > 10\n           1 when x >= 20 or x = 15\n           1 when x < 3\n           1 when x <= 2 and b"
    document = parse_text(spec_text("fact x: count\nfact b: bool\n", rule, 1))
    found = {(d.arguments["band"], d.arguments["earlier"]) for d in check_document(document) if d.code == "E403"}  # type: ignore[arg-type]
    assert found == {(2, 1), (4, 3)}


def test_more_bands_than_the_limit_is_a_located_error() -> None:
    bands = "\n".join(f"           1 when x = {i}" for i in range(MAX_BANDS_PER_INDICATOR + 1))
    document = parse_text(spec_text("fact x: count\n", f"points {bands.strip()}", 1))
    (refused,) = [d for d in check_document(document) if d.code == "E124"]  # type: ignore[arg-type]
    first_line = 10  # of the bands: the header, the fact, the criterion, the indicator, its cite
    assert refused.span is not None and refused.span.line == first_line + MAX_BANDS_PER_INDICATOR


def test_a_table_of_ten_thousand_entries_checks_and_scores(tmp_path: Path) -> None:
    many = 10_000
    names = ", ".join(f"xa_{i}" for i in range(many))
    entries = "\n".join(f"  xa_{i}: {i % 100}%" for i in range(many))
    declarations = f"fact ma_xa: one of {names}\nfact ty_le: percent\ntable muc_tieu by ma_xa\n{entries}\n"
    folder = tmp_path / "spec"
    write_spec(folder, spec_text(declarations, "points 1 when ty_le >= muc_tieu", 1))
    spec = ytxa_rules.load(folder)
    assert [d for d in spec.check() if d.is_error] == []
    for commune, expected in (("xa_42", 1), ("xa_9999", 0), ("xa_10", 1)):
        assert spec.evaluate({"ma_xa": commune, "ty_le": 50}, AS_OF).total == expected
    source = spec.at(AS_OF).program.source
    assert source.count("xa_") == 0  # the table is one dict constant, not code per entry


def test_many_indicators_make_code_of_linear_size() -> None:
    numbers = range(2, 1002)
    indicators = "".join(
        f'  indicator {i} "i" max 1 confirmed\n    cite "c"\n    points 1 when rate(x, y) >= {i % 100}%\n' for i in numbers
    )
    text = spec_text("fact x: count\nfact y: count\n", "points 1 when x >= 1", 1)
    text = text.replace('criterion 1 "Thử" max 1\n', f'criterion 1 "Thử" max {len(numbers) + 1}\n{indicators}')
    document = parse_text(text.replace("total 1", f"total {len(numbers) + 1}"))
    assert [d for d in check_document(document) if d.is_error] == []  # type: ignore[arg-type]
    compiled = CompiledSpec(document, "many")  # type: ignore[arg-type]
    assert len(compiled.program.source) < 300 * (len(numbers) + 1)
    result = compiled.evaluate({"x": 1, "y": 2}, AS_OF)  # 1 of 2 is 50 %
    assert result.total == 1 + sum(1 for i in numbers if i % 100 <= 50)
