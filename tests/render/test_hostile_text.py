"""Hostile text in a spec or in facts reaches every output as text, never as markup,
terminal control or a broken table.

The generated criteria page is rendered by python-markdown with the extensions the docs
site uses (read from mkdocs.yml), and the HTML is inspected: no tag or attribute the
page itself does not write, every table row with its cells, each title shown as written.
"""

from __future__ import annotations

import datetime
import html
import io
import json
import unicodedata
from decimal import Decimal
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
import yaml

import ytxa_rules
from ytxa_rules.cli import main
from ytxa_rules.render.escape import one_line
from ytxa_rules.render.reference import criteria_reference

ROOT = Path(__file__).resolve().parents[2]

# Markdown, HTML and table markup; a spec string cannot hold `"` or a newline.
MARKUP = "<script>alert(1)</script><img src=x onerror=alert(2)> | *em* __b__ _u_ [l](http://e.x) {: onclick=x} `c` ~~s~~ &amp; # ##"
STARTS = ("- item", "1. item", "# head", "> quote", ": def", "!!! note", "+ x", "=== x", "    code")
# Terminal controls, direction overrides, invisible marks.
CONTROLS = "\x1b[2J\x1b[31mĐỎ\x1b]0;pwned\x07\rĐẠT \u202e08\u202c \u2066x\u2069\u200b\ufeff\u2028"

SPEC = """\
document "H/{T}"
  title "{T}"
  effective 2024-01-01
  total 3

fact ok: bool "{T}"
fact kind: one of a, b "{T}"
fact share: percent "{T}"
value twice = share * 2 "{T}"
table limits by kind "{T}"
  a: 10% confirmed
  b: 20% provisional

criterion 1 "{T}" max 3

  indicator 1 "{T}" max 1 provisional
    cite "{T}"
    note "{T}"
    points 1 when ok

  indicator 1.2 "{S}" max 2 confirmed
    cite "{S}"
    points sum
      part "{T}":
        1 when share >= limits
      part "{S}":
        1 when twice > 1

recognition "{T}"
  cite "{T}"
  require total >= 50% of max "{T}"
"""

AMENDMENT = """\
amendment "A/{T}"
  title "{T}"
  amends "H/{T}"
  effective 2024-06-01
  reason "{T}"

change indicator 1 title to "{S}"
change indicator 1 band 1 condition to ok and share >= 1%
"""


def _spec_text(title: str, second: str) -> str:
    return SPEC.replace("{T}", title).replace("{S}", second)


def _site_markdown() -> Any:
    """python-markdown configured like the docs site (mkdocs.yml `markdown_extensions`)."""
    markdown = pytest.importorskip("markdown")
    config = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))
    names, configs = [], {}
    for item in config["markdown_extensions"]:
        if isinstance(item, dict):
            (name, options), = item.items()
            names.append(name)
            configs[name] = options or {}
        else:
            names.append(item)
    return markdown.Markdown(extensions=names, extension_configs=configs)


class _Page(HTMLParser):
    """Tags, attributes, table rows (cell texts) and all text of an HTML fragment."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, list[tuple[str, str | None]]]] = []
        self.tables: list[list[list[str]]] = []
        self.text: list[str] = []
        self._cell: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, attrs))
        if tag == "table":
            self.tables.append([])
        elif tag == "tr":
            self.tables[-1].append([])
        elif tag in ("td", "th"):
            self._cell = []

    def handle_endtag(self, tag: str) -> None:
        if tag in ("td", "th") and self._cell is not None:
            self.tables[-1][-1].append("".join(self._cell).strip())
            self._cell = None

    def handle_data(self, data: str) -> None:
        self.text.append(data)
        if self._cell is not None:
            self._cell.append(data)


# Everything the reference page itself writes (headings, lists, tables, admonitions,
# highlighted code, permalinks).
PAGE_TAGS = {"h1", "h2", "h3", "p", "em", "strong", "ul", "li", "table", "thead", "tbody", "tr", "th", "td", "code", "details",
             "summary", "div", "pre", "span", "a"}
PAGE_ATTRIBUTES = {"id", "class", "href", "title", "open"}


def _render_page(document: Any, as_of: datetime.date) -> tuple[str, _Page]:
    source = criteria_reference(document, as_of, "vi")
    page = _Page()
    page.feed(_site_markdown().convert(source))
    return source, page


@pytest.mark.parametrize("hostile", [MARKUP, *STARTS], ids=["markup", *[s.split()[0] for s in STARTS]])
def test_reference_page_shows_hostile_spec_text_as_text(tmp_path: Path, hostile: str) -> None:
    (tmp_path / "h.ytxa").write_text(_spec_text(hostile, hostile + " (2)"), encoding="utf-8")
    (tmp_path / "a.ytxa").write_text(AMENDMENT.replace("{T}", hostile).replace("{S}", hostile + " (3)"), encoding="utf-8")
    spec = ytxa_rules.load(tmp_path, document=f"H/{hostile}")
    assert not [d for d in spec.check() if d.is_error]
    _, page = _render_page(spec.composed(datetime.date(2024, 12, 31)), datetime.date(2024, 12, 31))
    for tag, attrs in page.tags:
        assert tag in PAGE_TAGS, f"<{tag}> from spec text"
        assert {name for name, _ in attrs} <= PAGE_ATTRIBUTES, f"<{tag} {attrs}> from spec text"
        assert all("javascript:" not in (value or "") and "e.x" not in (value or "") for _, value in attrs)
    fields, indicators, facts, table = page.tables  # facts: the data dictionary of the page
    assert all(len(row) == 5 for row in facts), facts  # a hostile description splits no cell
    assert all(len(row) == 2 for row in fields) and len(fields) == 7
    assert [len(row) for row in indicators] == [4, 4, 4]  # head and two indicators, no cell split off
    shown = hostile.strip()  # a browser shows runs of spaces as one
    assert indicators[1][1] == shown + " (3)" and indicators[2][1] == shown + " (2)"
    assert [len(row) for row in table] == [3, 3, 3]
    text = "".join(page.text)
    assert text.count(shown) >= 10  # title, notes, cites, descriptions, parts, reason: as written


def test_reference_page_makes_controls_visible(tmp_path: Path) -> None:
    path = tmp_path / "h.ytxa"
    path.write_text(_spec_text(CONTROLS.replace("\u2028", ""), "x"), encoding="utf-8")
    try:
        spec = ytxa_rules.load(path)
    except ytxa_rules.SpecError as exc:  # refusing control characters in a spec is also safe
        assert all(d.span is not None for d in exc.diagnostics)
        return
    source, page = _render_page(spec.composed(datetime.date(2024, 12, 31)), datetime.date(2024, 12, 31))
    assert not [c for c in source if c != "\n" and unicodedata.category(c) in ("Cc", "Cf")]
    assert "\\x1b[2J" in "".join(page.text) and "\\u202e08" in "".join(page.text)


def _run(*args: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main(list(args), out=out, err=err)
    return code, out.getvalue(), err.getvalue()


def _controls_in(text: str) -> list[str]:
    return [c for c in text if c not in "\n" and unicodedata.category(c) in ("Cc", "Cf", "Cs", "Zl", "Zp")]


FACTS = {
    "ten_xa": "Xã A\nKết quả: ĐẠT — 100/100 điểm" + CONTROLS,
    "ma_xa": "\u2066x\u2069",
    "huyen": "\u202eNEDDIH",
}


def _station_file(tmp_path: Path, names: dict[str, str]) -> Path:
    facts, _ = ytxa_rules.read_facts(ROOT / "examples" / "xa-dat-chuan.yaml")
    facts = {k: float(v) if isinstance(v, Decimal) else v for k, v in facts.items()}  # shortest repr: exact again
    path = tmp_path / "f.json"
    path.write_text(json.dumps(facts | names, ensure_ascii=True), encoding="utf-8")
    return path


@pytest.mark.parametrize("command", ["eval", "explain"])
@pytest.mark.parametrize("lang", ["vi", "en"])
def test_station_names_cannot_forge_lines_or_control_the_terminal(tmp_path: Path, command: str, lang: str) -> None:
    code, out, err = _run(command, str(_station_file(tmp_path, FACTS)), "--lang", lang)
    assert code == 0, err
    assert not _controls_in(out)
    first = out.split("\n")[0]
    assert first.endswith(one_line(FACTS["ten_xa"]) + ", \\u2066x\\u2069, \\u202eNEDDIH, Nam Định")
    verdicts = [line for line in out.split("\n") if line.startswith(("Kết quả:", "Result:"))]
    assert len(verdicts) == 1  # the forged "Kết quả: ĐẠT" stayed inside the name's line


def test_a_lone_surrogate_in_a_name_is_shown_or_refused_never_a_broken_stream(tmp_path: Path) -> None:
    # JSON may write "\ud800", which is not a character: UTF-8 output of it would fail.
    code, out, err = _run("explain", str(_station_file(tmp_path, {"ten_xa": "A\ud800B"})))
    (out + err).encode("utf-8")
    if code == 0:
        assert out.split("\n")[0].startswith(("Trạm y tế: A\\ud800B, ", "Health station: A\\ud800B, "))
    else:
        assert code == 2 and "f.json" in err and "Traceback" not in err


def test_explain_and_diff_show_hostile_spec_text_as_text(tmp_path: Path) -> None:
    hostile = CONTROLS.replace("\u2028", "")
    folder = tmp_path / "specs"
    folder.mkdir()
    (folder / "h.ytxa").write_text(_spec_text(hostile, "x" + hostile), encoding="utf-8")
    (folder / "a.ytxa").write_text(AMENDMENT.replace("{T}", hostile).replace("{S}", "y" + hostile), encoding="utf-8")
    try:
        ytxa_rules.load(folder, document=f"H/{hostile}")
    except ytxa_rules.SpecError as exc:  # refusing control characters in a spec is also safe
        assert all(d.span is not None for d in exc.diagnostics)
        return
    facts = tmp_path / "f.yaml"
    facts.write_text("ok: yes\nkind: a\nshare: 50\n", encoding="utf-8")
    document = f"H/{hostile}"
    for args in (
        ("explain", str(facts), "--spec", str(folder), "--document", document, "--as-of", "2024-12-31"),
        ("eval", str(facts), "--spec", str(folder), "--document", document, "--as-of", "2024-12-31", "--lang", "en"),
        ("diff", "2024-05-31", "2024-12-31", "--spec", str(folder), "--document", document),
    ):
        code, out, err = _run(*args)
        assert code == 0, err
        assert not _controls_in(out), args
        assert "\\x1b[2J" in out and "\\u202e08" in out, args


def test_fmt_names_files_safely(tmp_path: Path) -> None:
    name = "x\x1b[2J\u202e.ytxa"
    path = tmp_path / name
    path.write_text('document "X"\n  title   "x"\n', encoding="utf-8")
    code, out, err = _run("fmt", "--check", str(path))
    assert code == 1
    assert not _controls_in(err) and "\\x1b[2J\\u202e.ytxa" in err


def test_html_unescape_of_markdown_cell_is_the_title() -> None:
    # A guard on the helper above: the comparison of cell text with titles is meaningful.
    page = _Page()
    page.feed(_site_markdown().convert("| a | b |\n|---|---|\n| &#124; | &lt;b&gt; |\n"))
    assert page.tables == [[["a", "b"], ["|", "<b>"]]]
    assert html.unescape("&#124;") == "|"
