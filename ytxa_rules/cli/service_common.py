"""What `ytxa serve`, `ytxa users` and `ytxa history` share: the database option, the extra."""

from __future__ import annotations

import argparse
import importlib
from typing import Any

from ytxa_rules.diagnostics import error
from ytxa_rules.errors import UsageError


def database_option(sub: argparse.ArgumentParser) -> None:
    sub.add_argument("--database", metavar="URL", help="sqlite:///FILE (default sqlite:///ytxa.db) or postgresql://…; also YTXA_DATABASE_URL")


def require_extra() -> None:
    """The service's libraries come with `pip install "ytxa-rules[serve]"`: say so, no traceback."""
    for module in ("sqlalchemy", "alembic", "litestar", "uvicorn", "jinja2"):
        try:
            importlib.import_module(module)
        except ImportError:
            raise UsageError([error("U079", None, module=module)]) from None


def settings(args: argparse.Namespace, **extra: Any) -> Any:
    require_extra()
    from ytxa_rules.service.settings import Settings

    return Settings.from_env(database_url=getattr(args, "database", None), **extra)


def operator() -> Any:
    """The person at the server's console: an administrator of every province."""
    from ytxa_rules.service.auth import ALL_PROVINCES, Principal

    return Principal(0, "console", "admin", frozenset({ALL_PROVINCES}))
