"""Small pieces of explanation text shared by the summary, the trace lines and the HTML view:
conditions read aloud, values, descriptions, amendment provenance, places in a rule."""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable
from typing import Any

from ytxa_rules import ast
from ytxa_rules.messages.explain import text
from ytxa_rules.render.escape import one_line
from ytxa_rules.render.numbers import number

OPS = {">=": "≥", "<=": "≤", "!=": "≠", "=": "=", ">": ">", "<": "<"}
_WORDS = {
    "vi": {"and": "và", "or": "hoặc", "not": "không", "in": "thuộc", "yes": "có", "no": "không có"},
    "en": {},
}
_KEYWORD = re.compile(r"\b(and|or|not|in|yes|no)\b")
_SYMBOL = re.compile(r">=|<=|!=")
_DECIMAL = re.compile(r"\b(\d+)\.(\d+)\b")
_PERCENT = re.compile(r"(\d)%")


@functools.lru_cache(maxsize=4096)  # conditions are the spec's: the same few hundred texts
def condition_text(expression: str, lang: str) -> str:
    """A condition from the spec, for reading aloud: ≥ ≤ ≠, "và/hoặc/không" in Vietnamese."""
    words = _WORDS[lang]
    text_ = _KEYWORD.sub(lambda m: words.get(m.group(1), m.group(1)), expression)
    text_ = _SYMBOL.sub(lambda m: OPS[m.group(0)], text_)
    if lang == "vi":
        text_ = _DECIMAL.sub(r"\1,\2", text_)
    return _PERCENT.sub(r"\1 %", text_)


def value_text(value: Any, lang: str, percent: bool = False) -> str:
    """A fact's or a computed value: yes/no, a text on one line, or a number."""
    if isinstance(value, bool):
        return text("yes" if value else "no", lang)
    if isinstance(value, str):  # a text fact: one line, whatever the file holds
        return one_line(value)
    return number(value, lang, percent=percent)


def amended(refs: Iterable[ast.AmendmentRef], lang: str) -> str:
    """" [theo 1453/QĐ-BYT, đính chính …: …]" for each amendment that changed the part shown."""
    out = []
    for ref in dict.fromkeys(refs):
        verb = text("verb.corrects" if ref.corrects else "verb.amends", lang)
        out.append(text("by_amendment", lang, id=ref.id, verb=verb, target=ref.target, reason=ref.reason))
    return "".join(out)


def description(description: str) -> str:
    return f" ({description})" if description else ""


def place(where: str, lang: str) -> str:
    """"part 2 case 1, 2" in the reader's language: "phần 2 trường hợp 1, 2"."""
    return " ".join(text(f"word.{w}", lang) if w in ("case", "part", "else") else w for w in where.split(" "))


def derived_kind(formula: str, operands: int) -> str:
    """The message a derived value is explained with: its formula's, if its operands fit it."""
    if formula == "rate" and operands == 2:
        return "value.rate"
    if formula == "divide" and operands == 3:
        return "value.divide"
    if formula == "count":
        return "value.count"
    return "expr"
