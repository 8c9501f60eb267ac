"""The assessment store: SQLAlchemy 2 models, Alembic migrations shipped in the package,
and the queries the API, the dashboard and `ytxa history` share.

SQLite (one file) is the default; PostgreSQL is chosen by URL. Assessments are append-only:
a correction is a new version; the workflow is a log of events.
"""

from ytxa_rules.service.store.database import Database

__all__ = ["Database"]
