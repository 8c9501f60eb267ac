"""Amendment drafts of policy editors: saved texts, never applied to scoring by themselves."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select

from ytxa_rules.service.auth import Principal
from ytxa_rules.service.errors import fail, thing
from ytxa_rules.service.store.database import Database, utcnow, valid_id
from ytxa_rules.service.store.models import AmendmentDraft, User


class Drafts:
    def __init__(self, database: Database):
        self.db = database

    def save(self, principal: Principal, document_id: str, amendment_id: str, text: str) -> dict[str, Any]:
        with self.db.write() as session:
            draft = AmendmentDraft(document_id=document_id, amendment_id=amendment_id, text=text, author=principal.user_id, created_at=utcnow())
            session.add(draft)
            session.flush()
            return _shape(draft, principal.name, with_text=True)

    def get(self, draft_id: int) -> dict[str, Any]:
        with self.db.session() as session:
            draft = session.get(AmendmentDraft, draft_id) if valid_id(draft_id) else None
            if draft is None:
                raise fail(404, "U053", what=thing("amendment draft"), key=str(draft_id))
            author = session.get(User, draft.author)
            return _shape(draft, author.name if author else None, with_text=True)

    def list(self) -> list[dict[str, Any]]:
        with self.db.session() as session:
            rows = session.execute(select(AmendmentDraft, User.name).join(User, User.id == AmendmentDraft.author).order_by(AmendmentDraft.id.desc())).all()
            return [_shape(draft, name) for draft, name in rows]


def _shape(draft: AmendmentDraft, author: str | None, with_text: bool = False) -> dict[str, Any]:
    out: dict[str, Any] = {
        "id": draft.id,
        "document": draft.document_id,
        "amendment": draft.amendment_id,
        "author": author,
        "created_at": draft.created_at.isoformat() + "Z",
    }
    if with_text:
        out["text"] = draft.text
    return out
