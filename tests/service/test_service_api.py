"""The HTTP API as a client meets it: `ytxa serve` in an empty folder, real requests on loopback."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest

import ytxa_rules
from tests.service.servers import REPO, Server, add_user, body, example, jsonl, station

SCHEMA = json.loads((REPO / "docs" / "reference" / "result-schema.json").read_text(encoding="utf-8"))


def codes(response) -> list[str]:  # type: ignore[no-untyped-def]
    return [e["code"] for e in response.json()["errors"]]


def test_first_start_prints_an_admin_token_and_creates_the_database(server: Server) -> None:
    assert server.token is not None and server.token.startswith("ytxa_")
    assert sum(line.startswith("admin token: ") for line in server.printed) == 1
    assert (server.folder / "ytxa.db").is_file()
    with server.client(server.token) as client:
        assert client.get("/v1/me").json()["role"] == "admin"


def test_second_start_prints_no_new_token(server: Server, tmp_path: Path) -> None:
    again = Server(server.folder, database=server.database)
    try:
        assert again.token is None
        assert not any("admin token" in line for line in again.printed)
    finally:
        again.stop()


def test_evaluate_returns_the_same_result_document_as_the_library(server: Server) -> None:
    facts = example()
    expected = ytxa_rules.load().evaluate(facts).to_dict()
    with server.client(server.token) as client:
        reply = client.post("/v1/evaluate", content=body(facts), headers={"content-type": "application/json"})
    assert reply.status_code == 200
    jsonschema.validate(reply.json(), SCHEMA)
    assert reply.json() == json.loads(json.dumps(expected))


def test_as_of_picks_the_amendments_in_force(server: Server) -> None:
    facts = example("xa-danh-gia-truoc-dinh-chinh")
    with server.client(server.token) as client:
        before = client.post("/v1/evaluate?as_of=2023-03-15", content=body(facts)).json()
        after = client.post("/v1/evaluate?as_of=2023-03-25", content=body(facts)).json()
    assert before["spec"]["amendments"] == [] and after["spec"]["amendments"] == ["1453/QĐ-BYT"]


def test_bad_facts_are_located_422_diagnostics_in_both_languages(server: Server) -> None:
    text = '{\n  "ma_xa": "1",\n  "so_bac_si_co_huu": -2,\n  "so_bac_si_co_huuu": 1\n}'
    with server.client(server.token) as client:
        reply = client.post("/v1/evaluate", content=text.encode())
    assert reply.status_code == 422
    errors = {e["field"]: e for e in reply.json()["errors"]}
    assert errors["so_bac_si_co_huu"]["code"] == "F005" and errors["so_bac_si_co_huu"]["line"] == 3
    assert errors["so_bac_si_co_huuu"]["code"] == "F004" and errors["so_bac_si_co_huuu"]["line"] == 4
    assert "phải là" in errors["so_bac_si_co_huu"]["message_vi"] and "must be" in errors["so_bac_si_co_huu"]["message_en"]


@pytest.mark.parametrize(
    ("path", "content", "status", "code"),
    [
        ("/v1/evaluate", b"{\"a\": ", 400, "U054"),
        ("/v1/evaluate", b"[1, 2]", 400, "U054"),
        ("/v1/evaluate", b"", 400, "U054"),
        ("/v1/evaluate", b"\xff\xfe", 400, "U054"),
        ("/v1/evaluate?as_of=31/12/2024", b"{}", 400, "U059"),
        ("/v1/evaluate?as_of=2020-01-01", b"{}", 400, "U002"),
        ("/v1/explain?format=pdf", b"{}", 400, "U059"),
        ("/v1/nowhere", b"{}", 404, "U053"),
    ],
)
def test_bad_requests_get_a_status_and_a_code_never_a_traceback(server: Server, path: str, content: bytes, status: int, code: str) -> None:
    with server.client(server.token) as client:
        reply = client.post(path, content=content)
    assert reply.status_code == status, reply.text
    assert code in codes(reply)
    assert "Traceback" not in reply.text


def test_method_not_allowed_and_missing_sign_in(server: Server) -> None:
    with server.client(server.token) as client:
        assert codes(client.delete("/v1/evaluate")) == ["U075"]
    with server.client() as anonymous:
        reply = anonymous.post("/v1/evaluate", content=b"{}")
        assert reply.status_code == 401 and codes(reply) == ["U050"] and reply.headers["www-authenticate"].startswith("Bearer")
    with server.client("ytxa_000000000000_" + "x" * 43) as forged:
        assert forged.get("/v1/me").status_code == 401


def test_explain_as_json_text_and_html(server: Server) -> None:
    facts = body(example())
    with server.client(server.token) as client:
        as_json = client.post("/v1/explain", content=facts).json()
        text_vi = client.post("/v1/explain?format=text", content=facts)
        text_en = client.post("/v1/explain?format=text&lang=en", content=facts)
        page = client.post("/v1/explain?format=html&lang=en", content=facts)
    assert all("trace" in i for i in as_json["indicators"] if i["status"] == "scored")
    assert text_vi.headers["content-type"].startswith("text/plain") and "Trạm y tế" in text_vi.text
    assert "Health station" in text_en.text
    assert page.headers["content-type"].startswith("text/html") and "<html" in page.text and "87" in page.text
    from ytxa_rules.render.html import station_page  # one implementation: the page `ytxa explain --format html` gives

    assert page.text == station_page(ytxa_rules.load().evaluate(example(), trace=True), "en") and "<svg" in page.text


def test_batch_scores_good_rows_and_locates_bad_ones(server: Server) -> None:
    good = [station(str(n)) for n in range(5)]
    rows = [good[0], {"ma_xa": "x", "so_bac_si_co_huu": "hai"}, good[1], [1, 2], good[2]]
    with server.client(server.token) as client:
        as_array = client.post("/v1/batch", content=body(rows), headers={"content-type": "application/json"}).json()
        lines = jsonl(good[:3]) + b"{not json\n" + jsonl(good[3:4])
        as_lines = client.post("/v1/batch", content=lines, headers={"content-type": "application/x-ndjson"}).json()
    assert as_array["counts"] == {"rows": 5, "scored": 3, "errors": 2, "passed": 3, "not_passed": 0, "undecided": 0}
    assert [r["row"] for r in as_array["results"]] == [1, 3, 5]
    assert {e["row"] for e in as_array["errors"]} == {2, 4}
    assert any(e["code"] == "U066" and e["row"] == 4 for e in as_array["errors"])
    assert as_lines["counts"]["scored"] == 4 and [e["row"] for e in as_lines["errors"]] == [4]
    assert as_lines["errors"][0]["code"] == "U054" and as_lines["errors"][0]["line"] == 4


def test_batch_limits_and_content_types(tmp_path: Path) -> None:
    small = Server(tmp_path, env={"YTXA_MAX_BATCH_ROWS": "3", "YTXA_MAX_BODY_BYTES": "200000"})
    try:
        with small.client(small.token) as client:
            too_many = client.post("/v1/batch", content=jsonl([station(str(n)) for n in range(4)]))
            assert too_many.status_code == 413 and codes(too_many) == ["U056"]
            too_big = client.post("/v1/batch", content=b"[" + b" " * 300_000 + b"]")
            assert too_big.status_code == 413 and codes(too_big) == ["U055"]
            wrong = client.post("/v1/batch", content=b"a,b", headers={"content-type": "application/pdf"})
            assert wrong.status_code == 415 and codes(wrong) == ["U058"]
    finally:
        small.stop()


def _cell(value: object) -> str:
    return "có" if value is True else "không" if value is False else str(value)


def _sheet(stations: list[dict[str, object]]) -> tuple[list[str], list[list[object]]]:
    header = list(stations[0])
    return header, [[s.get(n) for n in header] for s in stations]


def _batch_errors(path: Path) -> list[dict[str, object]]:
    """What `ytxa batch --format json` reports for the same file: the reference."""
    from tests.batch.sheets import run

    code, out, _ = run("batch", str(path), "--format", "json")
    assert code == 2
    return [{k: e[k] for k in ("row", "column", "header", "cell", "code")} for e in json.loads(out)["errors"]]


def _upload_errors(reply_errors: list[dict[str, object]]) -> list[dict[str, object]]:
    return [{"row": e["row"], "column": e["column_letter"], "header": e["header"] or "", "cell": e["cell"] or "", "code": e["code"]} for e in reply_errors]


def test_csv_upload_scores_good_rows_and_locates_bad_cells_as_ytxa_batch_does(server: Server, tmp_path: Path) -> None:
    stations = [station("csv-1"), station("csv-2", so_bac_si_co_huu="hai"), station("csv-3", co_dien="có lẽ")]
    header, rows = _sheet(stations)
    text = ";".join(header) + "\n" + "".join(";".join(_cell(v) for v in row) + "\n" for row in rows)
    path = tmp_path / "xa.csv"
    path.write_text(text, encoding="utf-8")
    with server.client(server.token) as client:
        reply = client.post("/v1/batch", content=text.encode(), headers={"content-type": "text/csv"})
    assert reply.status_code == 200, reply.text
    document = reply.json()
    assert document["counts"] == {"rows": 3, "scored": 1, "errors": 2, "passed": 1, "not_passed": 0, "undecided": 0}
    assert [r["row"] for r in document["results"]] == [2]
    assert document["results"][0]["result"] == json.loads(json.dumps(ytxa_rules.load().evaluate(stations[0]).to_dict()))
    assert _upload_errors(document["errors"]) == _batch_errors(path)
    assert {(e["row"], e["header"], e["cell"]) for e in document["errors"]} >= {(3, "so_bac_si_co_huu", "hai"), (4, "co_dien", "có lẽ")}


def test_a_warning_about_the_whole_sheet_reaches_the_client(server: Server) -> None:
    """An x-mark column changes scores (blank reads as "no"): the reply must say so, as `ytxa batch` does."""
    stations = [station("x-1", co_dien="x"), station("x-2", co_dien="")]
    header, rows = _sheet(stations)
    text = ";".join(header) + "\n" + "".join(";".join(_cell(v) for v in row) + "\n" for row in rows)
    with server.client(server.token) as client:
        reply = client.post("/v1/batch", content=text.encode(), headers={"content-type": "text/csv"})
    assert reply.status_code == 200, reply.text
    document = reply.json()
    assert document["counts"]["scored"] == 2 and document["errors"] == []
    [warning] = document["warnings"]
    assert warning["code"] == "W620" and warning["severity"] == "warning" and "co_dien" in warning["message_en"]
    assert warning["row"] == 1 and warning["column"] == header.index("co_dien") + 1


def test_xlsx_upload_stores_every_good_row(server: Server, tmp_path: Path) -> None:
    from tests.batch.sheets import write_xlsx, xlsx_value

    stations = [station("xlsx-1", province="Ninh Bình"), station("xlsx-2", province="Ninh Bình", vung=9), station("xlsx-3", province="Ninh Bình")]
    header, rows = _sheet(stations)
    path = write_xlsx(tmp_path / "xa.xlsx", header, [[xlsx_value(n, v) for n, v in zip(header, row)] for row in rows])
    with server.client(server.token) as client:
        reply = client.post("/v1/assessments/batch?filename=xa.xlsx", content=path.read_bytes(), headers={"content-type": "application/octet-stream"})
        assert reply.status_code == 200, reply.text
        document = reply.json()
        stored = client.get("/v1/assessments", params={"province": "Ninh Bình"}).json()
    assert document["counts"]["scored"] == 2 and [r["row"] for r in document["records"]] == [2, 4]
    assert _upload_errors(document["errors"]) == _batch_errors(path)
    assert document["errors"][0]["column_letter"] and document["errors"][0]["header"] == "vung"
    communes = {r["commune"] for r in stored["assessments"]}
    assert {"xlsx-1", "xlsx-3"} <= communes and "xlsx-2" not in communes


def test_specs_composed_facts_and_diff(server: Server) -> None:
    with server.client(server.token) as client:
        specs = client.get("/v1/specs").json()["specs"]
        assert specs[0]["id"] == "1300/QĐ-BYT" and specs[0]["slug"] == "1300-qd-byt"
        composed = client.get("/v1/specs/1300-qd-byt?as_of=2024-12-31").json()
        assert composed["amendments"] == ["1453/QĐ-BYT"] and len(composed["criteria"]) == 10
        indicator = next(i for c in composed["criteria"] for i in c["indicators"] if i["number"] == "35")
        assert indicator["amended_by"] == ["1453/QĐ-BYT"]
        dictionary = client.get("/v1/specs/1300-qd-byt/facts").json()["facts"]
        doctors = next(f for f in dictionary if f["name"] == "so_bac_si_co_huu")
        assert doctors["type"] == "count" and doctors["indicators"]
        diff = client.get("/v1/specs/1300-qd-byt/diff?from_date=2023-03-10&to_date=2023-03-25").json()
        assert [c["by"] for c in diff["changes"]] == [["1453/QĐ-BYT"]]
        assert client.get("/v1/specs/nope").status_code == 404


AMENDMENT = """amendment "99/QĐ-BYT"
  title "Thử nâng ngưỡng chỉ tiêu 35"
  amends "1300/QĐ-BYT"
  issued 2025-01-01
  effective 2025-01-01
  reason "thử nghiệm"

change indicator 35 band 1 operator to >=
"""


def test_check_returns_located_diagnostics(server: Server) -> None:
    with server.client(server.token) as client:
        ok = client.post("/v1/check", content=AMENDMENT.encode(), headers={"content-type": "text/plain"}).json()
        broken = client.post("/v1/check", json={"text": AMENDMENT.replace("change indicator 35", "change indicator 350")}).json()
    assert ok["ok"] is True
    assert broken["ok"] is False
    first = broken["diagnostics"][0]
    assert first["file"] == "amendment.ytxa" and first["line"] == 8 and first["code"].startswith("E")


def test_stored_assessment_round_trip(server: Server) -> None:
    facts = station("api-1", province="Quảng Nam")
    with server.client(server.token) as client:
        created = client.post("/v1/assessments", content=body(facts))
        assert created.status_code == 201
        record = created.json()
        assert (record["province_key"], record["version"], record["state"]) == ("quang-nam", 1, "self_assessed")
        stored = client.get(f"/v1/assessments/{record['id']}").json()
        assert stored["facts"]["ma_xa"] == "api-1" and stored["result"]["schema"] == "ytxa-result/1"
        explanation = client.get(f"/v1/assessments/{record['id']}/explanation?format=json").json()
        assert explanation["same_spec"] is True
        history = client.get("/v1/communes/api-1/history").json()
        assert [v["version"] for v in history["versions"]] == [1]
        listed = client.get("/v1/assessments?province=Quảng Nam&state=self_assessed").json()["assessments"]
        assert [a["commune"] for a in listed] == ["api-1"]
        bad = client.get("/v1/assessments?year=abc")
        assert bad.status_code == 400 and codes(bad) == ["U059"]


def test_session_sign_in_needs_csrf_for_changes(server: Server) -> None:
    add_user(server.database, "editor-session", "policy_editor", "Nam Định", password="mật khẩu dài")
    with server.client(follow_redirects=False) as browser:
        wrong = browser.post("/login", data={"name": "editor-session", "secret": "sai"})
        assert wrong.status_code == 401
        signed = browser.post("/login", data={"name": "editor-session", "secret": "mật khẩu dài"})
        assert signed.status_code == 303
        csrf = browser.get("/v1/me").json()
        assert csrf["via"] == "session"
        page = browser.get("/ui/spec")
        token = page.text.split('name="csrf-token" content="', 1)[1].split('"', 1)[0]
        refused = browser.post("/v1/check", content=AMENDMENT.encode(), headers={"content-type": "text/plain"})
        assert refused.status_code == 403 and codes(refused) == ["U068"]
        accepted = browser.post("/v1/check", content=AMENDMENT.encode(), headers={"content-type": "text/plain", "x-csrf-token": token})
        assert accepted.status_code == 200
