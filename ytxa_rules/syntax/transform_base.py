"""Shared helpers of the tree-to-AST transformers: spans, strings, dates, numbers.

Structural mistakes the grammar lets through on purpose (a clause given twice, an
impossible date) are collected as diagnostics here rather than raised one at a time,
so the editor sees them all in one run.
"""

from __future__ import annotations

import datetime
from decimal import Decimal
from fractions import Fraction
from typing import Any

from lark import Token, Transformer
from lark.tree import Meta

from ytxa_rules import ast
from ytxa_rules.diagnostics import Diagnostic, error

OPERATOR_ALIASES = {"≥": ">=", "≤": "<=", "≠": "!=", "×": "*", "÷": "/"}


def operator(token: Token | str) -> str:
    text = str(token)
    return OPERATOR_ALIASES.get(text, text)


def number_from_text(text: str) -> ast.Number:
    percent = text.endswith("%")
    digits = text[:-1] if percent else text
    return ast.Number(Fraction(Decimal(digits)), percent, text)


class Marker:
    """A keyword with no value of its own (`optional`, `knockout`, `unknown`)."""

    def __init__(self, name: str, span: ast.Span):
        self.name = name
        self.span = span



class TransformBase(Transformer[Token, Any]):
    def __init__(self, filename: str):
        super().__init__()
        self.filename = filename
        self.diagnostics: list[Diagnostic] = []

    # ------------------------------------------------------------ helpers
    def _span(self, meta: Meta | Token) -> ast.Span:
        if isinstance(meta, Token):
            return ast.Span(
                self.filename,
                meta.line or 0,
                meta.column or 0,
                meta.end_line or 0,
                meta.end_column or 0,
            )
        if getattr(meta, "empty", True):
            return ast.Span(self.filename, 0, 0, 0, 0)
        return ast.Span(self.filename, meta.line, meta.column, meta.end_line, meta.end_column)

    @staticmethod
    def _text(token: Token) -> str:
        return str(token)[1:-1]

    def _date(self, token: Token) -> datetime.date | None:
        try:
            return datetime.date.fromisoformat(str(token))
        except ValueError:
            self.diagnostics.append(error("E104", self._span(token), text=str(token)))
            return None

    def _number(self, token: Token) -> ast.Number:
        """A number that keeps where it was written (a `max` or `total` a checker may point at)."""
        number = number_from_text(str(token))
        return ast.Number(number.value, number.percent, number.text, self._span(token))

    def _whole(self, token: Token) -> int:
        text = str(token)
        if not text.isdigit():
            self.diagnostics.append(error("E108", self._span(token), text=text))
            return 0
        return int(text)

    def _single(self, fields: dict[str, Any], key: str, value: Any, span: ast.Span) -> None:
        if key in fields:
            self.diagnostics.append(error("E105", span, clause=key))
        else:
            fields[key] = value

