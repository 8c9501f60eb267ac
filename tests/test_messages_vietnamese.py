"""Vietnamese messages use Vietnamese terms: no English word outside code (`…`) and placeholders.

Covers every message table in `ytxa_rules.messages`, and the places amendment
diagnostics fill in (E501, E502, E504, …), rendered with the arguments the composer gives.
"""

from __future__ import annotations

import re

import pytest

from ytxa_rules import ast
from ytxa_rules.compose import compose
from ytxa_rules.compose.places import WORDS, place
from ytxa_rules.errors import SpecError
from ytxa_rules.messages import (
    amendments,
    batch,
    catalog,
    catalog_service,
    commands,
    explain,
    gap,
    html,
    message,
    plans,
    service,
    spectest,
)
from ytxa_rules.syntax.parser import parse_text

TABLES = {
    "catalog": catalog.MESSAGES,
    "catalog_service": catalog_service.SERVICE_MESSAGES,  # also inside catalog.MESSAGES
    "words": catalog.WORDS,
    "batch": batch.WORDS,
    "explain": explain.EXPLAIN,
    "gap": gap.GAP_TEXTS,
    "html": html.HTML_WORDS,
    "plans": plans.PLAN_TEXTS,
    "service": service.UI,
    "spectest": spectest.SPECTEST,
    "spectest.places": spectest.SPECTEST_PLACES,
    "spectest.kinds": spectest.SPECTEST_KINDS,
    "amendments.expected": amendments.EXPECTED,
    "amendments.why": amendments.WHY,
    "amendments.verbs": amendments.AMENDMENT_VERBS,
    "commands": commands.COMMAND_WORDS,
}

# English words a message could slip in. Vietnamese syllables written without marks
# (ban, hay, sau, tra, …) are deliberately not listed.
ENGLISH = set(
    """
    a an the of is are was be not and or on to for with from by at as it this that which
    band bands indicator indicators criterion criteria case cases part parts table tables entry entries
    value values fact facts amendment amendments document documents error errors warning warnings note
    rule rules points point threshold maximum max total recognition station stations file files line
    column row rows sheet cell cells plan target area province district commune applicable missing
    unknown expected found must cannot should operator comparison condition title status cite knockout
    score scored verdict passed failed date year percent count decimal text bool sum otherwise when then
    else branch name names type kind list key keys option command spec report batch there no yes
    confirmed provisional number lines true false null none socket install serve pip
    """.split()
)
# Names that have no Vietnamese word, or literals of the language written out for the reader.
ALLOWED = {
    ("words", "type.bool"): {"yes", "no"},  # the language's literals
    ("words", "type.null"): {"null"},
    ("explain", "ref.provisional"): {"provisional"},  # the keyword, after its Vietnamese term
    ("explain", "ref.confirmed"): {"confirmed"},
    ("catalog", "F043"): {"number"},  # Excel's own name of the cell format
    ("catalog", "F047"): {"number"},
    ("catalog", "U067"): {"lines"},  # the format "JSON Lines"
    ("service", "upload.formats"): {"lines"},
    ("catalog", "E008"): {"socket"},
}


def english_words(text: str) -> set[str]:
    text = re.sub(r"`[^`]*`", "", text)  # code as written in a spec or a command
    text = re.sub(r"\{[^{}]*\}", "", text)  # placeholders
    text = re.sub(r"<[^>]*>", "", text)  # markup
    text = text.replace("ytxa-rules", "")  # the product's name
    text = re.sub(r"--[\w-]+", "", text)  # command-line options
    return {w for w in re.findall(r"\w+", text) if re.fullmatch(r"[A-Za-z]+", w) and w.lower() in ENGLISH}


@pytest.mark.parametrize("table", sorted(TABLES))
def test_vietnamese_messages_have_no_english_words(table: str) -> None:
    found = {}
    for key, (vi, _) in TABLES[table].items():
        words = {w.lower() for w in english_words(vi)} - ALLOWED.get((table, key), set())
        if words:
            found[key] = sorted(words)
    assert not found, f"English words in Vietnamese messages of {table}: {found}"


# Texts that are the same in both languages on purpose, or empty in both.
SAME_IN_BOTH = {("spectest", "pass"), ("spectest", "fail"), ("commands", "test.all")}


@pytest.mark.parametrize("table", sorted(TABLES))
def test_every_key_has_a_vietnamese_and_an_english_text_with_the_same_placeholders(table: str) -> None:
    for key, texts in TABLES[table].items():
        assert isinstance(texts, tuple) and len(texts) == 2, (table, key)
        vi, en = texts
        if (table, key) not in SAME_IN_BOTH:
            assert vi.strip() and en.strip(), (table, key)
        assert sorted(re.findall(r"\{(\w*)[^{}]*\}", vi)) == sorted(re.findall(r"\{(\w*)[^{}]*\}", en)), (table, key)


def test_every_table_of_the_catalog_is_checked_here() -> None:
    import importlib
    import pkgutil

    import ytxa_rules.messages as package

    checked = {id(t) for t in TABLES.values()}
    unchecked = []
    for info in pkgutil.iter_modules(package.__path__):
        module = importlib.import_module(f"ytxa_rules.messages.{info.name}")
        for name, value in vars(module).items():
            if name.isupper() and isinstance(value, dict) and value and all(
                isinstance(v, tuple) and len(v) == 2 and all(isinstance(x, str) for x in v) for v in value.values()
            ) and id(value) not in checked:
                unchecked.append(f"{info.name}.{name}")
    assert unchecked == []


def test_the_checker_finds_what_it_should() -> None:
    assert english_words("không có band 4 trong indicator 4") == {"band", "indicator"}
    assert english_words("không có `band` 4 trong {where}") == set()


def test_every_place_word_has_a_vietnamese_term() -> None:
    assert all(not english_words(vi) for vi in WORDS.values())
    assert place("indicator", 4, "band", 1)[1:] == ("chỉ tiêu 4 mức 1", "indicator 4 band 1")


HEADER = 'amendment "7/QĐ-BYT"\n  amends "1300/QĐ-BYT"\n  issued 2025-01-01\n  effective 2025-01-01\n\n'
BROKEN = [
    "change indicator 4 band 9 points to 1\n",  # E501
    "change indicator 30 band 1 points to 1\n",  # E502
    "change indicator 3 band 1 operator to <\n",  # E502
    "change indicator 4 part 1 band 1 points to 1\n",  # E501
    "change table nguong_thap_coi entry mars to 1%\n",  # E501
    "change indicator 4 band 1 threshold to 96%\nchange indicator 4 band 1 threshold to 97%\n",  # E512
    "remove values mars from fact loai_don_vi\n",  # E501
    "remove fact khong_co\n",  # E510
    "change table dien_tich_yeu_cau entry 1 to 50%\n",  # E525
    "remove table nguong_thap_coi\n",  # E526
]


@pytest.mark.parametrize("operations", BROKEN)
def test_amendment_diagnostics_render_in_vietnamese(operations: str) -> None:
    import ytxa_rules

    amendment = parse_text(HEADER + operations, "7.ytxa")
    assert isinstance(amendment, ast.Amendment)
    with pytest.raises(SpecError) as failed:
        compose(ytxa_rules.load().document, [amendment])
    for diagnostic in failed.value.diagnostics:
        assert not english_words(message(diagnostic, "vi")), message(diagnostic, "vi")
