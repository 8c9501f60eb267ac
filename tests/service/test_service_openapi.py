"""Property tests against the live server's OpenAPI document (schemathesis), and the API
reference page kept in step with that document."""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from pathlib import Path

import hypothesis
import pytest
import schemathesis
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import content_type_conformance, response_schema_conformance, status_code_conformance

from tests.service.servers import REPO, Server

REFERENCE = REPO / "docs" / "http-api.md"


@schemathesis.serializer("application/x-ndjson")
def _lines(context, value):  # type: ignore[no-untyped-def]
    """JSON Lines bodies are documented as text: send the generated text as it is."""
    return (value if isinstance(value, str) else json.dumps(value)).encode("utf-8", "surrogatepass")


@pytest.fixture(scope="module")
def live(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    server = Server(Path(tmp_path_factory.mktemp("schemathesis")), env={"YTXA_REQUEST_SECONDS": "30"})
    yield server
    server.stop()


EXAMPLES = int(os.environ.get("YTXA_SCHEMATHESIS_EXAMPLES", "20"))
CHECKS = [not_a_server_error, status_code_conformance, content_type_conformance, response_schema_conformance]


def test_the_api_keeps_its_documented_promises(live: Server) -> None:
    """For every operation: no 5xx, every status and content type documented, every body as
    its schema says. (Cases are drawn per operation here rather than through schemathesis'
    pytest plugin, which does not run under pytest 9.)"""
    schema = schemathesis.openapi.from_url(live.url + "/openapi.json")
    headers = {"Authorization": f"Bearer {live.token}"}
    failures: list[str] = []
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) >= 20

    for operation in operations:

        @hypothesis.given(case=operation.as_strategy())
        @hypothesis.settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=list(hypothesis.HealthCheck), database=None)
        def run(case) -> None:  # type: ignore[no-untyped-def]
            case.call_and_validate(headers=headers, checks=CHECKS)

        try:
            run()
        except BaseException as exc:  # noqa: BLE001 - every operation is tried; all failures are listed
            if isinstance(exc, KeyboardInterrupt):
                raise
            failures.append(f"{operation.method.upper()} {operation.path}: {str(exc)[:1500]}")
    assert not failures, "\n\n".join(failures)


def test_the_reference_page_matches_the_openapi_document(live: Server, update_golden: bool) -> None:
    """docs/http-api.md is generated from /openapi.json (`--update-golden` rewrites it)."""
    import httpx

    from ytxa_rules.service.reference import api_reference

    document = httpx.get(live.url + "/openapi.json").json()
    page = api_reference(document)
    if update_golden:
        REFERENCE.write_text(page, encoding="utf-8")
    assert REFERENCE.read_text(encoding="utf-8") == page, "docs/http-api.md is out of date: run pytest tests/service/test_service_openapi.py --update-golden"
