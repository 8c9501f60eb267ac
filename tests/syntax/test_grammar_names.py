"""The grammar loader names only terminals that exist (issue 10: no dead names)."""

from __future__ import annotations

from ytxa_rules.messages.catalog import WORDS
from ytxa_rules.syntax.grammar import _TOKEN_CHECKS, KEYWORD_SETS, NAMED_TERMINALS, PHRASES, lark

LARK_SPECIALS = {"$END"}  # Lark's own name for the end of the input


def _terminals() -> set[str]:
    return {t.name for t in lark().terminals} | LARK_SPECIALS


def test_every_terminal_the_loader_names_is_in_the_grammar() -> None:
    named = {*NAMED_TERMINALS, *PHRASES, *KEYWORD_SETS, *_TOKEN_CHECKS}
    assert sorted(named - _terminals()) == []


def test_every_described_terminal_has_words_in_both_languages() -> None:
    missing = sorted(key for key in NAMED_TERMINALS.values() if f"token.{key}" not in WORDS)
    assert missing == []
