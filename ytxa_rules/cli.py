"""`ytxa`: argument parsing only; every command calls the library API an embedder would.

Exit codes: 0 success; 1 findings (check errors, fmt --check differences);
2 bad input (unreadable or invalid spec or facts, bad arguments).
"""

from __future__ import annotations

import argparse
import datetime
import difflib
import json
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TextIO

from ytxa_rules import __version__, ast
from ytxa_rules.api import DEFAULT_DOCUMENT, Spec, load
from ytxa_rules.diagnostics import WARNING, Diagnostic, error
from ytxa_rules.diff import diff_documents
from ytxa_rules.errors import FactsError, SpecError, UsageError, YtxaError
from ytxa_rules.facts.read import read_facts
from ytxa_rules.library import Library
from ytxa_rules.messages import message, render_diagnostics
from ytxa_rules.render.diff_text import diff_json, diff_text
from ytxa_rules.render.json_result import result_to_dict
from ytxa_rules.render.reference import criteria_reference
from ytxa_rules.render.text import explain, summary
from ytxa_rules.resources import builtin_specs_dir
from ytxa_rules.syntax.formatter import format_text

OK, FINDINGS, BAD_INPUT = 0, 1, 2


def _date(text: str) -> datetime.date:
    try:
        return datetime.date.fromisoformat(text)
    except ValueError:
        raise UsageError([error("U005", None, text=text)]) from None


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="ytxa", description="Bộ tiêu chí quốc gia về y tế xã — chấm điểm, giải thích, kiểm tra.")
    parser.add_argument("--version", action="version", version=f"ytxa-rules {__version__}")
    commands = parser.add_subparsers(dest="command", required=True)

    def common(sub: argparse.ArgumentParser) -> None:
        sub.add_argument("--lang", choices=("vi", "en"), default="vi", help="message language (default vi)")

    def spec_options(sub: argparse.ArgumentParser) -> None:
        sub.add_argument("--spec", action="append", metavar="PATH", help="spec file or folder (default: built-in national criteria); repeatable")
        sub.add_argument("--document", metavar="ID", help="criteria set to use when several are loaded (default 1300/QĐ-BYT)")

    for name, help_text in (("eval", "score a station: summary table"), ("explain", "score a station: full explanation")):
        sub = commands.add_parser(name, help=help_text)
        sub.add_argument("facts", metavar="FACTS", help="YAML or JSON file of one station's facts")
        spec_options(sub)
        sub.add_argument("--as-of", type=str, metavar="DATE", help="date whose amendments apply (default: end of nam_danh_gia, else today)")
        sub.add_argument("--format", choices=("text", "json"), default="text")
        sub.add_argument("--strict", action="store_true", help="missing facts are errors")
        common(sub)

    check = commands.add_parser("check", help="static checks of spec files")
    check.add_argument("paths", nargs="*", metavar="PATH", help="spec files or folders (default: built-in)")
    check.add_argument("--werror", action="store_true", help="warnings fail too")
    check.add_argument("--format", choices=("text", "json"), default="text")
    common(check)

    diff = commands.add_parser("diff", help="semantic difference between two specs or two dates")
    diff.add_argument("old", metavar="A", help="a date YYYY-MM-DD, or a spec file or folder")
    diff.add_argument("new", metavar="B", help="a date YYYY-MM-DD, or a spec file or folder")
    spec_options(diff)
    diff.add_argument("--as-of", type=str, metavar="DATE", help="date at which to compose specs given as files (default today)")
    diff.add_argument("--format", choices=("text", "json"), default="text")
    common(diff)

    docs = commands.add_parser("docs", help="write the criteria reference page (Markdown) generated from a spec")
    docs.add_argument("paths", nargs="*", metavar="SPEC", help="spec files or folders (default: built-in)")
    docs.add_argument("--document", metavar="ID", help="criteria set (default 1300/QĐ-BYT)")
    docs.add_argument("--as-of", type=str, metavar="DATE", help="compose the amendments in force on this date (default today)")
    docs.add_argument("-o", "--output", metavar="FILE", help="write to FILE instead of standard output")
    common(docs)

    fmt = commands.add_parser("fmt", help="rewrite spec files in canonical layout")
    fmt.add_argument("paths", nargs="+", metavar="PATH", help="spec files or folders; - for standard input")
    fmt.add_argument("--check", action="store_true", help="only report files that are not formatted (exit 1)")
    fmt.add_argument("--diff", action="store_true", help="print what would change")
    common(fmt)
    return parser


def main(argv: Sequence[str] | None = None, out: TextIO | None = None, err: TextIO | None = None) -> int:
    out = out or sys.stdout
    err = err or sys.stderr
    args = _parser().parse_args(argv)
    lang = getattr(args, "lang", "vi")
    try:
        handler = {"eval": _evaluate, "explain": _evaluate, "check": _check, "fmt": _fmt, "diff": _diff, "docs": _docs}[args.command]
        return handler(args, out, err)
    except YtxaError as exc:
        print(exc.render(lang), file=err)
        return BAD_INPUT
    except BrokenPipeError:  # `ytxa explain … | head`
        return OK


# ---------------------------------------------------------------- eval / explain


def _load(args: argparse.Namespace) -> Spec:
    if not args.spec:
        return load(document=args.document)
    library = _library(args.spec)
    return Spec(library, args.document or _default_document(library))


def _default_document(library: Library) -> str:
    bases = sorted(library.documents)
    return bases[0] if len(bases) == 1 else DEFAULT_DOCUMENT


def _library(paths: Sequence[str]) -> Library:
    """The given files, plus built-in documents they refer to but do not include."""
    builtin = builtin_specs_dir()
    if any(Path(p).resolve() == builtin.resolve() for p in paths):
        return Library.from_paths(paths)
    return Library.from_paths(paths, fallback=Library.from_paths([builtin]))


def _evaluate(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    spec = _load(args)
    facts, where = read_facts(args.facts)
    as_of = _date(args.as_of) if args.as_of else None
    try:
        result = spec.evaluate(facts, as_of, trace=args.command == "explain", strict=args.strict, where=where)
    except FactsError as exc:
        if args.format == "json":  # a pipeline reads errors as data too
            _json_findings(exc.diagnostics, args.lang, out)
        text = Path(args.facts).read_text(encoding="utf-8")
        print(render_diagnostics(exc.diagnostics, args.lang, {args.facts: text}), file=err)
        return BAD_INPUT
    if args.format == "json":
        json.dump(result_to_dict(result), out, ensure_ascii=False, indent=2)
        out.write("\n")
    elif args.command == "explain":
        out.write(explain(result, args.lang))
    else:
        out.write(summary(result, args.lang))
    return OK


# ---------------------------------------------------------------- check


def _check(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    try:
        library = _library(args.paths or [str(builtin_specs_dir())])
    except SpecError as exc:  # a file that does not parse is a finding of `check`, not bad usage
        if args.format == "json":
            _json_findings(exc.diagnostics, args.lang, out)
        else:
            print(exc.render(args.lang), file=out)
        return FINDINGS
    diagnostics = []
    for document_id in sorted(library.documents):
        diagnostics.extend(Spec(library, document_id).check())
    sources = library.sources()
    errors = [d for d in diagnostics if d.is_error]
    warnings = [d for d in diagnostics if d.severity == WARNING]
    if args.format == "json":
        _json_findings(diagnostics, args.lang, out)
    else:
        if diagnostics:
            print(render_diagnostics(diagnostics, args.lang, sources), file=out)
        summary_line = {
            "vi": f"{len(library.documents)} bộ tiêu chí, {sum(len(v) for v in library.amendments.values())} văn bản sửa đổi: {len(errors)} lỗi, {len(warnings)} cảnh báo",
            "en": f"{len(library.documents)} criteria set(s), {sum(len(v) for v in library.amendments.values())} amendment(s): {len(errors)} error(s), {len(warnings)} warning(s)",
        }[args.lang]
        print(summary_line, file=out)
    return FINDINGS if errors or (args.werror and warnings) else OK


def _json_findings(diagnostics: Sequence[Diagnostic], lang: str, out: TextIO) -> None:
    payload = [
        {
            "code": d.code,
            "severity": d.severity,
            "file": d.span.file if d.span else None,
            "line": d.span.line if d.span else None,
            "column": d.span.column if d.span else None,
            "message": message(d, lang),
            "suggestion": d.arguments.get("suggestion"),
        }
        for d in diagnostics
    ]
    json.dump(payload, out, ensure_ascii=False, indent=2)
    out.write("\n")


# ---------------------------------------------------------------- diff


def _side(text: str, args: argparse.Namespace) -> tuple[ast.Document, str]:
    """A composed document from a date (with --spec or the built-in) or from a spec path."""
    if len(text) == 10 and text[4] == "-" and text[7] == "-" and not Path(text).exists():
        when = _date(text)
        return _load(args).composed(when), text
    library = _library([text])
    document = args.document or _default_document(library)
    spec = Spec(library, document)
    when = _date(args.as_of) if args.as_of else _latest(spec)
    return spec.composed(when), text


def _latest(spec: Spec) -> datetime.date:
    """Today, or the last date an amendment takes effect: a diff of files shows every change."""
    dates = [a.effective for a in spec.amendments if a.effective is not None]
    return max([datetime.date.today(), *dates])


def _diff(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    old, old_label = _side(args.old, args)
    new, new_label = _side(args.new, args)
    changes = diff_documents(old, new)
    if args.format == "json":
        json.dump(diff_json(changes, old_label, new_label), out, ensure_ascii=False, indent=2)
        out.write("\n")
    else:
        out.write(diff_text(changes, old_label, new_label, args.lang))
    return OK


# ---------------------------------------------------------------- docs


def _docs(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    library = _library(args.paths or [str(builtin_specs_dir())])
    spec = Spec(library, args.document or _default_document(library))
    when = _date(args.as_of) if args.as_of else datetime.date.today()
    page = criteria_reference(spec.composed(when), when, args.lang)
    if args.output:
        Path(args.output).write_text(page, encoding="utf-8")
    else:
        out.write(page)
    return OK


# ---------------------------------------------------------------- fmt


def _spec_files(paths: Sequence[str]) -> list[Path]:
    files: list[Path] = []
    for path in map(Path, paths):
        files.extend(sorted(path.glob("*.ytxa")) if path.is_dir() else [path])
    return files


def _fmt(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    if args.paths == ["-"]:
        out.write(format_text(sys.stdin.read(), "<stdin>"))
        return OK
    unformatted = []
    for path in _spec_files(args.paths):
        try:
            original = path.read_bytes().decode("utf-8")
        except FileNotFoundError:
            raise UsageError([error("E001", None, path=str(path))]) from None
        except UnicodeDecodeError as exc:
            raise UsageError([error("E002", None, path=str(path), position=exc.start)]) from None
        except OSError as exc:
            raise UsageError([error("E003", None, path=str(path), reason=exc.strerror or str(exc))]) from None
        formatted = format_text(original, str(path))
        if formatted == original:
            continue
        unformatted.append(path)
        if args.diff:
            out.writelines(difflib.unified_diff(original.splitlines(True), formatted.splitlines(True), str(path), f"{path} (fmt)"))
        if not args.check and not args.diff:
            path.write_text(formatted, encoding="utf-8")
    for path in unformatted:
        verb = ("chưa đúng định dạng" if args.lang == "vi" else "not formatted") if args.check or args.diff else ("đã định dạng lại" if args.lang == "vi" else "reformatted")
        print(f"{path}: {verb}", file=err)
    return FINDINGS if unformatted and (args.check or args.diff) else OK


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())


def main_entry() -> None:
    """Console-script entry point: exit with `main`'s code."""
    sys.exit(main())
