"""A Pygments lexer for the criteria language, so spec code is coloured in the docs.

Registered as the `ytxa` lexer through the `pygments.lexers` entry point; Pygments is
only needed by whoever highlights (the docs site), not by the engine.
"""

from __future__ import annotations

from typing import ClassVar

from pygments.lexer import RegexLexer, bygroups, words
from pygments.token import Comment, Keyword, Name, Number, Operator, Punctuation, String, Text, Whitespace

from ytxa_rules.language.functions import FUNCTIONS as BUILT_IN
from ytxa_rules.language.kinds import KINDS

STRUCTURE = (
    "document", "amendment", "title", "issued", "effective", "total", "assessment", "year", "uses", "as",
    "amends", "corrects", "reason", "fact", "value", "table", "by", "criterion", "indicator", "max", "cite",
    "note", "not", "applicable", "when", "points", "case", "else", "sum", "part", "otherwise", "recognition",
    "require", "every", "of", "no", "knockout", "failed", "change", "to", "replace", "rule", "add", "remove",
    "entry", "band", "comparison", "operator", "threshold", "condition", "status", "not_applicable", "optional",
)
TYPES = (*(k for k in KINDS if k != "enum"), "one")  # from the registry (`one of` for enum)
STATUS = ("confirmed", "provisional", "unknown")
LOGIC = ("and", "or", "in", "yes")
FUNCTIONS = tuple(BUILT_IN)  # from the registry: a new function is coloured at once


class YtxaLexer(RegexLexer):
    name = "ytxa"
    aliases: ClassVar[list[str]] = ["ytxa", "ytxa-rules"]
    filenames: ClassVar[list[str]] = ["*.ytxa"]
    mimetypes: ClassVar[list[str]] = ["text/x-ytxa"]

    tokens: ClassVar[dict[str, list]] = {  # type: ignore[type-arg]
        "root": [
            (r"\s+", Whitespace),
            (r"#.*$", Comment.Single),
            (r'"[^"\n]*"', String.Double),
            (r"\d{4}-\d{2}-\d{2}", Number.Other),
            (r"\d+(\.\d+)?%", Number.Float),
            (r"\d+(\.\d+)?", Number),
            (r"(fact|value|table)(\s+)([^\W\d]\w*)", bygroups(Keyword.Declaration, Whitespace, Name.Variable)),
            (words(FUNCTIONS, suffix=r"(?=\()"), Name.Builtin),
            (words(STATUS, suffix=r"\b"), Keyword.Constant),
            (words(TYPES, suffix=r"\b"), Keyword.Type),
            (words(LOGIC, suffix=r"\b"), Operator.Word),
            (words(STRUCTURE, suffix=r"\b"), Keyword),
            (r">=|<=|!=|[≥≤≠=<>+\-*/×÷]", Operator),
            (r"[():,.]", Punctuation),
            (r"[^\W\d]\w*", Name),
            (r".", Text),
        ]
    }
