"""Each language concept has one registry, and every stage that lists the concept reads it."""

from __future__ import annotations

import datetime
from pathlib import Path

import pytest

from ytxa_rules import ast, highlight
from ytxa_rules.facts.fastpath import generate_fast_validator
from ytxa_rules.facts.scalars import CONVERTERS
from ytxa_rules.language.functions import FUNCTIONS
from ytxa_rules.language.kinds import KINDS
from ytxa_rules.messages import MESSAGES, WORDS
from ytxa_rules.messages.batch import WORDS as BATCH_WORDS


def test_every_kind_has_a_converter_and_a_name_in_both_languages() -> None:
    for name in KINDS:
        if name != "enum":  # a choice converts by its own values (validate._enum)
            assert name in CONVERTERS, name
        assert f"type.{name}" in WORDS and all(WORDS[f"type.{name}"]), name
        assert f"kind.{name}" in BATCH_WORDS, name  # the data dictionary's column of kinds
    assert set(CONVERTERS) <= set(KINDS)


def test_the_ast_highlighter_and_strategies_list_the_registries() -> None:
    from tests import strategies, strategies_typed

    assert ast.FACT_KINDS == tuple(KINDS) and strategies.FACT_KINDS == ast.FACT_KINDS
    assert set(highlight.FUNCTIONS) == set(FUNCTIONS) == set(strategies.FUNCTIONS)
    assert set(highlight.TYPES) == (set(KINDS) - {"enum"}) | {"one"}
    assert strategies_typed.FUNCTIONS is FUNCTIONS


def test_every_function_has_wording_in_both_languages_and_a_known_arity() -> None:
    for function in FUNCTIONS.values():
        assert function.vi and function.en and function.signature.startswith(function.name + "(")
        assert function.accepts(function.min_args) and not function.accepts(function.min_args - 1)
        assert len(function.arguments) >= 1


@pytest.mark.parametrize("kind", [*KINDS, "a_kind_not_yet_known"])
def test_the_fast_path_never_crashes_on_a_kind_it_has_no_test_for(kind: str) -> None:
    values = ("a", "b") if kind == "enum" else ()
    fast = generate_fast_validator({"x": ast.Fact("x", ast.FactType(kind, values))})
    for raw in ({"x": 1}, {"x": "a"}, {"x": datetime.date(2024, 1, 1)}, {}):
        outcome = fast(raw)
        assert outcome is None or isinstance(outcome[0], dict)


def test_new_codes_are_in_the_catalog() -> None:
    assert {"E140", "E141", "F090", "F091"} <= set(MESSAGES)


MONEY_SPEC = """\
document "T"
  title "Thử"
  effective 2024-01-01
  total 2

fact kinh_phi: money >= 0 "Kinh phí (triệu đồng)"

criterion 1 "Một" max 2
  indicator 1 "Một" max 2 confirmed
    cite "Thử"
    points 2 when kinh_phi >= 100
           1 when kinh_phi >= 50.5
           1 when kinh_phi >= 60

recognition "Đạt"
  cite "Thử"
  require total >= 50% of max
"""


def test_a_kind_without_literals_is_its_entry_its_converter_and_its_words(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """The contributor guide's claim, tried: a `money` kind is added in four places only."""
    from decimal import Decimal

    import ytxa_rules
    from ytxa_rules.language.kinds import FactKind
    from ytxa_rules.syntax import grammar

    monkeypatch.setitem(KINDS, "money", FactKind("money", numeric=True, ordered=True))
    monkeypatch.setitem(CONVERTERS, "money", CONVERTERS["decimal"])
    monkeypatch.setitem(WORDS, "type.money", ("số tiền", "an amount of money"))
    monkeypatch.setitem(BATCH_WORDS, "kind.money", ("số tiền", "amount of money"))
    monkeypatch.setenv("YTXA_CACHE", "off")  # parse tables for this grammar only, never kept
    grammar.lark.cache_clear()
    try:
        path = tmp_path / "money.ytxa"
        path.write_text(MONEY_SPEC, encoding="utf-8")
        from ytxa_rules.check import check_document
        from ytxa_rules.syntax.parser import parse_text

        found = check_document(parse_text(MONEY_SPEC, str(path)))  # E403 reasons over the new kind's bands
        assert [d.code for d in found if d.is_error] == ["E403"]
        path.write_text(MONEY_SPEC.replace("           1 when kinh_phi >= 60\n", ""), encoding="utf-8")
        spec = ytxa_rules.load(path)
        result = spec.evaluate({"kinh_phi": Decimal("70.25")}, as_of=datetime.date(2024, 6, 1), trace=True)
        assert (result.total, result.passed) == (1, True)
        with pytest.raises(ytxa_rules.FactsError) as refused:
            spec.evaluate({"kinh_phi": "abc"}, as_of=datetime.date(2024, 6, 1))
        assert [d.code for d in refused.value.diagnostics] == ["F005"]  # worded as its converter's kind (decimal)
    finally:
        grammar.lark.cache_clear()
