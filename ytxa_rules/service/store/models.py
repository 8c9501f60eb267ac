"""The tables, as SQLAlchemy 2 declarative models (the migrations in `migrations/` create them).

Times are stored as naive UTC. Facts and results are JSON text exactly as the API returned
them (`ytxa-result/1`, exact numbers as strings), so a stored record never depends on the
engine's internals.
"""

from __future__ import annotations

import datetime

from sqlalchemy import Boolean, Date, DateTime, ForeignKey, Index, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column


class Base(DeclarativeBase):
    pass


class User(Base):
    __tablename__ = "users"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(100), unique=True)
    role: Mapped[str] = mapped_column(String(32))
    provinces: Mapped[str] = mapped_column(Text)  # JSON list of province keys; ["*"]: every province
    communes: Mapped[str] = mapped_column(Text, default="[]")  # JSON list of commune codes; []: the whole province
    password_hash: Mapped[str | None] = mapped_column(String(255), nullable=True)
    created_at: Mapped[datetime.datetime] = mapped_column(DateTime)
    revoked_at: Mapped[datetime.datetime | None] = mapped_column(DateTime, nullable=True)


class ApiToken(Base):
    __tablename__ = "api_tokens"

    id: Mapped[str] = mapped_column(String(32), primary_key=True)  # the public part of the token
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    secret_hash: Mapped[str] = mapped_column(String(255))  # scrypt; the secret itself is never stored
    created_at: Mapped[datetime.datetime] = mapped_column(DateTime)
    revoked_at: Mapped[datetime.datetime | None] = mapped_column(DateTime, nullable=True)


class WebSession(Base):
    __tablename__ = "web_sessions"

    key_hash: Mapped[str] = mapped_column(String(64), primary_key=True)  # sha256 of the cookie value
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    csrf: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime.datetime] = mapped_column(DateTime)
    expires_at: Mapped[datetime.datetime] = mapped_column(DateTime)


class Commune(Base):
    __tablename__ = "communes"

    code: Mapped[str] = mapped_column(String(64), primary_key=True)
    province_key: Mapped[str] = mapped_column(String(100), index=True)
    province: Mapped[str] = mapped_column(String(200))
    name: Mapped[str] = mapped_column(String(300))
    area: Mapped[str | None] = mapped_column(String(300), nullable=True)


class Assessment(Base):
    """One version of one commune's assessment for one year; never updated but for `state`."""

    __tablename__ = "assessments"
    __table_args__ = (
        UniqueConstraint("commune_code", "year", "version", name="uq_assessment_version"),
        Index("ix_assessments_province_year", "province_key", "year"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    commune_code: Mapped[str] = mapped_column(ForeignKey("communes.code"))
    province_key: Mapped[str] = mapped_column(String(100))
    year: Mapped[int] = mapped_column(Integer)
    version: Mapped[int] = mapped_column(Integer)
    as_of: Mapped[datetime.date] = mapped_column(Date)
    facts: Mapped[str] = mapped_column(Text)
    result: Mapped[str] = mapped_column(Text)
    spec_id: Mapped[str] = mapped_column(String(100))
    spec_digest: Mapped[str] = mapped_column(String(64))
    amendments: Mapped[str] = mapped_column(Text)  # JSON list of amendment ids in force
    total: Mapped[str] = mapped_column(String(40))
    max: Mapped[str] = mapped_column(String(40))
    passed: Mapped[bool | None] = mapped_column(Boolean, nullable=True)
    submitted_by: Mapped[int] = mapped_column(ForeignKey("users.id"))
    submitted_at: Mapped[datetime.datetime] = mapped_column(DateTime)
    # The last workflow event's state, written in the same transaction as that event.
    state: Mapped[str] = mapped_column(String(20))


class WorkflowEvent(Base):
    __tablename__ = "workflow_events"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    assessment_id: Mapped[int] = mapped_column(ForeignKey("assessments.id"), index=True)
    from_state: Mapped[str | None] = mapped_column(String(20), nullable=True)
    to_state: Mapped[str] = mapped_column(String(20))
    reason: Mapped[str | None] = mapped_column(Text, nullable=True)
    actor: Mapped[int] = mapped_column(ForeignKey("users.id"))
    at: Mapped[datetime.datetime] = mapped_column(DateTime)


class PlanTarget(Base):
    """A province's plan target: the share of communes recognised by a year (percent)."""

    __tablename__ = "plan_targets"

    province_key: Mapped[str] = mapped_column(String(100), primary_key=True)
    year: Mapped[int] = mapped_column(Integer, primary_key=True)
    share: Mapped[str] = mapped_column(String(40))  # exact decimal text, e.g. "90"
    source: Mapped[str] = mapped_column(String(300))  # the plan it comes from, e.g. "139/KH-UBND"


class AmendmentDraft(Base):
    """An amendment a policy editor saved for review and impact runs; a new save is a new row."""

    __tablename__ = "amendment_drafts"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    document_id: Mapped[str] = mapped_column(String(100))
    amendment_id: Mapped[str] = mapped_column(String(200))
    text: Mapped[str] = mapped_column(Text)
    author: Mapped[int] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[datetime.datetime] = mapped_column(DateTime)
