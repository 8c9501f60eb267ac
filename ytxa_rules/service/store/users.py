"""Users, their API tokens and web sessions: what `ytxa users` and sign-in need.

Verifying a token costs one scrypt (tens of milliseconds, on purpose). A token that
verified once is remembered in memory by the SHA-256 of the whole token, so later requests
only look up the row (and see a revocation at once); a wrong token is never remembered.
"""

from __future__ import annotations

import datetime
import hashlib
import json
import secrets
import threading
from collections.abc import Sequence

import attrs
from sqlalchemy import select

from ytxa_rules.diagnostics import error
from ytxa_rules.errors import UsageError
from ytxa_rules.service.auth import (
    ALL_PROVINCES,
    ROLES,
    Principal,
    hash_secret,
    new_token,
    province_key,
    session_key_hash,
    split_token,
    verify_secret,
)
from ytxa_rules.service.store.database import Database, utcnow
from ytxa_rules.service.store.models import ApiToken, User, WebSession


@attrs.frozen
class UserInfo:
    name: str
    role: str
    provinces: tuple[str, ...]
    communes: tuple[str, ...]
    created_at: datetime.datetime
    revoked: bool
    tokens: int


def _principal(user: User, via: str = "token", csrf: str | None = None) -> Principal:
    return Principal(user.id, user.name, user.role, frozenset(json.loads(user.provinces)), frozenset(json.loads(user.communes)), via, csrf)


class Users:
    def __init__(self, database: Database):
        self.db = database
        self._verified: dict[str, str] = {}  # sha256(token) -> token id
        self._lock = threading.Lock()

    # ------------------------------------------------------------ managing users
    def add(self, name: str, role: str, provinces: Sequence[str] = (), communes: Sequence[str] = (), password: str | None = None) -> str:
        """Create a user and its first token; returns the token (shown once, never stored)."""
        if role not in ROLES:
            raise UsageError([error("U073", None, role=role, known=", ".join(ROLES))])
        keys = sorted({ALL_PROVINCES if p.strip() == ALL_PROVINCES else province_key(p) for p in provinces})
        if role == "admin" and not keys:
            keys = [ALL_PROVINCES]
        if not keys:
            raise UsageError([error("U078", None, role=role)])
        with self.db.write() as session:
            if session.scalar(select(User).where(User.name == name)) is not None:
                raise UsageError([error("U071", None, name=name)])
            user = User(
                name=name,
                role=role,
                provinces=json.dumps(keys),
                communes=json.dumps(sorted(set(communes))),
                password_hash=hash_secret(password) if password else None,
                created_at=utcnow(),
            )
            session.add(user)
            session.flush()
            return self._issue(session, user.id)

    def _issue(self, session: object, user_id: int) -> str:
        token_id, secret, token = new_token()
        session.add(ApiToken(id=token_id, user_id=user_id, secret_hash=hash_secret(secret), created_at=utcnow()))  # type: ignore[attr-defined]
        return token

    def new_token(self, name: str) -> str:
        with self.db.write() as session:
            user = self._active(session, name)
            return self._issue(session, user.id)

    def revoke(self, name: str) -> int:
        """Revoke a user and every token; returns how many tokens were still active."""
        now = utcnow()
        with self.db.write() as session:
            user = self._active(session, name)
            user.revoked_at = now
            tokens = session.scalars(select(ApiToken).where(ApiToken.user_id == user.id, ApiToken.revoked_at.is_(None))).all()
            for token in tokens:
                token.revoked_at = now
            for web in session.scalars(select(WebSession).where(WebSession.user_id == user.id)).all():
                session.delete(web)
            return len(tokens)

    def _active(self, session: object, name: str) -> User:
        user = session.scalar(select(User).where(User.name == name, User.revoked_at.is_(None)))  # type: ignore[attr-defined]
        if user is None:
            raise UsageError([error("U072", None, name=name)])
        return user  # type: ignore[no-any-return]

    def list(self) -> list[UserInfo]:
        with self.db.session() as session:
            users = session.scalars(select(User).order_by(User.name)).all()
            tokens = session.scalars(select(ApiToken).where(ApiToken.revoked_at.is_(None))).all()
            counts: dict[int, int] = {}
            for token in tokens:
                counts[token.user_id] = counts.get(token.user_id, 0) + 1
            return [
                UserInfo(u.name, u.role, tuple(json.loads(u.provinces)), tuple(json.loads(u.communes)), u.created_at, u.revoked_at is not None, counts.get(u.id, 0))
                for u in users
            ]

    def count(self) -> int:
        with self.db.session() as session:
            return len(session.scalars(select(User.id)).all())

    def ensure_admin(self) -> str | None:
        """On a database with no user at all: create `admin` and return its token."""
        if self.count():
            return None
        return self.add("admin", "admin", [ALL_PROVINCES])

    # ------------------------------------------------------------ signing in
    def by_token(self, token: str) -> Principal | None:
        """One indexed query per request; the scrypt check only the first time a token is seen."""
        parts = split_token(token)
        if parts is None:
            return None
        token_id, secret = parts
        fingerprint = hashlib.sha256(token.encode("utf-8")).hexdigest()
        query = (
            select(ApiToken.secret_hash, User)
            .join(User, User.id == ApiToken.user_id)
            .where(ApiToken.id == token_id, ApiToken.revoked_at.is_(None), User.revoked_at.is_(None))
        )
        with self.db.session() as session:
            row = session.execute(query).first()
            if row is None:
                return None
            secret_hash, user = row
            if self._verified.get(fingerprint) != token_id:
                with self._lock:  # many first requests with one token: one scrypt, not one each
                    if self._verified.get(fingerprint) != token_id:
                        if not verify_secret(secret, secret_hash):
                            return None
                        if len(self._verified) > 10_000:
                            self._verified.clear()
                        self._verified[fingerprint] = token_id
            return _principal(user)

    def by_password(self, name: str, secret: str) -> Principal | None:
        """Sign-in on the web page: the user's password, or one of its API tokens."""
        with self.db.session() as session:
            user = session.scalar(select(User).where(User.name == name, User.revoked_at.is_(None)))
            if user is None:
                return None
            if user.password_hash and verify_secret(secret, user.password_hash):
                return _principal(user, "session")
        found = self.by_token(secret)
        return found if found is not None and found.name == name else None

    def open_session(self, principal: Principal, hours: int) -> tuple[str, str]:
        """(cookie value, CSRF token) of a new web session."""
        cookie, csrf = secrets.token_urlsafe(32), secrets.token_urlsafe(32)
        now = utcnow()
        with self.db.write() as session:
            session.add(WebSession(key_hash=session_key_hash(cookie), user_id=principal.user_id, csrf=csrf, created_at=now, expires_at=now + datetime.timedelta(hours=hours)))
        return cookie, csrf

    def by_session(self, cookie: str) -> Principal | None:
        with self.db.session() as session:
            row = session.get(WebSession, session_key_hash(cookie))
            if row is None or row.expires_at < utcnow():
                return None
            user = session.get(User, row.user_id)
            if user is None or user.revoked_at is not None:
                return None
            return _principal(user, "session", row.csrf)

    def close_session(self, cookie: str) -> None:
        with self.db.write() as session:
            row = session.get(WebSession, session_key_hash(cookie))
            if row is not None:
                session.delete(row)
