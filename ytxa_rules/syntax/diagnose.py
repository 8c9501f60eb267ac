"""Turn Lark's parse errors into located diagnostics a policy editor can act on.

Lark says which terminals the LALR tables would take (`NAME`, `COLON`, merged across
contexts); editors need "a name" or "`:`", the set that is really possible at that
point, and a guess at what they meant: a misspelt keyword, `=>` for `>=`, a date
written 09/03/2023, a decimal comma, `95 %` with a space.
"""

from __future__ import annotations

import difflib
import itertools
import re
from collections.abc import Iterable

from lark import Token
from lark.exceptions import UnexpectedCharacters, UnexpectedEOF, UnexpectedInput, UnexpectedToken

from ytxa_rules import ast
from ytxa_rules.diagnostics import Diagnostic, error
from ytxa_rules.syntax.excerpt import excerpt
from ytxa_rules.syntax.grammar import PHRASES, expected_words, keyword_candidates, lark

OPERATOR_TYPOS = {"=>": ">=", "=<": "<=", "==": "=", "<>": "!=", "=!": "!="}
_WORD = re.compile(r"\S+")
_DECIMAL_COMMA = re.compile(r"\d+,\d+%?")


def _rewrite(written: str) -> str | None:
    """How a malformed date or number is probably meant: 9/3/2023 -> 2023-03-09, 82,5% -> 82.5%."""
    day_first = re.fullmatch(r"(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})", written)
    if day_first:
        day, month, year = day_first.groups()
        return f"{year}-{int(month):02d}-{int(day):02d}"
    year_first = re.fullmatch(r"(\d{4})[/.-](\d{1,2})[/.-](\d{1,2})", written)
    if year_first:
        year, month, day = year_first.groups()
        return f"{year}-{int(month):02d}-{int(day):02d}"
    if _DECIMAL_COMMA.fullmatch(written):
        return written.replace(",", ".")
    return None


def _malformed(filename: str, line: int, column: int, written: str) -> Diagnostic:
    suggestion = _rewrite(written)
    return error("E103", _span(filename, line, column, len(written)), found=excerpt(written), suggestion=suggestion)


def _span(filename: str, line: int, column: int, width: int = 1) -> ast.Span:
    return ast.Span(filename, line, column, line, column + max(width, 1))


def _position(text: str, offset: int) -> tuple[int, int]:
    """(line, column) of a character offset; columns count characters, from 1."""
    line = text.count("\n", 0, offset) + 1
    return line, offset - (text.rfind("\n", 0, offset) + 1) + 1


def _accepted(exc: UnexpectedInput) -> set[str]:
    """Terminals the parser really takes here (LALR's own list merges other contexts)."""
    parser = getattr(exc, "interactive_parser", None)
    if parser is not None:
        try:
            return set(parser.accepts())
        except UnexpectedInput:  # pragma: no cover - defensive: fall back to Lark's list
            pass
    return set(getattr(exc, "expected", None) or getattr(exc, "allowed", None) or ())


def _accepted_before(text: str, offset: int) -> set[str] | None:
    """Terminals the parser would take at `offset` (re-parsing the text up to there)."""
    parser = lark().parse_interactive(text)
    try:
        for token in parser.iter_parse():
            if token.start_pos is not None and token.start_pos >= offset:
                return set(parser.accepts())
    except UnexpectedInput:
        return None
    return None


def _suggest(found: str, candidates: Iterable[str]) -> str | None:
    match = difflib.get_close_matches(found, list(candidates), n=1, cutoff=0.6)
    return match[0] if match else None


def _previous_word(text: str, offset: int) -> tuple[int, str] | None:
    """The word just before `offset` on the same line, when it is the first on its line."""
    line_start = text.rfind("\n", 0, offset) + 1
    words = list(_WORD.finditer(text, line_start, offset))
    if len(words) != 1:
        return None
    return words[0].start(), words[0].group()


def _end_of_file(exc: UnexpectedInput, text: str, filename: str) -> Diagnostic:
    line, column = _position(text, len(text))
    return error("E100", _span(filename, line, column), found="", expected=expected_words(_accepted(exc)))


def _unexpected_characters(exc: UnexpectedCharacters, text: str, filename: str) -> Diagnostic:
    offset: int = exc.pos_in_stream or 0
    char = text[offset] if offset < len(text) else ""
    line_start = text.rfind("\n", 0, offset) + 1
    line_end = text.find("\n", offset)
    rest_of_line = text[offset : line_end if line_end >= 0 else len(text)]
    if char == '"':
        return error("E102", _span(filename, exc.line, exc.column, len(rest_of_line)))
    if char == "%":
        number = re.search(r"(\d+(?:[.,]\d+)?)\s+$", text[line_start:offset])
        if number:
            line, column = _position(text, line_start + number.start())
            written = text[line_start + number.start() : offset + 1]
            return error("E109", _span(filename, line, column, len(written)), found=excerpt(written), number=excerpt(number.group(1)))
    if char.isdigit():
        word = _WORD.match(text, offset)
        return _malformed(filename, exc.line, exc.column, word.group() if word else char)
    shown = char if char.isprintable() else f"U+{ord(char):04X}"  # an invisible character, named
    return error("E101", _span(filename, exc.line, exc.column), found=shown, expected=expected_words(_accepted(exc)))


def _unexpected_token(exc: UnexpectedToken, text: str, filename: str) -> Diagnostic:
    token: Token = exc.token
    start = token.start_pos or 0
    found = str(token)
    accepted = _accepted(exc)
    before = text[start - 1] if start > 0 else ""
    # `=>`: the lexer read `=` then `>`.
    if token.type in ("COMPARE", "BOUND_OP") and before and before in "=<>!":
        written = before + found
        line, column = _position(text, start - 1)
        return error(
            "E100", _span(filename, line, column, 2), found=excerpt(written), expected=(("token", "comparison"),),
            suggestion=OPERATOR_TYPOS.get(written),
        )
    # 09/03/2023 or 2023-3-9 where a date belongs.
    if "DATE" in accepted and found[:1].isdigit():
        word = _WORD.match(text, start)
        return _malformed(filename, token.line or 0, token.column or 0, word.group() if word else found)
    # 82,5%: a decimal comma (the number was read, then `,` was unexpected).
    if token.type == "COMMA" and before.isdigit():
        number_start = start
        while number_start > 0 and text[number_start - 1].isdigit():
            number_start -= 1
        comma_number = _DECIMAL_COMMA.match(text, number_start)
        if comma_number:
            line, column = _position(text, number_start)
            return _malformed(filename, line, column, comma_number.group())
    phrase = _misspelt_phrase(text, start, accepted, filename)
    if phrase is not None:
        return phrase
    swallowed = _swallowed_keyword(exc, text, filename)
    if swallowed is not None:
        return swallowed
    span = _span(filename, token.line or 0, token.column or 0, len(found))
    suggestion = _suggest(found, keyword_candidates(accepted)) if found.isidentifier() else None
    return error("E100", span, found=excerpt(found), expected=expected_words(accepted), suggestion=suggestion)


def _misspelt_phrase(text: str, start: int, accepted: set[str], filename: str) -> Diagnostic | None:
    """`not aplicable`: compare as many words as the phrase has, not just the first."""
    for terminal, phrase in PHRASES.items():
        if terminal not in accepted:
            continue
        words = list(itertools.islice(_WORD.finditer(text, start), phrase.count(" ") + 1))
        written = " ".join(w.group() for w in words)
        if words and written != phrase and _suggest(written, [phrase]):
            line, column = _position(text, start)
            one_line = "\n" not in text[start : words[-1].end()]
            width = words[-1].end() - start if one_line else len(words[0].group())
            return error("E100", _span(filename, line, column, width), found=excerpt(written),
                         expected=expected_words(accepted), suggestion=phrase)
    return None


def _swallowed_keyword(exc: UnexpectedToken, text: str, filename: str) -> Diagnostic | None:
    """A misspelt keyword that the grammar took for a name (e.g. a table key).

    `critrion 1 "…"` after a table reads as a new entry `critrion` until `1` fails
    (an entry needs `:`). The editor's mistake is the word, so point at it when it is
    the first on its line and close to a keyword allowed there.
    """
    token: Token = exc.token
    start = token.start_pos or 0
    previous = _previous_word(text, start)
    if previous is None or not previous[1].isidentifier():
        return None
    offset, word = previous
    accepted = _accepted_before(text, offset)
    if not accepted:
        return None
    suggestion = _suggest(word, keyword_candidates(accepted))
    if suggestion is None or suggestion == word:
        return None
    line, column = _position(text, offset)
    return error(
        "E100", _span(filename, line, column, len(word)), found=excerpt(word),
        expected=expected_words(accepted - {"NAME"}), suggestion=suggestion,
    )


def syntax_diagnostic(exc: UnexpectedInput, text: str, filename: str) -> Diagnostic:
    """The one diagnostic for a parse failure, located at what the editor should fix."""
    if isinstance(exc, UnexpectedCharacters):
        return _unexpected_characters(exc, text, filename)
    if isinstance(exc, UnexpectedEOF):
        return _end_of_file(exc, text, filename)
    assert isinstance(exc, UnexpectedToken)
    if exc.token.type == "$END":
        return _end_of_file(exc, text, filename)
    return _unexpected_token(exc, text, filename)
