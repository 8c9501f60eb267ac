"""Assessments: append-only versions per commune and year, and the workflow on each.

A submission is one transaction: the commune (created on first sight), the new version and
its first workflow event, all or nothing. The workflow moves only the latest version:

    self_assessed ──appraise──▶ appraised ──recognise──▶ recognised
          └────────return (with a reason)──┴──▶ returned   (then a corrected version)
"""

from __future__ import annotations

import datetime
import json
from collections.abc import Iterable, Sequence
from typing import Any

import attrs
from sqlalchemy import and_, func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from ytxa_rules.service.auth import Principal
from ytxa_rules.service.errors import fail, thing
from ytxa_rules.service.store.database import Database, utcnow, valid_id
from ytxa_rules.service.store.models import Assessment, Commune, User, WorkflowEvent

STATES = ("self_assessed", "appraised", "recognised", "returned")
TRANSITIONS: dict[str, tuple[frozenset[str], str]] = {
    "appraise": (frozenset({"self_assessed"}), "appraised"),
    "return": (frozenset({"self_assessed", "appraised"}), "returned"),
    "recognise": (frozenset({"appraised"}), "recognised"),
}


@attrs.frozen
class Station:
    """What the store files an assessment under, taken from the facts."""

    commune: str
    name: str
    province: str  # as written in the facts
    province_key: str
    area: str | None
    year: int
    as_of: datetime.date


class Assessments:
    def __init__(self, database: Database):
        self.db = database

    # ------------------------------------------------------------ writing
    def submit(self, principal: Principal, station: Station, facts_json: str, result: dict[str, Any]) -> dict[str, Any]:
        """Store a new version; retried when a concurrent submission took the same number."""
        for attempt in range(5):
            try:
                with self.db.write() as session:
                    record, event = self._insert(session, principal, station, facts_json, result)
                    names = {principal.user_id: principal.name}
                    commune = Commune(code=station.commune, province_key=station.province_key, province=station.province, name=station.name, area=station.area)
                    return _shape(record, commune, names, [event])
            except IntegrityError:
                if attempt == 4:
                    raise
        raise AssertionError("unreachable")

    def _insert(self, session: Session, principal: Principal, station: Station, facts_json: str, result: dict[str, Any]) -> tuple[Assessment, WorkflowEvent]:
        commune = session.get(Commune, station.commune, with_for_update=not self.db.is_sqlite)
        if commune is None:
            commune = Commune(code=station.commune, province_key=station.province_key, province=station.province, name=station.name, area=station.area)
            session.add(commune)
            session.flush()
        elif commune.province_key != station.province_key:
            raise fail(409, "U065", commune=station.commune, province=commune.province, given=station.province)
        else:
            commune.name, commune.area = station.name, station.area  # the latest submission names it
        last = session.scalar(select(func.max(Assessment.version)).where(Assessment.commune_code == station.commune, Assessment.year == station.year))
        now = utcnow()
        spec = result["spec"]
        record = Assessment(
            commune_code=station.commune,
            province_key=station.province_key,
            year=station.year,
            version=(last or 0) + 1,
            as_of=station.as_of,
            facts=facts_json,
            result=json.dumps(result, ensure_ascii=False, separators=(",", ":")),
            spec_id=spec["id"],
            spec_digest=spec["digest"],
            amendments=json.dumps(spec["amendments"], ensure_ascii=False),
            total=str(result["total"]),
            max=str(result["max"]),
            passed=result["passed"],
            submitted_by=principal.user_id,
            submitted_at=now,
            state="self_assessed",
        )
        session.add(record)
        session.flush()
        event = WorkflowEvent(assessment_id=record.id, from_state=None, to_state="self_assessed", reason=None, actor=principal.user_id, at=now)
        session.add(event)
        session.flush()
        return record, event

    def transition(self, principal: Principal, assessment_id: int, action: str, reason: str | None = None) -> dict[str, Any]:
        allowed, target = TRANSITIONS[action]
        if action == "return" and not (reason or "").strip():
            raise fail(422, "U061", field="reason")
        with self.db.write() as session:
            record = session.get(Assessment, assessment_id, with_for_update=not self.db.is_sqlite) if valid_id(assessment_id) else None
            if record is None or not principal.sees(record.province_key):
                raise fail(404, "U053", what=thing("assessment"), key=str(assessment_id))
            latest = session.scalar(select(func.max(Assessment.version)).where(Assessment.commune_code == record.commune_code, Assessment.year == record.year))
            if latest != record.version:
                raise fail(409, "U062", id=assessment_id, latest=latest)
            if record.state not in allowed:
                raise fail(409, "U060", action=thing(action), state=record.state)
            if action == "recognise" and record.passed is not True:
                raise fail(409, "U063", verdict=thing({True: "passed", False: "not passed", None: "undecided"}[record.passed]))
            session.add(WorkflowEvent(assessment_id=record.id, from_state=record.state, to_state=target, reason=(reason or "").strip() or None, actor=principal.user_id, at=utcnow()))
            record.state = target
            session.flush()
            return self._record(session, record, events=True)

    # ------------------------------------------------------------ reading
    def get(self, principal: Principal, assessment_id: int, with_facts: bool = True) -> dict[str, Any]:
        with self.db.session() as session:
            record = session.get(Assessment, assessment_id) if valid_id(assessment_id) else None
            if record is None or not principal.sees(record.province_key):
                raise fail(404, "U053", what=thing("assessment"), key=str(assessment_id))
            return self._record(session, record, events=True, facts=with_facts, result=True)

    def stored_facts(self, principal: Principal, assessment_id: int) -> tuple[str, datetime.date, str]:
        """(facts JSON as stored, as-of date, spec digest) of a record the caller may see."""
        with self.db.session() as session:
            record = session.get(Assessment, assessment_id) if valid_id(assessment_id) else None
            if record is None or not principal.sees(record.province_key):
                raise fail(404, "U053", what=thing("assessment"), key=str(assessment_id))
            return record.facts, record.as_of, record.spec_digest

    def history(self, principal: Principal, commune: str) -> dict[str, Any]:
        """Every version of every year of one commune, newest year first."""
        with self.db.session() as session:
            row = session.get(Commune, commune)
            if row is None or not principal.sees(row.province_key):
                raise fail(404, "U053", what=thing("commune"), key=commune)
            records = session.scalars(
                select(Assessment).where(Assessment.commune_code == commune).order_by(Assessment.year.desc(), Assessment.version.desc())
            ).all()
            return {"commune": _commune(row), "versions": self._records(session, records, events=True)}

    def latest(
        self,
        principal: Principal,
        province: str | None = None,
        year: int | None = None,
        state: str | None = None,
        verdict: str | None = None,
        area: str | None = None,
        limit: int = 1000,
    ) -> list[dict[str, Any]]:
        """The latest version of each commune and year, filtered, within the caller's provinces."""
        with self.db.session() as session:
            query = _latest_query()
            if province is not None:
                query = query.where(Assessment.province_key == province)
            if year is not None:
                query = query.where(Assessment.year == year)
            if state is not None:
                query = query.where(Assessment.state == state)
            if verdict is not None:
                query = query.where(_verdict(verdict))
            if area is not None:
                query = query.where(Commune.area == area)
            query = query.order_by(Assessment.province_key, Assessment.year.desc(), Commune.name).limit(limit)
            rows = [r for r in session.scalars(query).all() if principal.sees(r.province_key)]
            return self._records(session, rows)

    def latest_rows(self, provinces: Iterable[str], year: int | None = None) -> list[Assessment]:
        """Latest versions in the given provinces (for what-if re-scoring and `ytxa history`)."""
        with self.db.session() as session:
            query = _latest_query().where(Assessment.province_key.in_(list(provinces)))
            if year is not None:
                query = query.where(Assessment.year == year)
            return list(session.scalars(query.order_by(Assessment.year, Assessment.commune_code)).all())

    def provinces(self, principal: Principal) -> list[dict[str, Any]]:
        with self.db.session() as session:
            rows = session.execute(
                select(Commune.province_key, func.min(Commune.province), func.count(Commune.code)).group_by(Commune.province_key).order_by(Commune.province_key)
            ).all()
            return [{"key": key, "name": name, "communes": count} for key, name, count in rows if principal.sees(key)]

    def areas(self, province: str) -> list[str]:
        with self.db.session() as session:
            found = session.scalars(select(Commune.area).where(Commune.province_key == province).distinct()).all()
            return sorted(a for a in found if a)

    def year_counts(self, province: str) -> list[tuple[int, int, int, int]]:
        """(year, communes assessed, passed, recognised) from the latest versions."""
        with self.db.session() as session:
            rows = session.scalars(_latest_query().where(Assessment.province_key == province)).all()
            counts: dict[int, list[int]] = {}
            for r in rows:
                entry = counts.setdefault(r.year, [0, 0, 0])
                entry[0] += 1
                entry[1] += r.passed is True
                entry[2] += r.state == "recognised"
            return [(year, *values) for year, values in sorted(counts.items())]  # type: ignore[misc]

    def count(self) -> int:
        with self.db.session() as session:
            return int(session.scalar(select(func.count(Assessment.id))) or 0)

    # ------------------------------------------------------------ shapes
    def _record(self, session: Session, record: Assessment, events: bool = False, facts: bool = False, result: bool = False) -> dict[str, Any]:
        return self._records(session, [record], events, facts, result)[0]

    def _records(self, session: Session, records: Sequence[Assessment], events: bool = False, facts: bool = False, result: bool = False) -> list[dict[str, Any]]:
        """Records as the API returns them, with three queries however many there are."""
        codes = sorted({r.commune_code for r in records})
        communes = {c.code: c for c in session.scalars(select(Commune).where(Commune.code.in_(codes)))} if codes else {}
        found: dict[int, list[WorkflowEvent]] = {}
        if events and records:
            for e in session.scalars(select(WorkflowEvent).where(WorkflowEvent.assessment_id.in_([r.id for r in records])).order_by(WorkflowEvent.id)):
                found.setdefault(e.assessment_id, []).append(e)
        names = _user_names(session, [r.submitted_by for r in records] + [e.actor for group in found.values() for e in group])
        out = []
        for record in records:
            shaped = _shape(record, communes.get(record.commune_code), names, found.get(record.id, []) if events else None)
            if facts:
                shaped["facts"] = json.loads(record.facts)
            if result:
                shaped["result"] = json.loads(record.result)
            out.append(shaped)
        return out


def _shape(record: Assessment, commune: Commune | None, names: dict[int, str], events: Sequence[WorkflowEvent] | None) -> dict[str, Any]:
    out: dict[str, Any] = {
        "id": record.id,
        "commune": record.commune_code,
        "commune_name": commune.name if commune else None,
        "area": commune.area if commune else None,
        "province": commune.province if commune else None,
        "province_key": record.province_key,
        "year": record.year,
        "version": record.version,
        "as_of": record.as_of.isoformat(),
        "spec": {"id": record.spec_id, "digest": record.spec_digest, "amendments": json.loads(record.amendments)},
        "total": _number(record.total),
        "max": _number(record.max),
        "passed": record.passed,
        "state": record.state,
        "submitted_by": names.get(record.submitted_by),
        "submitted_at": _time(record.submitted_at),
    }
    if events is not None:
        out["events"] = [{"from": e.from_state, "to": e.to_state, "reason": e.reason, "by": names.get(e.actor), "at": _time(e.at)} for e in events]
    return out


def _latest_query() -> Any:
    newest = (
        select(Assessment.commune_code, Assessment.year, func.max(Assessment.version).label("version"))
        .group_by(Assessment.commune_code, Assessment.year)
        .subquery()
    )
    return (
        select(Assessment)
        .join(newest, and_(Assessment.commune_code == newest.c.commune_code, Assessment.year == newest.c.year, Assessment.version == newest.c.version))
        .join(Commune, Commune.code == Assessment.commune_code)
    )


def _verdict(verdict: str) -> Any:
    if verdict == "passed":
        return Assessment.passed.is_(True)
    if verdict == "not_passed":
        return Assessment.passed.is_(False)
    return Assessment.passed.is_(None)


def _user_names(session: Session, ids: Sequence[int]) -> dict[int, str]:
    wanted = sorted(set(ids))
    if not wanted:
        return {}
    return {u.id: u.name for u in session.scalars(select(User).where(User.id.in_(wanted))).all()}


def _commune(row: Commune) -> dict[str, Any]:
    return {"code": row.code, "name": row.name, "province": row.province, "province_key": row.province_key, "area": row.area}


def _number(text: str) -> int | str:
    return int(text) if text.lstrip("-").isdigit() else text


def _time(value: datetime.datetime) -> str:
    return value.isoformat() + "Z"
