"""Facts files that hung or crashed the engine when it was fuzzed (issue 9), one test each.

Each now gives a located error (or the right score) at once. Times are measured only as a
sanity check with a bound far above what the work takes: speed is for benchmarks/.
"""

from __future__ import annotations

import datetime
import io
import os
import threading
import time
from pathlib import Path

import pytest

import ytxa_rules
from ytxa_rules.cli import main
from ytxa_rules.facts.read import parse_json, parse_yaml, read_facts
from ytxa_rules.limits import FACTS_MAX_BYTES, FACTS_MAX_DIGITS, FACTS_MAX_PROBLEMS
from ytxa_rules.render.text import explain

ROOT = Path(__file__).resolve().parents[4]
AS_OF = datetime.date(2024, 12, 31)
SANITY_SECONDS = 60  # generous: the work takes well under a second


def run(*args: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main(list(args), out=out, err=err)
    return code, out.getvalue(), err.getvalue()


def codes(error: ytxa_rules.FactsError) -> list[str]:
    return [d.code for d in error.diagnostics]


def example() -> dict[str, object]:
    facts, _ = read_facts(ROOT / "examples" / "xa-dat-chuan.yaml")
    return facts


def refused(spec: ytxa_rules.Spec, text: str, name: str = "f.yaml") -> ytxa_rules.FactsError:
    parse = parse_json if name.endswith(".json") else parse_yaml
    start = time.perf_counter()
    with pytest.raises(ytxa_rules.FactsError) as info:
        facts, where = parse(text, name)
        spec.evaluate(facts, AS_OF, where=where)
    assert time.perf_counter() - start < SANITY_SECONDS
    return info.value


# ---------------------------------------------------------------- hangs


@pytest.mark.parametrize("text", ["1e99999999", "1e9999999", "1e-99999999", "0e-99999999", "1e" + "9" * 40])
@pytest.mark.parametrize("fact", ["dien_tich_dat_m2", "ty_le_trang_thiet_bi", "so_phong_chuc_nang"])
def test_huge_exponent_is_refused_unexpanded(spec, text: str, fact: str) -> None:  # type: ignore[no-untyped-def]
    for name, content in (("f.yaml", f"{fact}: {text}\n"), ("f.json", f'{{"{fact}": {text}}}')):
        error = refused(spec, content, name)
        assert codes(error) == ["F015"]
        assert error.diagnostics[0].span is not None and error.diagnostics[0].span.line == 1


@pytest.mark.parametrize("levels", [3, 9, 30])
def test_billion_laughs_of_aliases_is_refused_at_the_first_anchor(spec, levels: int) -> None:  # type: ignore[no-untyped-def]
    lines = ['a0: &a0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    lines += [f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 9) + "]" for i in range(1, levels)]
    error = refused(spec, "\n".join(lines) + "\n")
    assert codes(error) == ["F020"]
    assert (error.diagnostics[0].span.line, error.diagnostics[0].span.column) == (1, 5)  # type: ignore[union-attr]


def test_alias_without_anchor_chain_is_refused_too(spec) -> None:  # type: ignore[no-untyped-def]
    assert codes(refused(spec, "dan_so: &n 8240\nso_nguoi_tham_gia_bhyt: *n\n")) == ["F020"]


def test_json_with_200000_keys_is_read_in_linear_time(spec) -> None:  # type: ignore[no-untyped-def]
    text = "{" + ", ".join(f'"k{i}": {i}' for i in range(200_000)) + "}"
    start = time.perf_counter()
    facts, where = parse_json(text, "big.json")
    assert len(facts) == 200_000 and (where["k199999"].line, where["k199999"].column) == (1, text.index('"k199999"') + 1)
    error = refused(spec, text, "big.json")
    assert codes(error) == ["F004"] * FACTS_MAX_PROBLEMS + ["F021"]
    assert error.diagnostics[-1].arguments["count"] == 200_000 - FACTS_MAX_PROBLEMS
    assert len(error.render("en")) < 100 * 400  # one clipped source line per problem, not the whole line
    assert time.perf_counter() - start < SANITY_SECONDS


def test_json_key_spans_skip_nested_keys_and_strings(spec) -> None:  # type: ignore[no-untyped-def]
    text = '{"a": {"dan_so": 1, "x": "\\"dan_so\\": 2"},\n  "dan_so": 5, "t\\u00ean": "{[", "vung": 1}'
    facts, where = parse_json(text, "f.json")
    second = text.split("\n")[1]
    assert (where["dan_so"].line, where["dan_so"].column) == (2, second.index('"dan_so"') + 1)
    assert (where["tên"].line, where["tên"].column) == (2, second.index('"t\\u00ean"') + 1)
    assert (where["vung"].line, where["vung"].column) == (2, second.index('"vung"') + 1)
    assert set(where) == {"a", "dan_so", "tên", "vung"} and facts["dan_so"] == 5


@pytest.mark.parametrize("device", ["/dev/zero", "/dev/urandom"])
def test_endless_device_is_capped(device: str) -> None:
    if not os.path.exists(device):
        pytest.skip(f"no {device}")
    code, _, err = run("eval", device, "--lang", "en")
    assert code == 2 and "[F019]" in err and str(FACTS_MAX_BYTES) in err


def test_endless_pipe_is_capped(tmp_path: Path) -> None:
    fifo = tmp_path / "facts.yaml"
    os.mkfifo(fifo)
    stop = threading.Event()

    def writer() -> None:
        try:
            with open(fifo, "wb") as stream:
                chunk = b"# " + b"x" * 65_534 + b"\n"
                while not stop.is_set():
                    stream.write(chunk)
        except BrokenPipeError:
            pass

    thread = threading.Thread(target=writer, daemon=True)
    thread.start()
    try:
        with pytest.raises(ytxa_rules.FactsError) as info:
            read_facts(fifo)
        assert codes(info.value) == ["F019"]
    finally:
        stop.set()
        thread.join(timeout=10)


# ---------------------------------------------------------------- tracebacks


@pytest.mark.parametrize("name", ["f.yaml", "f.json"])
def test_integer_of_5000_digits_is_a_located_error(spec, name: str) -> None:  # type: ignore[no-untyped-def]
    digits = "7" * 5000
    content = f"dan_so: {digits}\nvung: {digits}\nnam_danh_gia: {digits}\n" if name == "f.yaml" else (
        f'{{"dan_so": {digits},\n"vung": {digits},\n"nam_danh_gia": {digits}}}'
    )
    error = refused(spec, content, name)
    assert codes(error) == ["F014", "F014", "F014"]
    assert [d.span.line for d in error.diagnostics] == [1, 2, 3]  # type: ignore[union-attr]
    assert "40" in error.render("en")


def test_python_int_of_5000_digits_is_a_located_error(spec) -> None:  # type: ignore[no-untyped-def]
    for name in ("dan_so", "vung", "nam_danh_gia", "ty_le_trang_thiet_bi", "dien_tich_dat_m2"):
        with pytest.raises(ytxa_rules.FactsError) as info:
            spec.evaluate({**example(), name: 7 * 10**5000}, AS_OF)
        assert codes(info.value) == ["F014"]


@pytest.mark.parametrize("value", [[1, 2], {"a": 1}, ["xa"], {"xa": None}, (1,), {1, 2}])
def test_list_or_mapping_for_a_one_of_fact(spec, value: object) -> None:  # type: ignore[no-untyped-def]
    for name in ("vung", "loai_don_vi"):
        with pytest.raises(ytxa_rules.FactsError) as info:
            spec.evaluate({**example(), name: value}, AS_OF)
        assert codes(info.value) == ["F008"]


def test_list_or_mapping_for_a_one_of_fact_in_a_file(spec) -> None:  # type: ignore[no-untyped-def]
    error = refused(spec, "vung: [1, 2]\nloai_don_vi: {xa: 1}\n")
    assert codes(error) == ["F008", "F008"]


def test_percent_of_1e999999(spec) -> None:  # type: ignore[no-untyped-def]
    assert codes(refused(spec, "ty_le_trang_thiet_bi: 1e999999\n")) == ["F015"]
    assert codes(refused(spec, '{"ty_le_trang_thiet_bi": 1e999999}', "f.json")) == ["F015"]


@pytest.mark.parametrize("digits", [28, 29, 35, FACTS_MAX_DIGITS])
def test_count_of_many_digits_under_explain_is_exact(spec, digits: int) -> None:  # type: ignore[no-untyped-def]
    big = int("9" * digits)
    facts = {**example(), "dan_so": big, "so_ho_gia_dinh": big, "so_nguoi_tham_gia_bhyt": big - 1}
    result = spec.evaluate(facts, AS_OF, trace=True)
    for lang in ("vi", "en"):
        text = explain(result, lang)
        separator = "." if lang == "vi" else ","
        grouped = f"{big:,}".replace(",", separator)
        assert grouped in text
    assert result.to_dict()["total"] == result.total


def test_count_over_the_digit_limit_is_refused(spec) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(ytxa_rules.FactsError) as info:
        spec.evaluate({**example(), "dan_so": 10**FACTS_MAX_DIGITS}, AS_OF)
    assert codes(info.value) == ["F014"]
