"""Which facts and values are valid on which dates, from the amendments that change them.

The document composed as of the assessment date decides what a station may give; this
module only explains a refusal: a fact that an amendment adds later (F070) or removed
(F071), a value of a `one of` that an amendment removed (F072) or adds later (F073),
naming the amendment and its date instead of a bare "unknown fact" or "not one of".
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from ytxa_rules import ast
from ytxa_rules.compose import applies
from ytxa_rules.diagnostics import Diagnostic


class Validity:
    """Built once per spec from all its amendments, whatever their dates."""

    def __init__(self, base: ast.Document, amendments: Iterable[ast.Amendment]):
        dated = sorted((a for a in amendments if a.effective is not None), key=lambda a: (a.effective, a.id))
        self.amendments: list[ast.Amendment] = dated
        # (fact, value) pairs valid in some version: a removal of anything else explains nothing.
        self.known: set[tuple[str, str]] = {(f.name, v) for f in base.facts for v in f.type.values}
        for amendment in dated:
            for op in amendment.operations:
                if isinstance(op, (ast.AddDeclaration, ast.ReplaceDeclaration)) and isinstance(op.declaration, ast.Fact):
                    self.known.update((op.declaration.name, v) for v in op.declaration.type.values)
                elif isinstance(op, ast.ChangeEnumValues) and op.add:
                    self.known.update((op.fact, v) for v in op.values)

    def explain(self, problems: Sequence[Diagnostic], as_of: datetime.date, facts: Mapping[str, Any]) -> list[Diagnostic]:
        """`problems` with "unknown fact" and "not one of" replaced where a date explains them."""
        chosen = [a for a in self.amendments if applies(a, facts)]
        out = []
        for problem in problems:
            args = problem.arguments
            found = None
            if problem.code == "F004":
                found = self._fact(chosen, str(args.get("name")), as_of)
            elif problem.code == "F008":
                found = self._value(chosen, str(args.get("name")), str(args.get("value")), as_of)
            if found is None:
                out.append(problem)
                continue
            code, amendment = found
            more = {"value": args["value"]} if problem.code == "F008" else {}
            out.append(Diagnostic(code, problem.severity, problem.span, dict(name=args["name"], date=amendment.effective, amendment=amendment.id, as_of=as_of, **more)))
        return out

    def _fact(self, chosen: list[ast.Amendment], name: str, as_of: datetime.date) -> tuple[str, ast.Amendment] | None:
        for amendment in reversed(chosen):
            assert amendment.effective is not None
            for op in amendment.operations:
                if amendment.effective <= as_of and isinstance(op, ast.RemoveDeclaration) and op.kind == "fact" and op.name == name:
                    return ("F071", amendment)
        for amendment in chosen:
            assert amendment.effective is not None
            for op in amendment.operations:
                adds = isinstance(op, ast.AddDeclaration) and isinstance(op.declaration, ast.Fact) and op.declaration.name == name
                if adds and amendment.effective > as_of:
                    return ("F070", amendment)
        return None

    def _value(self, chosen: list[ast.Amendment], name: str, value: str, as_of: datetime.date) -> tuple[str, ast.Amendment] | None:
        if (name, value) not in self.known:
            return None
        for amendment in reversed(chosen):
            assert amendment.effective is not None
            if amendment.effective <= as_of and any(_drops(op, name, value) for op in amendment.operations):
                return ("F072", amendment)
        for amendment in chosen:
            assert amendment.effective is not None
            if amendment.effective > as_of and any(_adds(op, name, value) for op in amendment.operations):
                return ("F073", amendment)
        return None


def _adds(op: ast.Operation, name: str, value: str) -> bool:
    if isinstance(op, ast.ChangeEnumValues):
        return op.add and op.fact == name and value in op.values
    if isinstance(op, (ast.AddDeclaration, ast.ReplaceDeclaration)) and isinstance(op.declaration, ast.Fact):
        return op.declaration.name == name and value in op.declaration.type.values
    return False


def _drops(op: ast.Operation, name: str, value: str) -> bool:
    if isinstance(op, ast.ChangeEnumValues):
        return not op.add and op.fact == name and value in op.values
    if isinstance(op, ast.ReplaceDeclaration) and isinstance(op.declaration, ast.Fact):
        return op.declaration.name == name and value not in op.declaration.type.values
    return isinstance(op, ast.RemoveDeclaration) and op.kind == "fact" and op.name == name
