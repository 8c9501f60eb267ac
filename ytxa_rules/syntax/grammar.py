"""The compiled grammar, and what its terminals mean in words.

Kept apart from the parser so that the parser (turning text into the AST) and the
diagnostics (turning Lark's errors into plain words) can both ask about terminals.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable, Iterator

from lark import Lark, Token

from ytxa_rules.language.kinds import ENUM_KIND, KINDS
from ytxa_rules.resources import grammar_path
from ytxa_rules.syntax.parser_cache import cached_lark
from ytxa_rules.syntax.tokens import checked_date, checked_name, checked_number

# Named terminals described in words (message catalog keys "token.*").
NAMED_TERMINALS = {
    "NAME": "name",
    "STRING": "string",
    "NUMBER": "number",
    "PERCENT": "percent",
    "DATE": "date",
    "COMPARE": "comparison",
    "ADD_OP": "operator",
    "MUL_OP": "operator",
    "STATUS": "status",
    "PROPERTY": "property",
    "DOC_PROPERTY": "property",
    "$END": "end",
}
# Terminals that stand for a phrase of keywords.
PHRASES = {"_NOT_APPLICABLE": "not applicable"}
# Terminals whose alternatives are keywords (did-you-mean candidates).
KEYWORD_SETS = ("STATUS", "PROPERTY", "DOC_PROPERTY")


_TOKEN_CHECKS = {"NUMBER": checked_number, "PERCENT": checked_number, "DATE": checked_date}


class _KeepNames:
    """Let every lexer state see whole words.

    Lark's contextual lexer leaves `NAME` out of states where no name is expected; a
    keyword such as `in` then matches the first letters of a misspelt `indicatr`, and
    the editor reads "unexpected `dicatr`". With `NAME` always lexed, the whole word
    arrives, is turned into a keyword only when it is one exactly, and can be reported
    (with a did-you-mean) as written.

    Numbers and dates are checked here as they pass (`tokens`); names by the lexer's
    callback, which also composes them (given callbacks for several terminals, lark's
    contextual lexer loses the one for NAME in some states).
    """

    always_accept = ("NAME",)

    def process(self, stream: Iterator[Token]) -> Iterator[Token]:
        for token in stream:
            check = _TOKEN_CHECKS.get(token.type)
            yield check(token) if check is not None else token


def grammar_text() -> str:
    """grammar/criteria.lark with the `kind` rule: one keyword per fact kind of the registry."""
    keywords = " | ".join(f'"{name}"' for name in KINDS if name != ENUM_KIND)
    return grammar_path().read_text(encoding="utf-8") + f"\n!kind: {keywords}\n"


@functools.lru_cache(maxsize=1)
def lark() -> Lark:
    """The parser, its tables read from the user's cache when built before (`parser_cache`)."""
    return cached_lark(
        grammar_text(),
        # composed to NFC and checked (see `tokens`)
        {"postlex": _KeepNames(), "lexer_callbacks": {"NAME": checked_name}},
        parser="lalr",
        propagate_positions=True,
        maybe_placeholders=True,
    )


def keywords() -> frozenset[str]:
    """Every reserved word of the language (for did-you-mean and the formatter)."""
    words = set()
    for terminal in lark().terminals:
        pattern = terminal.pattern
        if pattern.type == "str" and pattern.value.isidentifier():
            words.add(pattern.value)
    for name in KEYWORD_SETS:
        words.update(alternatives(name))
    return frozenset(words)


@functools.cache
def alternatives(terminal: str) -> tuple[str, ...]:
    pattern = lark().get_terminal(terminal).pattern.value
    return tuple(p.strip("()?:") for p in pattern.split("|"))


def describe(terminal: str) -> tuple[str, str]:
    """(kind, text): kind "token" for a described class, "literal" for a keyword or sign."""
    if terminal in NAMED_TERMINALS:
        return ("token", NAMED_TERMINALS[terminal])
    if terminal in PHRASES:
        return ("literal", PHRASES[terminal])
    try:
        pattern = lark().get_terminal(terminal).pattern
    except KeyError:
        return ("literal", terminal.lower())
    if pattern.type == "str":
        return ("literal", pattern.value)
    return ("literal", terminal.lower())


def expected_words(expected: Iterable[str]) -> tuple[tuple[str, str], ...]:
    words = {describe(t) for t in expected if not t.startswith("__") or t.startswith("__ANON")}
    # Keywords, then signs, then classes of tokens, each alphabetically: what an editor
    # most likely meant comes first, and the order is stable for golden tests.
    return tuple(sorted(words, key=lambda w: (w[0] != "literal", not w[1].isidentifier(), w[1])))


def keyword_candidates(expected: Iterable[str]) -> list[str]:
    """The keywords among `expected` terminals, spelt out (STATUS -> confirmed, provisional)."""
    words: list[str] = []
    for terminal in expected:
        if terminal in KEYWORD_SETS:
            words.extend(alternatives(terminal))
        else:
            kind, text = describe(terminal)
            if kind == "literal" and text.isidentifier():
                words.append(text)
    return words
