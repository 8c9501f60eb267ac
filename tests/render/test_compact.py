"""The compact result form: `expand(compact(d, m), m) == d`, exactly, for any station.

Stations come from the shared strategies (complete, messy, with facts left out) and are
scored with and without a trace, on the national spec as of dates before and after the
1453 correction; both forms and the manifest validate against their schemas.
"""

from __future__ import annotations

import datetime
import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

import ytxa_rules
from tests.strategies import BASE_SETTINGS, any_stations, messy_stations, stations
from ytxa_rules.errors import FactsError, UsageError
from ytxa_rules.render.compact import compact, expand, spec_manifest

ROOT = Path(__file__).resolve().parents[2]
SPEC = ytxa_rules.load()
DATES = (datetime.date(2023, 3, 10), datetime.date(2024, 12, 31))  # before and after the 1453 correction
MANIFESTS = {d: spec_manifest(SPEC.at(d), d) for d in DATES}


def _schema(name: str) -> Any:
    """A validator of docs/reference/NAME; the manifest's schema refers to the result's."""
    from referencing import Registry, Resource

    schema = json.loads((ROOT / "docs" / "reference" / name).read_text(encoding="utf-8"))
    result = json.loads((ROOT / "docs" / "reference" / "result-schema.json").read_text(encoding="utf-8"))
    registry: Registry[Any] = Registry().with_resource(result["$id"], Resource.from_contents(result))
    cls = jsonschema.validators.validator_for(schema)
    cls.check_schema(schema)
    return cls(schema, format_checker=cls.FORMAT_CHECKER, registry=registry)


RESULT_SCHEMA = _schema("result-schema.json")
MANIFEST_SCHEMA = _schema("manifest-schema.json")


def _document(facts: dict[str, Any], as_of: datetime.date, trace: bool) -> dict[str, Any]:
    try:
        result = SPEC.evaluate(facts, as_of, trace=trace)
    except FactsError:  # a messy station may be refused: nothing to compact
        assume(False)
        raise
    return json.loads(json.dumps(result.to_dict(), ensure_ascii=False))


@settings(BASE_SETTINGS, max_examples=60)
@given(st.one_of(stations(), any_stations(), messy_stations()), st.sampled_from(DATES), st.booleans())
def test_expand_inverts_compact(facts: dict[str, Any], as_of: datetime.date, trace: bool) -> None:
    document = _document(facts, as_of, trace)
    manifest = MANIFESTS[as_of]
    small = json.loads(json.dumps(compact(document, manifest), ensure_ascii=False))
    assert small["manifest"] == {"digest": manifest["digest"]} and "spec" not in small
    again = expand(small, {manifest["digest"]: manifest})
    assert again == document
    assert json.dumps(again, ensure_ascii=False) == json.dumps(document, ensure_ascii=False)  # key order too
    RESULT_SCHEMA.validate(small)
    assert len(json.dumps(small, ensure_ascii=False)) < len(json.dumps(document, ensure_ascii=False))


def test_manifests_validate_and_are_content_addressed() -> None:
    for as_of, manifest in MANIFESTS.items():
        MANIFEST_SCHEMA.validate(manifest)
        assert spec_manifest(SPEC.at(as_of), as_of) == manifest  # the same spec writes the same manifest
    first, second = MANIFESTS.values()
    assert first["spec"]["amendments"] != second["spec"]["amendments"] and first["digest"] != second["digest"]


def test_a_manifest_of_another_spec_is_refused() -> None:
    facts, _ = ytxa_rules.read_facts(ROOT / "examples" / "xa-dat-chuan.yaml")
    early, late = DATES
    document = _document(facts, late, trace=False)
    with pytest.raises(UsageError) as raised:
        compact(document, MANIFESTS[early])
    assert raised.value.diagnostics[0].code == "U110"
    small = compact(document, MANIFESTS[late])
    with pytest.raises(UsageError) as missing:
        expand(small, {MANIFESTS[early]["digest"]: MANIFESTS[early]})
    assert missing.value.diagnostics[0].code == "U111"


def test_batch_compact_lines_expand_to_the_full_lines(tmp_path: Path) -> None:
    """`ytxa batch --compact` and `ytxa spec-manifest`: each compact line expands to the full one."""
    import io

    from ytxa_rules.cli import main

    stations = ROOT / "examples" / "batch" / "tram-y-te-nam-dinh.csv"
    for args in (["-o", str(tmp_path / "full.jsonl")], ["-o", str(tmp_path / "small.jsonl"), "--compact"]):
        assert main(["batch", str(stations), "--as-of", "2024-12-31", *args], io.StringIO(), io.StringIO()) == 0
    assert main(["spec-manifest", "--as-of", "2024-12-31", "-o", str(tmp_path / "m.json")], io.StringIO(), io.StringIO()) == 0
    manifest = json.loads((tmp_path / "m.json").read_text(encoding="utf-8"))
    MANIFEST_SCHEMA.validate(manifest)
    full = (tmp_path / "full.jsonl").read_text(encoding="utf-8").splitlines()
    small = (tmp_path / "small.jsonl").read_text(encoding="utf-8").splitlines()
    assert len(full) == len(small) == 11
    for long, short in zip(full, small):
        assert expand(json.loads(short), manifest) == json.loads(long)
    assert sum(map(len, small)) * 5 < sum(map(len, full))
