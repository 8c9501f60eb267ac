"""Generated code is safe by construction: nothing a document holds is ever run as code.

Each test builds a document that skipped `check` (or never came from text at all), puts
a payload where the compiler writes Python (a name, a function, a text, a number, an
operator, a table key), compiles and scores it, and asserts the payload never ran: it
is either refused at compile time (E141) or handled as the data it is.
"""

from __future__ import annotations

import datetime
import types
import unicodedata
from fractions import Fraction
from pathlib import Path
from typing import Any

import attrs
import pytest

from tests.fuzz.regressions.spec.spec_helpers import spec_text
from ytxa_rules import ast
from ytxa_rules.check import check_document
from ytxa_rules.engine.codegen import generate
from ytxa_rules.engine.compiled import CompiledSpec, _namespace
from ytxa_rules.errors import SpecError
from ytxa_rules.language.scope import Scope
from ytxa_rules.syntax.parser import parse_text

AS_OF = datetime.date(2024, 6, 1)
DECLARATIONS = 'fact x: count\nfact y: count\nfact loai: one of a, b\ntable muc by loai\n  a: 10\n  b: 20\n'


def payload(canary: Path) -> str:
    """Python that leaves a file behind if it ever runs."""
    return f"__import__('pathlib').Path({str(canary)!r}).touch()"


def base() -> ast.Document:
    document = parse_text(spec_text(DECLARATIONS, "points 2 when x >= 1"))
    assert isinstance(document, ast.Document)
    assert [d for d in check_document(document) if d.is_error] == []
    return document


def with_condition(document: ast.Document, condition: Any) -> ast.Document:
    """`document` with its one band's condition replaced, unchecked."""
    indicator = document.criteria[0].indicators[0]
    assert isinstance(indicator.rule, ast.Bands)
    band = attrs.evolve(indicator.rule.bands[0], condition=condition)
    rule = attrs.evolve(indicator.rule, bands=(band,))
    criterion = attrs.evolve(document.criteria[0], indicators=(attrs.evolve(indicator, rule=rule),))
    return attrs.evolve(document, criteria=(criterion,))


def score(document: ast.Document, facts: dict[str, Any], trace: bool = False) -> Any:
    return CompiledSpec(document, "unchecked").evaluate(facts, AS_OF, trace=trace)


def refused(document: ast.Document) -> None:
    with pytest.raises(SpecError) as caught:
        CompiledSpec(document, "unchecked")
    assert [d.code for d in caught.value.diagnostics] == ["E141"]


LOOK_ALIKES = ("__import__", "exec", "eval", "open", "getattr", "print", "bool", "sum", "_tf", "_k", "_F_min")


def _width_variants(name: str) -> list[str]:
    """Names whose NFKC form is `name`: fullwidth and mathematical-bold letters."""
    fullwidth = "".join(chr(ord(c) + 0xFEE0) if "!" <= c <= "~" else c for c in name)
    bold = "".join(chr(0x1D41A + ord(c) - ord("a")) if "a" <= c <= "z" else c for c in name)
    return [v for v in (fullwidth, bold) if v != name and unicodedata.normalize("NFKC", v) == name]


@pytest.mark.parametrize("name", [*LOOK_ALIKES, *(v for n in LOOK_ALIKES for v in _width_variants(n)), "rate.__globals__", ""])
def test_a_function_outside_the_registry_is_refused_at_compile_time(name: str) -> None:
    call = ast.Call(name, (ast.Ref("x"),))
    refused(with_condition(base(), ast.Compare(">=", call, ast.Number(Fraction(1), "1"))))


def test_a_registry_function_with_the_wrong_number_of_arguments_is_refused() -> None:
    call = ast.Call("rate", (ast.Ref("x"),))
    refused(with_condition(base(), ast.Compare(">=", call, ast.Number(Fraction(1), "1"))))


def test_a_look_alike_function_in_a_spec_is_refused_by_the_parser_or_the_checker() -> None:
    for name in ("ｅｘｅｃ", "𝐞𝐯𝐚𝐥", "__import__", "exec"):
        try:
            document = parse_text(spec_text(DECLARATIONS, f"points 2 when {name}(x) >= 1"))
        except SpecError as refused:
            assert [d.code for d in refused.diagnostics] == ["E122"], name
            continue
        assert isinstance(document, ast.Document)
        assert "E204" in [d.code for d in check_document(document) if d.is_error], name


def test_fact_names_are_data(tmp_path: Path) -> None:
    canary = tmp_path / "ran"
    name = f"x'] or {payload(canary)} or f['x"
    condition = ast.Compare(">=", ast.Ref(name), ast.Number(Fraction(1), "1"))
    document = with_condition(base(), condition)
    document = attrs.evolve(document, facts=(*document.facts, ast.Fact(name, ast.FactType("count"))))
    for trace in (False, True):
        result = score(document, {"x": 1, "y": 1, "loai": "a", name: 5}, trace)
        assert result.total == 2
    assert not canary.exists()


def test_enum_values_and_case_keys_are_data(tmp_path: Path) -> None:
    canary = tmp_path / "ran"
    value = f"a' or {payload(canary)} or 'a"
    condition = ast.Compare("=", ast.Ref("loai"), ast.Ref(value))
    for trace in (False, True):
        assert score(with_condition(base(), condition), {"x": 1, "y": 1, "loai": "a"}, trace).total == 0
    document = base()
    loai = attrs.evolve(document.facts[2], type=ast.FactType("enum", ("a", "b", value)))
    document = attrs.evolve(document, facts=(*document.facts[:2], loai))
    indicator = document.criteria[0].indicators[0]
    assert isinstance(indicator.rule, ast.Bands)
    branch = ast.Branch("loai", (ast.Case((value,), indicator.rule),), None)
    criterion = attrs.evolve(document.criteria[0], indicators=(attrs.evolve(indicator, rule=branch),))
    for trace in (False, True):
        assert score(attrs.evolve(document, criteria=(criterion,)), {"x": 1, "y": 1, "loai": value}, trace).total == 2
    assert not canary.exists()


def test_value_and_table_names_and_table_keys_are_data(tmp_path: Path) -> None:
    canary = tmp_path / "ran"
    document = base()
    value_name = f"v') or {payload(canary)} or ('"
    table = attrs.evolve(document.tables[0], name="{0.__class__.__init__.__globals__}'" + payload(canary))
    entries = (*table.entries, ast.TableEntry(f"c'] or {payload(canary)} or ['", ast.Number(Fraction(30), "30")))
    table = attrs.evolve(table, entries=entries)
    value = ast.Value(value_name, ast.Arith("+", ast.Ref(table.name), ast.Ref("x")))
    condition = ast.Compare(">=", ast.Ref(value_name), ast.Number(Fraction(11), "11"))
    document = attrs.evolve(with_condition(document, condition), values=(value,), tables=(table,))
    for trace in (False, True):
        assert score(document, {"x": 1, "y": 1, "loai": "a"}, trace).total == 2
        assert score(document, {"x": 0, "y": 1, "loai": "a"}, trace).total == 0
    assert not canary.exists()


def test_qualified_names_are_data(tmp_path: Path) -> None:
    canary = tmp_path / "ran"
    condition = ast.Compare("=", ast.QualifiedRef(f"a', {payload(canary)}, '", "passed"), ast.Bool(True))
    with pytest.raises(KeyError):  # no such set: a plain lookup of the text, not code
        score(with_condition(base(), condition), {"x": 1, "y": 1, "loai": "a"})
    assert not canary.exists()


class _Loud(Fraction):
    """A number whose text is code."""

    def __repr__(self) -> str:
        return "__import__('os')"

    __str__ = __repr__


class _LoudInt(int):
    def __repr__(self) -> str:
        return "__import__('os')"

    __str__ = __repr__


@pytest.mark.parametrize(
    "condition",
    [
        ast.Compare(">=", ast.Ref("x"), ast.Number(_Loud(1, 3), "1/3")),  # type: ignore[arg-type]
        ast.Compare(">=", ast.Ref("x"), ast.Number(_LoudInt(1), "1")),  # type: ignore[arg-type]
        ast.Compare(">=", ast.Ref("x"), ast.Number("__import__('os')", "1")),  # type: ignore[arg-type]
        ast.Compare("== 1 or __import__('os') or 1 ==", ast.Ref("x"), ast.Number(Fraction(1), "1")),
        ast.Compare(">=", ast.Arith("+ __import__('os') +", ast.Ref("x"), ast.Ref("y")), ast.Number(Fraction(1), "1")),
        ast.Compare("=", ast.Ref("x"), ast.Bool("__import__('os')")),  # type: ignore[arg-type]
        ast.Compare("=", ast.Ref(_Loud(1)), ast.Number(Fraction(1), "1")),  # type: ignore[arg-type]
        "__import__('os')",
    ],
    ids=["fraction", "int", "text-number", "operator", "arithmetic", "bool", "name", "raw-text"],
)
def test_numbers_operators_and_nodes_not_built_by_the_parser_are_refused(condition: Any) -> None:
    refused(with_condition(base(), condition))


def test_points_that_are_not_exact_numbers_are_refused() -> None:
    document = base()
    indicator = document.criteria[0].indicators[0]
    assert isinstance(indicator.rule, ast.Bands)
    band = attrs.evolve(indicator.rule.bands[0], points=ast.Number(_Loud(2), "2"))  # type: ignore[arg-type]
    rule = attrs.evolve(indicator.rule, bands=(band,))
    criterion = attrs.evolve(document.criteria[0], indicators=(attrs.evolve(indicator, rule=rule),))
    refused(attrs.evolve(document, criteria=(criterion,)))


def _global_names(code: types.CodeType) -> set[str]:
    """Every global a code object (and the functions it defines) may read."""
    names = set(code.co_names)
    for constant in code.co_consts:
        if isinstance(constant, types.CodeType):
            names |= _global_names(constant) - set(constant.co_varnames)
    return names


def test_generated_code_has_no_builtins_and_reads_only_what_is_handed_in() -> None:
    document = parse_text(spec_text(DECLARATIONS + "value r = round(abs(rate(x, y) - 50%), 1)\n", "points 2 when r >= 1% and min(x, y, muc) >= 1"))
    assert isinstance(document, ast.Document)
    assert [d for d in check_document(document) if d.is_error] == []
    for traced in (False, True):
        program = generate(document, Scope.of(document), traced)
        namespace = _namespace(program)
        assert namespace["__builtins__"] == {}
        functions = {n for n in _global_names(compile(program.source, "<test>", "exec")) if n.startswith(("_i", "_t", "_V", "_TV", "_P", "_TP", "_R", "_TR", "_E", "_TE"))}
        attributes = {"format", "get"}  # method names (`str.format`, `dict.get`) are attributes, not globals
        unknown = _global_names(compile(program.source, "<test>", "exec")) - set(namespace) - functions - attributes
        assert unknown == set()


def test_fact_bounds_and_names_in_the_facts_fast_path_are_data(tmp_path: Path) -> None:
    canary = tmp_path / "ran"
    document = base()
    loud = attrs.evolve(document.facts[0], bounds=(ast.Bound("<=", ast.Number(_Loud(5), "5")),))  # type: ignore[arg-type]
    refused(attrs.evolve(document, facts=(loud, *document.facts[1:])))
    name = f"z') or {payload(canary)} or ('"
    named = ast.Fact(name, ast.FactType("count"), (ast.Bound("<=", ast.Ref("x")),))
    document = attrs.evolve(document, facts=(*document.facts, named))
    for facts in ({"x": 1, "y": 1, "loai": "a", name: 1}, {"x": 1, "y": 1, "loai": "a", name: 3}):
        try:
            CompiledSpec(document, "unchecked").evaluate(facts, AS_OF)
        except Exception as problem:  # a bound broken is a facts error; never the payload
            assert type(problem).__name__ == "FactsError"
    assert not canary.exists()
