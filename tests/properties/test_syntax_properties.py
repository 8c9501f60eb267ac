"""Properties of the spec language front end: parser, formatter, comments, robustness.

Specs come from tests/strategies.py: AST built from every construct of the grammar,
written out by our own writer (canonical, or free layout with comments everywhere).
Each problem these properties found has a narrow test of its own below, starting from
its minimal failing example, so a regression is named precisely and fails fast.
"""

from __future__ import annotations

import tempfile
from collections import Counter
from fractions import Fraction
from pathlib import Path

import pytest
from hypothesis import example, given, note, settings
from hypothesis import strategies as st
from hypothesis.errors import InvalidArgument
from strategies import (
    BASE_SETTINGS,
    SPECS_DIR,
    Source,
    bracket_sensitive_documents,
    comments_in,
    deep_nesting,
    else_band_comment_sources,
    line_boundary_sources,
    mutated_specs,
    render,
    sources,
    token_soup,
)

from ytxa_rules import ast
from ytxa_rules.errors import SpecError
from ytxa_rules.syntax.formatter import format_text
from ytxa_rules.syntax.parser import parse_file, parse_text

BUILTIN_SPECS = sorted(SPECS_DIR.glob("*.ytxa"))


def _note(message: str) -> None:
    """`note()` inside a Hypothesis test, nothing in a plain one."""
    try:
        note(message)
    except InvalidArgument:
        pass


def _show(source: Source) -> None:
    _note(f"spec text:\n{source.text}")


def _round_trips(text: str, comments: list[str] | tuple[str, ...]) -> None:
    """All three formatter properties at once (used by the narrow tests below)."""
    formatted = format_text(text)
    _note(f"formatted:\n{formatted}")
    assert parse_text(formatted) == parse_text(text)
    assert Counter(comments_in(formatted)) == Counter(c.rstrip() for c in comments)
    assert format_text(formatted) == formatted


# ---------------------------------------------------------------- round trips


@settings(BASE_SETTINGS, max_examples=100)
@given(sources())
def test_parser_reads_back_the_generated_tree(source: Source) -> None:
    """The writer only varies what the language leaves free, so the parse is the tree
    we started from: the parser keeps every construct, operator alias and number."""
    _show(source)
    assert parse_text(source.text) == source.tree


@settings(BASE_SETTINGS, max_examples=100)
@given(sources())
def test_format_keeps_the_meaning(source: Source) -> None:
    """parse(fmt(text)) == parse(text): formatting never changes what a spec says."""
    _show(source)
    formatted = format_text(source.text)
    note(f"formatted:\n{formatted}")
    assert parse_text(formatted) == parse_text(source.text)


@settings(BASE_SETTINGS, max_examples=100)
@given(sources())
def test_format_is_idempotent(source: Source) -> None:
    """fmt(fmt(text)) == fmt(text): one canonical layout, so `ytxa fmt --check` is stable."""
    _show(source)
    once = format_text(source.text)
    note(f"formatted once:\n{once}")
    assert format_text(once) == once


@settings(BASE_SETTINGS, max_examples=100)
@given(sources())
def test_comments_survive_format(source: Source) -> None:
    """Every `#` comment (own line, after code, between the tokens of a construct split
    over lines) is still in the formatted text: same count, same words."""
    _show(source)
    written = [c.rstrip() for c in source.comments]
    assert comments_in(source.text) == written  # the generator's own bookkeeping
    formatted = format_text(source.text)
    note(f"formatted:\n{formatted}")
    found = comments_in(formatted)
    assert len(found) == len(written)
    assert Counter(found) == Counter(written)


@pytest.mark.parametrize("path", BUILTIN_SPECS, ids=lambda p: p.name)
def test_builtin_specs_round_trip(path: Path) -> None:
    """The shipped specs: the same properties on real, commented text."""
    text = path.read_text(encoding="utf-8")
    _round_trips(text, comments_in(text))


def test_indicator_clauses_in_any_order() -> None:
    """`indicator_clause*`: `not applicable when` may follow a rule whose last condition
    ends in a bare name (it once read as the start of `x not in (…)`)."""
    text = 'document "d"\ncriterion 1 "c" max 2\n  indicator 1 "i" max 2 confirmed\n    points 2 when a and b\n    not applicable when c\n'
    indicator = parse_text(text).criteria[0].indicators[0]  # type: ignore[union-attr]
    assert indicator.not_applicable == ast.Ref("c")


def test_fact_with_two_bounds() -> None:
    """`bound*`: a count between two bounds (the second `<=` once lexed as a comparison)."""
    fact = parse_text('document "d"\nfact a: count >= 1 <= b "x"\n').facts[0]  # type: ignore[union-attr]
    assert fact.bounds == (ast.Bound(">=", ast.Number(Fraction(1))), ast.Bound("<=", ast.Ref("b")))


# ---------------------------------------------------------------- problems found, one test each


@settings(BASE_SETTINGS, max_examples=60)
@given(bracket_sensitive_documents().map(lambda d: render(d)))
@example('document "d"\nfact a: count <= (b and c)\n')
@example('document "d"\nvalue v = a in ((b and c), 1)\n')
def test_format_keeps_brackets_the_grammar_needs(text: str) -> None:
    """A fact's bound and the options of `in` must be sums: a condition there needs its
    brackets, and the formatter must keep them or its output does not parse."""
    note(text)
    formatted = format_text(text)
    note(f"formatted:\n{formatted}")
    assert parse_text(formatted) == parse_text(text)


@settings(BASE_SETTINGS, max_examples=30)
@given(else_band_comment_sources())
@example(
    Source(
        ast.Document("d", "", None, None, None, None, (), (), (), (), (), None),
        'document "d"\ncriterion 1 "c" max 1\n  indicator 1 "i" max 1 confirmed\n    points by k\n'
        "      case a:\n        1 when x\n      else:\n        1 when y  # c\n",
        ("# c",),
    )
)
def test_comment_on_first_else_band_line(source: Source) -> None:
    """A comment after the first band of `else:` stays put across formatting runs."""
    _show(source)
    _round_trips(source.text, source.comments)


@settings(BASE_SETTINGS, max_examples=60)
@given(sources(any_item_order=True))
@example(Source(ast.Document("d", "", None, None, None, None, (), (), (), (), (), None),
                'document "d"\nfact a: bool\n# c\n\ncriterion 1 "c" max 1\nfact b: bool\n', ("# c",)))
def test_items_in_any_order(source: Source) -> None:
    """`item*`: facts, values, tables, criteria and the recognition in any order; the
    formatter regroups them and must still be idempotent and keep every comment."""
    _show(source)
    _round_trips(source.text, source.comments)


@settings(BASE_SETTINGS, max_examples=60)
@given(line_boundary_sources())
@example(Source(ast.Document("x", "a\u2028#b", None, None, None, None, (), (), (), (), (), None),
                'document "x"\n  title "a\u2028#b"\n', ()))
@example(Source(ast.Document("x", "a", None, None, None, None, (), (), (), (), (), None),
                'document "x"\n  title "a"  # c\u2028d\n', ("# c\u2028d",)))
def test_line_boundary_characters_in_strings_and_comments(source: Source) -> None:
    """Strings and comments may hold \\u2028, \\x0c, \\x85, … and "\\r"/"\\x0c" are whitespace;
    only "\\n" ends a line in the grammar. Formatting keeps meaning, comments, idempotence."""
    note(f"spec text: {source.text!r}")
    _round_trips(source.text, source.comments)


@pytest.mark.parametrize("keyword", ["amends", "corrects"])
def test_empty_amendment_target_survives_format(keyword: str) -> None:
    """`amends ""` is legal (the target is any string); formatting must not drop it."""
    text = f'amendment "a"\n  {keyword} ""\n'
    assert parse_text(format_text(text)) == parse_text(text)


@pytest.mark.parametrize("between", [" ", "\t", "\r\n    ", "\x0c", "  # why\n    ", " #\n\n  # more\n "], ids=repr)
def test_not_applicable_split_by_any_layout(between: str) -> None:
    """Whitespace (the grammar's WS is space, tab, \\f, \\r, \\n) and comments may stand
    between any two tokens, also between `not` and `applicable`."""
    text = f'document "d"\ncriterion 1 "c" max 1\n  indicator 1 "i" max 1 confirmed\n    not{between}applicable when a\n'
    indicator = parse_text(text).criteria[0].indicators[0]  # type: ignore[union-attr]
    assert indicator.not_applicable == ast.Ref("a")


@settings(BASE_SETTINGS, max_examples=60)
@given(sources())
@example(Source(ast.Document("d", "a\rb", None, None, None, None, (), (), (), (), (), None), 'document "d"\n  title "a\rb"\n', ()))
@example(Source(ast.Document("d", "", None, None, None, None, (), (), (), (), (), None), 'document "d"\n# note\rfact x: bool\n', ("# note\rfact x: bool",)))
def test_file_and_text_parse_alike(source: Source) -> None:
    """The same bytes mean the same spec whether given as text or read from a file (a lone
    "\\r" is legal inside strings and comments, and is whitespace elsewhere)."""
    note(f"spec text: {source.text!r}")
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder, "spec.ytxa")
        path.write_bytes(source.text.encode("utf-8"))
        assert parse_file(path) == parse_text(source.text)


# ---------------------------------------------------------------- robustness: only SpecError


def _parse_only_spec_error(text: str) -> None:
    """Parse, accepting `SpecError` as the one way to fail; a parse that succeeds must also
    format (raising nothing else) to the same tree."""
    try:
        tree = parse_text(text)
    except SpecError:
        return
    assert parse_text(format_text(text)) == tree


@settings(BASE_SETTINGS, max_examples=200)
@given(st.text())
def test_random_text_fails_only_with_spec_error(text: str) -> None:
    _parse_only_spec_error(text)


@settings(BASE_SETTINGS, max_examples=200)
@given(token_soup())
def test_token_soup_fails_only_with_spec_error(text: str) -> None:
    """Keywords, signs and literals in random order reach deep parser states."""
    _parse_only_spec_error(text)


@settings(BASE_SETTINGS, max_examples=150)
@given(mutated_specs())
def test_mutated_specs_fail_only_with_spec_error(text: str) -> None:
    """Valid specs with tokens deleted/duplicated/swapped/replaced, unicode inserted, or
    truncated anywhere."""
    note(text)
    _parse_only_spec_error(text)


@settings(BASE_SETTINGS, max_examples=40)
@given(deep_nesting())
@example('document "d"\nvalue v = ' + " + ".join(["a"] * 1000) + "\n")
def test_deeply_nested_expressions_fail_only_with_spec_error(text: str) -> None:
    """Long or deep expressions (a sum of many terms, many `not`s or minus signs) either
    parse or are a SpecError; never a RecursionError."""
    note(f"{len(text)} characters: {text[:80]}…")
    try:
        parse_text(text)
    except SpecError:
        pass
