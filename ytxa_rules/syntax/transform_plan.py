"""Tree-to-AST rules of plan files (`plan "139/KH-UBND"`): header, areas, targets, milestones.

Header fields shared with documents (`title`, `issued`, `effective`, `cite`, `note`) come
from the other transformers as (key, value, span) tuples; only what is new to plans is here.
"""

from __future__ import annotations

from typing import Any

from lark import Token, v_args
from lark.tree import Meta

from ytxa_rules import ast
from ytxa_rules.diagnostics import error
from ytxa_rules.plans import nodes
from ytxa_rules.syntax.transform_base import TransformBase, number_from_text, operator

YEARS = (1900, 2100)


@v_args(meta=True)
class PlanTransform(TransformBase):
    def plan(self, meta: Meta, children: list[Any]) -> nodes.Plan:
        fields: dict[str, Any] = {}
        targets: list[nodes.Target] = []
        spans: dict[str, ast.Span] = {}
        for child in children[1:]:
            if isinstance(child, tuple):
                key, value, span = child
                spans.setdefault(key, span)
                self._single(fields, key, value, span)
            else:
                targets.append(child)
        return nodes.Plan(
            id=self._text(children[0]),
            title=fields.get("title", ""),
            issuer=fields.get("issuer", ""),
            issued=fields.get("issued"),
            effective=fields.get("effective"),
            criteria=fields.get("criteria"),
            areas=fields.get("area", ()),
            cite=fields.get("cite"),
            note=fields.get("note"),
            targets=tuple(targets),
            span=self._span(meta),
            criteria_span=spans.get("criteria", self._span(meta)),
        )

    def plan_issuer(self, meta: Meta, children: list[Any]) -> tuple[str, Any, ast.Span]:
        return ("issuer", self._text(children[0]), self._span(meta))

    def plan_criteria(self, meta: Meta, children: list[Any]) -> tuple[str, Any, ast.Span]:
        return ("criteria", self._text(children[0]), self._span(meta))

    def plan_areas(self, meta: Meta, children: list[Any]) -> tuple[str, Any, ast.Span]:
        return ("area", tuple(children), self._span(meta))

    def plan_area(self, meta: Meta, children: list[Any]) -> nodes.AreaMatch:
        return nodes.AreaMatch(str(children[0]), self._text(children[1]), self._span(meta))

    def plan_target(self, meta: Meta, children: list[Any]) -> nodes.Target:
        number, title, *rest = children
        status: str | None = None
        clauses: dict[str, Any] = {}
        milestones: list[nodes.Milestone] = []
        for child in rest:
            if isinstance(child, str):
                status = child
            elif isinstance(child, tuple):
                key, value, span = child
                self._single(clauses, key, value, span)
            elif isinstance(child, nodes.Milestone):
                milestones.append(child)
            else:
                self._single(clauses, "measure", child, child.span)
        if status is None:  # the status belongs right after the title: point there
            self.diagnostics.append(error("E613", self._span(title), number=str(number)))
        return nodes.Target(
            number=str(number),
            title=self._text(title),
            status=status or "confirmed",
            cite=clauses.get("cite"),
            note=clauses.get("note"),
            measure=clauses.get("measure"),
            milestones=tuple(milestones),
            span=self._span(meta),
        )

    def share_recognised(self, meta: Meta, children: list[Any]) -> nodes.ShareRecognised:
        return nodes.ShareRecognised(self._span(meta))

    def share_where(self, meta: Meta, children: list[Any]) -> nodes.ShareWhere:
        return nodes.ShareWhere(children[0], self._span(meta))

    def pooled(self, meta: Meta, children: list[Any]) -> nodes.Pooled:
        return nodes.Pooled(children[0], self._span(meta))

    def plan_milestone(self, meta: Meta, children: list[Any]) -> nodes.Milestone:
        op_token, percent, year_token, *described = children
        threshold = number_from_text(str(percent))
        threshold = ast.Number(threshold.value, True, threshold.text, self._span(percent))
        year = self._year(year_token)
        description = self._text(described[0]) if described and isinstance(described[0], Token) else ""
        return nodes.Milestone(operator(op_token), threshold, year, description, self._span(meta))

    def _year(self, token: Token) -> int:
        text = str(token)
        if not (text.isascii() and text.isdigit()) or not YEARS[0] <= int(text) <= YEARS[1]:
            self.diagnostics.append(error("E609", self._span(token), text=text, low=YEARS[0], high=YEARS[1]))
            return 0
        return int(text)
