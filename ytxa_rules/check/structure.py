"""Checks that every indicator is complete (citation, rule) and the recognition rule is sound."""

from __future__ import annotations

from collections.abc import Iterator

from ytxa_rules import ast
from ytxa_rules.diagnostics import Diagnostic, error


def check_indicator(indicator: ast.Indicator) -> Iterator[Diagnostic]:
    if not indicator.cite:
        yield error("E406", indicator.span, number=indicator.number)
    if indicator.rule is None:
        yield error("E405", indicator.span, number=indicator.number)


def check_recognition(doc: ast.Document) -> Iterator[Diagnostic]:
    recognition = doc.recognition
    if recognition is None:
        yield error("E408", doc.span)
        return
    if not recognition.cite:
        yield error("E411", recognition.span)
    numbers = {c.number for c in doc.criteria}
    for requirement in recognition.requirements:
        if requirement.kind == "criterion" and requirement.criterion not in numbers:
            yield error("E409", requirement.span, number=requirement.criterion)
        amount = requirement.amount
        if amount is not None and amount.share is not None and not 0 <= amount.share <= 100:
            yield error("E412", requirement.span, text=amount.text)
