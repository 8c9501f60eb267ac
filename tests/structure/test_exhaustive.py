"""Every stage matches the closed node unions exhaustively (issue 10, item 2).

Two tests, because each proves half. The structural one reads every stage's dispatchers
and requires a `match` whose last case hands the subject to `assert_never` (or the
compiler's `refuse_unhandled`, typed the same way). The mypy one adds a node to a copy
of `ast.Expr` and type-checks copies of the stages that need no more of the package than
the language core: mypy must name every dispatcher that now forgets a case. Together: a new
node class fails type checking in each stage until that stage handles it.

The mypy test takes some seconds (it checks a dozen modules from a cold cache).
"""

from __future__ import annotations

import ast as pyast
import re
import shutil
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[2] / "ytxa_rules"

# module → dispatchers (functions or Class.method) that must end in an exhaustive match
DISPATCHERS: dict[str, tuple[str, ...]] = {
    "syntax/unparse.py": ("expr_text",),
    "syntax/formatter.py": ("format_text", "_rule", "_part", "_document", "format_node"),
    "syntax/format_amendments.py": ("_operation", "_declaration", "_target"),
    "tree.py": ("children", "band_lists", "_part_lists", "branch_keys", "max_points", "best_rule"),
    "check/scope.py": ("TypeInference.infer",),
    "check/implication.py": ("literal_bound",),
    "analysis/evaluate.py": ("Evaluator.rule", "Evaluator._part", "Evaluator.value"),
    "compose/operations.py": ("apply", "mark_rule", "branch_or_bands"),
    "compose/conflicts.py": ("keys", "_target_key"),
    "compose/declarations.py": ("declaration_kind",),
    "compose/changes.py": ("change", "_in_rule", "_in_branch_or_bands"),
    "engine/expressions.py": ("ExpressionWriter.expr",),
    "columnar/expressions.py": ("Evaluator.expr",),
    "render/reference.py": ("rule_in_words", "_part"),
    "language/types.py": ("is_numeric", "has_own_literals", "type_key"),
}
ENDINGS = {"assert_never", "refuse_unhandled"}


def _functions(tree: pyast.Module) -> dict[str, pyast.FunctionDef]:
    """Every function by qualified name (`Class.method`, nested functions by their own name)."""
    found: dict[str, pyast.FunctionDef] = {}
    for node in tree.body:
        if isinstance(node, pyast.ClassDef):
            for item in node.body:
                if isinstance(item, pyast.FunctionDef):
                    found[f"{node.name}.{item.name}"] = item
    for inner in pyast.walk(tree):
        if isinstance(inner, pyast.FunctionDef):
            found.setdefault(inner.name, inner)
    return found


def _ends_exhaustively(match: pyast.Match) -> bool:
    last = match.cases[-1]
    if not (isinstance(last.pattern, pyast.MatchAs) and last.pattern.pattern is None and last.pattern.name is None):
        return False
    if len(last.body) != 1 or not isinstance(last.body[0], pyast.Expr) or not isinstance(last.body[0].value, pyast.Call):
        return False
    called = last.body[0].value.func
    name = called.attr if isinstance(called, pyast.Attribute) else getattr(called, "id", "")
    return name in ENDINGS


def _own_matches(function: pyast.FunctionDef) -> list[pyast.Match]:
    """Matches in the function's own body, not in functions nested inside it."""
    found: list[pyast.Match] = []
    todo: list[pyast.AST] = list(function.body)
    while todo:
        node = todo.pop()
        if isinstance(node, (pyast.FunctionDef, pyast.AsyncFunctionDef, pyast.Lambda)):
            continue
        if isinstance(node, pyast.Match):
            found.append(node)
        todo.extend(pyast.iter_child_nodes(node))
    return found


@pytest.mark.parametrize(("module", "name"), [(m, n) for m, names in DISPATCHERS.items() for n in names])
def test_each_stage_dispatcher_ends_in_an_exhaustive_match(module: str, name: str) -> None:
    tree = pyast.parse((PACKAGE / module).read_text(encoding="utf-8"))
    function = _functions(tree).get(name)
    assert function is not None, f"{module}: no function {name}"
    matches = _own_matches(function)
    assert matches, f"{module}:{name} dispatches without a match"
    assert all(_ends_exhaustively(m) for m in matches), f"{module}:{name}: a match does not end in assert_never"


def test_the_binding_strength_table_names_every_expression_node() -> None:
    """`unparse._STRENGTH` is a table for speed; it must still cover the closed union."""
    from typing import get_args

    from ytxa_rules import ast
    from ytxa_rules.syntax.unparse import _STRENGTH

    assert set(_STRENGTH) | {ast.Arith} == set(get_args(ast.Expr))


# Stages whose imports stay inside the language core, so a copy type-checks quickly; the
# expected dispatchers are those that match on `ast.Expr`.
COPIED_STAGES = ("syntax/unparse.py", "tree.py", "check/implication.py", "analysis/evaluate.py", "check/scope.py")
EXPECTED_MISSES = {
    "syntax/unparse.py": 1,  # expr_text
    "tree.py": 1,  # children
    "check/implication.py": 1,  # literal_bound
    "analysis/evaluate.py": 1,  # Evaluator.value
    "check/scope.py": 1,  # TypeInference.infer
}
PROBE = '''

@attrs.frozen
class Probe:
    """A node no stage knows yet."""

    span: Span = _span()
'''


def _imports(path: Path) -> set[str]:
    """Modules of the package that one module imports, as paths relative to the package."""
    found: set[str] = set()
    for node in pyast.walk(pyast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, pyast.ImportFrom) and node.module and node.module.startswith("ytxa_rules"):
            base = node.module.removeprefix("ytxa_rules").lstrip(".").replace(".", "/")
            for alias in node.names:
                for candidate in (f"{base}/{alias.name}.py".lstrip("/"), f"{base}/{alias.name}/__init__.py".lstrip("/"), f"{base}.py"):
                    if (PACKAGE / candidate).is_file():
                        found.add(candidate)
    return found


def _copy_with_probe(target: Path) -> None:
    todo, copied = list(COPIED_STAGES), set()
    while todo:
        module = todo.pop()
        if module in copied:
            continue
        copied.add(module)
        destination = target / "ytxa_rules" / module
        destination.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(PACKAGE / module, destination)
        todo.extend(_imports(PACKAGE / module))
    for folder in [target / "ytxa_rules", *(p for p in (target / "ytxa_rules").rglob("*") if p.is_dir())]:
        (folder / "__init__.py").touch()  # empty where none was copied: the package root's would pull in the whole API
    copied_ast = target / "ytxa_rules" / "ast" / "expressions.py"  # where the `Expr` union is defined
    text = copied_ast.read_text(encoding="utf-8")
    text = text.replace("\n\nExpr = Union[", PROBE + "\n\nExpr = Union[Probe, ", 1)
    assert "Union[Probe, " in text, "ast.Expr is no longer a Union[...] alias: update this test"
    copied_ast.write_text(text, encoding="utf-8")


def test_mypy_names_every_stage_that_forgets_a_new_expression_node(tmp_path: Path) -> None:
    api = pytest.importorskip("mypy.api")
    _copy_with_probe(tmp_path)
    targets = [str(tmp_path / "ytxa_rules" / m) for m in COPIED_STAGES]
    options = ["--python-version", "3.11", "--ignore-missing-imports", "--cache-dir", str(tmp_path / ".mypy_cache")]
    out, err, _ = api.run([*options, *targets])
    misses: dict[str, int] = {}
    for line in out.splitlines():
        found = re.match(r"(.*?):\d+: error: Argument 1 to \"assert_never\" has incompatible type \"Probe\"", line)
        if found:
            module = Path(found.group(1)).resolve().relative_to((tmp_path / "ytxa_rules").resolve()).as_posix()
            misses[module] = misses.get(module, 0) + 1
    assert misses == EXPECTED_MISSES, out + err
