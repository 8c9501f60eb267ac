"""Issue 9, "spec files that pass `check` then crash at compile time": whatever checks,
compiles and evaluates (Python's nesting limits never apply); what cannot is a located
check error."""

from __future__ import annotations

import datetime
from pathlib import Path

import pytest

import ytxa_rules
from tests.fuzz.regressions.spec.spec_helpers import spec_text, write_spec
from ytxa_rules.errors import SpecError
from ytxa_rules.limits import MAX_BANDS_PER_INDICATOR, MAX_NESTING_DEPTH, MAX_NUMBER_DIGITS, MAX_VALUE_CHAIN

AS_OF = datetime.date(2024, 6, 1)


def _score(tmp_path: Path, declarations: str, rule: str, facts: dict[str, object], maximum: int = 1) -> tuple[int, int]:
    folder = tmp_path / "spec"
    write_spec(folder, spec_text(declarations, rule, maximum))
    spec = ytxa_rules.load(folder)
    assert [d.code for d in spec.check() if d.is_error] == []
    fast, traced = spec.evaluate(facts, AS_OF), spec.evaluate(facts, AS_OF, trace=True)
    assert all(i.trace for i in traced.indicators)  # the explanation is built too
    return int(fast.total), int(traced.total)


def test_fifty_chained_values_compile(tmp_path: Path) -> None:
    values = "fact x: count\nvalue v0 = x + 1\n" + "".join(f"value v{i} = v{i - 1} + 1\n" for i in range(1, 50))
    assert _score(tmp_path, values, "points 1 when v49 >= 51", {"x": 1}) == (1, 1)


def test_values_chained_up_to_the_limit_nested_up_to_the_limit_evaluate(tmp_path: Path) -> None:
    """The deepest spec the limits allow: every value nests as deep as allowed."""
    levels = MAX_NESTING_DEPTH - 12  # the statement around the expression takes a few levels
    values = "fact x: count\nvalue v0 = x\n" + "".join(
        f"value v{i} = " + "-(" * levels + f"v{i - 1}" + ")" * levels + "\n" for i in range(1, MAX_VALUE_CHAIN)
    )
    last = f"v{MAX_VALUE_CHAIN - 1}"
    sign = 1 if (levels * (MAX_VALUE_CHAIN - 1)) % 2 == 0 else -1
    assert _score(tmp_path, values, f"points 1 when {last} = {sign} * 7", {"x": 7}) == (1, 1)


def test_values_used_twice_at_every_step_give_code_of_linear_size(tmp_path: Path) -> None:
    """`v1 = v0 + v0`, … was inlined at every use: 2^60 copies of `x`."""
    values = "fact x: count\nvalue v0 = x\n" + "".join(f"value v{i} = v{i - 1} + v{i - 1}\n" for i in range(1, 61))
    assert _score(tmp_path, values, "points 1 when v60 >= 1", {"x": 1}) == (1, 1)
    source = ytxa_rules.load(tmp_path / "spec").at(AS_OF).program.source
    assert len(source) < 20_000


def test_count_of_three_thousand_conditions(tmp_path: Path) -> None:
    conditions = ", ".join(["b"] * 3000)
    assert _score(tmp_path, "fact b: bool\n", f"points 1 when count({conditions}) = 3000", {"b": True}) == (1, 1)


def test_nesting_at_the_limit_compiles(tmp_path: Path) -> None:
    rates = "rate(" * 40 + "x" + ", y)" * 40  # each rate is a few levels of generated code
    assert _score(tmp_path, "fact x: count\nfact y: count\n", f"points 1 when {rates} >= 5%", {"x": 1, "y": 2}) == (1, 1)
    condition = "x >= 1"
    for _ in range(35):
        condition = f"count({condition}) >= 1"
    assert _score(tmp_path, "fact x: count\n", f"points 1 when {condition}", {"x": 1}) == (1, 1)


def test_a_long_branch_and_a_long_list_of_bands_compile(tmp_path: Path) -> None:
    """Python nests `elif` and stops after a few thousand; generated code has none."""
    many = MAX_BANDS_PER_INDICATOR
    names = ", ".join(f"v{i}" for i in range(many))
    cases = "\n".join(f"      case v{i}:\n        1 when x >= {i}" for i in range(many))
    declarations = f"fact k: one of {names}\nfact x: count\n"
    assert _score(tmp_path, declarations, f"points by k\n{cases}", {"k": f"v{many - 1}", "x": many}) == (1, 1)
    bands = "\n".join(f"        1 when x = {i}" for i in range(many - 1))
    rule = f"points sum\n      part:\n{bands}\n      part:\n        1 when x = 1"
    assert _score(tmp_path, "fact x: count\n", rule, {"x": many - 2}, maximum=2) == (1, 1)


def test_a_literal_of_thousands_of_digits_is_a_located_error(tmp_path: Path) -> None:
    folder = tmp_path / "spec"
    write_spec(folder, spec_text("fact x: count\n", f"points 1 when x >= {'9' * 5000}", 1))
    with pytest.raises(SpecError) as raised:
        ytxa_rules.load(folder)
    (diagnostic,) = raised.value.diagnostics
    assert diagnostic.code == "E120" and (diagnostic.span.line, diagnostic.span.column) == (10, 24)
    assert diagnostic.arguments["limit"] == MAX_NUMBER_DIGITS
    assert len(diagnostic.arguments["found"]) <= 40  # an excerpt, not 5,000 digits


def test_digits_at_the_limit_are_exact(tmp_path: Path) -> None:
    big = "9" * MAX_NUMBER_DIGITS
    assert _score(tmp_path, "fact x: decimal\n", f"points 1 when x >= {big}", {"x": int(big)}) == (1, 1)
    small = "0." + "0" * (MAX_NUMBER_DIGITS - 2) + "1"
    assert _score(tmp_path, "fact x: decimal\n", f"points 1 when x < {small}", {"x": 0}) == (1, 1)
