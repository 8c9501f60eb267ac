"""SIGKILL in the middle of a batch upload: every acknowledged record survives, none is half.

The batch streams one acknowledgment line per stored row (Accept: application/x-ndjson).
The test reads acknowledgments until a good number have arrived, kills the server with
SIGKILL (no shutdown code runs), then opens the database itself and restarts the server.
"""

from __future__ import annotations

import json
from pathlib import Path

import httpx
from sqlalchemy import func, select

from tests.service.servers import Server, add_user, jsonl, station
from ytxa_rules.service.store.database import Database
from ytxa_rules.service.store.models import Assessment, Commune, WorkflowEvent

ROWS = 3000
KILL_AFTER = 150


def test_sigkill_mid_batch_loses_no_acknowledged_record(database_url: str, tmp_path: Path) -> None:
    server = Server(tmp_path, database=database_url)
    token = add_user(server.database, "batch-officer", "data_officer", "Nam Định")
    rows = [station(f"k-{n:05d}", so_bac_si_co_huu=n % 4) for n in range(ROWS)]
    acknowledged: dict[int, str] = {}
    summary_seen = False
    try:
        with httpx.Client(base_url=server.url, headers={"Authorization": f"Bearer {token}"}, timeout=120) as client:
            headers = {"content-type": "application/x-ndjson", "accept": "application/x-ndjson"}
            with client.stream("POST", "/v1/assessments/batch", content=jsonl(rows), headers=headers) as reply:
                assert reply.status_code == 200
                try:
                    for line in reply.iter_lines():
                        entry = json.loads(line)
                        if "summary" in entry:
                            summary_seen = True
                        elif "record" in entry:
                            acknowledged[entry["record"]["id"]] = entry["record"]["commune"]
                            if len(acknowledged) == KILL_AFTER:
                                server.kill()
                except (httpx.HTTPError, json.JSONDecodeError):
                    pass  # the connection died with the server, perhaps inside a line
    finally:
        server.stop()
    assert len(acknowledged) >= KILL_AFTER and not summary_seen, "the batch must be killed half-way"

    database = Database(database_url if "://" in database_url else server.database)
    with database.session() as session:
        stored = {a.id: a for a in session.scalars(select(Assessment))}
        events = dict(session.execute(select(WorkflowEvent.assessment_id, func.count(WorkflowEvent.id)).group_by(WorkflowEvent.assessment_id)).all())
        communes = {c.code for c in session.scalars(select(Commune))}
    database.dispose()
    missing = [i for i in acknowledged if i not in stored]
    assert missing == [], f"acknowledged but lost: {missing[:10]}"
    assert all(stored[i].commune_code == code for i, code in acknowledged.items())
    assert len(stored) < ROWS
    for record in stored.values():  # no half record: every row is whole and consistent
        result = json.loads(record.result)
        facts = json.loads(record.facts)
        assert result["schema"] == "ytxa-result/1" and facts["ma_xa"] == record.commune_code
        assert events.get(record.id) == 1 and record.state == "self_assessed"
        assert record.commune_code in communes and record.version == 1

    again = Server(tmp_path, database=database_url)  # the server starts again on what is left
    try:
        with again.client(token) as client:
            some = next(iter(acknowledged.items()))
            history = client.get(f"/v1/communes/{some[1]}/history").json()
            assert history["versions"][0]["id"] == some[0]
    finally:
        again.stop()
