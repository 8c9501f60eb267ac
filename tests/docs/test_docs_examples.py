"""Every example in docs/*.md is run, so the documentation cannot drift from the tool.

Two kinds of fenced blocks are tested:

```ytxa blocks
    A spec example. It must parse and pass `ytxa check` without errors (warnings are
    allowed). An HTML comment on the line just before the fence changes that:

    <!-- fragment -->          the block is a piece of a spec; it is wrapped into a
                               complete document first (see "Fragments" below).
    <!-- expect E401 -->       the block must produce these diagnostic codes (errors or
                               warnings), and no other error: used by docs/diagnostics.md
                               to show what each message looks like.
    <!-- fragment, expect E300 -->   both.

```console blocks
    Every line starting with `$ ytxa` is run through `ytxa_rules.cli.main`, from a copy of
    the repository's criteria_specs/, examples/ and docs/ (so relative paths work as in the
    repository root, and `ytxa fmt` can rewrite files harmlessly). It must exit 0, or the
    code written at the end of the line as `# exit N`. Output is not compared (other
    engineers change the specs); the exit code is.

Fragments
    A fragment may use, without declaring them, every fact, derived value and table of the
    built-in national criteria (criteria_specs/1300-QD-BYT.ytxa); a name the fragment
    declares itself replaces the built-in one (and built-in values or tables that depend on
    it are left out). What the fragment is decides how it is completed, tried in this order:

    - declarations, header fields, criteria, a recognition rule: the document header is
      completed (`effective`, `total` as the sum of the criteria), ten stand-in criteria
      with the national maxima are added when the fragment has none, and a recognition
      rule when it has none;
    - indicators: they are put into one criterion whose maximum is the sum of theirs;
    - a scoring rule (`points …`, `not applicable when …`): it is put into one indicator
      (with a citation) whose maximum is the most the rule can award;
    - amendment operations (`change …`, `add …`, `replace …`, `remove …`): they become an
      amendment of the built-in 1300/QĐ-BYT effective 2025-01-01, checked with it;
    - an expression: it becomes `value vi_du = …`.

    A complete amendment is checked together with the document it amends: a complete
    document example of the same page with that id, else the built-in one.
"""

from __future__ import annotations

import contextlib
import functools
import io
import json
import re
import shlex
import shutil
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from fractions import Fraction
from pathlib import Path

import pytest

from ytxa_rules import ast
from ytxa_rules.cli import _parser, main
from ytxa_rules.errors import SpecError
from ytxa_rules.library import Library
from ytxa_rules.messages.catalog import MESSAGES
from ytxa_rules.resources import builtin_specs_dir
from ytxa_rules.syntax.parser import parse_text
from ytxa_rules.tree import max_points

REPO = Path(__file__).resolve().parents[2]
DOCS = REPO / "docs"
PAGES = sorted(DOCS.glob("*.md"))
BASE_ID = "1300/QĐ-BYT"

# ---------------------------------------------------------------- reading the pages

FENCE = re.compile(r"^(?P<indent> {0,12})(?P<fence>`{3,}|~{3,})\s*(?P<info>[^\s`]*)[^`]*$")
MARKER = re.compile(r"^\s*<!--(?P<words>.*?)-->\s*$")
CODE = re.compile(r"^[EWFU]\d{3}$")


@dataclass(frozen=True)
class Block:
    page: Path
    line: int  # markdown line of the block's first body line
    info: str
    body: str
    marker: str  # words of the `<!-- … -->` comment just above the fence, or ""

    @property
    def where(self) -> str:
        return f"docs/{self.page.name}:{self.line}"

    def words(self) -> list[str]:
        return [w for w in re.split(r"[\s,;]+", self.marker) if w]

    @property
    def fragment(self) -> bool:
        return "fragment" in self.words()

    @property
    def expected(self) -> frozenset[str]:
        return frozenset(w for w in self.words() if CODE.match(w))


def blocks(page: Path) -> Iterator[Block]:
    lines = page.read_text(encoding="utf-8").splitlines()
    index = 0
    while index < len(lines):
        match = FENCE.match(lines[index])
        if not match:
            index += 1
            continue
        fence, indent, info = match["fence"], len(match["indent"]), match["info"].lower()
        marker = MARKER.match(lines[index - 1]) if index else None
        body: list[str] = []
        end = index + 1
        while end < len(lines):
            stripped = lines[end].strip()
            if stripped.startswith(fence[0] * len(fence)) and set(stripped) == {fence[0]}:
                break
            line = lines[end]
            body.append(line[indent:] if line[:indent].strip() == "" else line)
            end += 1
        yield Block(page, index + 2, info, "\n".join(body) + "\n", marker["words"].strip() if marker else "")
        index = end + 1


ALL_BLOCKS = [b for page in PAGES for b in blocks(page)]
SPEC_BLOCKS = [b for b in ALL_BLOCKS if b.info == "ytxa"]
CONSOLE_BLOCKS = [b for b in ALL_BLOCKS if b.info == "console"]


@dataclass(frozen=True)
class Command:
    block: Block
    line: int
    text: str

    @property
    def where(self) -> str:
        return f"docs/{self.block.page.name}:{self.line}"


def commands() -> Iterator[Command]:
    for block in CONSOLE_BLOCKS:
        for offset, line in enumerate(block.body.splitlines()):
            if line.startswith("$ ytxa"):
                yield Command(block, block.line + offset, line[2:])


ALL_COMMANDS = list(commands())

# ---------------------------------------------------------------- running `ytxa check`


@dataclass(frozen=True)
class Finding:
    code: str
    severity: str
    file: str | None
    line: int | None
    column: int | None
    message: str


def run_check(folder: Path) -> tuple[int, list[Finding], str]:
    """`ytxa check --format json` on a folder: exit code, findings, raw output."""
    out, err = io.StringIO(), io.StringIO()
    code = main(["check", "--format", "json", "--lang", "en", str(folder)], out, err)
    text = out.getvalue() + err.getvalue()
    try:
        payload = json.loads(out.getvalue())
    except ValueError:  # a file that does not parse: `check` prints the rendered diagnostics
        found = [
            Finding(m["code"], m["severity"], m["file"], int(m["line"]) if m["line"] else None, None, m["message"])
            for m in re.finditer(
                r"^(?:(?P<file>[^\n]*?):(?P<line>\d+):\d+: )?(?P<severity>error|warning)\[(?P<code>\w\d{3})\]: (?P<message>.*)$",
                text,
                re.M,
            )
        ]
        return code, found, text
    found = [Finding(d["code"], d["severity"], d["file"], d["line"], d["column"], d["message"]) for d in payload]
    return code, found, text


# ---------------------------------------------------------------- fragments


@functools.lru_cache(maxsize=1)
def builtin_library() -> Library:
    return Library.from_paths([builtin_specs_dir()])


def _slice(lines: list[str], span: ast.Span) -> str:
    if span.line == span.end_line:
        return lines[span.line - 1][span.column - 1 : span.end_column - 1]
    first = lines[span.line - 1][span.column - 1 :]
    middle = lines[span.line : span.end_line - 1]
    last = lines[span.end_line - 1][: span.end_column - 1]
    return "\n".join([first, *middle, last])


@functools.lru_cache(maxsize=1)
def vocabulary() -> tuple[tuple[str, str, frozenset[str]], ...]:
    """(name, source text, names it reads) of each fact, value and table of the national criteria."""
    source = builtin_library().documents[BASE_ID]
    tree = source.tree
    assert isinstance(tree, ast.Document)
    lines = source.text.splitlines()
    out: list[tuple[str, str, frozenset[str]]] = []
    for fact in tree.facts:
        out.append((fact.name, _slice(lines, fact.span), frozenset()))
    for value in tree.values:
        names = frozenset(n.name for n in _refs(value.expr))
        out.append((value.name, _slice(lines, value.span), names))
    for table in tree.tables:
        out.append((table.name, _slice(lines, table.span), frozenset({table.key})))
    return tuple(out)


def _refs(expr: ast.Expr) -> Iterator[ast.Ref]:
    from ytxa_rules.tree import walk

    for node in walk(expr):
        if isinstance(node, ast.Ref):
            yield node


def preamble(declared: set[str]) -> str:
    """The national vocabulary less what the fragment declares and what depends on it."""
    dropped = set(declared)
    changed = True
    while changed:
        changed = False
        for name, _, reads in vocabulary():
            if name not in dropped and reads & dropped and not _is_fact(name):
                dropped.add(name)
                changed = True
    return "\n".join(text for name, text, _ in vocabulary() if name not in dropped) + "\n"


def _is_fact(name: str) -> bool:
    tree = builtin_library().documents[BASE_ID].tree
    assert isinstance(tree, ast.Document)
    return any(f.name == name for f in tree.facts)


NATIONAL_MAXIMA = (14, 10, 12, 9, 19, 12, 6, 11, 3, 4)
STAND_IN_FACT = 'fact vi_du_dat: bool "Đạt (chỉ tiêu thay thế của ví dụ)"\n'
RECOGNITION = """
recognition "Điều kiện công nhận (ví dụ)"
  cite "Ví dụ"
  require total >= 80% of max
"""


def _number(value: Fraction) -> str:
    return str(value.numerator) if value.denominator == 1 else str(float(value))


def stand_in_criteria(total: Fraction | None) -> tuple[str, Fraction]:
    maxima = [Fraction(m) for m in NATIONAL_MAXIMA] if total in (None, 100) else [total]
    text = [STAND_IN_FACT]
    for number, maximum in enumerate(maxima, 1):
        points = _number(maximum)
        text.append(
            f'criterion {number} "Tiêu chí {number} (thay thế)" max {points}\n'
            f'  indicator {number} "Chỉ tiêu {number} (thay thế)" max {points} confirmed\n'
            f'    cite "Ví dụ"\n    points {points} when vi_du_dat\n'
        )
    return "\n".join(text), sum(maxima, Fraction(0))


@dataclass(frozen=True)
class Wrapped:
    kind: str
    files: dict[str, str]  # file name -> text, the first one holds the fragment
    offset: int  # lines of the first file above the fragment


def _try(text: str) -> ast.Document | ast.Amendment | SpecError:
    try:
        return parse_text(text, "wrapped.ytxa")
    except SpecError as exc:
        return exc


def _declared(doc: ast.Document) -> set[str]:
    return {d.name for d in (*doc.facts, *doc.values, *doc.tables)}


def wrap(fragment: str, page_documents: dict[str, str]) -> Wrapped:
    """A complete document (or amendment plus base) around `fragment`; see the module doc."""
    opening = 'document "Ví dụ/đoạn trích"\n'
    attempts: list[tuple[str, SpecError]] = []

    # Declarations, header fields, criteria, recognition.
    tree = _try(opening + fragment)
    if isinstance(tree, ast.Document):
        fields = ""
        if tree.title == "":
            fields += '  title "Đoạn trích được bọc để kiểm tra"\n'
        if tree.effective is None:
            fields += f"  effective {(tree.issued or '2024-01-01')}\n"
        tail = ""
        if not tree.uses:
            tail += "\n" + preamble(_declared(tree))
        criteria_max = sum((c.max.value for c in tree.criteria), Fraction(0))
        if not tree.criteria:
            stand_in, criteria_max = stand_in_criteria(tree.total.value if tree.total else None)
            tail += "\n" + stand_in
        if tree.total is None:
            fields += f"  total {_number(criteria_max)}\n"
        if tree.recognition is None:
            tail += RECOGNITION
        head = opening + fields
        return Wrapped("declarations", {"example.ytxa": head + fragment + tail}, head.count("\n"))
    attempts.append(("declarations", tree))

    # Indicators.
    head = opening + '  title "Đoạn trích được bọc để kiểm tra"\n  effective 2024-01-01\n'
    tree = _try(head + 'criterion 1 "Tiêu chí (ví dụ)" max 0\n' + fragment)
    if isinstance(tree, ast.Document) and tree.criteria and tree.criteria[0].indicators:
        total = _number(sum((i.max.value for i in tree.indicators()), Fraction(0)))
        top = head + f"  total {total}\n\n" + preamble(set()) + f'\ncriterion 1 "Tiêu chí (ví dụ)" max {total}\n'
        return Wrapped("indicators", {"example.ytxa": top + fragment + RECOGNITION}, top.count("\n"))
    if isinstance(tree, SpecError):
        attempts.append(("indicators", tree))

    # A scoring rule.
    indicator = 'criterion 1 "Tiêu chí (ví dụ)" max 0\n  indicator 1 "Chỉ tiêu (ví dụ)" max 0 confirmed\n'
    tree = _try(head + indicator + fragment)
    if isinstance(tree, ast.Document) and tree.indicators() and tree.indicators()[0].rule is not None:
        only = tree.indicators()[0]
        best = _number(max_points(only.rule))
        cite = '    cite "Ví dụ"\n' if only.cite is None else ""
        top = (
            head + f"  total {best}\n\n" + preamble(set())
            + f'\ncriterion 1 "Tiêu chí (ví dụ)" max {best}\n  indicator 1 "Chỉ tiêu (ví dụ)" max {best} confirmed\n' + cite
        )
        return Wrapped("rule", {"example.ytxa": top + fragment + RECOGNITION}, top.count("\n"))
    if isinstance(tree, SpecError):
        attempts.append(("rule", tree))

    # Amendment operations.
    opening_amendment = 'amendment "Ví dụ/sửa đổi"\n'
    tree = _try(opening_amendment + fragment)
    if isinstance(tree, ast.Amendment):
        fields = ""
        if tree.amends is None:
            fields += f'  amends "{BASE_ID}"\n'
        if tree.effective is None:
            fields += "  effective 2025-01-01\n"
        if not tree.reason:
            fields += '  reason "ví dụ"\n'
        top = opening_amendment + fields
        base = tree.amends or BASE_ID
        return Wrapped("amendment", {"example.ytxa": top + fragment, "base.ytxa": _base_text(base, page_documents)}, top.count("\n"))
    attempts.append(("amendment", tree))

    # An expression.
    top = head + "  total 100\n\n" + preamble({"vi_du"}) + "\nvalue vi_du = "
    tree = _try(top + fragment)
    if isinstance(tree, ast.Document):
        stand_in, _ = stand_in_criteria(None)
        return Wrapped("expression", {"example.ytxa": top + fragment + "\n" + stand_in + RECOGNITION}, top.count("\n"))
    attempts.append(("expression", tree))

    report = "\n\n".join(f"as {kind}:\n{error.render('en')}" for kind, error in attempts)
    raise AssertionError(f"the fragment parses as none of the supported kinds\n{report}")


def _base_text(document_id: str, page_documents: dict[str, str]) -> str:
    if document_id in page_documents:
        return page_documents[document_id]
    library = builtin_library()
    if document_id in library.documents:
        return library.documents[document_id].text
    raise AssertionError(f"no document `{document_id}` on this page or built in, for the amendment to amend")


DOCUMENT_ID = re.compile(r'^\s*document\s+"([^"]*)"', re.M)
TARGET_ID = re.compile(r'^\s*(?:amends|corrects)\s+"([^"]*)"', re.M)


def page_documents(page: Path) -> dict[str, str]:
    """Complete document examples of a page, by id (bases for the page's amendments)."""
    found = {}
    for block in SPEC_BLOCKS:
        if block.page == page and not block.fragment and not block.expected:
            match = DOCUMENT_ID.search(block.body)
            if match:
                found[match.group(1)] = block.body
    return found


def _numbered(text: str) -> str:
    return "\n".join(f"{n:>4} | {line}" for n, line in enumerate(text.splitlines(), 1))


def _locate(block: Block, finding: Finding, wrapped: Wrapped | None) -> str:
    if finding.line is None or finding.file is None:
        return "(no location)"
    name = Path(finding.file).name
    if wrapped is None:
        if name == "example.ytxa":
            return f"docs/{block.page.name}:{block.line + finding.line - 1}"
        return f"(in {name}:{finding.line})"
    inside = finding.line - wrapped.offset
    if name == "example.ytxa" and 1 <= inside <= block.body.count("\n"):
        return f"docs/{block.page.name}:{block.line + inside - 1}"
    return f"(in the {wrapped.kind} wrapper, {name}:{finding.line})"


# ---------------------------------------------------------------- the tests


@pytest.mark.parametrize("block", SPEC_BLOCKS, ids=[b.where for b in SPEC_BLOCKS])
def test_spec_example(block: Block, tmp_path: Path) -> None:
    unknown = [w for w in block.words() if w not in ("fragment", "expect") and not CODE.match(w)]
    assert not unknown, f"{block.where}: unknown words in the marker above the fence: {unknown}"
    assert bool(block.expected) == ("expect" in block.words()), f"{block.where}: write `expect CODE …`"
    documents = page_documents(block.page)
    wrapped: Wrapped | None = None
    if block.fragment:
        wrapped = wrap(block.body, documents)
        files = wrapped.files
    else:
        files = {"example.ytxa": block.body}
        target = TARGET_ID.search(block.body)
        if target and not DOCUMENT_ID.search(block.body):
            files["base.ytxa"] = _base_text(target.group(1), documents)
        for used in re.findall(r'^\s*uses\s+"([^"]*)"', block.body, re.M):
            if used in documents:
                files[f"used-{len(files)}.ytxa"] = documents[used]
    for name, text in files.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    code, findings, output = run_check(tmp_path)
    errors = [f for f in findings if f.severity == "error"]
    codes = {f.code for f in findings}

    def explain() -> str:
        listed = "\n".join(f"  {_locate(block, f, wrapped)}: {f.severity}[{f.code}] {f.message}" for f in findings)
        shown = "" if wrapped is None else f"\n\nwrapped text ({wrapped.kind}):\n{_numbered(wrapped.files['example.ytxa'])}"
        hint = "" if block.fragment else "\n(a piece of a spec? put <!-- fragment --> on the line just before the fence)"
        return f"{block.where}:\n{listed or output}{hint}{shown}"

    if block.expected:
        missing = block.expected - codes
        assert not missing, f"expected {sorted(missing)} but got:\n{explain()}"
        others = [f for f in errors if f.code not in block.expected]
        assert not others, f"errors besides the expected {sorted(block.expected)}:\n{explain()}"
    else:
        assert not errors, f"the example does not pass `ytxa check`:\n{explain()}"
        assert code == 0, f"`ytxa check` exited {code}:\n{explain()}"


@pytest.fixture(scope="module")
def workdir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of what the documented commands read, so `ytxa fmt` may rewrite it."""
    root = tmp_path_factory.mktemp("repo")
    for name in ("criteria_specs", "examples", "docs"):
        if (REPO / name).is_dir():
            shutil.copytree(REPO / name, root / name)
    return root


EXIT = re.compile(r"#\s*exit\s+(\d+)\s*$")


@pytest.mark.parametrize("command", ALL_COMMANDS, ids=[c.where for c in ALL_COMMANDS])
def test_console_example(command: Command, workdir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    match = EXIT.search(command.text)
    expected = int(match.group(1)) if match else 0
    words = shlex.split(command.text, comments=True)
    assert words[0] == "ytxa"
    if "|" in words:  # `… | head`: only the ytxa part is run
        words = words[: words.index("|")]
    stdin = ""
    if "<" in words:
        position = words.index("<")
        stdin = (workdir / words[position + 1]).read_text(encoding="utf-8")
        words = words[:position] + words[position + 2 :]
    monkeypatch.chdir(workdir)
    monkeypatch.setattr(sys, "stdin", io.StringIO(stdin))
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            code = main(words[1:], out, err)
        except SystemExit as exc:  # argparse: --help, --version, bad arguments
            code = exc.code if isinstance(exc.code, int) else 1
    assert code == expected, (
        f"{command.where}: `{command.text}` exited {code}, the page says {expected}\n"
        f"--- stdout\n{out.getvalue()[-3000:]}\n--- stderr\n{err.getvalue()[-3000:]}"
    )


# ---------------------------------------------------------------- coverage of the pages


def test_pages_exist_and_have_examples() -> None:
    names = {p.name for p in PAGES}
    assert {"language.md", "diagnostics.md", "cli.md"} <= names
    assert len(SPEC_BLOCKS) >= 40 and len(ALL_COMMANDS) >= 10


def test_every_diagnostic_code_is_documented() -> None:
    text = (DOCS / "diagnostics.md").read_text(encoding="utf-8")
    headings = set(re.findall(r"^#{2,4} .*?\b([EWFU]\d{3})\b", text, re.M))
    missing = sorted(set(MESSAGES) - headings)
    assert not missing, f"docs/diagnostics.md has no heading for {missing}"
    stale = sorted(headings - set(MESSAGES))
    assert not stale, f"docs/diagnostics.md documents codes the catalog no longer has: {stale}"


def test_every_command_and_option_is_documented() -> None:
    text = (DOCS / "cli.md").read_text(encoding="utf-8")
    parser = _parser()
    missing = [o for action in parser._actions for o in action.option_strings if o not in text]
    for action in parser._actions:
        for name, sub in (getattr(action, "choices", None) or {}).items():
            if not hasattr(sub, "_actions"):
                continue
            if f"ytxa {name}" not in text:
                missing.append(f"ytxa {name}")
            missing += [f"{name} {o}" for a in sub._actions for o in a.option_strings if o not in text]
    assert not missing, f"docs/cli.md does not mention {missing}"
