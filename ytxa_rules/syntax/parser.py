"""Parse spec text into the AST, or fail with located, plain-words diagnostics.

The grammar lives in `grammar`, the wording of parse errors in `diagnose`; this module
only runs them and keeps every failure a `SpecError` (never a Lark exception).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from ytxa_rules import ast
from ytxa_rules.diagnostics import Diagnostic, error
from ytxa_rules.errors import SpecError
from ytxa_rules.limits import MAX_NESTING_DEPTH
from ytxa_rules.plans.nodes import Plan
from ytxa_rules.spec_files import read_spec_file
from ytxa_rules.syntax import tree_cache

if TYPE_CHECKING:
    from lark import Tree

    from ytxa_rules.syntax.tokens import TokenRefused

__all__ = ["keywords", "parse_file", "parse_text"]

BOM = "\ufeff"




def keywords() -> frozenset[str]:
    """Every reserved word of the language (see `grammar.keywords`)."""
    from ytxa_rules.syntax.grammar import keywords as grammar_keywords

    return grammar_keywords()


def _too_deep(tree: Tree) -> tuple[int, int] | None:
    """Where the parse tree nests deeper than MAX_NESTING_DEPTH (walked without recursion)."""
    from lark import Tree

    stack: list[tuple[Tree, int]] = [(tree, 0)]
    while stack:
        node, depth = stack.pop()
        if depth > MAX_NESTING_DEPTH:
            meta = node.meta
            return (getattr(meta, "line", 1), getattr(meta, "column", 1))
        stack.extend((child, depth + 1) for child in node.children if isinstance(child, Tree))
    return None


def _refused(refused: TokenRefused, filename: str) -> Diagnostic:
    token = refused.token
    span = ast.Span(filename, token.line or 0, token.column or 0, token.end_line or 0, token.end_column or 0)
    return error(refused.code, span, **refused.args_)


def parse_text(text: str, filename: str = "<spec>") -> ast.Document | ast.Amendment | Plan:
    """Parse one spec file's text. Raises `SpecError` with every located problem.

    A built-in spec file parsed before without a problem comes from the cache of trees
    (`tree_cache`): Lark is not even imported then.
    """
    if not tree_cache.kept(filename):
        return _parse(text, filename)
    cached = tree_cache.load(text, filename)
    if cached is not None:
        return cached  # type: ignore[no-any-return]
    result = _parse(text, filename)
    tree_cache.save(text, filename, result)
    return result


def _parse(text: str, filename: str) -> ast.Document | ast.Amendment | Plan:
    from lark.exceptions import UnexpectedInput, VisitError

    from ytxa_rules.syntax.diagnose import syntax_diagnostic
    from ytxa_rules.syntax.grammar import lark
    from ytxa_rules.syntax.tokens import TokenRefused
    from ytxa_rules.syntax.transform import ToAst

    sources = {filename: text}
    if text.startswith(BOM):  # Windows editors save one; it is invisible, so never an error
        text = text[len(BOM) :]
    try:
        tree = lark().parse(text)
    except UnexpectedInput as exc:
        raise SpecError([syntax_diagnostic(exc, text, filename)], sources) from None
    except TokenRefused as refused:
        raise SpecError([_refused(refused, filename)], sources) from None
    deep = _too_deep(tree)
    if deep is not None:
        line, column = deep
        raise SpecError([error("E113", ast.Span(filename, line, column, line, column + 1), limit=MAX_NESTING_DEPTH)], sources)
    transformer = ToAst(filename)
    try:
        result = transformer.transform(tree)
    except VisitError as exc:  # a bug of ours, never the editor's: keep it loud
        raise exc.orig_exc from exc
    if transformer.diagnostics:
        raise SpecError(transformer.diagnostics, sources)
    assert isinstance(result, (ast.Document, ast.Amendment, Plan))
    return result


def parse_file(path: str | Path) -> ast.Document | ast.Amendment | Plan:
    """Read a UTF-8 spec file and parse it; unreadable files are `SpecError`s too."""
    return parse_text(read_spec_file(path), str(path))
