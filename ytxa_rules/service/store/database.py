"""Open the database named by a URL, bring its schema up to date, hand out sessions.

SQLite is tuned for a server that may be killed at any moment: WAL journal (a committed
transaction survives the process), foreign keys on, and one writer at a time inside the
process (SQLite allows one anyway; taking the lock here avoids 'database is locked' errors
under concurrent requests). PostgreSQL needs nothing of the kind.
"""

from __future__ import annotations

import contextlib
import datetime
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from sqlalchemy import create_engine, event, inspect
from sqlalchemy.engine import URL, Engine, make_url
from sqlalchemy.exc import ArgumentError, OperationalError
from sqlalchemy.orm import Session, sessionmaker

from ytxa_rules.diagnostics import error
from ytxa_rules.errors import UsageError

MIGRATIONS = Path(__file__).resolve().parent / "migrations"


def utcnow() -> datetime.datetime:
    """Now, in UTC, without a zone: every stored time is UTC."""
    return datetime.datetime.now(datetime.UTC).replace(tzinfo=None, microsecond=0)


MAX_ID = 2**31 - 1  # ids are INTEGER columns: a larger number names no row (and must not reach the driver)


def valid_id(value: int) -> bool:
    return 0 < value <= MAX_ID


def parse_url(text: str) -> URL:
    """A SQLAlchemy URL for SQLite or PostgreSQL (psycopg 3); anything else is U077."""
    try:
        url = make_url(text)
    except ArgumentError:
        raise UsageError([error("U077", None, url=text)]) from None
    if url.get_backend_name() == "sqlite":
        return url
    if url.get_backend_name() == "postgresql":
        return url.set(drivername="postgresql+psycopg")
    raise UsageError([error("U077", None, url=text)])


class Database:
    """One database: its engine, its sessions and its schema version."""

    def __init__(self, url: str):
        self.url = parse_url(url)
        self.shown = make_url(url).render_as_string(hide_password=True)
        self.is_sqlite = self.url.get_backend_name() == "sqlite"
        options: dict[str, Any] = {"future": True}
        if self.is_sqlite:
            options["connect_args"] = {"timeout": 30, "check_same_thread": False}
            if self.url.database not in (None, "", ":memory:"):  # a file: keep connections open, one per worker thread
                options.update(pool_size=20, max_overflow=20)
        else:
            options.update(pool_size=10, max_overflow=20, pool_pre_ping=True)
        self.engine: Engine = create_engine(self.url, **options)
        if self.is_sqlite:
            event.listen(self.engine, "connect", _sqlite_pragmas)
        self._sessions = sessionmaker(self.engine, expire_on_commit=False)
        self._write_lock = threading.Lock() if self.is_sqlite else None

    def check_reachable(self) -> None:
        try:
            with self.engine.connect():
                pass
        except OperationalError as exc:
            reason = str(exc.orig).strip().splitlines()[0] if exc.orig else str(exc)
            raise UsageError([error("U070", None, url=self.shown, reason=reason)]) from None

    # ------------------------------------------------------------ schema
    def migrate(self) -> None:
        """Run every Alembic migration not yet applied (a new database gets them all)."""
        from alembic import command
        from alembic.config import Config

        self.check_reachable()
        if self.is_sqlite:  # the journal mode is kept in the file: set once, not per connection
            with self.engine.connect() as connection:
                connection.exec_driver_sql("PRAGMA journal_mode=WAL")
        config = Config()
        config.set_main_option("script_location", str(MIGRATIONS))
        with self.engine.begin() as connection:
            config.attributes["connection"] = connection
            command.upgrade(config, "head")

    def has_schema(self) -> bool:
        return inspect(self.engine).has_table("users")

    # ------------------------------------------------------------ sessions
    def session(self) -> Session:
        """A session for reading (or a caller that manages its own transaction)."""
        return self._sessions()

    @contextlib.contextmanager
    def write(self) -> Iterator[Session]:
        """A session whose work is committed as one transaction when the block ends."""
        lock = self._write_lock or contextlib.nullcontext()
        with lock, self._sessions() as session, session.begin():
            yield session

    def dispose(self) -> None:
        self.engine.dispose()


def _sqlite_pragmas(connection: Any, _record: Any) -> None:
    cursor = connection.cursor()
    cursor.execute("PRAGMA synchronous=FULL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.close()
