"""A diagnostic shows a clipped, terminal-safe window of its source line (issue 12: 62 errors
on one-line JSON made 235 KB of output), for facts and spec findings alike."""

from __future__ import annotations

import io
import json
from pathlib import Path

from ytxa_rules.ast import Span
from ytxa_rules.cli import main
from ytxa_rules.diagnostics import error
from ytxa_rules.messages import SOURCE_WINDOW, render_diagnostic, render_diagnostics

ROOT = Path(__file__).resolve().parents[2]


def test_errors_on_one_line_json_print_a_window_each(tmp_path: Path) -> None:
    facts = {f"so_khong_co_{i}": i for i in range(62)}
    facts.update({"ten_xa": "x" * 3000, "dan_so": -1})
    path = tmp_path / "f.json"
    path.write_text(json.dumps(facts), encoding="utf-8")
    out, err = io.StringIO(), io.StringIO()
    assert main(["eval", str(path), "--lang", "en"], out=out, err=err) == 2
    text = err.getvalue()
    assert text.count("error[") == 63
    assert len(text) < 63 * 600  # was the whole 4 KB line under each
    assert all(len(line) <= SOURCE_WINDOW + 12 for line in text.splitlines() if " | " in line)


def test_the_caret_points_into_the_window() -> None:
    source = "a" * 500 + "BAD" + "b" * 500
    shown = render_diagnostic(error("F004", Span("f", 1, 501, 1, 504), name="BAD", suggestion=None), "en", {"f": source})
    code_line, caret_line = shown.splitlines()[1:3]
    start = caret_line.index("^")
    assert code_line[start : start + 3] == "BAD" and caret_line.count("^") == 3
    assert code_line.lstrip(" 0123456789|").startswith("…") and code_line.endswith("…")


def test_control_characters_in_the_source_line_are_shown_not_acted_on() -> None:
    source = "ten_xa: \x1b[2JXã\u202eYên\r\x07: 1"
    shown = render_diagnostic(error("F004", Span("f", 1, 9, 1, 11), name="x", suggestion=None), "en", {"f": source})
    assert "\x1b" not in shown and "\u202e" not in shown and "\x07" not in shown
    assert "\\x1b[2J" in shown and "\\u202e" in shown
    code_line, caret_line = shown.splitlines()[1:3]
    assert code_line[caret_line.index("^") :].startswith("\\x1b")


def test_spec_diagnostics_use_the_same_window() -> None:
    long_line = "fact x: bool " + '"' + "y" * 2000 + '" )'
    rendered = render_diagnostics([error("E100", Span("s.ytxa", 1, len(long_line) - 1, 1, len(long_line)), found=")", expected=())], "en", {"s.ytxa": long_line})
    assert len(rendered) < 400 and rendered.rstrip().endswith("^")
