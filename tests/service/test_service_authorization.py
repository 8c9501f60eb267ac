"""Every endpoint, against every role and another province's data: the denials hold.

The list of endpoints comes from the application's own route table, and the expectations
below are written independently of the code's permission map: an endpoint added without a
line here fails `test_every_route_has_an_expectation`, so none can be forgotten.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from tests.service.servers import Server, add_user, body, jsonl, station
from tests.service.test_service_api import AMENDMENT

ROLES = ("viewer", "data_officer", "appraiser", "policy_editor", "admin")
ALL = frozenset(ROLES)
PUBLIC = "public"
EDITORS = frozenset({"policy_editor", "admin"})
SUBMITTERS = frozenset({"data_officer", "admin"})
APPRAISERS = frozenset({"appraiser", "admin"})

# "METHOD path" (as the route table writes it) → who may call it.
EXPECTED: dict[str, Any] = {
    "GET /healthz": PUBLIC,
    "GET /openapi.json": PUBLIC,
    "GET /schema": PUBLIC,
    "GET /schema/openapi.json": PUBLIC,
    "GET /schema/{path:str}": PUBLIC,
    "GET /static/{file_path:path}": PUBLIC,
    "HEAD /static/{file_path:path}": PUBLIC,
    "GET /v1/me": ALL,
    "POST /v1/evaluate": ALL,
    "POST /v1/explain": ALL,
    "POST /v1/batch": ALL,
    "GET /v1/specs": ALL,
    "GET /v1/specs/{spec_id:str}": ALL,
    "GET /v1/specs/{spec_id:str}/facts": ALL,
    "GET /v1/specs/{spec_id:str}/diff": ALL,
    "POST /v1/check": EDITORS,
    "POST /v1/amendments": EDITORS,
    "GET /v1/amendments": EDITORS,
    "GET /v1/amendments/{draft_id:int}": EDITORS,
    "POST /v1/impact": EDITORS,
    "POST /v1/assessments": SUBMITTERS,
    "POST /v1/assessments/batch": SUBMITTERS,
    "GET /v1/assessments": ALL,
    "GET /v1/assessments/{assessment_id:int}": ALL,
    "GET /v1/assessments/{assessment_id:int}/explanation": ALL,
    "POST /v1/assessments/{assessment_id:int}/appraise": APPRAISERS,
    "POST /v1/assessments/{assessment_id:int}/return": APPRAISERS,
    "POST /v1/assessments/{assessment_id:int}/recognise": APPRAISERS,
    "GET /v1/communes/{commune:str}/history": ALL,
    "GET /v1/provinces": ALL,
    "GET /v1/provinces/{province:str}/shares": ALL,
    "PUT /v1/provinces/{province:str}/targets": frozenset({"admin"}),
    "GET /login": PUBLIC,
    "POST /login": PUBLIC,
    "POST /logout": ALL,
    "GET /lang/{lang:str}": PUBLIC,
    "GET /": ALL,
    "GET /ui": ALL,
    "GET /ui/provinces/{province:str}": ALL,
    "GET /ui/communes/{commune:str}": ALL,
    "GET /ui/assessments/{assessment_id:int}/explanation": ALL,
    "GET /ui/upload": SUBMITTERS,
    "POST /ui/upload": SUBMITTERS,
    "GET /ui/appraisal": APPRAISERS,
    "POST /ui/assessments/{assessment_id:int}/appraise": APPRAISERS,
    "POST /ui/assessments/{assessment_id:int}/return": APPRAISERS,
    "POST /ui/assessments/{assessment_id:int}/recognise": APPRAISERS,
    "GET /ui/spec": EDITORS,
    "POST /ui/spec": EDITORS,
}
# Endpoints that take one province's data: called with the other province's, they must refuse.
PROVINCE_BOUND = {k for k in EXPECTED if re.search(r"\{(assessment_id|commune|province)", k)} | {
    "POST /v1/assessments",
    "POST /v1/assessments/batch",
    "POST /v1/impact",
    "POST /ui/upload",
}
# Batch endpoints refuse row by row: the reply is 200 with each refused row located.
BATCHES = {"POST /v1/assessments/batch", "POST /ui/upload"}
# Endpoints that list data: called by a user of one province, the other's never shows.
LISTINGS = {"GET /v1/assessments", "GET /v1/provinces", "GET /ui", "POST /v1/impact", "POST /ui/spec"}


def route_table() -> set[str]:
    from ytxa_rules.service.app import create_app
    from ytxa_rules.service.settings import Settings

    app = create_app(Settings(database_url="sqlite://"))  # an in-memory store: only the routes are read
    found = set()
    for route in app.routes:
        for handler in getattr(route, "route_handlers", []):
            for method in handler.http_methods:
                if method != "OPTIONS":
                    found.add(f"{method} {route.path}")
    return found


def test_every_route_has_an_expectation() -> None:
    routes = route_table()
    assert routes - set(EXPECTED) == set(), "new endpoints need a line in EXPECTED"
    assert set(EXPECTED) - routes == set(), "EXPECTED names endpoints that no longer exist"


class World:
    """Two provinces with data, and a user of every role in the first one."""

    def __init__(self, server: Server):
        self.server = server
        self.tokens = {role: add_user(server.database, f"{role}-nd", role, "Nam Định", password=f"pw-{role}-123") for role in ROLES}
        with server.client(server.token) as root:
            self.mine = root.post("/v1/assessments", content=body(station("nd-1"))).json()["id"]
            self.theirs = root.post("/v1/assessments", content=body(station("qn-1", province="Quảng Nam", area="Hội An"))).json()["id"]
            self.draft = root.post("/v1/amendments", content=AMENDMENT.encode(), headers={"content-type": "text/plain"}).json()["id"]

    def request(self, key: str, other: bool) -> dict[str, Any]:
        """The method, URL and body that exercise `key` on our (or the other) province's data."""
        method, template = key.split(" ", 1)
        code, province, record = ("qn-1", "quang-nam", self.theirs) if other else ("nd-1", "nam-dinh", self.mine)
        facts = station(f"{code}-new", province="Quảng Nam" if other else "Nam Định")
        path = (
            template.replace("{assessment_id:int}", str(record))
            .replace("{commune:str}", code)
            .replace("{province:str}", province)
            .replace("{draft_id:int}", str(self.draft))
            .replace("{spec_id:str}", "1300-qd-byt")
            .replace("{lang:str}", "en")
            .replace("{file_path:path}", "style.css")
            .replace("{path:str}", "nothing")
        )
        spec: dict[str, Any] = {"method": method, "url": path}
        if key in ("POST /v1/evaluate", "POST /v1/explain", "POST /v1/assessments"):
            spec["content"] = body(facts)
        elif key in ("POST /v1/batch", "POST /v1/assessments/batch"):
            spec.update(content=jsonl([facts]), headers={"content-type": "application/x-ndjson"})
        elif key in ("POST /v1/check", "POST /v1/amendments"):
            spec.update(content=AMENDMENT.replace("99/QĐ-BYT", "98/QĐ-BYT").encode(), headers={"content-type": "text/plain"})
        elif key == "POST /v1/impact":
            spec["json"] = {"draft": self.draft, "province": province}
        elif key.startswith("POST /v1/assessments/"):
            spec["json"] = {"reason": "thiếu minh chứng"}
        elif key == "PUT /v1/provinces/{province:str}/targets":
            spec["json"] = {"source": "139/KH-UBND", "targets": {"2026": "90"}}
        elif key == "POST /login":
            spec["data"] = {"name": "viewer-nd", "secret": "pw-viewer-123"}
        elif key == "POST /ui/upload":
            spec["files"] = {"file": ("xa.jsonl", jsonl([facts]), "application/x-ndjson")}
        elif key.startswith("POST /ui/assessments/"):
            spec["data"] = {"reason": "thiếu minh chứng"}
        elif key == "POST /ui/spec":
            spec["data"] = {"text": AMENDMENT, "action": "impact", "province": province}
        return spec


@pytest.fixture(scope="module")
def world(tmp_path_factory: pytest.TempPathFactory) -> Iterator[World]:
    server = Server(Path(tmp_path_factory.mktemp("authz")))
    yield World(server)
    server.stop()


def _call(world: World, key: str, token: str | None, other: bool = False) -> httpx.Response:
    with world.server.client(token, follow_redirects=False) as client:
        return client.request(**world.request(key, other))


def _codes(reply: httpx.Response) -> list[str]:
    try:
        return [e["code"] for e in reply.json()["errors"]]
    except (ValueError, KeyError, TypeError):
        return re.findall(r"<code>(U\d{3})</code>", reply.text)


@pytest.mark.parametrize("key", sorted(EXPECTED))
def test_each_role_is_allowed_or_denied(world: World, key: str) -> None:
    allowed = EXPECTED[key]
    for role in ROLES:
        reply = _call(world, key, world.tokens[role])
        if allowed == PUBLIC or role in allowed:
            assert reply.status_code not in (401, 403), f"{role} refused {key}: {reply.status_code} {reply.text[:300]}"
            assert reply.status_code < 500, reply.text[:300]
        else:
            assert reply.status_code == 403 and _codes(reply) == ["U051"], f"{role} not refused {key}: {reply.status_code}"


@pytest.mark.parametrize("key", sorted(k for k, v in EXPECTED.items() if v != PUBLIC))
def test_without_sign_in_nothing_but_public_answers(world: World, key: str) -> None:
    reply = _call(world, key, None)
    if key.startswith(("GET /ui", "POST /ui", "GET / ", "POST /logout")) or key == "GET /":
        assert reply.status_code == 303 and reply.headers["location"].startswith("/login")
    else:
        assert reply.status_code == 401 and _codes(reply) == ["U050"]


@pytest.mark.parametrize("key", sorted(PROVINCE_BOUND))
def test_another_provinces_data_is_refused(world: World, key: str) -> None:
    allowed = EXPECTED[key]
    for role in sorted(allowed):
        reply = _call(world, key, world.tokens[role], other=True)
        if reply.status_code in (403, 404):  # refused outright, saying why
            assert set(_codes(reply)) <= {"U052", "U053"} and _codes(reply), reply.text[:300]
        elif key in BATCHES:  # refused row by row
            assert reply.status_code == 200 and "U052" in reply.text, reply.text[:300]
        elif key in LISTINGS:  # answered, without the other province's records
            assert "qn-1" not in reply.text, f"{role} sees Quảng Nam through {key}"
        else:
            pytest.fail(f"{role} reached Quảng Nam through {key}: {reply.status_code} {reply.text[:200]}")
    with world.server.client(world.server.token) as root:  # nothing of theirs changed
        record = root.get(f"/v1/assessments/{world.theirs}").json()
        assert record["state"] == "self_assessed" and len(record["events"]) == 1
        assert root.get("/v1/communes/qn-1-new/history").status_code == 404


@pytest.mark.parametrize("key", sorted(LISTINGS))
def test_listings_show_only_the_users_provinces(world: World, key: str) -> None:
    for role in sorted(EXPECTED[key]):
        reply = _call(world, key, world.tokens[role], other=key in ("POST /v1/impact", "POST /ui/spec"))
        assert "qn-1" not in reply.text, f"{role} sees Quảng Nam in {key}"


@pytest.mark.parametrize("key", sorted(k for k in EXPECTED if k.split()[0] in ("POST", "PUT", "DELETE") and EXPECTED[k] != PUBLIC))
def test_session_changes_need_the_csrf_token(world: World, key: str) -> None:
    role = "admin"
    with world.server.client(follow_redirects=False) as browser:
        assert browser.post("/login", data={"name": f"{role}-nd", "secret": f"pw-{role}-123"}).status_code == 303
        request = world.request(key, other=False)
        reply = browser.request(**request)
        assert reply.status_code == 403 and _codes(reply) == ["U068"], f"{key} accepted a session change without CSRF: {reply.status_code}"


def test_revoked_tokens_stop_working_at_once(world: World) -> None:
    token = add_user(world.server.database, "short-lived", "viewer", "Nam Định")
    with world.server.client(token) as client:
        assert client.get("/v1/me").status_code == 200
        from tests.service.servers import ytxa

        code, _, err = ytxa("users", "revoke", "short-lived", "--database", world.server.database)
        assert code == 0, err
        reply = client.get("/v1/me")
        assert reply.status_code == 401 and json.loads(reply.text)["errors"][0]["code"] == "U050"
