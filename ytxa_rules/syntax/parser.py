"""Parse spec text into the AST, or fail with located, plain-words diagnostics.

Lark reports what it expected as terminal names (`NAME`, `COLON`); policy editors need
"a name" or "`:`" and a did-you-mean when a keyword is misspelt, so the conversion from
Lark's exceptions to our diagnostics lives here, next to the parser that raises them.
"""

from __future__ import annotations

import difflib
import functools
from pathlib import Path

from lark import Lark, Token
from lark.exceptions import UnexpectedCharacters, UnexpectedEOF, UnexpectedInput, UnexpectedToken, VisitError

from ytxa_rules import ast
from ytxa_rules.diagnostics import Diagnostic, error
from ytxa_rules.errors import SpecError
from ytxa_rules.resources import grammar_path
from ytxa_rules.syntax.transform import ToAst

# Named terminals described in words (message catalog keys "token.*").
NAMED_TERMINALS = {
    "NAME": "name",
    "STRING": "string",
    "NUMBER": "number",
    "INT": "integer",
    "INDICATOR_NO": "indicator_number",
    "PERCENT": "percent",
    "DATE": "date",
    "COMPARE": "comparison",
    "BOUND_OP": "bound_op",
    "ADD_OP": "operator",
    "MUL_OP": "operator",
    "STATUS": "status",
    "PROPERTY": "property",
    "DOC_PROPERTY": "property",
    "$END": "end",
}


@functools.lru_cache(maxsize=1)
def _lark() -> Lark:
    return Lark(
        grammar_path().read_text(encoding="utf-8"),
        parser="lalr",
        propagate_positions=True,
        maybe_placeholders=True,
    )


def keywords() -> frozenset[str]:
    """Every reserved word of the language (for did-you-mean and the formatter)."""
    words = set()
    for terminal in _lark().terminals:
        pattern = terminal.pattern
        if pattern.type == "str" and pattern.value.isidentifier():
            words.add(pattern.value)
    for name in ("STATUS", "PROPERTY"):
        words.update(_alternatives(name))
    return frozenset(words)


@functools.lru_cache(maxsize=None)
def _alternatives(terminal: str) -> tuple[str, ...]:
    pattern = _lark().get_terminal(terminal).pattern.value
    return tuple(p.strip("()?:") for p in pattern.split("|"))


def _describe(terminal: str) -> tuple[str, str]:
    """(kind, text): kind "token" for a described class, "literal" for a keyword or sign."""
    if terminal in NAMED_TERMINALS:
        return ("token", NAMED_TERMINALS[terminal])
    try:
        pattern = _lark().get_terminal(terminal).pattern
    except KeyError:
        return ("literal", terminal.lower())
    if pattern.type == "str":
        return ("literal", pattern.value)
    return ("literal", terminal.lower())


def _expected_words(expected: set[str] | frozenset[str]) -> tuple[tuple[str, str], ...]:
    words = {_describe(t) for t in expected if not t.startswith("__")}
    # Keywords first, then classes of tokens, each alphabetically: stable for golden tests.
    return tuple(sorted(words, key=lambda w: (w[0] != "literal", w[1])))


def _suggest(found: str, expected: set[str] | frozenset[str]) -> str | None:
    literals = [text for kind, text in _expected_words(expected) if kind == "literal"]
    for terminal in expected:
        if terminal in ("STATUS", "PROPERTY", "DOC_PROPERTY"):
            literals.extend(_alternatives(terminal))
    match = difflib.get_close_matches(found, literals, n=1, cutoff=0.6)
    return match[0] if match else None


def _span_at(filename: str, line: int, column: int, width: int = 1) -> ast.Span:
    return ast.Span(filename, line, column, line, column + max(width, 1))


def _syntax_diagnostic(exc: UnexpectedInput, text: str, filename: str) -> Diagnostic:
    if isinstance(exc, UnexpectedCharacters):
        char = text[exc.pos_in_stream] if exc.pos_in_stream < len(text) else ""
        span = _span_at(filename, exc.line, exc.column)
        if char == '"':
            return error("E102", span)
        if char.isdigit():
            word = text[exc.pos_in_stream :].split(None, 1)[0]
            return error("E103", span, found=word)
        return error("E101", span, found=char, expected=_expected_words(exc.allowed or set()))
    if isinstance(exc, UnexpectedEOF):
        line = text.count("\n") + 1
        column = len(text) - text.rfind("\n")
        return error("E100", _span_at(filename, line, column), found="", expected=_expected_words(exc.expected))
    assert isinstance(exc, UnexpectedToken)
    token: Token = exc.token
    if token.type == "$END":
        line = text.count("\n") + 1
        column = len(text) - text.rfind("\n")
        return error("E100", _span_at(filename, line, column), found="", expected=_expected_words(exc.expected))
    found = str(token)
    span = _span_at(filename, token.line or 0, token.column or 0, len(found))
    suggestion = _suggest(found, exc.expected) if found.isidentifier() else None
    return error(
        "E100",
        span,
        found=found,
        expected=_expected_words(exc.expected),
        suggestion=suggestion,
    )


def parse_text(text: str, filename: str = "<spec>") -> ast.Document | ast.Amendment:
    """Parse one spec file's text. Raises `SpecError` with every located problem."""
    sources = {filename: text}
    try:
        tree = _lark().parse(text)
    except UnexpectedInput as exc:
        raise SpecError([_syntax_diagnostic(exc, text, filename)], sources) from None
    transformer = ToAst(filename)
    try:
        result = transformer.transform(tree)
    except VisitError as exc:  # a bug of ours, never the editor's: keep it loud
        raise exc.orig_exc from exc
    if transformer.diagnostics:
        raise SpecError(transformer.diagnostics, sources)
    assert isinstance(result, (ast.Document, ast.Amendment))
    return result


def parse_file(path: str | Path) -> ast.Document | ast.Amendment:
    """Read a UTF-8 spec file and parse it; unreadable files are `SpecError`s too."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise SpecError([error("E001", None, path=str(path))]) from None
    except UnicodeDecodeError as exc:
        raise SpecError([error("E002", None, path=str(path), position=exc.start)]) from None
    except OSError as exc:
        raise SpecError([error("E003", None, path=str(path), reason=exc.strerror or str(exc))]) from None
    return parse_text(text, str(path))
