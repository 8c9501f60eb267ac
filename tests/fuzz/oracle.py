"""Run one case and check the invariants; the answer is an `Outcome`.

Invariants:
- the library raises only its documented errors (`YtxaError` and subclasses), each
  counted by its first code; anything else is a crash, located at the innermost frame of
  the package;
- fast and traced evaluation agree on points, statuses, maxima, totals, reasons and the
  verdict, and on the errors they raise; a spec that `check` passes composes and compiles;
- text for a terminal holds no control, format or surrogate character; the Markdown page
  holds no raw `<` and no table row with a cell too many; JSON parses; all of it encodes
  as UTF-8;
- the command line exits 0, 1 or 2 (argparse: 0 or 2), never prints a traceback, never
  writes, replaces or shows the file outside its folder that a link points to.
Time is not checked here: the runner stops a case that exceeds its budget.
"""

from __future__ import annotations

import contextlib
import datetime
import functools
import io
import json
import os
import random
import re
import sys
import traceback
import unicodedata
from collections.abc import Callable
from pathlib import Path
from typing import Any

import ytxa_rules
from tests.fuzz.case import CRASH, DISAGREEMENT, ERROR, OK, UNSAFE, Case, Outcome
from tests.fuzz.stations import BY_SUFFIX, station_for
from ytxa_rules.api import Spec
from ytxa_rules.cli import main
from ytxa_rules.cli.common import default_document
from ytxa_rules.diff import diff_documents
from ytxa_rules.errors import FactsError, SpecError, YtxaError
from ytxa_rules.library import Library
from ytxa_rules.messages import render_diagnostics
from ytxa_rules.render.diff_text import diff_text
from ytxa_rules.render.json_result import result_to_dict
from ytxa_rules.render.reference import criteria_reference
from ytxa_rules.render.text import explain, summary
from ytxa_rules.resources import builtin_specs_dir

PACKAGE = str(Path(ytxa_rules.__file__).resolve().parent)
SECRET = "SECRET-d41d8cd98f00b204"  # the content of the file outside the folder
UNSAFE_CATEGORIES = {"Cc", "Cf", "Cs", "Zl", "Zp"}
TODAY = datetime.date(2026, 6, 30)  # fixed, so that a case replays the same way any day

Stage = Callable[[str], None]


class Finding(Exception):
    """An invariant broken (not an error of the library): disagreement or unsafe output."""

    def __init__(self, status: str, code: str, detail: str = ""):
        super().__init__(f"{status} {code}: {detail}")
        self.status, self.code, self.detail = status, code, detail


# ---------------------------------------------------------------- output checks
def terminal_safe(text: str, what: str) -> None:
    bad = [c for c in text if c not in "\n\t" and unicodedata.category(c) in UNSAFE_CATEGORIES]
    if bad:
        raise Finding(UNSAFE, "terminal", f"{what}: {''.join(bad[:5])!r}")
    encodable(text, what)


def encodable(text: str, what: str) -> None:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError as exc:
        raise Finding(UNSAFE, "unencodable", f"{what}: {exc}") from None


def markdown_safe(page: str, what: str) -> None:
    encodable(page, what)
    fenced = False
    columns = 0
    for number, line in enumerate(page.split("\n"), 1):
        stripped = line.strip()
        if stripped.startswith("```"):
            fenced = not fenced
            continue
        bad = [c for c in line if c != "\t" and unicodedata.category(c) in UNSAFE_CATEGORIES]
        if bad:
            raise Finding(UNSAFE, "markdown-control", f"{what}:{number}: {''.join(bad[:5])!r}")
        if fenced:
            continue
        if "<" in re.sub(r"(`+).*?\1", "", line):  # code spans show `<` as text
            raise Finding(UNSAFE, "markdown-html", f"{what}:{number}: {line[:120]}")
        if line.startswith("|"):
            cells = line.count("|")
            columns = columns or cells
            if cells != columns:
                raise Finding(UNSAFE, "markdown-table", f"{what}:{number}: {line[:120]}")
        else:
            columns = 0


# ---------------------------------------------------------------- evaluation
def _summary(result: ytxa_rules.Result) -> tuple[Any, ...]:
    return (
        result.total, result.max, result.passed, result.missing,
        tuple((i.number, i.points, i.max, i.status, i.knockout_failed) for i in result.indicators),
        tuple((c.number, c.points, c.max) for c in result.criteria),
        tuple((r.kind, r.held, r.points, r.max) for r in result.reasons),
    )


def _codes(exc: YtxaError) -> list[str]:
    return sorted({d.code for d in exc.diagnostics})


def score_both(spec: Spec, facts: dict[str, Any], as_of: datetime.date | None, where: Any, strict: bool, stage: Stage,
               lang: str) -> None:
    """Evaluate fast and traced; they must agree; then render the result every way."""
    stage("evaluate fast")
    try:
        fast: Any = spec.evaluate(facts, as_of, strict=strict, where=where)
    except FactsError as exc:
        fast = exc
    stage("evaluate traced")
    try:
        traced: Any = spec.evaluate(facts, as_of, trace=True, strict=strict, where=where)
    except FactsError as exc:
        traced = exc
    if isinstance(fast, FactsError) or isinstance(traced, FactsError):
        if not (isinstance(fast, FactsError) and isinstance(traced, FactsError)) or _codes(fast) != _codes(traced):
            raise Finding(DISAGREEMENT, "facts-error", f"fast: {fast!r:.200}; traced: {traced!r:.200}")
        stage("render facts errors")
        fast.render(lang)
        raise fast
    if _summary(fast) != _summary(traced):
        raise Finding(DISAGREEMENT, "scores", f"fast {_summary(fast)!r:.400} traced {_summary(traced)!r:.400}")
    stage("render explain")
    terminal_safe(explain(traced, lang), "explain")
    terminal_safe(summary(fast, lang), "summary")
    stage("render json")
    payload = json.dumps(result_to_dict(traced), ensure_ascii=False)
    encodable(payload, "json")


@functools.cache
def builtin_spec() -> Spec:
    return ytxa_rules.load()


@functools.cache
def _builtin_library() -> Library:
    return Library.from_paths([builtin_specs_dir()])


def _library(folder: Path) -> Library:
    """As the command line reads a folder (`library_of`), with the built-in files read once."""
    return Library.from_paths([folder], fallback=_builtin_library())


# ---------------------------------------------------------------- targets
def _run_spec(case: Case, work: Path, stage: Stage) -> str:
    rnd = random.Random(case.seed)
    lang = rnd.choice(("vi", "en"))
    stage("read spec")
    library = _library(work / "spec")
    inside = {document for document, source in library.documents.items() if Path(source.path).is_relative_to(work)}
    first_error = None
    for document_id in sorted(inside)[:2]:
        spec = Spec(library, document_id)
        stage("check")
        diagnostics = spec.check()
        render_diagnostics(diagnostics, lang, library.sources())
        errors = [d for d in diagnostics if d.is_error]
        if errors:
            first_error = first_error or errors[0]
            continue
        start = spec.document.effective or datetime.date(2000, 1, 1)
        dates = sorted({max(start, d) for d in [TODAY, *(a.effective for a in spec.amendments if a.effective)]})[-2:]
        previous = None
        for when in dates:
            try:
                stage("compose")
                composed = spec.composed(when)
                stage("compile")
                spec.at(when)
            except SpecError as exc:
                raise Finding(DISAGREEMENT, "check-compile", f"check passed, {when} raised {_codes(exc)}") from None
            stage("render docs")
            markdown_safe(criteria_reference(composed, when, lang), "docs")
            if previous is not None:
                stage("diff")
                terminal_safe(diff_text(diff_documents(previous, composed), "a", "b", lang), "diff")
            for _ in range(2 if previous is None else 1):
                facts = station_for(composed, rnd, case.clean)
                with contextlib.suppress(FactsError):
                    score_both(spec, facts, when, None, rnd.random() < 0.2, stage, lang)
            previous = composed
    if first_error is not None:
        raise SpecError([first_error])  # counted as its code
    return "checked"


def _run_facts(case: Case, work: Path, stage: Stage) -> str:
    rnd = random.Random(case.seed)
    lang = rnd.choice(("vi", "en"))
    stage("load spec")
    if any(name.startswith("spec/") for name in case.files):
        library = _library(work / "spec")
        spec = Spec(library, default_document(library))
    else:
        spec = builtin_spec()
    path = next(work / n for n in case.files if n.startswith("facts."))
    stage("read facts")
    facts, where = BY_SUFFIX[path.suffix].read(path)
    score_both(spec, facts, None, where, rnd.random() < 0.2, stage, lang)
    return "scored"


def _run_cli(case: Case, work: Path, stage: Stage) -> str:
    argv = [a.replace("{dir}", str(work)) for a in case.argv]
    out_bytes, err_bytes = io.BytesIO(), io.BytesIO()
    out = io.TextIOWrapper(out_bytes, encoding="utf-8", errors="strict", newline="", write_through=True)
    err = io.TextIOWrapper(err_bytes, encoding="utf-8", errors="strict", newline="", write_through=True)
    stdin = io.TextIOWrapper(io.BytesIO(case.stdin), encoding="utf-8", errors="strict")
    stage("cli " + " ".join(case.argv[:1]))
    saved_stdin, saved_cwd = sys.stdin, os.getcwd()
    sys.stdin = stdin
    os.chdir(work)
    try:
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            try:
                code: Any = main(argv, out, err)
            except SystemExit as exc:  # argparse: --help, bad arguments
                code = exc.code
                if code not in (0, 2):
                    raise Finding(UNSAFE, "exit", f"argparse exit {code!r}") from None
    finally:
        sys.stdin = saved_stdin
        os.chdir(saved_cwd)
    printed, errors = out_bytes.getvalue().decode("utf-8"), err_bytes.getvalue().decode("utf-8")
    if code not in (0, 1, 2):
        raise Finding(UNSAFE, "exit", f"exit {code!r}")
    if "Traceback (most recent call last)" in printed + errors:
        raise Finding(UNSAFE, "traceback", errors[-300:])
    if SECRET in printed + errors:
        raise Finding(UNSAFE, "secret-shown", "the content of a file outside the folder was printed")
    if code == 2 and not errors.strip():
        raise Finding(UNSAFE, "silent-error", "exit 2 without a message")
    terminal_safe(errors, "stderr")
    command = argv[0] if argv else ""
    formats = [argv[i + 1] for i, a in enumerate(argv[:-1]) if a == "--format"]
    if command == "docs" and "-o" not in argv and "--output" not in argv:
        markdown_safe(printed, "docs")
    elif formats[-1:] == ["json"]:
        try:
            printed.strip() and json.loads(printed)
        except ValueError as exc:
            raise Finding(UNSAFE, "invalid-json", str(exc)) from None
    elif not (command == "fmt" and "-" in argv):  # `fmt -` prints the spec itself, byte-exact
        terminal_safe(printed, "stdout")
    return f"exit {code}"


TARGETS = {"spec": _run_spec, "facts": _run_facts, "cli": _run_cli}


# ---------------------------------------------------------------- one case
def lay_out(case: Case, root: Path) -> Path:
    """The case's files under `root/work`, the secret file at `root/outside.txt`."""
    work = root / "work"
    work.mkdir(parents=True)
    (root / "outside.txt").write_text(SECRET + "\n", encoding="utf-8")
    for name, data in case.files.items():
        path = work / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
    for name, target in case.links.items():
        path = work / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.symlink_to(root / "outside.txt" if target == "{outside}" else Path(target))
    return work


def _outside_intact(case: Case, root: Path) -> None:
    if (root / "outside.txt").read_text(encoding="utf-8") != SECRET + "\n":
        raise Finding(UNSAFE, "wrote-outside", "the file outside the folder was changed")
    for name in case.links:
        if not (root / "work" / name).is_symlink():
            raise Finding(UNSAFE, "replaced-link", f"{name} is no longer a link")
    extra = sorted(p.name for p in root.iterdir() if p.name not in ("work", "outside.txt"))
    if extra:
        raise Finding(UNSAFE, "wrote-outside", f"new files outside the folder: {extra}")


def crash_location(exc: BaseException, by_function: bool = False) -> str:
    """`ytxa_rules/facts/read.py:50` for the innermost frame in the package, else the innermost.

    `by_function`: `ytxa_rules/facts/read.py:_json_span` (a hang stops at any line of a loop).
    """
    frames = traceback.extract_tb(exc.__traceback__)
    inside = [f for f in frames if f.filename.startswith(PACKAGE)]
    if not frames:
        return "?"
    frame = (inside or frames)[-1]
    name = f"ytxa_rules{frame.filename[len(PACKAGE):]}" if inside else Path(frame.filename).name
    return f"{name}:{frame.name if by_function else frame.lineno}"


def run_case(case: Case, root: Path, stage: Stage = lambda name: None) -> Outcome:
    """Lay the case out under `root` (an empty folder), run it, and say what happened."""
    work = lay_out(case, root)
    try:
        detail = TARGETS[case.target](case, work, stage)
        _outside_intact(case, root)
    except Finding as finding:
        return Outcome(finding.status, finding.code, "", finding.detail[:2000])
    except YtxaError as exc:
        try:
            _outside_intact(case, root)
        except Finding as finding:
            return Outcome(finding.status, finding.code, "", finding.detail[:2000])
        codes = [d.code for d in exc.diagnostics]
        return Outcome(ERROR, codes[0] if codes else type(exc).__name__, "", ", ".join(sorted(set(codes)))[:200])
    except Exception as exc:  # the finding itself: anything else is a crash
        text = "".join(traceback.format_exception(exc)[-6:])
        return Outcome(CRASH, type(exc).__name__, crash_location(exc), text[-2000:])
    return Outcome(OK, "", "", detail)
