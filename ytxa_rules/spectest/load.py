"""Read spec test files: strict YAML, every key known, every problem located.

A test file is read with the facts reader's YAML (the 1.2 core schema: `yes` stays text,
`010` stays text, no anchors, aliases or tags) and walked node by node, so an unknown key,
a key written twice, a date or a status that does not exist is an error at its line and
column (E700–E720), with a did-you-mean, never a default or a test silently skipped.
All problems of all files are collected and raised together as one `SpecTestError`.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Iterator, Sequence
from decimal import Decimal
from fractions import Fraction
from pathlib import Path
from typing import Any

import yaml

from ytxa_rules import ast
from ytxa_rules.diagnostics import Diagnostic, error
from ytxa_rules.errors import FactsError, YtxaError
from ytxa_rules.facts import yaml_core
from ytxa_rules.facts.read import parse_yaml
from ytxa_rules.limits import SPEC_TESTS_PER_RUN
from ytxa_rules.messages.catalog import MESSAGES
from ytxa_rules.messages.spectest import SPECTEST_KINDS, SPECTEST_PLACES
from ytxa_rules.messages.texts import both
from ytxa_rules.render.escape import one_line
from ytxa_rules.spectest import files
from ytxa_rules.spectest.model import STATUSES, VERDICTS, Expectation, IndicatorExpectation, SpecTest, TestFile
from ytxa_rules.suggest import closest

FILE_KEYS = ("document", "example", "as_of", "tests")
TEST_KEYS = ("name", "example", "as_of", "facts", "remove", "expect")
EXPECT_KEYS = ("total", "max", "verdict", "indicators", "errors", "warnings")
INDICATOR_KEYS = ("points", "status")

_FRACTION = re.compile(r"\s*(-?\d{1,40})\s*/\s*(\d{1,40})\s*\Z")


class SpecTestError(YtxaError):
    """Test files that cannot be read or do not follow the test file format."""


def _span(filename: str, node: yaml.Node) -> ast.Span:
    start, end = node.start_mark, node.end_mark
    if end.line != start.line:  # a block: point at its first line only
        return ast.Span(filename, start.line + 1, start.column + 1, start.line + 1, start.column + 2)
    return ast.Span(filename, start.line + 1, start.column + 1, end.line + 1, max(end.column + 1, start.column + 2))


class _Reader:
    """Walks one file's node tree, collecting located problems."""

    def __init__(self, path: Path, text: str, in_folder: bool):
        self.path = path
        self.filename = one_line(str(path))
        self.text = text
        self.in_folder = in_folder
        self.problems: list[Diagnostic] = []
        self.sources: dict[str, str] = {self.filename: text}
        self._examples: dict[str, tuple[dict[str, Any], dict[str, ast.Span]] | None] = {}

    def span(self, node: yaml.Node) -> ast.Span:
        return _span(self.filename, node)

    def problem(self, code: str, node: yaml.Node, **args: Any) -> None:
        self.problems.append(error(code, self.span(node), **args))

    def kind(self, node: yaml.Node, key: str, kind: str) -> bool:
        wanted = {"mapping": yaml.MappingNode, "list": yaml.SequenceNode}.get(kind, yaml.ScalarNode)
        if isinstance(node, wanted) and not (isinstance(node, yaml.ScalarNode) and kind == "text" and yaml_core.scalar(node) is None):
            return True
        self.problem("E702", node, key=key, expected=both(SPECTEST_KINDS, kind))
        return False

    def mapping(self, node: yaml.Node, key: str, known: Sequence[str] | None, where: str) -> Iterator[tuple[str, yaml.Node, yaml.Node]]:
        """The (key, key node, value node) of a mapping; unknown keys and repeats are problems."""
        if not self.kind(node, key, "mapping"):
            return
        assert isinstance(node, yaml.MappingNode)
        seen: set[str] = set()
        for key_node, value_node in node.value:
            name = str(key_node.value) if isinstance(key_node, yaml.ScalarNode) else str(yaml_core.plain(key_node))
            if name in seen:
                self.problem("E705", key_node, key=name)
                continue
            seen.add(name)
            if known is not None and name not in known:
                self.problem("E703", key_node, key=name, where=both(SPECTEST_PLACES, where), known=", ".join(known), suggestion=closest(name, known))
                continue
            yield name, key_node, value_node

    def string(self, node: yaml.Node, key: str) -> str | None:
        if not self.kind(node, key, "text"):
            return None
        return str(node.value)

    def date(self, node: yaml.Node, key: str) -> datetime.date | None:
        text = self.string(node, key)
        if text is None:
            return None
        try:
            if re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
                return datetime.date.fromisoformat(text)
        except ValueError:
            pass
        self.problem("E707", node, text=one_line(text)[:40])
        return None

    def points(self, node: yaml.Node, key: str) -> Fraction | None:
        value = yaml_core.scalar(node) if isinstance(node, yaml.ScalarNode) else None
        if isinstance(value, bool) or value is None:
            value = None
        elif isinstance(value, int):
            return Fraction(value)
        elif isinstance(value, Decimal) and value.is_finite():
            return Fraction(value)
        elif isinstance(value, str) and _FRACTION.match(value):
            numerator, denominator = _FRACTION.match(value).groups()  # type: ignore[union-attr]
            if int(denominator):
                return Fraction(int(numerator), int(denominator))
        shown = node.value if isinstance(node, yaml.ScalarNode) else "…"
        self.problem("E709", node, text=one_line(str(shown))[:80])
        return None

    def choice(self, node: yaml.Node, key: str, allowed: Sequence[str]) -> str | None:
        text = self.string(node, key)
        if text is None:
            return None
        if text not in allowed:
            self.problem("E708", node, text=one_line(text)[:80], key=key, allowed=", ".join(allowed), suggestion=closest(text, allowed))
            return None
        return text

    def codes(self, node: yaml.Node, key: str) -> tuple[str, ...] | None:
        if not self.kind(node, key, "list"):
            return None
        assert isinstance(node, yaml.SequenceNode)
        found = []
        for item in node.value:
            code = self.string(item, key)
            if code is None:
                continue
            if code not in MESSAGES:
                self.problem("E710", item, text=one_line(code)[:40], suggestion=closest(code, MESSAGES))
                continue
            found.append(code)
        return tuple(found)

    # ------------------------------------------------------------ examples
    def example(self, name: str, node: yaml.Node) -> tuple[dict[str, Any], dict[str, ast.Span]] | None:
        """The facts of an example named in the file (read once per file)."""
        if name in self._examples:
            return self._examples[name]
        found = None
        if not files.plain_name(name):
            self.problem("E712", node, name=one_line(name))
        else:
            path = files.find_example(name, self.path)
            if path is None:
                places = ", ".join(one_line(str(p)) for p in files.example_places(self.path))
                self.problem("E711", node, name=name, places=places)
            else:
                try:
                    text = files.read_text(path, in_folder=True)
                    shown = one_line(str(path))
                    self.sources[shown] = text
                    found = parse_yaml(text, shown)
                except files.Refused as refused:
                    self.problems.append(refused.diagnostic)
                except FactsError as exc:
                    self.problems.extend(exc.diagnostics)
                    self.sources.update(exc.sources)
        self._examples[name] = found
        return found


def parse_tests(path: Path, text: str, in_folder: bool = True) -> tuple[TestFile | None, list[Diagnostic], dict[str, str]]:
    """One test file's tests, the problems found, and the texts to show under them."""
    reader = _Reader(path, text, in_folder)
    try:
        root = yaml_core.compose(text)
    except yaml_core.AliasRefused as exc:
        mark = exc.mark
        reader.problems.append(error("E701", ast.Span(reader.filename, mark.line + 1, mark.column + 1, mark.line + 1, mark.column + 2)))
        return None, reader.problems, reader.sources
    except RecursionError:
        reader.problems.append(error("E700", ast.Span(reader.filename, 1, 1, 1, 2), reason="nested too deeply"))
        return None, reader.problems, reader.sources
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None) or ast.NO_SPAN
        line, column = (mark.line + 1, mark.column + 1) if mark is not ast.NO_SPAN else (1, 1)
        reason = one_line(str(getattr(exc, "problem", None) or exc))
        reader.problems.append(error("E700", ast.Span(reader.filename, line, column, line, column + 1), reason=reason))
        return None, reader.problems, reader.sources
    if root is None:
        reader.problems.append(error("E704", ast.Span(reader.filename, 1, 1, 1, 2), key="tests", where=both(SPECTEST_PLACES, "file")))
        return None, reader.problems, reader.sources
    strange = yaml_core.unsupported_tag(root)
    if strange is not None:
        reader.problem("E701", strange)
        return None, reader.problems, reader.sources
    header: dict[str, Any] = {}
    tests_node: yaml.Node | None = root if isinstance(root, yaml.SequenceNode) else None  # a bare list of tests, as OpenFisca writes them
    for key, _key_node, value in reader.mapping(root, "tests", FILE_KEYS, "file") if tests_node is None else ():
        if key == "tests":
            tests_node = value
        elif key == "as_of":
            header[key] = reader.date(value, key)
        elif key == "example":
            name = reader.string(value, key)
            header[key] = (name, value) if name is not None else None
        else:
            header[key] = reader.string(value, key)
    if tests_node is None:
        if isinstance(root, yaml.MappingNode):
            reader.problems.append(error("E704", reader.span(root), key="tests", where=both(SPECTEST_PLACES, "file")))
        return None, reader.problems, reader.sources
    tests: list[SpecTest] = []
    if reader.kind(tests_node, "tests", "list"):
        assert isinstance(tests_node, yaml.SequenceNode)
        names: dict[str, int] = {}
        for item in tests_node.value:
            test = _test(reader, item, header)
            if test is None:
                continue
            if test.name in names:
                reader.problem("E706", item, name=one_line(test.name), line=names[test.name])
                continue
            names[test.name] = test.span.line
            tests.append(test)
    return TestFile(reader.filename, tuple(tests), header.get("document")), reader.problems, reader.sources


def _test(reader: _Reader, node: yaml.Node, header: dict[str, Any]) -> SpecTest | None:
    fields: dict[str, tuple[yaml.Node, yaml.Node]] = {}
    for key, key_node, value in reader.mapping(node, "tests", TEST_KEYS, "test"):
        fields[key] = (key_node, value)
    if not isinstance(node, yaml.MappingNode):
        return None
    before = len(reader.problems)
    name = reader.string(fields["name"][1], "name") if "name" in fields else None
    if "name" not in fields:
        reader.problem("E704", node, key="name", where=both(SPECTEST_PLACES, "test"))
    if "expect" not in fields:
        reader.problem("E704", node, key="expect", where=both(SPECTEST_PLACES, "test"))
    as_of = reader.date(fields["as_of"][1], "as_of") if "as_of" in fields else header.get("as_of")
    facts: dict[str, Any] = {}
    where: dict[str, ast.Span] = {}
    example = header.get("example")
    if "example" in fields:
        text = reader.string(fields["example"][1], "example")
        example = (text, fields["example"][1]) if text is not None else None
    if example is not None:
        base = reader.example(*example)
        if base is not None:
            facts, where = dict(base[0]), dict(base[1])
    removed: dict[str, yaml.Node] = {}
    if "remove" in fields and reader.kind(fields["remove"][1], "remove", "list"):
        for item in fields["remove"][1].value:
            fact = reader.string(item, "remove")
            if fact is not None:
                removed[fact] = item
    if "facts" in fields:
        for fact, key_node, value in reader.mapping(fields["facts"][1], "facts", None, "test"):
            if fact in removed:
                reader.problem("E719", removed[fact], name=fact)
            facts[fact] = yaml_core.plain(value)
            where[fact] = reader.span(key_node)
    for fact in removed:
        facts.pop(fact, None)
        where.pop(fact, None)
    expect = _expect(reader, fields["expect"][1]) if "expect" in fields else None
    if expect is not None and expect.empty and len(reader.problems) == before:
        reader.problem("E718", fields["expect"][0], name=one_line(name or "?"))
    if len(reader.problems) > before or name is None or expect is None:
        return None
    example_name = example[0] if example is not None else None
    return SpecTest(reader.filename, name, reader.span(node), as_of, facts, where, expect, example_name)


def _expect(reader: _Reader, node: yaml.Node) -> Expectation | None:
    values: dict[str, Any] = {}
    spans: dict[str, ast.Span] = {}
    indicators: list[IndicatorExpectation] = []
    for key, key_node, value in reader.mapping(node, "expect", EXPECT_KEYS, "expect"):
        spans[key] = reader.span(key_node)
        if key in ("total", "max"):
            values[key] = reader.points(value, key)
        elif key == "verdict":
            values[key] = reader.choice(value, key, tuple(VERDICTS))
        elif key in ("errors", "warnings"):
            values[key] = reader.codes(value, key)
        else:
            indicators.extend(_indicators(reader, value))
    if not isinstance(node, yaml.MappingNode):
        return None
    return Expectation(indicators=tuple(indicators), spans=spans, **values)


def _indicators(reader: _Reader, node: yaml.Node) -> Iterator[IndicatorExpectation]:
    for number, key_node, value in reader.mapping(node, "indicators", None, "expect"):
        span = reader.span(key_node)
        if isinstance(value, yaml.ScalarNode):  # `"4": 3`: the points alone
            yield IndicatorExpectation(number, reader.points(value, number), None, span)
            continue
        points = status = None
        seen = False
        for key, _, item in reader.mapping(value, number, INDICATOR_KEYS, "indicator"):
            seen = True
            if key == "points":
                points = reader.points(item, key)
            else:
                status = reader.choice(item, key, STATUSES)
        if seen and (points is not None or status is not None):
            yield IndicatorExpectation(number, points, status, span)
        elif not seen and isinstance(value, yaml.MappingNode):
            reader.problem("E704", value, key="points", where=both(SPECTEST_PLACES, "indicator"))


def load_tests(paths: Sequence[str | Path]) -> tuple[list[TestFile], dict[str, str]]:
    """The test files of `paths` (files, or folders of `*.yaml`/`*.yml`), with their texts.

    Raises `SpecTestError` with every problem of every file, located.
    """
    loaded: list[TestFile] = []
    problems: list[Diagnostic] = []
    sources: dict[str, str] = {}
    count = 0
    for given in map(Path, paths):
        in_folder = given.is_dir()
        found = files.test_files(given)
        if in_folder and not found:
            problems.append(error("U082", None, path=one_line(str(given))))
        for path in found:
            try:
                text = files.read_text(path, in_folder)
            except files.Refused as refused:
                problems.append(refused.diagnostic)
                continue
            test_file, found_problems, texts = parse_tests(path, text, in_folder)
            problems.extend(found_problems)
            sources.update(texts)
            if test_file is not None:
                count += len(test_file.tests)
                loaded.append(test_file)
            if count > SPEC_TESTS_PER_RUN:
                problems.append(error("E716", None, limit=SPEC_TESTS_PER_RUN))
                raise SpecTestError(problems, sources)
    if problems:
        raise SpecTestError(problems, sources)
    return loaded, sources
