"""The kinds of input the fuzzers make, one generator each, and how often each is drawn.

`case_for(seed, index)` is deterministic: the same seed and index give the same case on
any machine, so a long run can be resumed and any input regenerated from its number.
A new input kind (CSV or XLSX facts, say) is one more entry in `KINDS`; a new facts
format is one more entry in `tests.fuzz.stations.FORMATS`.
"""

from __future__ import annotations

import datetime
import functools
import json
import random
from collections.abc import Callable
from pathlib import Path

from tests.fuzz import documents, grammar_walk, mutate
from tests.fuzz.case import Case
from tests.fuzz.stations import FORMATS, FactsFormat, station_for, text_mutations
from ytxa_rules import ast

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = sorted((ROOT / "examples").glob("*.yaml"))
SPEC_VOCABULARY = (
    *grammar_walk.keywords(),
    *mutate.NUMBERS, *mutate.UNICODE, '"x"', '"<b>|</b>"', "ty_le_bhyt", "dan_so", "nam_danh_gia", "vung", "xa", "1", "2.5",
    "2023-03-09", "2099-12-31", "0000-01-01", ">=", "≥", "×", "÷", "(", ")", "#", "\n", "not applicable",
)


SPEC_MUTATIONS = text_mutations(SPEC_VOCABULARY)


@functools.cache
def _builtin_document() -> ast.Document:
    import ytxa_rules

    return ytxa_rules.load().composed(datetime.date(2024, 12, 31))


def _mutated(text: str, rnd: random.Random, most: int, none_share: float) -> tuple[bytes, str]:
    """`text` as bytes, with up to `most` mutations (none, `none_share` of the time)."""
    data = text.encode("utf-8")
    if rnd.random() < none_share:
        return data, "none"
    data, names = SPEC_MUTATIONS(data, rnd, most)
    return data, "+".join(names)


def spec_1300_mutant(rnd: random.Random) -> Case:
    data, note = _mutated(documents.SPEC_1300, rnd, 3, 0.0)
    files = {"spec/1300-QD-BYT.ytxa": data}
    if rnd.random() < 0.5:
        files["spec/1453-QD-BYT.ytxa"] = documents.SPEC_1453.encode("utf-8")
    return Case("spec-1300-mutant", "spec", files, seed=rnd.getrandbits(32), note=note)


def spec_cut_mutant(rnd: random.Random) -> Case:
    data, note = _mutated(documents.cut_down_1300(rnd), rnd, 3, 0.3)
    return Case("spec-cut-mutant", "spec", {"spec/cut.ytxa": data}, seed=rnd.getrandbits(32), note=note)


def spec_generated(rnd: random.Random) -> Case:
    data, note = _mutated(documents.plausible_document(rnd), rnd, 2, 0.6)
    return Case("spec-generated", "spec", {"spec/generated.ytxa": data}, seed=rnd.getrandbits(32), note=note)


def spec_grammar(rnd: random.Random) -> Case:
    text = grammar_walk.derive(rnd, budget=rnd.choice((8, 12, 16)))
    return Case("spec-grammar", "spec", {"spec/derived.ytxa": text.encode("utf-8")}, seed=rnd.getrandbits(32))


def amendment(rnd: random.Random) -> Case:
    base = rnd.choice((documents.cut_down_1300, documents.plausible_document, lambda r: documents.SPEC_1300))(rnd)
    data, note = _mutated(documents.amendment_for(base, rnd), rnd, 2, 0.5)
    files = {"spec/base.ytxa": base.encode("utf-8"), "spec/amendment.ytxa": data}
    return Case("amendment", "spec", files, seed=rnd.getrandbits(32), note=note)


def _facts_file(form: FactsFormat, rnd: random.Random, most: int, none_share: float) -> tuple[bytes, str]:
    """A station for the built-in spec in `form`, damaged by up to `most` mutations."""
    data = form.write(station_for(_builtin_document(), rnd), rnd)
    if rnd.random() < none_share:
        return data, "none"
    data, names = form.mutate(data, rnd, most)
    return data, "+".join(names)


def _facts_case(format_name: str) -> Callable[[random.Random], Case]:
    form = FORMATS[format_name]

    def generate(rnd: random.Random) -> Case:
        if form.attacks and rnd.random() < 0.02:
            attack = rnd.randrange(len(form.attacks))
            data, note = form.attacks[attack](rnd).encode("utf-8"), f"attack {attack}"
        else:
            data, note = _facts_file(form, rnd, 3, 0.3)
        return Case(f"facts-{format_name}", "facts", {f"facts{form.suffix}": data}, seed=rnd.getrandbits(32), note=note)

    return generate


# ---------------------------------------------------------------- the command line
DATES = ("2024-12-31", "2023-03-19", "2023-03-20", "2022-01-01", "2027-01-01", "31/12/2024", "2024-02-30", "", "9999-12-31")


def _cli_spec_folder(rnd: random.Random, files: dict[str, bytes], links: dict[str, str]) -> str:
    """A spec folder for the command: generated, cut down or real, sometimes with a link out."""
    choice = rnd.randrange(3)
    text = documents.plausible_document(rnd) if choice == 0 else documents.cut_down_1300(rnd) if choice == 1 else documents.SPEC_1300
    data, _ = _mutated(text, rnd, 1, 0.7)
    files["spec/a.ytxa"] = data
    if rnd.random() < 0.3:
        links["spec/z-link.ytxa"] = "{outside}"
    return "{dir}/spec"


def _cli_facts(rnd: random.Random, files: dict[str, bytes]) -> str:
    if rnd.random() < 0.5:
        data = rnd.choice(EXAMPLES).read_bytes()
        files["facts.yaml"] = FORMATS["yaml"].mutate(data, rnd, 2)[0] if rnd.random() < 0.5 else data
        return "facts.yaml"
    form = FORMATS[rnd.choice(sorted(FORMATS))]
    files[f"facts{form.suffix}"], _ = _facts_file(form, rnd, 2, 0.5)
    return f"facts{form.suffix}"


def cli(rnd: random.Random) -> Case:
    files: dict[str, bytes] = {}
    links: dict[str, str] = {}
    stdin = b""
    command = rnd.choice(("eval", "explain", "check", "diff", "docs", "fmt", "fmt", "junk"))
    argv: list[str] = [command]
    if command in ("eval", "explain"):
        argv.append(_cli_facts(rnd, files))
        if rnd.random() < 0.4:
            argv += ["--spec", _cli_spec_folder(rnd, files, links)]
        if rnd.random() < 0.3:
            argv += ["--as-of", rnd.choice(DATES)]
        if rnd.random() < 0.3:
            argv.append("--strict")
    elif command == "check":
        argv.append(_cli_spec_folder(rnd, files, links))
        argv += rnd.choice(([], ["--werror"], ["--format", "json"]))
    elif command == "diff":
        if rnd.random() < 0.5:
            argv += [rnd.choice(DATES), rnd.choice(DATES)]
        else:
            argv += [_cli_spec_folder(rnd, files, links), "{dir}/spec"]
    elif command == "docs":
        argv += [_cli_spec_folder(rnd, files, links)] if rnd.random() < 0.7 else []
        target = rnd.choice(("", "{dir}/out.md", "{dir}/missing/out.md", "{dir}/link.md", "{dir}/spec"))
        if target:
            argv += ["-o", target]
        if target == "{dir}/link.md":
            links["link.md"] = "{outside}"
        argv += ["--as-of", rnd.choice(DATES[:5])]
    elif command == "fmt":
        if rnd.random() < 0.2:
            stdin, _ = _mutated(documents.plausible_document(rnd), rnd, 2, 0.3)
            argv.append("-")
        else:
            argv.append(_cli_spec_folder(rnd, files, links))
            argv += rnd.choice(([], ["--check"], ["--diff"]))
    else:
        argv = rnd.sample(["eval", "--spec", "--as-of", "--format", "xml", "-o", "--lang", "fr", "--document", "?", "x.yaml", "--help"],
                          rnd.randint(1, 5))
    if command in ("eval", "explain", "check", "diff") and rnd.random() < 0.5:
        argv += ["--format", rnd.choice(("text", "json"))]
    if rnd.random() < 0.5 and command != "junk":
        argv += ["--lang", rnd.choice(("vi", "en"))]
    if rnd.random() < 0.1 and command in ("eval", "explain", "diff"):
        argv += ["--document", rnd.choice(("1300/QĐ-BYT", "318/QĐ-TTg", "nope", "G/1"))]
    return Case("cli", "cli", files, tuple(argv), stdin, links, seed=rnd.getrandbits(32), note=json.dumps(argv, ensure_ascii=False))


# Weights: the spec kinds that parse the whole 1300 header are the slow ones (Lark parses
# about 100 KB/s), so small generated documents carry most of the spec fuzzing.
KINDS: dict[str, tuple[Callable[[random.Random], Case], float]] = {
    "spec-1300-mutant": (spec_1300_mutant, 5),
    "spec-cut-mutant": (spec_cut_mutant, 10),
    "spec-generated": (spec_generated, 23),
    "spec-grammar": (spec_grammar, 10),
    "amendment": (amendment, 8),
    "facts-yaml": (_facts_case("yaml"), 20),
    "facts-json": (_facts_case("json"), 15),
    "cli": (cli, 9),
}


def case_for(seed: int, index: int, kinds: dict[str, float] | None = None) -> Case:
    """The `index`-th input of the run with `seed` (kinds: a subset with weights)."""
    rnd = random.Random(f"{seed}:{index}")
    weights = kinds or {name: weight for name, (_, weight) in KINDS.items()}
    name = rnd.choices(list(weights), weights=list(weights.values()))[0]
    return KINDS[name][0](rnd)
