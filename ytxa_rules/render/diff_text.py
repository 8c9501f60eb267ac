"""`ytxa diff` output: one line per change, Vietnamese or English; or JSON."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from ytxa_rules.diff import Change
from ytxa_rules.messages.explain import EXPLAIN, text
from ytxa_rules.render.escape import for_terminal, one_line

OPS = {">=": "≥", "<=": "≤", "!=": "≠"}


def _where(where: str, lang: str) -> str:
    words = []
    for word in where.split(" "):
        key = f"word.{word.rstrip(',')}"
        words.append(text(key, lang) + ("," if word.endswith(",") else "") if key in EXPLAIN else word)
    return " ".join(words)


def _shown(value: str | None) -> str:
    return one_line(OPS.get(value, value)) if value is not None else ""


def change_line(change: Change, lang: str) -> str:
    what = text(f"what.{change.what}", lang) if f"what.{change.what}" in EXPLAIN else change.what
    if change.before is None:
        body = f"{text('diff.added', lang)} {what}: {_shown(change.after)}"
    elif change.after is None:
        body = f"{text('diff.removed', lang)} {what}: {_shown(change.before)}"
    else:
        body = f"{what} {_shown(change.before)} → {_shown(change.after)}"
    by = f" ({', '.join(change.by)})" if change.by else ""
    return f"{_where(change.where, lang)}: {body}{by}"


def diff_text(changes: Sequence[Change], old: str, new: str, lang: str) -> str:
    if not changes:
        return text("diff.none", lang) + "\n"
    lines = [text("diff.header", lang, old=one_line(old), new=one_line(new), count=len(changes))]
    lines += ["  " + change_line(c, lang) for c in changes]
    return for_terminal("\n".join(lines)) + "\n"  # spec text and paths are shown, never acted on


def diff_json(changes: Sequence[Change], old: str, new: str) -> dict[str, Any]:
    return {
        "schema": "ytxa-diff/1",
        "old": old,
        "new": new,
        "changes": [
            {"where": c.where, "what": c.what, "before": c.before, "after": c.after, "by": list(c.by)} for c in changes
        ],
    }
