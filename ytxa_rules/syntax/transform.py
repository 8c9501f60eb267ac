"""Turn Lark's parse tree into the frozen AST of `ytxa_rules.ast` (documents and expressions;
amendment rules live in `transform_amendments`, shared helpers in `transform_base`)."""

from __future__ import annotations

from typing import Any

from lark import Token, v_args
from lark.tree import Meta

from ytxa_rules import ast
from ytxa_rules.diagnostics import error
from ytxa_rules.syntax.transform_amendments import AmendmentTransform
from ytxa_rules.syntax.transform_base import Marker, number_from_text, operator
from ytxa_rules.syntax.transform_plan import PlanTransform


@v_args(meta=True)
class ToAst(AmendmentTransform, PlanTransform):
    """The whole transformer (each class's `v_args` wraps the rules it defines)."""

    # ------------------------------------------------------------ document
    def start(self, meta: Meta, children: list[Any]) -> Any:
        return children[0]

    def document(self, meta: Meta, children: list[Any]) -> ast.Document:
        doc_id = self._text(children[0])
        fields: dict[str, Any] = {}
        uses: list[ast.Use] = []
        facts: list[ast.Fact] = []
        values: list[ast.Value] = []
        tables: list[ast.Table] = []
        criteria: list[ast.Criterion] = []
        recognitions: list[ast.Recognition] = []
        for child in children[1:]:
            if isinstance(child, tuple):
                key, value, span = child
                if key == "uses":
                    uses.append(value)
                else:
                    self._single(fields, key, value, span)
            elif isinstance(child, ast.Fact):
                facts.append(child)
            elif isinstance(child, ast.Value):
                values.append(child)
            elif isinstance(child, ast.Table):
                tables.append(child)
            elif isinstance(child, ast.Criterion):
                criteria.append(child)
            elif isinstance(child, ast.Recognition):
                recognitions.append(child)
        for extra in recognitions[1:]:
            self.diagnostics.append(error("E105", extra.span, clause="recognition"))
        return ast.Document(
            id=doc_id,
            title=fields.get("title", ""),
            issued=fields.get("issued"),
            effective=fields.get("effective"),
            total=fields.get("total"),
            assessment_year=fields.get("assessment_year"),
            uses=tuple(uses),
            facts=tuple(facts),
            values=tuple(values),
            tables=tuple(tables),
            criteria=tuple(criteria),
            recognition=recognitions[0] if recognitions else None,
            span=self._span(meta),
            replaces=fields.get("replaces"),
            carries=fields.get("carries", ()),
            drops=fields.get("drops", ()),
            expires=fields.get("expires"),
        )

    def title(self, meta: Meta, children: list[Any]) -> tuple[str, Any, ast.Span]:
        return ("title", self._text(children[0]), self._span(meta))

    def issued(self, meta: Meta, children: list[Any]) -> tuple[str, Any, ast.Span]:
        return ("issued", self._date(children[0]), self._span(meta))

    def effective(self, meta: Meta, children: list[Any]) -> tuple[str, Any, ast.Span]:
        return ("effective", self._date(children[0]), self._span(meta))

    def total(self, meta: Meta, children: list[Any]) -> tuple[str, Any, ast.Span]:
        return ("total", self._number(children[0]), self._span(meta))

    def replaces(self, meta: Meta, children: list[Any]) -> tuple[str, Any, ast.Span]:
        start = self._date(children[1])
        succession = ast.Succession(self._text(children[0]), start, self._span(meta)) if start else None
        return ("replaces", succession, self._span(meta))

    def carries(self, meta: Meta, children: list[Any]) -> tuple[str, Any, ast.Span]:
        return ("carries", tuple(self._text(c) for c in children), self._span(meta))

    def drops(self, meta: Meta, children: list[Any]) -> tuple[str, Any, ast.Span]:
        return ("drops", tuple(self._text(c) for c in children), self._span(meta))

    def expires(self, meta: Meta, children: list[Any]) -> tuple[str, Any, ast.Span]:
        return ("expires", self._date(children[0]), self._span(meta))

    def assessment_year(self, meta: Meta, children: list[Any]) -> tuple[str, Any, ast.Span]:
        return ("assessment_year", str(children[0]), self._span(meta))

    def uses(self, meta: Meta, children: list[Any]) -> tuple[str, Any, ast.Span]:
        use = ast.Use(self._text(children[0]), str(children[1]), self._span(meta))
        return ("uses", use, self._span(meta))

    # ------------------------------------------------------------ declarations
    def fact(self, meta: Meta, children: list[Any]) -> ast.Fact:
        name, fact_type, *rest = children
        bounds = tuple(c for c in rest if isinstance(c, ast.Bound))
        optional = any(isinstance(c, Marker) and c.name == "optional" for c in rest)
        description = next((self._text(c) for c in rest if isinstance(c, Token)), "")
        return ast.Fact(str(name), fact_type, bounds, optional, description, self._span(meta))

    def kind(self, meta: Meta, children: list[Any]) -> str:
        return str(children[0])  # the keyword: a kind's name (`!kind` keeps it)

    def t_kind(self, meta: Meta, children: list[Any]) -> ast.FactType:
        return ast.FactType(children[0])

    def t_enum(self, meta: Meta, children: list[Any]) -> ast.FactType:
        return ast.FactType("enum", tuple(children))

    def enum_value(self, meta: Meta, children: list[Any]) -> str:
        return str(children[0])

    def bound(self, meta: Meta, children: list[Any]) -> ast.Bound:
        op = operator(children[0])
        if op not in (">=", "<="):
            self.diagnostics.append(error("E114", self._span(children[0]), op=op))
        return ast.Bound(op, children[1], self._span(meta))

    def optional(self, meta: Meta, children: list[Any]) -> Marker:
        return Marker("optional", self._span(meta))

    def value(self, meta: Meta, children: list[Any]) -> ast.Value:
        description = self._text(children[2]) if len(children) > 2 else ""
        return ast.Value(str(children[0]), children[1], description, self._span(meta))

    def table(self, meta: Meta, children: list[Any]) -> ast.Table:
        name, keys, *rest = children
        description = ""
        if rest and isinstance(rest[0], Token):
            description = self._text(rest.pop(0))
        second = keys[1] if len(keys) > 1 else None
        return ast.Table(str(name), keys[0], description, tuple(rest), self._span(meta), second_key=second)

    def table_keys(self, meta: Meta, children: list[Any]) -> tuple[str, ...]:
        return tuple(str(c) for c in children)

    def entry_key(self, meta: Meta, children: list[Any]) -> tuple[str, ...]:
        return tuple(children)

    def table_entry(self, meta: Meta, children: list[Any]) -> ast.TableEntry:
        keys, value, *status = children
        number = None if isinstance(value, Marker) else value
        second = keys[1] if len(keys) > 1 else None
        return ast.TableEntry(keys[0], number, status[0] if status else None, self._span(meta), second=second)

    def unknown(self, meta: Meta, children: list[Any]) -> Marker:
        return Marker("unknown", self._span(meta))

    # ------------------------------------------------------------ criteria
    def criterion(self, meta: Meta, children: list[Any]) -> ast.Criterion:
        number, title, maximum, *indicators = children
        return ast.Criterion(
            self._whole(number),
            self._text(title),
            self._number(maximum),
            tuple(indicators),
            self._span(meta),
        )

    def indicator(self, meta: Meta, children: list[Any]) -> ast.Indicator:
        number, title, maximum, *rest = children
        status = "confirmed"
        status_given = False
        knockout = False
        clauses: dict[str, Any] = {}
        for child in rest:
            if isinstance(child, str):
                status, status_given = child, True
            elif isinstance(child, Marker):
                knockout = True
            elif isinstance(child, tuple):
                key, value, span = child
                self._single(clauses, key, value, span)
            else:
                self._single(clauses, "points", child, child.span)
        if not status_given:  # the status belongs right after the maximum: point there
            self.diagnostics.append(error("E106", self._span(maximum), number=str(number)))
        return ast.Indicator(
            number=str(number),
            title=self._text(title),
            max=self._number(maximum),
            status=status,
            knockout=knockout,
            cite=clauses.get("cite"),
            note=clauses.get("note"),
            not_applicable=clauses.get("not applicable"),
            rule=clauses.get("points"),
            span=self._span(meta),
        )

    def status(self, meta: Meta, children: list[Any]) -> str:
        return str(children[0])

    def knockout(self, meta: Meta, children: list[Any]) -> Marker:
        return Marker("knockout", self._span(meta))

    def cite(self, meta: Meta, children: list[Any]) -> tuple[str, Any, ast.Span]:
        return ("cite", self._text(children[0]), self._span(meta))

    def note(self, meta: Meta, children: list[Any]) -> tuple[str, Any, ast.Span]:
        return ("note", self._text(children[0]), self._span(meta))

    def not_applicable(self, meta: Meta, children: list[Any]) -> tuple[str, Any, ast.Span]:
        return ("not applicable", children[0], self._span(meta))

    def banded(self, meta: Meta, children: list[Any]) -> ast.Bands:
        bands: ast.Bands = children[0]
        return ast.Bands(bands.bands, self._span(meta))

    def branched(self, meta: Meta, children: list[Any]) -> ast.Branch:
        branch: ast.Branch = children[0]
        return ast.Branch(branch.key, branch.cases, branch.otherwise, self._span(meta))

    def summed(self, meta: Meta, children: list[Any]) -> ast.Sum:
        return ast.Sum(tuple(children), self._span(meta))

    def bands(self, meta: Meta, children: list[Any]) -> ast.Bands:
        return ast.Bands(tuple(children), self._span(meta))

    def band(self, meta: Meta, children: list[Any]) -> ast.Band:
        return ast.Band(number_from_text(str(children[0])), children[1], self._span(meta))

    def otherwise(self, meta: Meta, children: list[Any]) -> ast.Band:
        return ast.Band(number_from_text(str(children[0])), None, self._span(meta))

    def branch(self, meta: Meta, children: list[Any]) -> ast.Branch:
        key, *cases = children
        otherwise = None
        if cases and isinstance(cases[-1], ast.Bands):
            otherwise = cases.pop()
        return ast.Branch(str(key), tuple(cases), otherwise, self._span(meta))

    def case(self, meta: Meta, children: list[Any]) -> ast.Case:
        *keys, bands = children
        return ast.Case(tuple(keys), bands, self._span(meta))

    def else_case(self, meta: Meta, children: list[Any]) -> ast.Bands:
        bands: ast.Bands = children[0]
        return bands

    def part(self, meta: Meta, children: list[Any]) -> ast.Part:
        title = self._text(children[0]) if isinstance(children[0], Token) else ""
        not_applicable = next((c[1] for c in children[:-1] if isinstance(c, tuple)), None)
        return ast.Part(title, children[-1], self._span(meta), not_applicable)

    def part_not_applicable(self, meta: Meta, children: list[Any]) -> tuple[str, Any]:
        return ("not applicable", children[0])

    # ------------------------------------------------------------ recognition
    def recognition(self, meta: Meta, children: list[Any]) -> ast.Recognition:
        title = ""
        rest = list(children)
        if rest and isinstance(rest[0], Token):
            title = self._text(rest.pop(0))
        clauses: dict[str, Any] = {}
        requirements = []
        for child in rest:
            if isinstance(child, tuple):
                key, value, span = child
                self._single(clauses, key, value, span)
            else:
                requirements.append(child)
        return ast.Recognition(
            title, clauses.get("cite"), clauses.get("note"), tuple(requirements), self._span(meta)
        )

    def require(self, meta: Meta, children: list[Any]) -> ast.Requirement:
        requirement: ast.Requirement = children[0]
        description = self._text(children[1]) if len(children) > 1 else ""
        return ast.Requirement(
            requirement.kind,
            requirement.op,
            requirement.amount,
            requirement.criterion,
            description,
            self._span(meta),
        )

    def req_total(self, meta: Meta, children: list[Any]) -> ast.Requirement:
        return ast.Requirement("total", operator(children[0]), children[1])

    def req_every_criterion(self, meta: Meta, children: list[Any]) -> ast.Requirement:
        return ast.Requirement("every_criterion", operator(children[0]), children[1])

    def req_criterion(self, meta: Meta, children: list[Any]) -> ast.Requirement:
        return ast.Requirement(
            "criterion", operator(children[1]), children[2], criterion=self._whole(children[0])
        )

    def req_no_knockout(self, meta: Meta, children: list[Any]) -> ast.Requirement:
        return ast.Requirement("no_knockout")

    def share_of_max(self, meta: Meta, children: list[Any]) -> ast.Amount:
        number = number_from_text(str(children[0]))
        return ast.Amount(number.value, None, number.text)

    def points_amount(self, meta: Meta, children: list[Any]) -> ast.Amount:
        number = number_from_text(str(children[0]))
        return ast.Amount(None, number.value, number.text)

    # ------------------------------------------------------------ expressions
    def or_(self, meta: Meta, children: list[Any]) -> ast.Or:
        left, right = children
        operands = left.operands if isinstance(left, ast.Or) else (left,)
        return ast.Or((*operands, right), self._span(meta))

    def and_(self, meta: Meta, children: list[Any]) -> ast.And:
        left, right = children
        operands = left.operands if isinstance(left, ast.And) else (left,)
        return ast.And((*operands, right), self._span(meta))

    def not_(self, meta: Meta, children: list[Any]) -> ast.Not:
        return ast.Not(children[0], self._span(meta))

    def compare(self, meta: Meta, children: list[Any]) -> ast.Compare:
        return ast.Compare(operator(children[1]), children[0], children[2], self._span(meta))

    def in_(self, meta: Meta, children: list[Any]) -> ast.In:
        return ast.In(children[0], tuple(children[1:]), self._span(meta))

    def not_in(self, meta: Meta, children: list[Any]) -> ast.Not:
        # `x not in (a, b)` is `not (x in (a, b))`: one node kind for the checker and engine.
        span = self._span(meta)
        return ast.Not(ast.In(children[0], tuple(children[1:]), span), span)

    def arith(self, meta: Meta, children: list[Any]) -> ast.Arith:
        return ast.Arith(operator(children[1]), children[0], children[2], self._span(meta))

    def neg(self, meta: Meta, children: list[Any]) -> ast.Neg:
        return ast.Neg(children[0], self._span(meta))

    def yes(self, meta: Meta, children: list[Any]) -> ast.Bool:
        return ast.Bool(True, self._span(meta))

    def no(self, meta: Meta, children: list[Any]) -> ast.Bool:
        return ast.Bool(False, self._span(meta))

    def ref(self, meta: Meta, children: list[Any]) -> ast.Ref:
        return ast.Ref(str(children[0]), self._span(meta))

    def qualified_ref(self, meta: Meta, children: list[Any]) -> ast.QualifiedRef:
        return ast.QualifiedRef(str(children[0]), str(children[1]), self._span(meta))

    def call(self, meta: Meta, children: list[Any]) -> ast.Call:
        args = tuple(c for c in children[1:] if c is not None)
        return ast.Call(str(children[0]), args, self._span(meta))

    def date_literal(self, meta: Meta, children: list[Any]) -> ast.DateLiteral | ast.Bool:
        value = self._date(children[0])  # E104 for a day that does not exist
        if value is None:
            return ast.Bool(False, self._span(meta))  # reported; stands in so the rest is checked
        return ast.DateLiteral(value, self._span(meta))

    def number(self, meta: Meta, children: list[Any]) -> ast.Number:
        number = number_from_text(str(children[0]))
        return ast.Number(number.value, number.percent, number.text, self._span(meta))
