"""Alembic's entry point: migrations run on the connection `Database.migrate` hands in."""

from __future__ import annotations

from alembic import context

from ytxa_rules.service.store.models import Base

connection = context.config.attributes.get("connection")
if connection is None:  # `alembic` run by hand: use the URL in the config
    from sqlalchemy import create_engine

    engine = create_engine(context.config.get_main_option("sqlalchemy.url") or "sqlite:///ytxa.db")
    connection = engine.connect()

context.configure(connection=connection, target_metadata=Base.metadata, render_as_batch=True)
with context.begin_transaction():
    context.run_migrations()
