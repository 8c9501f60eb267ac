"""The one escaping module: what each output format lets through, as properties."""

from __future__ import annotations

import html
import re
import unicodedata

from hypothesis import given
from hypothesis import strategies as st

from tests.strategies import BASE_SETTINGS
from ytxa_rules.render.escape import fence_for, for_html, for_markdown, for_terminal, one_line

UNSAFE = {"Cc", "Cf", "Cs", "Zl", "Zp"}
HOSTILE = "\x1b[2J\x1b]0;title\x07\r\x08\x85\u202e\u2066\u200b\ufeff\u2028\U000e0041\ud800"


def _unsafe_chars(text: str, kept: str = "") -> list[str]:
    return [c for c in text if c not in kept and unicodedata.category(c) in UNSAFE]


def test_terminal_shows_controls_and_direction_marks_instead_of_acting_on_them() -> None:
    shown = for_terminal("Trạm " + HOSTILE + " 80%\tend\nnext")
    assert not _unsafe_chars(shown, "\t\n")
    assert shown.startswith("Trạm \\x1b[2J\\x1b]0;title\\x07\\x0d\\x08\\x85\\u202e\\u2066\\u200b\\ufeff\\u2028\\U000e0041\\ud800 80%")
    assert shown.endswith("\tend\nnext")
    shown.encode("utf-8")  # a lone surrogate would have made the output stream fail


def test_one_line_keeps_a_value_on_its_line() -> None:
    assert one_line("Xã A\nKết quả: ĐẠT\tx") == "Xã A\\nKết quả: ĐẠT\\tx"


def test_ordinary_vietnamese_text_is_unchanged() -> None:
    for text in ("Tỷ lệ trẻ em dưới 5 tuổi (chiều cao theo tuổi) ≥ 95 %", "Xã\u00a0A — 2.923; 95,03 %", "Ê\u0302\u0301"):
        assert for_terminal(text) == text and one_line(text) == text


@BASE_SETTINGS
@given(st.text())
def test_terminal_output_never_holds_an_unsafe_character(text: str) -> None:
    assert not _unsafe_chars(for_terminal(text), "\t\n")
    assert not _unsafe_chars(one_line(text))
    assert "\n" not in one_line(text)
    assert for_terminal(for_terminal(text)) == for_terminal(text)  # escaping twice changes nothing


@BASE_SETTINGS
@given(st.text())
def test_markdown_text_has_no_markup_character_left(text: str) -> None:
    escaped = for_markdown(text)
    bare = re.sub(r"&#?\w+;", "", escaped)  # what is left besides character references
    assert not set(bare) & set("\n|<>&`[]{}#~\\")
    assert not _unsafe_chars(escaped)
    # What a browser shows is the text itself (with invisible characters made visible).
    assert html.unescape(escaped) == one_line(text)


@BASE_SETTINGS
@given(st.text())
def test_html_text_decodes_to_the_shown_text(text: str) -> None:
    escaped = for_html(text)
    assert not set(escaped) & set("<>\"'")
    assert html.unescape(escaped) == for_terminal(text)


def test_a_fence_is_longer_than_any_backtick_run_inside() -> None:
    assert fence_for("points 1 when x") == "```"
    assert fence_for("# ```` not a fence") == "`````"
