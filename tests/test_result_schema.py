"""Every result the engine produces validates against the documented JSON Schema."""

from __future__ import annotations

import datetime
import json
from pathlib import Path

import jsonschema
import pytest

import ytxa_rules
from tests.reference.stations import random_stations

ROOT = Path(__file__).resolve().parent.parent
SCHEMA = json.loads((ROOT / "docs" / "reference" / "result-schema.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def validator() -> jsonschema.protocols.Validator:
    cls = jsonschema.validators.validator_for(SCHEMA)
    cls.check_schema(SCHEMA)
    return cls(SCHEMA, format_checker=cls.FORMAT_CHECKER)


@pytest.mark.parametrize("example", sorted(p.name for p in (ROOT / "examples").glob("*.yaml")))
@pytest.mark.parametrize("document", ["1300/QĐ-BYT", "318/QĐ-TTg"])
def test_examples_validate(validator, example: str, document: str) -> None:  # type: ignore[no-untyped-def]
    facts, _ = ytxa_rules.read_facts(ROOT / "examples" / example)
    result = ytxa_rules.load(document=document).evaluate(facts, datetime.date(2024, 12, 31), trace=True)
    payload = json.loads(json.dumps(result.to_dict(), ensure_ascii=False))
    validator.validate(payload)


def test_random_stations_validate_with_and_without_trace(validator, spec) -> None:  # type: ignore[no-untyped-def]
    for station in random_stations(40, seed=7):
        for trace in (False, True):
            validator.validate(json.loads(json.dumps(spec.evaluate(station, trace=trace).to_dict())))
