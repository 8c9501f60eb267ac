"""The assessment store, the same tests on SQLite and on a real PostgreSQL server.

Append-only versions, the workflow with who and when, the province's share recognised
against its targets, what-if re-scoring that overwrites nothing, concurrent submissions,
and migrations that match the models.
"""

from __future__ import annotations

import json
import threading
from fractions import Fraction

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import func, select

from tests.service.servers import Server, add_user, body, station, ytxa
from tests.service.test_service_api import AMENDMENT
from ytxa_rules.service.auth import Principal
from ytxa_rules.service.context import Service
from ytxa_rules.service.errors import ServiceError
from ytxa_rules.service.routes.provinces import shares
from ytxa_rules.service.settings import Settings
from ytxa_rules.service.store.models import Assessment, Base, WorkflowEvent
from ytxa_rules.service.submission import submit

OFFICER = Principal(0, "officer", "data_officer", frozenset({"nam-dinh"}))
APPRAISER = Principal(0, "appraiser", "appraiser", frozenset({"nam-dinh"}))


@pytest.fixture
def service(database_url: str):  # type: ignore[no-untyped-def]
    opened = Service.open(Settings(database_url=database_url))
    opened.users.ensure_admin()
    for name, role in (("officer", "data_officer"), ("appraiser", "appraiser")):
        opened.users.add(name, role, ["Nam Định"])
    yield opened
    opened.db.dispose()


def who(service: Service, principal: Principal) -> Principal:
    """The principal with its real user id (the store records who acted)."""
    found = next(u for u in service.users.list() if u.name == principal.name)
    with service.db.session() as session:
        from ytxa_rules.service.store.models import User

        user_id = session.scalar(select(User.id).where(User.name == found.name))
    return Principal(int(user_id or 0), principal.name, principal.role, principal.provinces)


def code(exc: pytest.ExceptionInfo[ServiceError]) -> str:
    return exc.value.diagnostics[0].code


def test_migrations_create_exactly_the_models_and_run_twice(service: Service) -> None:
    service.db.migrate()  # a second run is a no-op
    with service.db.engine.connect() as connection:
        assert compare_metadata(MigrationContext.configure(connection), Base.metadata) == []


def test_a_correction_is_a_new_version_and_the_old_one_stays(service: Service) -> None:
    officer = who(service, OFFICER)
    first = submit(service, officer, station("a"), None, None)
    corrected = submit(service, officer, station("a", so_bac_si_co_huu=0), None, None)
    assert (first["version"], corrected["version"]) == (1, 2)
    old = service.assessments.get(officer, first["id"])
    assert old["facts"]["so_bac_si_co_huu"] == 2 and old["result"]["total"] == first["total"]
    assert old["submitted_by"] == "officer" and old["as_of"] == "2024-12-31"
    assert old["spec"]["amendments"] == ["1453/QĐ-BYT"] and len(old["spec"]["digest"]) == 64
    history = service.assessments.history(officer, "a")
    assert [v["version"] for v in history["versions"]] == [2, 1]
    assert [r["version"] for r in service.assessments.latest(officer)] == [2]


def test_workflow_records_who_and_when_and_refuses_wrong_steps(service: Service) -> None:
    officer, appraiser = who(service, OFFICER), who(service, APPRAISER)
    record = submit(service, officer, station("w"), None, None)
    with pytest.raises(ServiceError) as early:
        service.assessments.transition(appraiser, record["id"], "recognise")
    assert code(early) == "U060"
    with pytest.raises(ServiceError) as reasonless:
        service.assessments.transition(appraiser, record["id"], "return", "  ")
    assert code(reasonless) == "U061"
    service.assessments.transition(appraiser, record["id"], "appraise")
    done = service.assessments.transition(appraiser, record["id"], "recognise")
    assert [(e["from"], e["to"], e["by"]) for e in done["events"]] == [
        (None, "self_assessed", "officer"),
        ("self_assessed", "appraised", "appraiser"),
        ("appraised", "recognised", "appraiser"),
    ]
    assert all(e["at"].endswith("Z") for e in done["events"])


def test_returned_then_corrected_and_only_the_latest_moves(service: Service) -> None:
    officer, appraiser = who(service, OFFICER), who(service, APPRAISER)
    first = submit(service, officer, station("r"), None, None)
    returned = service.assessments.transition(appraiser, first["id"], "return", "thiếu biên bản")
    assert returned["state"] == "returned" and returned["events"][-1]["reason"] == "thiếu biên bản"
    second = submit(service, officer, station("r"), None, None)
    with pytest.raises(ServiceError) as stale:
        service.assessments.transition(appraiser, first["id"], "appraise")
    assert code(stale) == "U062"
    assert service.assessments.transition(appraiser, second["id"], "appraise")["state"] == "appraised"


def test_a_failing_commune_cannot_be_recognised(service: Service) -> None:
    officer, appraiser = who(service, OFFICER), who(service, APPRAISER)
    failing = submit(service, officer, station("f", base="xa-diem-liet"), None, None)
    assert failing["passed"] is False
    service.assessments.transition(appraiser, failing["id"], "appraise")
    with pytest.raises(ServiceError) as refused:
        service.assessments.transition(appraiser, failing["id"], "recognise")
    assert code(refused) == "U063"


def test_a_commune_stays_in_its_province(service: Service) -> None:
    admin = Principal(1, "admin", "admin", frozenset({"*"}))
    submit(service, admin, station("p"), None, None)
    with pytest.raises(ServiceError) as moved:
        submit(service, admin, station("p", province="Quảng Nam"), None, None)
    assert code(moved) == "U065" and moved.value.status == 409


def test_share_recognised_per_year_against_targets(service: Service) -> None:
    officer, appraiser = who(service, OFFICER), who(service, APPRAISER)
    ids = [submit(service, officer, station(f"s{n}", year=2025), None, None)["id"] for n in range(3)]
    for assessment_id in ids[:2]:
        service.assessments.transition(appraiser, assessment_id, "appraise")
        service.assessments.transition(appraiser, assessment_id, "recognise")
    submit(service, officer, station("s9", year=2024), None, None)
    service.targets.set_targets("nam-dinh", {2025: "60", 2026: "90"}, "139/KH-UBND")
    years = {y["year"]: y for y in shares(service, "nam-dinh")["years"]}
    assert Fraction(str(years[2025]["share_recognised"])) == Fraction(200, 3)
    assert (years[2025]["recognised"], years[2025]["assessed"], years[2025]["met"]) == (2, 3, True)
    assert years[2024]["share_recognised"] == 0 and years[2024]["target"] is None
    assert years[2026]["assessed"] == 0 and years[2026]["target"] == 90 and years[2026]["met"] is None
    service.targets.set_targets("nam-dinh", {2025: "80"}, "123/KH-UBND")
    assert shares(service, "nam-dinh")["years"][1]["met"] is False


def test_what_if_rescoring_overwrites_nothing(service: Service) -> None:
    from ytxa_rules.service.adapters.impact import Station, compare
    from ytxa_rules.service.submission import stored_facts

    officer = who(service, OFFICER)
    for n in range(3):
        submit(service, officer, station(f"q{n}", so_nguoi_tham_gia_bhyt=7845 - n * 200), None, None)
    with service.db.session() as session:
        before = [(a.id, a.result, a.state) for a in session.scalars(select(Assessment).order_by(Assessment.id))]
    after_spec, amendment = service.criteria.with_amendment(AMENDMENT)
    rows = service.assessments.latest_rows(["nam-dinh"])
    report = compare(service.criteria.default, after_spec, amendment, [Station({"id": r.id}, stored_facts(r.facts), r.as_of) for r in rows])
    assert report["stations"] == 3 and report["amendment"]["id"] == "99/QĐ-BYT" and report["changed_points"] == 3
    # the comparison agrees with scoring both sides by hand
    for r in rows:
        facts = stored_facts(r.facts)
        old = service.criteria.default.evaluate(facts, amendment.effective)
        new = after_spec.evaluate(facts, amendment.effective)
        listed = [c for c in report["changes"] if c["id"] == r.id]
        assert bool(listed) == (old.total != new.total or old.passed != new.passed or any(i.points != old.indicator(i.number).points for i in new.indicators))
    with service.db.session() as session:
        assert [(a.id, a.result, a.state) for a in session.scalars(select(Assessment).order_by(Assessment.id))] == before


def test_concurrent_submissions_get_distinct_consecutive_versions(service: Service) -> None:
    officer = who(service, OFFICER)
    errors: list[BaseException] = []

    def one() -> None:
        try:
            submit(service, officer, station("c"), None, None)
        except BaseException as exc:  # noqa: BLE001 - reported below
            errors.append(exc)

    threads = [threading.Thread(target=one) for _ in range(12)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    with service.db.session() as session:
        versions = sorted(session.scalars(select(Assessment.version).where(Assessment.commune_code == "c")))
        events = session.scalar(select(func.count(WorkflowEvent.id)))
    assert versions == list(range(1, 13)) and events == 12


def test_history_from_the_command_line(service: Service, database_url: str, tmp_path) -> None:  # type: ignore[no-untyped-def]
    officer, appraiser = who(service, OFFICER), who(service, APPRAISER)
    record = submit(service, officer, station("h"), None, None)
    service.assessments.transition(appraiser, record["id"], "appraise")
    status, out, err = ytxa("history", "commune", "h", "--database", database_url, "--format", "json")
    assert status == 0, err
    assert json.loads(out)["versions"][0]["state"] == "appraised"
    status, out, _ = ytxa("history", "shares", "Nam Định", "--database", database_url, "--lang", "en")
    assert status == 0 and "2024: 0/1 recognised" in out
    (tmp_path / "99.ytxa").write_text(AMENDMENT, encoding="utf-8")
    target = tmp_path / "what-if.json"
    status, _, err = ytxa("history", "what-if", "--amendment", str(tmp_path / "99.ytxa"), "--database", database_url, "--format", "json", "-o", str(target))
    assert status == 0, err
    assert json.loads(target.read_text(encoding="utf-8"))["stations"] == 1
    status, _, err = ytxa("history", "commune", "nowhere", "--database", database_url)
    assert status == 2 and "U053" in err


def test_the_server_on_this_database(database_url: str, tmp_path) -> None:  # type: ignore[no-untyped-def]
    """`ytxa serve --database URL`: the first start prints the token on this backend too."""
    server = Server(tmp_path, database=database_url)
    try:
        assert server.token
        officer = add_user(database_url, "pg-officer", "data_officer", "Nam Định")
        with server.client(officer) as client:
            created = client.post("/v1/assessments", content=body(station("srv")))
            assert created.status_code == 201
            assert client.get("/v1/communes/srv/history").json()["versions"][0]["id"] == created.json()["id"]
        with server.client(server.token) as client:
            assert client.get("/healthz").json()["database"] in ("sqlite", "postgresql")
    finally:
        server.stop()
