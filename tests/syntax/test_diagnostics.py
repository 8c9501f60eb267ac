"""Parse and check diagnostics read as plain words, point at the right character, never crash.

What a policy editor sees: a did-you-mean for misspelt keywords and names, "expected `:`"
rather than Lark's `COLON`, a caret under the right character of a Vietnamese line, and
a `SpecError` (never a traceback) whatever the file holds.
"""

from __future__ import annotations

import re
import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ytxa_rules import ast
from ytxa_rules.check import check_document
from ytxa_rules.diagnostics import Diagnostic
from ytxa_rules.errors import SpecError
from ytxa_rules.messages import message, render_diagnostic
from ytxa_rules.syntax.grammar import lark
from ytxa_rules.syntax.parser import parse_text

HEAD = 'document "T/QĐ-BYT"\n  effective 2023-03-09\n  total 2\n'
FACTS = (
    'fact loai_don_vi: one of xa, phuong, thi_tran "Loại đơn vị"\n'
    'fact vung: one of 1, 2 "Vùng"\n'
    'fact ban_chi_dao_kien_toan: bool "Ban Chỉ đạo được kiện toàn"\n'
    "table muc_tieu by vung\n  1: 90%\n  2: 80%\n"
)
CRITERION = (
    'criterion 1 "Chỉ đạo" max 2\n'
    '  indicator 1 "Ban Chỉ đạo" max 2 provisional\n'
    '    cite "1300/QĐ-BYT, chỉ tiêu 1"\n'
    "    points 2 when ban_chi_dao_kien_toan\n"
)
RECOGNITION = 'recognition\n  cite "1300/QĐ-BYT, Phần III"\n  require total >= 80% of max\n'
VALID = HEAD + FACTS + CRITERION + RECOGNITION
AMENDMENT = 'amendment "S/QĐ-BYT"\n  amends "T/QĐ-BYT"\n  effective 2024-01-01\n'


def parse_error(text: str) -> Diagnostic:
    with pytest.raises(SpecError) as caught:
        parse_text(text, "t.ytxa")
    assert len(caught.value.diagnostics) == 1
    return caught.value.diagnostics[0]


def rendered(diagnostic: Diagnostic, text: str, lang: str = "en") -> str:
    return render_diagnostic(diagnostic, lang, {"t.ytxa": text})


def test_valid_text_parses() -> None:
    assert isinstance(parse_text(VALID), ast.Document)
    assert isinstance(parse_text(AMENDMENT + "change indicator 1 band 1 operator to <=\n"), ast.Amendment)


# ---------------------------------------------------------------- did you mean


@pytest.mark.parametrize(
    ("old", "new", "suggestion"),
    [
        ("  indicator 1", "  indicatr 1", "indicator"),  # `in` must not match its first letters
        ("criterion 1", "critrion 1", "criterion"),  # after a table: first read as an entry key
        ("    points 2", "    pionts 2", "points"),
        ("points 2 when", "points 2 whne", "when"),
        ("max 2 provisional", "max 2 provisonal", "provisional"),
        ("  effective", "  efective", "effective"),
        ("recognition\n", "recogniton\n", "recognition"),
        ("  require total", "  requir total", "require"),
        ("ban_chi_dao_kien_toan: bool", "ban_chi_dao_kien_toan: bol", "bool"),
        ("table muc_tieu by", "tabel muc_tieu by", "table"),
    ],
)
def test_misspelt_keyword_suggests_the_keyword(old: str, new: str, suggestion: str) -> None:
    assert VALID.count(old) == 1
    text = VALID.replace(old, new)
    diagnostic = parse_error(text)
    misspelt = next(w for w in new.split() if w not in old.split())
    assert diagnostic.code == "E100"
    assert diagnostic.arguments["found"] == misspelt
    assert diagnostic.arguments["suggestion"] == suggestion
    line = text.splitlines()[diagnostic.span.line - 1]
    assert line[diagnostic.span.column - 1 :].startswith(misspelt)
    assert f"= hint: did you mean `{suggestion}`?" in rendered(diagnostic, text)
    assert f"= gợi ý: có phải ý bạn là `{suggestion}`?" in rendered(diagnostic, text, "vi")


@pytest.mark.parametrize(
    ("operation", "found", "suggestion"),
    [
        ("chnage indicator 1 band 1 operator to <=", "chnage", "change"),
        ("change indicator 1 band 1 operater to <=", "operater", "operator"),
        ("change indicator 1 bnad 1 operator to <=", "bnad", "band"),
    ],
)
def test_misspelt_amendment_keyword_suggests(operation: str, found: str, suggestion: str) -> None:
    diagnostic = parse_error(AMENDMENT + operation + "\n")
    assert (diagnostic.arguments["found"], diagnostic.arguments["suggestion"]) == (found, suggestion)


@pytest.mark.parametrize(
    ("old", "new", "found", "suggestion"),
    [
        ("x >= 2", "x => 2", "=>", ">="),
        ("effective 2023-03-09", "effective 09/03/2023", "09/03/2023", "2023-03-09"),
        ("effective 2023-03-09", "effective 2023-3-9", "2023-3-9", "2023-03-09"),
        ("1: 90%", "1: 90,5%", "90,5%", "90.5%"),
    ],
)
def test_common_slips_are_named_with_a_rewrite(old: str, new: str, found: str, suggestion: str) -> None:
    text = (VALID.replace("when ban_chi_dao_kien_toan", "when ban_chi_dao_kien_toan and x >= 2")).replace(old, new)
    diagnostic = parse_error(text)
    assert diagnostic.arguments["found"] == found
    assert diagnostic.arguments["suggestion"] == suggestion
    line = text.splitlines()[diagnostic.span.line - 1]
    assert line[diagnostic.span.column - 1 :].startswith(found)


def test_percent_with_a_space_is_explained() -> None:
    text = VALID.replace("1: 90%", "1: 90 %")
    diagnostic = parse_error(text)
    assert diagnostic.code == "E109"
    assert "write `90%` with no space before `%`" in message(diagnostic, "en")


@pytest.mark.parametrize(
    ("old", "new", "code", "suggestion"),
    [
        ("points 2 when ban_chi_dao_kien_toan", "points 2 when ban_chi_dao_kien_ton", "E200", "ban_chi_dao_kien_toan"),
        ("points 2 when ban_chi_dao_kien_toan", "points 2 when loai_don_vi = phuongg", "E207", "phuong"),
        ("points 2 when ban_chi_dao_kien_toan", "points 2 when rates(1, 2) >= 1", "E204", "rate"),
    ],
)
def test_misspelt_names_suggest_the_declared_one(old: str, new: str, code: str, suggestion: str) -> None:
    text = VALID.replace(old, new)
    document = parse_text(text, "t.ytxa")
    assert isinstance(document, ast.Document)
    errors = [d for d in check_document(document) if d.is_error]
    assert [d.code for d in errors] == [code]
    assert errors[0].arguments["suggestion"] == suggestion
    assert f"did you mean `{suggestion}`?" in rendered(errors[0], text)


def test_misspelt_case_value_is_one_error_with_a_suggestion() -> None:
    rule = "    points by loai_don_vi\n      case xa, thitran:\n        2 when ban_chi_dao_kien_toan\n      case phuong:\n        1 when ban_chi_dao_kien_toan\n"
    document = parse_text(VALID.replace("    points 2 when ban_chi_dao_kien_toan\n", rule))
    assert isinstance(document, ast.Document)
    errors = [d for d in check_document(document) if d.is_error]
    assert [(d.code, d.arguments.get("suggestion")) for d in errors] == [("E213", "thi_tran")]


# ---------------------------------------------------------------- plain words

TERMINAL_NAMES = {t.name for t in lark().terminals} | {"$END"}


@pytest.mark.parametrize(
    ("text", "words_en", "words_vi"),
    [
        ('document "T"\n  fact x bool\n', ["`:`"], ["`:`"]),
        ('document "T"\n  fact x:\n', ["`bool`", "`count`", "`one`"], ["`bool`"]),
        ("document", ["a quoted string"], ["một chuỗi trong ngoặc kép"]),
        ('document "T"\n  effective', ["a date YYYY-MM-DD"], ["một ngày YYYY-MM-DD"]),
        ('document "T"\n  total x', ["a number"], ["một số"]),
        ('document "T"\n  value x = (1 + \n', ["`(`", "a name", "a number"], ["một tên"]),
        ('document "T"\n  value x = rate(a b)\n', ["`)`", "`,`"], ["`)`"]),
        (VALID.replace("max 2 provisional", "max provisional"), ["a number"], ["một số"]),
        (AMENDMENT + "change indicator 1 band 1 to <=\n", ["a property"], ["một thuộc tính"]),
        (VALID.replace("require total >= 80%", "require total 80%"), ["a comparison (>=, <=, >, <, =, !=)"], ["một phép so sánh"]),
        (VALID + "€", ["`criterion`"], ["`criterion`"]),
    ],
)
def test_expected_words_are_plain_language(text: str, words_en: list[str], words_vi: list[str]) -> None:
    diagnostic = parse_error(text)
    for lang, words in (("en", words_en), ("vi", words_vi)):
        said = message(diagnostic, lang)
        assert not set(re.findall(r"[A-Z_$][A-Z_0-9]+", said)) & TERMINAL_NAMES, said
        for word in words:
            assert word in said, said


def test_end_of_file_is_said_plainly() -> None:
    diagnostic = parse_error("document")
    assert message(diagnostic, "en") == "the file ends too early; expected a quoted string"
    assert message(diagnostic, "vi") == "tệp kết thúc quá sớm; cần một chuỗi trong ngoặc kép"


def test_invisible_characters_are_named() -> None:
    assert parse_error('document "T"\n\x00').arguments["found"] == "U+0000"


def test_byte_order_mark_is_not_an_error() -> None:
    assert isinstance(parse_text("\ufeff" + VALID), ast.Document)


# ---------------------------------------------------------------- carets

DIACRITIC_LINE = '  indicator 1 "Tỷ lệ người dân tham gia bảo hiểm y tế được quản lý" max 2 provisonal'


def _caret_offset(text: str, diagnostic: Diagnostic) -> tuple[str, int]:
    """The source line shown and where its caret starts, both after the gutter."""
    lines = rendered(diagnostic, text).splitlines()
    gutter = lines[1].index("| ") + 2
    return lines[1][gutter:], lines[2].index("^") - gutter


def test_column_counts_characters_after_vietnamese_text() -> None:
    text = VALID.replace('  indicator 1 "Ban Chỉ đạo" max 2 provisional', DIACRITIC_LINE)
    diagnostic = parse_error(text)
    column = DIACRITIC_LINE.index("provisonal") + 1
    assert len(DIACRITIC_LINE.encode("utf-8")) > len(DIACRITIC_LINE)  # bytes would differ
    line = text.splitlines().index(DIACRITIC_LINE) + 1
    assert (diagnostic.span.line, diagnostic.span.column) == (line, column)
    assert str(diagnostic.span) == f"t.ytxa:{line}:{column}"
    source, caret = _caret_offset(text, diagnostic)
    assert source == DIACRITIC_LINE
    assert caret == column - 1
    assert rendered(diagnostic, text).splitlines()[2].count("^") == len("provisonal")


def test_checker_column_counts_characters_after_vietnamese_text() -> None:
    line = '    points 2 when ban_chi_dao_kien_toan and loai_don_vi = phuongg'
    text = VALID.replace('    points 2 when ban_chi_dao_kien_toan', line).replace('"Ban Chỉ đạo"', '"Ban Chỉ đạo được kiện toàn"')
    document = parse_text(text, "t.ytxa")
    assert isinstance(document, ast.Document)
    (diagnostic,) = [d for d in check_document(document) if d.is_error]
    assert diagnostic.span.column == line.index("phuongg") + 1
    assert _caret_offset(text, diagnostic)[1] == line.index("phuongg")


def test_caret_is_aligned_on_screen_for_decomposed_vietnamese() -> None:
    """NFD text (e + U+0302 + U+0301): the location counts the file's characters, the caret what is seen."""
    decomposed = unicodedata.normalize("NFD", DIACRITIC_LINE)
    assert decomposed != DIACRITIC_LINE
    text = VALID.replace('  indicator 1 "Ban Chỉ đạo" max 2 provisional', decomposed)
    diagnostic = parse_error(text)
    assert diagnostic.span.column == decomposed.index("provisonal") + 1
    _, caret = _caret_offset(text, diagnostic)
    assert caret == DIACRITIC_LINE.index("provisonal")  # the composed, on-screen position


def test_decomposed_and_composed_spellings_are_one_name() -> None:
    composed = "dân_số"
    decomposed = unicodedata.normalize("NFD", composed)
    text = VALID.replace("ban_chi_dao_kien_toan: bool", f"{composed}: bool").replace(
        "when ban_chi_dao_kien_toan", f"when {decomposed}"
    )
    document = parse_text(text)
    assert isinstance(document, ast.Document)
    assert [d for d in check_document(document) if d.is_error] == []
    assert document.facts[2].name == composed


def test_strings_keep_what_was_written() -> None:
    decomposed = unicodedata.normalize("NFD", "Ban Chỉ đạo")
    document = parse_text(VALID.replace('"Ban Chỉ đạo"', f'"{decomposed}"'))
    assert isinstance(document, ast.Document)
    assert document.indicators()[0].title == decomposed


def test_unclosed_string_is_underlined_to_the_end_of_the_line() -> None:
    text = VALID.replace('cite "1300/QĐ-BYT, chỉ tiêu 1"', 'cite "1300/QĐ-BYT, chỉ tiêu 1')
    diagnostic = parse_error(text)
    assert diagnostic.code == "E102"
    source, caret = _caret_offset(text, diagnostic)
    assert source[caret] == '"'
    assert rendered(diagnostic, text).splitlines()[2].endswith("^" * len('"1300/QĐ-BYT, chỉ tiêu 1'))


def test_source_line_is_found_by_newlines_only() -> None:
    """A form feed or U+2028 inside a comment is not a line break for the parser or the display."""
    text = "# ghi chú\x0c có ký tự lạ \u2028 ở đây\n" + VALID.replace("  effective", "  efective")
    diagnostic = parse_error(text)
    source, _ = _caret_offset(text, diagnostic)
    assert source.strip().startswith("efective")


# ---------------------------------------------------------------- garbage in, SpecError out

GARBAGE = [
    "",
    "\n\n",
    '"',
    "%%%",
    "\x00\x01",
    "document document",
    'document "x" total 1e5',
    'document "x" criterion 1.5 "a" max 1',
    'amendment "a" change indicator 1 band 1 operator to',
    "criterion 1 \"Chỉ đạo\" max 14 indicator",
    "fact ≥ ≤ ≠ × ÷",
    "\ufeff\ufeff",
    'document "x"\n  effective 2023-13-45\n',
    "}{][)(",
]
VOCABULARY = sorted(t.pattern.value for t in lark().terminals if t.pattern.type == "str") + [
    "x", "dan_so", "1", "2.5", "90%", "2023-03-09", '"Tỷ lệ"', '"', ">=", "\n", "%", "ệ", "09/03/2023", "1,5",
]


def _parse_and_check(text: str) -> None:
    try:
        tree = parse_text(text, "g.ytxa")
    except SpecError as exc:
        assert exc.diagnostics
        exc.render("vi")
        exc.render("en")
        return
    if isinstance(tree, ast.Document):
        for diagnostic in check_document(tree):
            render_diagnostic(diagnostic, "en", {"g.ytxa": text})


@pytest.mark.parametrize("text", GARBAGE)
def test_garbage_is_a_spec_error(text: str) -> None:
    with pytest.raises(SpecError):
        parse_text(text, "g.ytxa")


@settings(max_examples=150, deadline=None, database=None)
@given(st.text(max_size=80))
def test_any_text_parses_or_is_a_spec_error(text: str) -> None:
    _parse_and_check(text)


@settings(max_examples=150, deadline=None, database=None)
@given(st.lists(st.sampled_from(VOCABULARY), max_size=30))
def test_token_soup_parses_or_is_a_spec_error(words: list[str]) -> None:
    _parse_and_check(" ".join(words))


@settings(max_examples=150, deadline=None, database=None)
@given(st.data())
def test_one_token_changed_in_a_valid_spec_never_crashes(data: st.DataObject) -> None:
    tokens = re.findall(r'"[^"\n]*"|\S+|\n', VALID)
    index = data.draw(st.integers(0, len(tokens) - 1))
    action = data.draw(st.sampled_from(["drop", "insert", "replace"]))
    word = data.draw(st.sampled_from(VOCABULARY + tokens))
    if action == "drop":
        del tokens[index]
    elif action == "insert":
        tokens.insert(index, word)
    else:
        tokens[index] = word
    _parse_and_check(" ".join(tokens))
