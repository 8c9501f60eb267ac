"""docs/limits.md lists every constant of ytxa_rules/limits.py, with its value and code.

The constants are read from the module (values as Python computes them) and their
comments (the error code, `E123`, and what they bound) from its source. When the page and
the module differ, the failure message gives the rows to paste into the page's table.
"""

from __future__ import annotations

import ast
import importlib.util
import re
from pathlib import Path
from types import ModuleType

import attrs

from ytxa_rules import limits

ROOT = Path(__file__).resolve().parents[2]
PAGE = ROOT / "docs" / "limits.md"
CODE = re.compile(r"\b[EFWU]\d{3}\b")


@attrs.frozen
class Limit:
    name: str
    value: object
    codes: tuple[str, ...]
    comment: str

    def row(self) -> str:
        return f"| `{self.name}` | {_shown(self.value)} | {', '.join(self.codes) or '—'} | {self.comment or '…'} |"


def _shown(value: object) -> str:
    return f"{value:,}" if isinstance(value, int) and not isinstance(value, bool) else str(value)


def module_limits(module: ModuleType = limits) -> list[Limit]:
    """Module-level UPPER_CASE constants, with the comment on their line or just above."""
    source = Path(str(module.__file__)).read_text(encoding="utf-8")
    lines = source.splitlines()
    found = []
    for node in ast.parse(source).body:
        targets = node.targets if isinstance(node, ast.Assign) else [node.target] if isinstance(node, ast.AnnAssign) else []
        for target in targets:
            if isinstance(target, ast.Name) and target.id.isupper():
                comment = [lines[node.lineno - 1].partition("#")[2].strip()]
                above = node.lineno - 2
                while above >= 0 and lines[above].lstrip().startswith("#") and not lines[above].lstrip().startswith("# ----"):
                    comment.insert(0, lines[above].lstrip("# ").strip())
                    above -= 1
                text = " ".join(c for c in comment if c)
                found.append(Limit(target.id, getattr(module, target.id), tuple(dict.fromkeys(CODE.findall(text))), text))
    return found


def _table_rows() -> dict[str, str]:
    page = PAGE.read_text(encoding="utf-8")
    table = page.partition("## All limits")[2].partition("\n## ")[0]
    rows = {}
    for line in table.splitlines():
        match = re.match(r"\|\s*`([A-Z][A-Z0-9_]*)`\s*\|", line)
        if match:
            rows[match.group(1)] = line
    return rows


def test_every_limit_is_on_the_page_with_its_value_and_code() -> None:
    rows = _table_rows()
    wrong = []
    for limit in module_limits():
        row = rows.get(limit.name)
        cells = [c.strip() for c in row.strip("|").split("|")] if row else []
        if not row or len(cells) < 3 or cells[1] not in (_shown(limit.value), str(limit.value)) or not set(limit.codes) <= set(CODE.findall(cells[2])):
            wrong.append(limit.row())
    assert not wrong, "docs/limits.md, table 'All limits': add or correct these rows\n" + "\n".join(wrong)


def test_the_page_lists_no_limit_the_module_does_not_have() -> None:
    stale = sorted(set(_table_rows()) - {limit.name for limit in module_limits()})
    assert not stale, f"docs/limits.md lists limits that ytxa_rules/limits.py does not define: {stale}"


def test_every_limit_names_the_code_of_its_error() -> None:
    # A bound on a search (not on input) gives no error: its comment says "no error".
    missing = [limit.name for limit in module_limits() if not limit.codes and "no error" not in limit.comment]
    assert not missing, f"say which error code each limit gives, in a comment in ytxa_rules/limits.py: {missing}"


def test_the_reader_of_limits_finds_constants_comments_and_codes(tmp_path: Path) -> None:
    # The parser above, on a module of the expected shape (the real module may still be empty).
    source = "# ---- spec files\n# the largest spec file, in bytes (E004)\nSPEC_FILE_BYTES = 2**20\nMAX_BANDS = 1000  # E123: bands per indicator\n"
    fake = tmp_path / "fake_limits.py"
    fake.write_text(source, encoding="utf-8")
    spec = importlib.util.spec_from_file_location("fake_limits", fake)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    found = {limit.name: limit for limit in module_limits(module)}
    assert found["SPEC_FILE_BYTES"].value == 1_048_576 and found["SPEC_FILE_BYTES"].codes == ("E004",)
    assert found["MAX_BANDS"].codes == ("E123",) and "bands per indicator" in found["MAX_BANDS"].comment
    assert found["MAX_BANDS"].row() == "| `MAX_BANDS` | 1,000 | E123 | E123: bands per indicator |"
