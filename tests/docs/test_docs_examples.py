"""Every example in the documentation is run, so the pages cannot drift from the tool.

Pages are docs/**/*.md (not docs/hooks/). Three kinds of fenced blocks are tested:

```ytxa blocks
    A spec example. It must parse and pass `ytxa check` without errors (warnings are
    allowed). An HTML comment on the line just before the fence changes that:

    <!-- fragment -->                a piece of a spec: it is wrapped into a complete
                                     document first (see "Fragments" below);
    <!-- expect E401 -->             the block must produce these codes (errors or
                                     warnings) and no other error: docs/diagnostics.md
                                     shows each message this way;
    <!-- fragment, expect E300 -->   both.

```yaml blocks marked <!-- facts -->
    A station's data, scored with `ytxa eval` against the built-in criteria: it must be
    accepted, or with `expect F005 …` be refused with exactly these codes (exit 2).
    `strict` in the marker adds `--strict`.

```console blocks
    Every line starting with `$ ytxa` is run through `ytxa_rules.cli.main`, in a fresh copy
    of the repository's criteria_specs/, examples/ and docs/ (so relative paths work as
    from the repository root, and `ytxa fmt` may rewrite files harmlessly). It must exit 0,
    or the code written at the end of the line as `# exit N`. `| head …` is ignored and
    `< FILE` feeds standard input. Output is not compared (other engineers change the
    specs and their wording); the exit code is.

Fragments
    A fragment may use, without declaring them, every fact, derived value and table of the
    built-in national criteria (criteria_specs/1300-QD-BYT.ytxa); a name the fragment
    declares itself replaces the built-in one (and built-in values or tables that depend
    on it are left out). What the fragment is decides how it is completed; the readings
    are tried in this order and the first that parses wins:

    - declarations, header fields, criteria, a recognition rule: the header is completed
      (`title`, `effective`, `total` as the sum of the criteria), ten stand-in criteria
      with the national maxima are added when the fragment has none, and a recognition
      rule when it has none;
    - indicators: they go into one criterion whose maximum is the sum of theirs;
    - a scoring rule (`points …`, with `not applicable when …` or `cite`): it goes into
      one indicator whose maximum is the most the rule can award;
    - amendment operations (`change …`, `add …`, `replace …`, `remove …`, and optionally
      header lines): they become an amendment of the built-in 1300/QĐ-BYT (unless the
      fragment says `amends`), effective 2025-01-01, checked together with it;
    - an expression: it becomes `value vi_du = …`.

    A fragment that parses in no reading is reported with the diagnostics of the reading
    that got furthest, which is also what `expect` compares with.

    A complete amendment is checked together with the document it amends: a complete
    document example of the same page with that id, else the built-in one.

Besides, every diagnostic code of the catalog must have a heading in docs/diagnostics.md,
every command and option of `ytxa` must be named in docs/cli.md, and relative links and
#anchors must resolve (the site is built with mkdocs in strict mode).
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
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from fractions import Fraction
from pathlib import Path
from typing import Any

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
PAGES = sorted(p for p in DOCS.rglob("*.md") if "hooks" not in p.relative_to(DOCS).parts)
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
        return f"docs/{self.page.relative_to(DOCS)}:{self.line}"

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
FACTS_BLOCKS = [b for b in ALL_BLOCKS if b.info in ("yaml", "yml") and "facts" in b.words()]


@dataclass(frozen=True)
class Command:
    block: Block
    line: int
    text: str

    @property
    def where(self) -> str:
        return f"docs/{self.block.page.relative_to(DOCS)}:{self.line}"


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
            if name not in dropped and reads & dropped:
                dropped.add(name)
                changed = True
    return "\n".join(text for name, text, _ in vocabulary() if name not in dropped) + "\n"


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


@dataclass(frozen=True)
class Unparsed:
    """A fragment that does not parse: the diagnostics of the most likely reading."""

    kind: str
    offset: int  # lines above the fragment
    before: int  # characters above the fragment
    text: str
    error: SpecError

    @property
    def reach(self) -> int:
        """How far into the fragment this reading got (the furthest reading is the likeliest)."""
        starts = [0]
        for line in self.text.splitlines(keepends=True):
            starts.append(starts[-1] + len(line))
        spans = [d.span for d in self.error.diagnostics if d.span is not None and d.span.line]
        return max((starts[s.line - 1] + s.column - 1 - self.before for s in spans), default=-1)


# Diagnostics made after the grammar accepted the text: the reading was the right one.
AFTER_GRAMMAR = frozenset({"E104", "E105", "E106", "E107", "E108"})
OPENING = 'document "Ví dụ/đoạn trích"\n'
HEAD = OPENING + '  title "Đoạn trích được bọc để kiểm tra"\n  effective 2024-01-01\n'
ONE_CRITERION = 'criterion 1 "Tiêu chí (ví dụ)" max {max}\n'
ONE_INDICATOR = '  indicator 1 "Chỉ tiêu (ví dụ)" max {max} confirmed\n'
OPENING_AMENDMENT = 'amendment "Ví dụ/sửa đổi"\n'


def _parse(text: str) -> ast.Document | ast.Amendment | SpecError:
    try:
        return parse_text(text, "example.ytxa")
    except SpecError as exc:
        return exc


def _declared(doc: ast.Document) -> set[str]:
    return {f.name for f in doc.facts} | {v.name for v in doc.values} | {t.name for t in doc.tables}


def _as_declarations(tree: ast.Document, fragment: str, documents: dict[str, str]) -> Wrapped | None:
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
    head = OPENING + fields
    return Wrapped("declarations", {"example.ytxa": head + fragment + tail}, head.count("\n"))


def _as_indicators(tree: ast.Document, fragment: str, documents: dict[str, str]) -> Wrapped | None:
    if not (tree.criteria and tree.criteria[0].indicators):
        return None
    total = _number(sum((i.max.value for i in tree.indicators()), Fraction(0)))
    top = HEAD + f"  total {total}\n\n" + preamble(set()) + "\n" + ONE_CRITERION.format(max=total)
    return Wrapped("indicators", {"example.ytxa": top + fragment + RECOGNITION}, top.count("\n"))


def _as_rule(tree: ast.Document, fragment: str, documents: dict[str, str]) -> Wrapped | None:
    indicators = tree.indicators()
    if not indicators or indicators[0].rule is None:
        return None
    best = _number(max_points(indicators[0].rule))
    cite = '    cite "Ví dụ"\n' if indicators[0].cite is None else ""
    top = HEAD + f"  total {best}\n\n" + preamble(set()) + "\n" + ONE_CRITERION.format(max=best)
    top += ONE_INDICATOR.format(max=best) + cite
    return Wrapped("rule", {"example.ytxa": top + fragment + RECOGNITION}, top.count("\n"))


def _as_amendment(tree: ast.Amendment, fragment: str, documents: dict[str, str]) -> Wrapped | None:
    fields = ""
    if tree.amends is None:
        fields += f'  amends "{BASE_ID}"\n'
    if tree.effective is None:
        fields += "  effective 2025-01-01\n"
    if not tree.reason:
        fields += '  reason "ví dụ"\n'
    top = OPENING_AMENDMENT + fields
    files = {"example.ytxa": top + fragment}
    base = _base_text(tree.amends or BASE_ID, documents)
    if base is not None:
        files["base.ytxa"] = base
    return Wrapped("amendment", files, top.count("\n"))


def _as_expression(tree: ast.Document, fragment: str, documents: dict[str, str]) -> Wrapped | None:
    top = HEAD + "  total 100\n\n" + preamble({"vi_du"}) + "\nvalue vi_du = "
    stand_in, _ = stand_in_criteria(None)
    return Wrapped("expression", {"example.ytxa": top + fragment + "\n" + stand_in + RECOGNITION}, top.count("\n"))


# (kind, text put before the fragment to try it, how to complete it), in the order tried.
READINGS: tuple[tuple[str, str, Callable[[Any, str, dict[str, str]], Wrapped | None]], ...] = (
    ("declarations", OPENING, _as_declarations),
    ("indicators", HEAD + ONE_CRITERION.format(max=0), _as_indicators),
    ("rule", HEAD + ONE_CRITERION.format(max=0) + ONE_INDICATOR.format(max=0), _as_rule),
    ("amendment", OPENING_AMENDMENT, _as_amendment),
    ("expression", HEAD + "value vi_du = ", _as_expression),
)


def wrap(fragment: str, documents: dict[str, str]) -> Wrapped | Unparsed:
    """A complete document (or amendment plus base) around `fragment`; see the module doc."""
    failures: list[Unparsed] = []
    for kind, before, complete in READINGS:
        tree = _parse(before + fragment)
        if isinstance(tree, SpecError):
            failure = Unparsed(kind, before.count("\n"), len(before), before + fragment, tree)
            if {d.code for d in tree.diagnostics} <= AFTER_GRAMMAR:
                return failure  # the grammar took this reading; the problem is in the fragment
            failures.append(failure)
            continue
        wrapped = complete(tree, fragment, documents)
        if wrapped is not None:
            return wrapped
    return max(failures, key=lambda f: f.reach)


def _base_text(document_id: str, page_documents: dict[str, str]) -> str | None:
    """The document an amendment amends: on the same page, else built in (else None: E503)."""
    if document_id in page_documents:
        return page_documents[document_id]
    library = builtin_library()
    if document_id in library.documents:
        return library.documents[document_id].text
    return None


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


def _locate(block: Block, finding: Finding, wrapped: Wrapped | Unparsed | None) -> str:
    if finding.line is None or finding.file is None:
        return "(no location)"
    name = Path(finding.file).name
    offset = 0 if wrapped is None else wrapped.offset
    inside = finding.line - offset
    if name == "example.ytxa" and 1 <= inside <= block.body.count("\n"):
        return f"docs/{block.page.relative_to(DOCS)}:{block.line + inside - 1}"
    kind = "" if wrapped is None else f" the {wrapped.kind} wrapper,"
    return f"(in{kind} {name}:{finding.line})"


def _findings(error: SpecError) -> list[Finding]:
    from ytxa_rules.messages import message

    return [
        Finding(
            d.code,
            d.severity,
            d.span.file if d.span else None,
            d.span.line if d.span else None,
            d.span.column if d.span else None,
            message(d, "en"),
        )
        for d in error.diagnostics
    ]


def _compare(block: Block, findings: list[Finding], explain: str) -> None:
    errors = [f for f in findings if f.severity == "error"]
    if block.expected:
        missing = block.expected - {f.code for f in findings}
        assert not missing, f"expected {sorted(missing)} but got:\n{explain}"
        others = [f for f in errors if f.code not in block.expected]
        assert not others, f"errors besides the expected {sorted(block.expected)}:\n{explain}"
    else:
        assert not errors, f"the example does not pass `ytxa check`:\n{explain}"


def _check_marker(block: Block, allowed: tuple[str, ...]) -> None:
    unknown = [w for w in block.words() if w not in allowed and not CODE.match(w)]
    assert not unknown, f"{block.where}: unknown words in the marker above the fence: {unknown}"
    assert bool(block.expected) == ("expect" in block.words()), f"{block.where}: write `expect CODE …`"


# ---------------------------------------------------------------- the tests


@pytest.mark.parametrize("block", SPEC_BLOCKS, ids=[b.where for b in SPEC_BLOCKS])
def test_spec_example(block: Block, tmp_path: Path) -> None:
    _check_marker(block, ("fragment", "expect"))
    documents = page_documents(block.page)
    wrapped: Wrapped | Unparsed | None = None
    if block.fragment:
        wrapped = wrap(block.body, documents)
    if isinstance(wrapped, Unparsed):
        findings, code, output, shown = _findings(wrapped.error), 1, wrapped.error.render("en"), ""
    else:
        if wrapped is None:
            files = {"example.ytxa": block.body}
            target = TARGET_ID.search(block.body)
            base = _base_text(target.group(1), documents) if target and not DOCUMENT_ID.search(block.body) else None
            if base is not None:
                files["base.ytxa"] = base
            for used in re.findall(r'^\s*uses\s+"([^"]*)"', block.body, re.M):
                if used in documents:
                    files[f"used-{len(files)}.ytxa"] = documents[used]
            shown = ""
        else:
            files = wrapped.files
            shown = f"\n\nwrapped text ({wrapped.kind}):\n{_numbered(files['example.ytxa'])}"
        for name, text in files.items():
            (tmp_path / name).write_text(text, encoding="utf-8")
        code, findings, output = run_check(tmp_path)
    listed = "\n".join(f"  {_locate(block, f, wrapped)}: {f.severity}[{f.code}] {f.message}" for f in findings)
    hint = "" if block.fragment else "\n(a piece of a spec? put <!-- fragment --> on the line just before the fence)"
    _compare(block, findings, f"{block.where}:\n{listed or output}{hint}{shown}")
    if not block.expected:
        assert code == 0, f"{block.where}: `ytxa check` exited {code}:\n{output}"


@pytest.mark.parametrize("block", FACTS_BLOCKS, ids=[b.where for b in FACTS_BLOCKS])
def test_facts_example(block: Block, tmp_path: Path) -> None:
    """A station file marked `<!-- facts … -->`, scored against the built-in criteria."""
    _check_marker(block, ("facts", "strict", "expect"))
    path = tmp_path / "tram.yaml"
    path.write_text(block.body, encoding="utf-8")
    argv = ["eval", str(path), "--lang", "en"] + (["--strict"] if "strict" in block.words() else [])
    out, err = io.StringIO(), io.StringIO()
    code = main(argv, out, err)
    found = set(re.findall(r"(?:error|warning)\[(\w\d{3})\]", err.getvalue()))
    explain = f"{block.where}: exit {code}\n{err.getvalue() or out.getvalue()}"
    if block.expected:
        assert code == 2, explain
        assert block.expected <= found, f"expected {sorted(block.expected - found)}; {explain}"
        assert not found - block.expected, f"besides the expected {sorted(block.expected)}: {explain}"
    else:
        assert code == 0 and not found, explain


def _workdir(root: Path) -> Path:
    """A copy of what the documented commands read, so `ytxa fmt` may rewrite it."""
    for name in ("criteria_specs", "examples", "docs"):
        if (REPO / name).is_dir():
            shutil.copytree(REPO / name, root / name, ignore=shutil.ignore_patterns("__pycache__"))
    return root


EXIT = re.compile(r"#\s*exit\s+(\d+)\s*$")


@pytest.mark.parametrize("command", ALL_COMMANDS, ids=[c.where for c in ALL_COMMANDS])
def test_console_example(command: Command, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    match = EXIT.search(command.text)
    expected = int(match.group(1)) if match else 0
    words = shlex.split(command.text, comments=True)
    assert words[0] == "ytxa"
    if "|" in words:  # `… | head`: only the ytxa part is run
        words = words[: words.index("|")]
    root = _workdir(tmp_path)
    stdin = ""
    if "<" in words:
        position = words.index("<")
        stdin = (root / words[position + 1]).read_text(encoding="utf-8")
        words = words[:position] + words[position + 2 :]
    monkeypatch.chdir(root)
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
    headings = set(re.findall(r"^#{2,4} .*?\b([EWFUN]\d{3})\b", text, re.M))
    missing = sorted(set(MESSAGES) - headings)
    assert not missing, f"docs/diagnostics.md has no heading for {missing}"
    stale = sorted(headings - set(MESSAGES))
    assert not stale, f"docs/diagnostics.md documents codes the catalog no longer has: {stale}"


def test_diagnostic_messages_are_quoted_exactly() -> None:
    """Each code's section quotes the catalog's English and Vietnamese text as it is."""
    sections = re.split(r"^#{2,4} ", (DOCS / "diagnostics.md").read_text(encoding="utf-8"), flags=re.M)
    stale = []
    for section in sections:
        code = re.match(r"([EWFU]\d{3})\b", section)
        if code is None or code.group(1) not in MESSAGES:
            continue
        vi, en = MESSAGES[code.group(1)]
        if f"- English: {en}\n" not in section or f"- Tiếng Việt: {vi}\n" not in section:
            stale.append(code.group(1))
    assert not stale, f"docs/diagnostics.md quotes old wording for {stale}: copy it from ytxa_rules/messages/catalog.py"


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


LINK = re.compile(r"(?<!!)\[[^\]]*\]\((?P<target>[^)\s]+)\)")
GENERATED = ("reference/criteria-",)  # pages the mkdocs hook writes at build time


def _slug(heading: str) -> str:
    """Python-Markdown's `toc` slug of a heading (what mkdocs uses for anchors)."""
    import unicodedata

    text = re.sub(r"`([^`]*)`", r"\1", heading)
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    text = re.sub(r"[^\w\s-]", "", text).strip().lower()
    return re.sub(r"[-\s]+", "-", text)


def _prose(page: Path) -> str:
    """The page without its fenced blocks (links and headings inside them do not count)."""
    out, fence = [], ""
    for line in page.read_text(encoding="utf-8").splitlines():
        match = FENCE.match(line)
        if match and (not fence or line.strip().startswith(fence)):
            fence = "" if fence else match["fence"]
            continue
        if not fence:
            out.append(line)
    return "\n".join(out)


def _anchors(page: Path) -> set[str]:
    text = _prose(page)
    found = {_slug(h) for h in re.findall(r"^#{1,6}\s+(.*?)\s*#*\s*$", text, re.M)}
    return found | set(re.findall(r"\{#([\w-]+)\}", text))


@pytest.mark.parametrize("page", PAGES, ids=[str(p.relative_to(DOCS)) for p in PAGES])
def test_links_resolve(page: Path) -> None:
    """Relative links and #anchors point at existing pages and headings (mkdocs runs strict)."""
    broken = []
    for match in LINK.finditer(re.sub(r"`[^`\n]*`", "", _prose(page))):
        target = match["target"]
        if re.match(r"^[a-z]+:", target):
            continue
        path, _, anchor = target.partition("#")
        destination = (page.parent / path).resolve() if path else page
        relative = destination.relative_to(DOCS.resolve()).as_posix() if destination.is_relative_to(DOCS.resolve()) else path
        if any(relative.startswith(g) for g in GENERATED):
            continue
        if not destination.exists():
            broken.append(f"{target}: no such page")
        elif anchor and destination.suffix == ".md" and anchor not in _anchors(destination):
            broken.append(f"{target}: no heading with anchor #{anchor}")
    assert not broken, f"docs/{page.relative_to(DOCS)}: broken links:\n  " + "\n  ".join(broken)
