"""Everything the service can be told at start: database, specs, limits, fact names.

Values come from `ytxa serve` options or `YTXA_*` environment variables; the defaults give a
working service on SQLite in the current folder with no set-up at all.
"""

from __future__ import annotations

import os
from collections.abc import Mapping

import attrs

from ytxa_rules import limits as engine_limits

DEFAULT_DATABASE = "sqlite:///ytxa.db"


@attrs.frozen
class Limits:
    """Bounds on one request, so no client can make the server work without end."""

    max_body_bytes: int = engine_limits.SERVICE_MAX_BODY_BYTES
    max_batch_rows: int = engine_limits.SERVICE_MAX_BATCH_ROWS
    request_seconds: float = engine_limits.SERVICE_REQUEST_SECONDS


@attrs.frozen
class Settings:
    database_url: str = DEFAULT_DATABASE
    spec_paths: tuple[str, ...] = ()  # empty: the built-in national criteria
    document: str | None = None
    limits: Limits = Limits()
    # Which facts of a station name its commune, province, area and name: the store files
    # assessments by them. The assessment year comes from the spec (`assessment year`).
    commune_fact: str = "ma_xa"
    province_fact: str = "tinh"
    area_fact: str = "huyen"
    name_fact: str = "ten_xa"
    secure_cookies: bool = False  # set behind HTTPS so session cookies never travel in clear
    session_hours: int = 12

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None, **overrides: object) -> Settings:
        """Settings from `YTXA_*` variables, then explicit overrides (command-line options)."""
        env = os.environ if environ is None else environ
        limits = Limits(
            max_body_bytes=int(env.get("YTXA_MAX_BODY_BYTES", engine_limits.SERVICE_MAX_BODY_BYTES)),
            max_batch_rows=int(env.get("YTXA_MAX_BATCH_ROWS", engine_limits.SERVICE_MAX_BATCH_ROWS)),
            request_seconds=float(env.get("YTXA_REQUEST_SECONDS", engine_limits.SERVICE_REQUEST_SECONDS)),
        )
        values: dict[str, object] = {
            "database_url": env.get("YTXA_DATABASE_URL", DEFAULT_DATABASE),
            "spec_paths": tuple(p for p in env.get("YTXA_SPEC", "").split(os.pathsep) if p),
            "document": env.get("YTXA_DOCUMENT") or None,
            "limits": limits,
            "secure_cookies": env.get("YTXA_SECURE_COOKIES", "") in ("1", "true", "yes"),
        }
        values.update({k: v for k, v in overrides.items() if v is not None})
        return cls(**values)  # type: ignore[arg-type]
