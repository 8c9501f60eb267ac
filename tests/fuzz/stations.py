"""Station facts for any criteria document, and the file formats they are written in.

`station_for` reads the document's own declarations (so it serves mutated and generated
specs alike) and picks values near the thresholds the document uses, sometimes breaking a
bound or leaving a fact out. `FORMATS` is the registry of facts file formats: each knows
its suffix, how to write facts (in several styles), how to damage such a file, which
files are bad by construction, and how the library reads it. CSV or XLSX input is one
more `FactsFormat` (for XLSX: an openpyxl writer and a cell-level `mutate`), and one more
entry in `tests.fuzz.kinds.KINDS`.
"""

from __future__ import annotations

import json
import random
from collections.abc import Callable, Sequence
from decimal import Decimal
from fractions import Fraction
from pathlib import Path
from typing import Any

import attrs

from tests.fuzz import mutate
from tests.fuzz.mutate import NUMBERS, UNICODE
from ytxa_rules import ast
from ytxa_rules.facts.read import read_facts


def _thresholds(document: ast.Document) -> list[Fraction]:
    found: list[Fraction] = []

    def walk(node: object) -> None:
        if isinstance(node, ast.Number):
            found.append(node.value)
        elif attrs.has(type(node)):
            for field in attrs.fields(type(node)):  # type: ignore[arg-type]
                walk(getattr(node, field.name))
        elif isinstance(node, tuple):
            for item in node:
                walk(item)

    walk(document.criteria)
    walk(document.tables)
    return found or [Fraction(0)]


def _near(value: Fraction, rnd: random.Random) -> Decimal:
    step = Decimal(rnd.choice(("0", "0", "0.01", "-0.01", "1", "-1", "0.0001")))  # not 0.001: `80.001` reads as a thousands slip (F016)
    exact = Decimal(value.numerator) / Decimal(value.denominator)
    return (exact + step).quantize(Decimal("0.01")) if exact.as_tuple().exponent < -2 else exact + step  # type: ignore[operator]


def station_for(document: ast.Document, rnd: random.Random, clean: bool = False) -> dict[str, Any]:
    """Facts for `document`: mostly valid, near its thresholds, sometimes not (never, if `clean`)."""
    thresholds = _thresholds(document)
    facts: dict[str, Any] = {}
    for fact in document.facts:
        if rnd.random() < 0.05:
            continue  # missing: an explicit status, never a silent default
        kind = fact.type.kind
        if kind == "bool":
            value: Any = rnd.random() < 0.6
        elif kind == "count":
            value = rnd.choice((0, 1, 2, 3, 10, 100, 1000, rnd.randint(0, 5000)))
        elif kind == "decimal":
            value = _near(rnd.choice(thresholds), rnd) if rnd.random() < 0.6 else Decimal(rnd.randint(0, 1000)) / 4
        elif kind == "percent":
            value = min(max(_near(rnd.choice(thresholds), rnd), Decimal(0)), Decimal(100))
        elif kind == "year":
            value = rnd.choice((2023, 2024, 2025, 2027))
        elif kind == "enum":
            value = rnd.choice(fact.type.values) if fact.type.values else "x"
            value = int(value) if value.isdigit() and rnd.random() < 0.5 else value
        else:
            value = rnd.choice(("Xã A", "Phường Bến Nghé", "", "Xã \u202eB"))
        facts[fact.name] = value
    # Bounds by another fact (count <= dan_so) hold most of the time.
    for fact in document.facts:
        for bound in fact.bounds:
            if bound.op == "<=" and isinstance(bound.expr, ast.Ref) and isinstance(facts.get(fact.name), int):
                other = facts.get(bound.expr.name)
                if isinstance(other, int) and not isinstance(other, bool) and rnd.random() < 0.9:
                    facts[fact.name] = min(facts[fact.name], other)
    if facts and not clean and rnd.random() < 0.1:  # one value of the wrong kind
        name = rnd.choice(sorted(facts))
        facts[name] = rnd.choice(["95%", "1,5", [1, 2], {"a": 1}, None, -1, 10**30, "yes", Decimal("1e-30")])
    return facts


# ---------------------------------------------------------------- writers
def _yaml_scalar(value: Any, rnd: random.Random) -> str:
    if value is None:
        return rnd.choice(("null", "~", ""))
    if isinstance(value, bool):
        return rnd.choice(("true", "yes", "có") if value else ("false", "no", "không"))  # on/off are F005 (YAML 1.1 words), left to the mutations
    if isinstance(value, (int, Decimal)):
        return str(value)
    if isinstance(value, (list, dict)):
        return json.dumps(value, default=str)
    return json.dumps(value, ensure_ascii=rnd.random() < 0.3)  # a double-quoted YAML scalar


def write_yaml(facts: dict[str, Any], rnd: random.Random) -> str:
    lines = ["# dữ kiện trạm y tế (sinh ngẫu nhiên)"] if rnd.random() < 0.5 else []
    if rnd.random() < 0.1:
        lines.append("---")
    for name, value in facts.items():
        comment = "  # ghi chú" if rnd.random() < 0.05 else ""
        lines.append(f"{name}: {_yaml_scalar(value, rnd)}{comment}")
    return "\n".join(lines) + "\n"


def write_json(facts: dict[str, Any], rnd: random.Random) -> str:
    def encode(value: Any) -> Any:
        return float(value) if isinstance(value, Decimal) else value  # shortest repr: read back exactly

    data = {name: encode(value) for name, value in facts.items()}
    return json.dumps(data, ensure_ascii=rnd.random() < 0.3, indent=rnd.choice((None, 2)))


YAML_VOCABULARY = (
    *NUMBERS, *UNICODE, "~", "null", "yes", "no", "on", "off", "y", "n", "true", "True", "FALSE", "[1, 2]", "{a: 1}", "[]", "{}",
    "&a", "*a", "<<: *a", "!!python/object:os.system", "!!binary aGk=", "!!timestamp 2024-01-01", "!!int 1", "!!float 1",
    "!!str 1", "2024-01-01", "'x'", '"x"', "|", ">", "- 1", "? a", ": b", "%YAML 1.1", "---", "...", "#", "\"\\ud800\"",
)
JSON_VOCABULARY = (
    *NUMBERS, "null", "true", "false", "[", "]", "{", "}", ",", ":", '"x"', '"\\u0000"', '"\\ud800"', '"\\u202e"', "1e400",
    "-0", "[[[[[[[[[[1]]]]]]]]]]", '{"a": {"a": {"a": 1}}}', '"95%"', '"1,5"', '"৪0"', "NaN", "Infinity",
)


def _aliases(depth: int, width: int) -> str:
    """A 'billion laughs' of YAML aliases: each level refers `width` times to the one before."""
    lines = ["a0: &a0 [x, x]"]
    for level in range(1, depth):
        lines.append(f"a{level}: &a{level} [{', '.join([f'*a{level - 1}'] * width)}]")
    return "\n".join(lines) + "\n"


def _many_keys(count: int) -> str:
    return json.dumps({f"k{i}": i for i in range(count)})


Mutation = Callable[[bytes, random.Random, int], tuple[bytes, list[str]]]


def text_mutations(vocabulary: Sequence[str]) -> Mutation:
    """Up to `most` token-, line- and Unicode-level mutations of a text file (and rarely a byte one)."""

    def apply(data: bytes, rnd: random.Random, most: int) -> tuple[bytes, list[str]]:
        text, names = mutate.mutate(data.decode("utf-8"), rnd, vocabulary, rnd.randint(1, most))
        data = text.encode("utf-8", "surrogatepass")
        if rnd.random() < 0.05:
            data, name = mutate.mutate_bytes(data, rnd)
            names.append(name)
        return data, names

    return apply


def _text(write: Callable[[dict[str, Any], random.Random], str]) -> Callable[[dict[str, Any], random.Random], bytes]:
    return lambda facts, rnd: write(facts, rnd).encode("utf-8")


@attrs.frozen
class FactsFormat:
    """One file format for station facts: how to write a station in it, how to damage such a
    file, which files are bad by construction, and how the library reads it.

    A binary format (XLSX) writes bytes with its own library and damages cells rather than
    text; the oracle only ever calls `read`."""

    name: str
    suffix: str
    write: Callable[[dict[str, Any], random.Random], bytes]
    mutate: Mutation
    attacks: Sequence[Callable[[random.Random], str]] = ()
    read: Callable[[Path], tuple[dict[str, Any], dict[str, Any]]] = read_facts


FORMATS: dict[str, FactsFormat] = {
    "yaml": FactsFormat(
        "yaml", ".yaml", _text(write_yaml), text_mutations(YAML_VOCABULARY),
        (lambda rnd: _aliases(rnd.randint(4, 9), rnd.randint(5, 9)), lambda rnd: "x: " + "[" * 5000 + "]" * 5000 + "\n",
         lambda rnd: "dien_tich_dat_m2: 1e" + "9" * rnd.randint(5, 9) + "\n"),
    ),
    "json": FactsFormat(
        "json", ".json", _text(write_json), text_mutations(JSON_VOCABULARY),
        # 200,000 keys (issue 9) is a pending reproducer; the fuzzers use sizes that keep a run short.
        (lambda rnd: _many_keys(rnd.choice((5_000, 20_000, 50_000))), lambda rnd: "[" * 100_000 + "]" * 100_000,
         lambda rnd: '{"dan_so": ' + "9" * 5000 + "}"),
    ),
}
BY_SUFFIX = {form.suffix: form for form in FORMATS.values()} | {".yml": FORMATS["yaml"]}
