"""Who may do what: roles and their permissions, province scopes, secrets kept hashed.

Roles (one per user): `viewer` (viewer/auditor: read), `data_officer` (submit assessments
for its communes or provinces), `appraiser` (Sở Y tế: appraise, return, record recognition),
`policy_editor` (check and draft amendments, run impact), `admin` (everything, users).
Every user is scoped to provinces (`*`: all); a data officer may be narrowed to communes.

API tokens look like `ytxa_<id>_<secret>`: the id finds the row, the secret is checked
against its scrypt hash. Passwords are hashed the same way. A web session is a random
cookie whose SHA-256 is the row's key, with its own CSRF token (synchronizer pattern).
"""

from __future__ import annotations

import hashlib
import hmac
import re
import secrets
import unicodedata

import attrs

ROLES = ("viewer", "data_officer", "appraiser", "policy_editor", "admin")

# A permission is what a route asks for; `public` routes need no sign-in at all.
PERMISSIONS: dict[str, frozenset[str]] = {
    "viewer": frozenset({"evaluate", "read"}),
    "data_officer": frozenset({"evaluate", "read", "submit"}),
    "appraiser": frozenset({"evaluate", "read", "appraise"}),
    "policy_editor": frozenset({"evaluate", "read", "edit_policy"}),
    "admin": frozenset({"evaluate", "read", "submit", "appraise", "edit_policy", "admin"}),
}
ALL_PERMISSIONS = frozenset({"public"}) | frozenset().union(*PERMISSIONS.values())
ALL_PROVINCES = "*"

# What each permission allows, in words for U051 (vi, en).
ACTIONS: dict[str, tuple[str, str]] = {
    "evaluate": ("chấm điểm", "score stations"),
    "read": ("xem dữ liệu đánh giá", "read assessments"),
    "submit": ("gửi bản đánh giá", "submit assessments"),
    "appraise": ("thẩm định hoặc công nhận", "appraise or recognise"),
    "edit_policy": ("soạn văn bản sửa đổi và xem tác động", "draft amendments and run impact"),
    "admin": ("quản trị người dùng và chỉ tiêu kế hoạch", "manage users and plan targets"),
}


@attrs.frozen
class Principal:
    """The signed-in user of one request."""

    user_id: int
    name: str
    role: str
    provinces: frozenset[str]
    communes: frozenset[str] = frozenset()
    via: str = "token"  # token | session
    csrf: str | None = None  # the session's CSRF token (sessions only)

    def may(self, permission: str) -> bool:
        return permission == "public" or permission in PERMISSIONS.get(self.role, frozenset())

    def sees(self, province: str) -> bool:
        return ALL_PROVINCES in self.provinces or province in self.provinces

    def may_submit_for(self, province: str, commune: str) -> bool:
        return self.may("submit") and self.sees(province) and (not self.communes or commune in self.communes)


def province_key(name: str) -> str:
    """`Nam Định`, `Tỉnh Nam Định`, `nam-dinh` → `nam-dinh`: one key however it is written."""
    text = unicodedata.normalize("NFD", name.strip()).replace("đ", "d").replace("Đ", "D")
    text = "".join(c for c in text if not unicodedata.combining(c)).lower()
    text = re.sub(r"[^a-z0-9]+", "-", text).strip("-")
    for prefix in ("tinh-", "thanh-pho-", "tp-"):
        if text.startswith(prefix) and len(text) > len(prefix):
            text = text[len(prefix):]
            break
    return text


# ------------------------------------------------------------ secrets

_N, _R, _P = 2**14, 8, 1


def hash_secret(secret: str) -> str:
    """`scrypt$N$r$p$salt$hash`: slow to guess, with its parameters so they can change later."""
    salt = secrets.token_bytes(16)
    digest = hashlib.scrypt(secret.encode("utf-8"), salt=salt, n=_N, r=_R, p=_P, dklen=32)
    return f"scrypt${_N}${_R}${_P}${salt.hex()}${digest.hex()}"


def verify_secret(secret: str, stored: str) -> bool:
    try:
        scheme, n, r, p, salt, digest = stored.split("$")
        if scheme != "scrypt":
            return False
        found = hashlib.scrypt(secret.encode("utf-8"), salt=bytes.fromhex(salt), n=int(n), r=int(r), p=int(p), dklen=32)
    except (ValueError, MemoryError):
        return False
    return hmac.compare_digest(found.hex(), digest)


def new_token() -> tuple[str, str, str]:
    """(token id, secret, the whole token the client keeps)."""
    token_id = secrets.token_hex(6)
    secret = secrets.token_urlsafe(32)
    return token_id, secret, f"ytxa_{token_id}_{secret}"


_TOKEN = re.compile(r"^ytxa_([0-9a-f]{12})_([A-Za-z0-9_-]{20,64})$")


def split_token(token: str) -> tuple[str, str] | None:
    match = _TOKEN.match(token.strip())
    return (match.group(1), match.group(2)) if match else None


def session_key_hash(cookie: str) -> str:
    """Session cookies are long random values: SHA-256 is enough to keep them unusable at rest."""
    return hashlib.sha256(cookie.encode("utf-8")).hexdigest()
