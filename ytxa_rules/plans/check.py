"""Static checks of a plan file against the criteria document it names.

Every finding is located in the plan file. Names and types inside `share where` and
`pooled` are checked by the criteria checker's own type inference, so a plan reads a
station's facts exactly as the criteria document declares them.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping

from ytxa_rules import ast
from ytxa_rules.check.scope import Scope, TypeInference
from ytxa_rules.diagnostics import Diagnostic, error
from ytxa_rules.errors import YtxaError
from ytxa_rules.language.types import COUNT, DECIMAL, ERROR, NUMBER
from ytxa_rules.library import Library
from ytxa_rules.plans import nodes
from ytxa_rules.tree import walk

MILESTONE_OPS = (">=", ">", "<=", "<")
POOLABLE = (COUNT, DECIMAL, NUMBER)  # a pooled rate sums its operands over stations


def check_plan(plan: nodes.Plan, documents: Mapping[str, ast.Document]) -> list[Diagnostic]:
    """All findings for `plan`; `documents` are the criteria documents it may name (composed)."""
    found: list[Diagnostic] = []
    document = None
    if plan.criteria is None:
        found.append(error("E600", plan.span, plan=plan.id))
    elif plan.criteria not in documents:
        found.append(error("E601", plan.criteria_span, document=plan.criteria, known=", ".join(sorted(documents)) or "—"))
    else:
        document = documents[plan.criteria]
    if plan.issued and plan.effective and plan.issued > plan.effective:
        found.append(error("E111", plan.span, issued=plan.issued, effective=plan.effective))
    scope = Scope.of(document) if document is not None else None
    if scope is not None:
        found.extend(_areas(plan, scope))
    numbers: set[str] = set()
    for target in plan.targets:
        if target.number in numbers:
            found.append(error("E612", target.span, number=target.number))
        numbers.add(target.number)
        found.extend(_target(plan, target, scope))
    return sorted(dict.fromkeys(found), key=lambda d: (d.span.line, d.span.column, d.code) if d.span else (0, 0, d.code))


def _areas(plan: nodes.Plan, scope: Scope) -> Iterator[Diagnostic]:
    for area in plan.areas:
        fact = scope.facts.get(area.fact)
        if fact is None or fact.type.kind not in ("text", "enum"):
            yield error("E611", area.span, name=area.fact, document=scope.document.id)


def _target(plan: nodes.Plan, target: nodes.Target, scope: Scope | None) -> Iterator[Diagnostic]:
    if target.cite is None:
        yield error("E602", target.span, number=target.number)
    if target.measure is None:
        yield error("E603", target.span, number=target.number)
    if not target.milestones:
        yield error("E604", target.span, number=target.number)
    share = isinstance(target.measure, (nodes.ShareRecognised, nodes.ShareWhere))
    years: set[int] = set()
    for milestone in target.milestones:
        if milestone.op not in MILESTONE_OPS:
            yield error("E608", milestone.span, op=milestone.op)
        threshold = milestone.threshold
        if share and threshold.value > 100:
            yield error("E606", threshold.span, text=threshold.text)
        elif share and threshold.value == 100 and milestone.op == ">":
            yield error("E607", threshold.span, op=milestone.op, text=threshold.text)
        if milestone.year:
            if milestone.year in years:
                yield error("E605", milestone.span, number=target.number, year=milestone.year)
            years.add(milestone.year)
            if plan.issued is not None and milestone.year < plan.issued.year:
                yield error("E614", milestone.span, year=milestone.year, issued=plan.issued.isoformat())
    if scope is not None and target.measure is not None:
        yield from _measure(target.measure, scope)


def _measure(measure: nodes.Measure, scope: Scope) -> Iterator[Diagnostic]:
    inference = TypeInference(scope)
    if isinstance(measure, nodes.ShareWhere):
        yield from _qualified(measure.condition)
        inference.expect_bool(measure.condition)
    elif isinstance(measure, nodes.Pooled):
        yield from _qualified(measure.rate)
        operands = pooled_operands(measure, scope)
        if operands is None:
            inference.infer(measure.rate)  # an unknown name says so first
            if not inference.diagnostics:
                yield error("E610", measure.span)
        else:
            kinds = [inference.infer(o) for o in operands]
            if not inference.diagnostics and any(k not in POOLABLE and k != ERROR for k in kinds):
                yield error("E610", measure.span)
    yield from inference.diagnostics


def _qualified(expr: ast.Expr) -> Iterator[Diagnostic]:
    for node in walk(expr):
        if isinstance(node, ast.QualifiedRef):
            yield error("E616", node.span, alias=node.alias, name=node.name)


def pooled_operands(measure: nodes.Pooled, scope: Scope) -> tuple[ast.Expr, ast.Expr] | None:
    """(numerator, denominator) of a pooled rate: `rate(a, b)` or a value defined as one."""
    expr = measure.rate
    if isinstance(expr, ast.Ref) and expr.name in scope.values:
        expr = scope.values[expr.name].expr
    if isinstance(expr, ast.Call) and expr.function == "rate" and len(expr.args) == 2:
        return expr.args[0], expr.args[1]
    return None


def criteria_documents(library: Library) -> dict[str, ast.Document]:
    """Each criteria document of `library` as composed with all its amendments (for checks)."""
    from ytxa_rules.api import Spec

    out: dict[str, ast.Document] = {}
    for document_id in library.documents:
        spec = Spec(library, document_id)
        dates = [a.effective for a in spec.amendments if a.effective is not None]
        if spec.document.effective is not None:
            dates.append(spec.document.effective)
        try:
            out[document_id] = spec.composed(max(dates)) if dates else spec.document
        except YtxaError:  # reported by the document's own checks
            out[document_id] = spec.document
    return out


def check_plans(library: Library) -> list[Diagnostic]:
    """Findings for every plan of `library`, in file order."""
    if not library.plans:
        return []
    documents = criteria_documents(library)
    found: list[Diagnostic] = []
    for source in sorted(library.plans.values(), key=lambda s: s.path):
        assert isinstance(source.tree, nodes.Plan)
        found.extend(check_plan(source.tree, documents))
    return found
