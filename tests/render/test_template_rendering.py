"""`to_dict` and `explain_text` write from per-spec templates and the trace's steps; they must
say exactly what the entry objects (`result.indicators`, `trace_entry`, `indicator_lines`) say."""

from __future__ import annotations

import datetime
import random
from typing import Any

import pytest

import ytxa_rules
from tests.reference.stations import random_stations
from ytxa_rules.engine.result import Result
from ytxa_rules.messages.explain import text
from ytxa_rules.render.json_result import indicator_dict
from ytxa_rules.render.numbers import number
from ytxa_rules.render.text import explain, indicator_lines, summary


def _stations(count: int, seed: int) -> list[dict[str, Any]]:
    """Generated stations, every third with a few facts left out (missing data paths)."""
    rng = random.Random(seed)
    stations = random_stations(count, seed)
    for station in stations[1::3]:
        for name in rng.sample(sorted(station), 5):
            if name not in ("loai_don_vi", "vung"):
                del station[name]
    return stations


def _explain_from_entries(result: Result, lang: str) -> str:
    """The explanation as built from `IndicatorResult`s and their trace entries."""
    lines = summary(result, lang).rstrip("\n").split("\n")
    for criterion in result.criteria:
        lines += ["", text("criterion", lang, number=criterion.number, title=criterion.title, points=number(criterion.points, lang), max=number(criterion.max, lang))]
        if result.amended_by(criterion.number):
            lines.append("  " + text("amended", lang, ids=", ".join(result.amended_by(criterion.number))))
        for indicator in (i for i in result.indicators if i.criterion == criterion.number):
            lines.append("")
            lines.extend("  " + line for line in indicator_lines(indicator, lang))
    if result.removed:
        lines.extend(["", text("removed_heading", lang)])
        lines.extend("  " + text("removed", lang, number=n, title=t, ids=", ".join(ids)) for n, t, ids in result.removed)
    return "\n".join(lines) + "\n"


CASES = [("1300/QĐ-BYT", datetime.date(2024, 12, 31)), ("1300/QĐ-BYT", datetime.date(2023, 3, 15)), ("318/QĐ-TTg", None)]


@pytest.mark.parametrize(("document", "as_of"), CASES)
@pytest.mark.parametrize("trace", [True, False])
def test_template_output_is_the_entries_output(document: str, as_of: datetime.date | None, trace: bool) -> None:
    spec = ytxa_rules.load(document=document)
    statuses: set[str] = set()
    for station in _stations(40, seed=2026):
        result = spec.evaluate(station, as_of, trace=trace)
        written = result.to_dict()["indicators"]
        assert written == [indicator_dict(i) for i in result.indicators]
        statuses.update(i["status"] for i in written)
        for lang in ("vi", "en"):
            assert explain(result, lang) == _explain_from_entries(result, lang)
    wanted = {"scored", "missing_data"} | ({"not_applicable"} if document.startswith("1300") else set())
    assert wanted <= statuses  # every path was taken


def test_to_dict_gives_a_fresh_document_each_time() -> None:
    """Static parts come from shared templates; a caller changing one document changes no other."""
    spec = ytxa_rules.load()
    result = spec.evaluate(_stations(1, seed=7)[0], datetime.date(2024, 12, 31), trace=True)
    first = result.to_dict()
    for indicator in first["indicators"]:
        for entry in indicator["trace"]:
            for refs in (entry.get("amended_by"),):
                if refs:
                    refs[0]["id"] = "changed"
                    refs.append("x")
            entry.clear()
        indicator["amended_by"].append("x")
    second = result.to_dict()
    assert second == spec.evaluate(_stations(1, seed=7)[0], datetime.date(2024, 12, 31), trace=True).to_dict()
    assert all(e for i in second["indicators"] for e in i["trace"])


def test_two_key_tables_and_parts_that_may_not_apply_write_the_same_from_templates() -> None:
    """The language features of issue 11 item 10 go through the template path too (found at the merge)."""
    from tests.check.test_two_key_tables_and_parts import AS_OF, document
    from ytxa_rules.engine.compiled import CompiledSpec

    compiled = CompiledSpec(document(), "test")
    seen: set[tuple[str, object]] = set()
    for loai in ("xa", "phuong"):
        for vung in (1, 2):
            for hai_dao in (True, False):
                station = {"loai": loai, "vung": vung, "dien_tich": 350, "co_hop_dong": True, "hai_dao": hai_dao}
                result = compiled.evaluate(station, AS_OF, trace=True)
                written = result.to_dict()["indicators"]
                assert written == [indicator_dict(i) for i in result.indicators]
                for lang in ("vi", "en"):
                    assert explain(result, lang) == _explain_from_entries(result, lang)
                seen.update((e["kind"], e.get("part") is not None) for i in written for e in i["trace"])
    assert {("table", False), ("not_applicable", True)} <= seen
