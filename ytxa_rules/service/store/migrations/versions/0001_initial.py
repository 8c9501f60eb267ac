"""The first schema: users and tokens, web sessions, communes, assessments and their workflow,
plan targets and amendment drafts.

Revision ID: 0001
Revises:
Create Date: 2026-11-24
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "users",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("name", sa.String(100), nullable=False, unique=True),
        sa.Column("role", sa.String(32), nullable=False),
        sa.Column("provinces", sa.Text(), nullable=False),
        sa.Column("communes", sa.Text(), nullable=False),
        sa.Column("password_hash", sa.String(255), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("revoked_at", sa.DateTime(), nullable=True),
    )
    op.create_table(
        "api_tokens",
        sa.Column("id", sa.String(32), primary_key=True),
        sa.Column("user_id", sa.Integer(), sa.ForeignKey("users.id"), nullable=False),
        sa.Column("secret_hash", sa.String(255), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("revoked_at", sa.DateTime(), nullable=True),
    )
    op.create_index("ix_api_tokens_user_id", "api_tokens", ["user_id"])
    op.create_table(
        "web_sessions",
        sa.Column("key_hash", sa.String(64), primary_key=True),
        sa.Column("user_id", sa.Integer(), sa.ForeignKey("users.id"), nullable=False),
        sa.Column("csrf", sa.String(64), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("expires_at", sa.DateTime(), nullable=False),
    )
    op.create_index("ix_web_sessions_user_id", "web_sessions", ["user_id"])
    op.create_table(
        "communes",
        sa.Column("code", sa.String(64), primary_key=True),
        sa.Column("province_key", sa.String(100), nullable=False),
        sa.Column("province", sa.String(200), nullable=False),
        sa.Column("name", sa.String(300), nullable=False),
        sa.Column("area", sa.String(300), nullable=True),
    )
    op.create_index("ix_communes_province_key", "communes", ["province_key"])
    op.create_table(
        "assessments",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("commune_code", sa.String(64), sa.ForeignKey("communes.code"), nullable=False),
        sa.Column("province_key", sa.String(100), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("as_of", sa.Date(), nullable=False),
        sa.Column("facts", sa.Text(), nullable=False),
        sa.Column("result", sa.Text(), nullable=False),
        sa.Column("spec_id", sa.String(100), nullable=False),
        sa.Column("spec_digest", sa.String(64), nullable=False),
        sa.Column("amendments", sa.Text(), nullable=False),
        sa.Column("total", sa.String(40), nullable=False),
        sa.Column("max", sa.String(40), nullable=False),
        sa.Column("passed", sa.Boolean(), nullable=True),
        sa.Column("submitted_by", sa.Integer(), sa.ForeignKey("users.id"), nullable=False),
        sa.Column("submitted_at", sa.DateTime(), nullable=False),
        sa.Column("state", sa.String(20), nullable=False),
        sa.UniqueConstraint("commune_code", "year", "version", name="uq_assessment_version"),
    )
    op.create_index("ix_assessments_province_year", "assessments", ["province_key", "year"])
    op.create_table(
        "workflow_events",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("assessment_id", sa.Integer(), sa.ForeignKey("assessments.id"), nullable=False),
        sa.Column("from_state", sa.String(20), nullable=True),
        sa.Column("to_state", sa.String(20), nullable=False),
        sa.Column("reason", sa.Text(), nullable=True),
        sa.Column("actor", sa.Integer(), sa.ForeignKey("users.id"), nullable=False),
        sa.Column("at", sa.DateTime(), nullable=False),
    )
    op.create_index("ix_workflow_events_assessment_id", "workflow_events", ["assessment_id"])
    op.create_table(
        "plan_targets",
        sa.Column("province_key", sa.String(100), primary_key=True),
        sa.Column("year", sa.Integer(), primary_key=True),
        sa.Column("share", sa.String(40), nullable=False),
        sa.Column("source", sa.String(300), nullable=False),
    )
    op.create_table(
        "amendment_drafts",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("document_id", sa.String(100), nullable=False),
        sa.Column("amendment_id", sa.String(200), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("author", sa.Integer(), sa.ForeignKey("users.id"), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
    )


def downgrade() -> None:
    for table in ("amendment_drafts", "plan_targets", "workflow_events", "assessments", "communes", "web_sessions", "api_tokens", "users"):
        op.drop_table(table)
