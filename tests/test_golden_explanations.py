"""The full explanation of every example station, pinned in Vietnamese and English.

A change in wording or in a score shows up as a diff here; update deliberately with
`python -m pytest tests/test_golden_explanations.py --update-golden` and review the diff.
"""

from __future__ import annotations

import datetime
from pathlib import Path

import pytest

import ytxa_rules
from ytxa_rules.render.text import explain

ROOT = Path(__file__).resolve().parent.parent
GOLDEN = ROOT / "tests" / "golden"

CASES = [
    ("xa-dat-chuan", "1300/QĐ-BYT", None),
    ("xa-khong-dat-80-phan-tram", "1300/QĐ-BYT", None),
    ("xa-tieu-chi-duoi-50-phan-tram", "1300/QĐ-BYT", None),
    ("xa-diem-liet", "1300/QĐ-BYT", None),
    ("phuong-khong-ap-dung-chi-tieu-11", "1300/QĐ-BYT", None),
    ("xa-danh-gia-truoc-dinh-chinh", "1300/QĐ-BYT", datetime.date(2023, 3, 15)),
    ("xa-dat-chuan", "318/QĐ-TTg", None),
]


@pytest.mark.parametrize("lang", ["vi", "en"])
@pytest.mark.parametrize(("example", "document", "as_of"), CASES)
def test_explanation_matches_golden(example: str, document: str, as_of: datetime.date | None, lang: str, update_golden: bool) -> None:
    spec = ytxa_rules.load(document=document)
    facts, where = ytxa_rules.read_facts(ROOT / "examples" / f"{example}.yaml")
    text = explain(spec.evaluate(facts, as_of, trace=True, where=where), lang)
    suffix = "" if document == "1300/QĐ-BYT" else "." + document.split("/")[0]
    golden = GOLDEN / f"{example}{suffix}.{lang}.txt"
    if update_golden or not golden.exists():
        golden.parent.mkdir(parents=True, exist_ok=True)
        golden.write_text(text, encoding="utf-8")
        if not update_golden:
            pytest.fail(f"golden file {golden.name} was missing and has been written; review and commit it")
    assert text == golden.read_text(encoding="utf-8")
