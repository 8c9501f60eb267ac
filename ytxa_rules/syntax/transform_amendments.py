"""Tree-to-AST rules of amendment files: header fields, targets, operations."""

from __future__ import annotations

import unicodedata
from typing import Any

from lark import v_args
from lark.tree import Meta

from ytxa_rules import ast
from ytxa_rules.diagnostics import error
from ytxa_rules.syntax.transform_base import TransformBase, operator


@v_args(meta=True)
class AmendmentTransform(TransformBase):
    def amends(self, meta: Meta, children: list[Any]) -> tuple[str, Any, ast.Span]:
        return ("amends", self._text(children[0]), self._span(meta))

    def corrects(self, meta: Meta, children: list[Any]) -> tuple[str, Any, ast.Span]:
        return ("corrects", self._text(children[0]), self._span(meta))

    def reason(self, meta: Meta, children: list[Any]) -> tuple[str, Any, ast.Span]:
        return ("reason", self._text(children[0]), self._span(meta))

    def applies_to(self, meta: Meta, children: list[Any]) -> tuple[str, Any, ast.Span]:
        text = unicodedata.normalize("NFC", self._text(children[1]))
        return ("applies to", (unicodedata.normalize("NFC", str(children[0])), text), self._span(meta))

    # ------------------------------------------------------------ amendments
    def amendment(self, meta: Meta, children: list[Any]) -> ast.Amendment:
        fields: dict[str, Any] = {}
        operations = []
        for child in children[1:]:
            if isinstance(child, tuple):
                key, value, span = child
                self._single(fields, key, value, span)
            else:
                operations.append(child)
        if "amends" in fields and "corrects" in fields:
            self.diagnostics.append(error("E107", self._span(meta)))
        return ast.Amendment(
            id=self._text(children[0]),
            title=fields.get("title", ""),
            amends=fields.get("amends", fields.get("corrects")),
            corrects="corrects" in fields,
            issued=fields.get("issued"),
            effective=fields.get("effective"),
            reason=fields.get("reason", ""),
            operations=tuple(operations),
            span=self._span(meta),
            scope=(fields["applies to"],) if "applies to" in fields else (),
        )

    def change(self, meta: Meta, children: list[Any]) -> ast.Change:
        status = children[2] if len(children) > 2 else None
        return ast.Change(children[0], children[1], self._span(meta), status)

    def fact_target(self, meta: Meta, children: list[Any]) -> ast.FactTarget:
        return ast.FactTarget(str(children[0]), children[1], self._span(meta))

    def p_description(self, meta: Meta, children: list[Any]) -> str:
        return "description"

    def p_optional(self, meta: Meta, children: list[Any]) -> str:
        return "optional"

    def indicator_target(self, meta: Meta, children: list[Any]) -> ast.IndicatorTarget:
        number, *path, prop = children
        return ast.IndicatorTarget(str(number), tuple(path), prop, self._span(meta))

    def criterion_target(self, meta: Meta, children: list[Any]) -> ast.CriterionTarget:
        return ast.CriterionTarget(self._whole(children[0]), children[1], self._span(meta))

    def table_entry_target(self, meta: Meta, children: list[Any]) -> ast.TableEntryTarget:
        keys = children[1]
        return ast.TableEntryTarget(str(children[0]), keys[0], self._span(meta), keys[1] if len(keys) > 1 else None)

    def value_target(self, meta: Meta, children: list[Any]) -> ast.ValueTarget:
        return ast.ValueTarget(str(children[0]), self._span(meta))

    def document_target(self, meta: Meta, children: list[Any]) -> ast.DocumentTarget:
        return ast.DocumentTarget(str(children[0]), self._span(meta))

    def at_part(self, meta: Meta, children: list[Any]) -> tuple[str, str]:
        return ("part", str(children[0]))

    def at_case(self, meta: Meta, children: list[Any]) -> tuple[str, str]:
        return ("case", str(children[0]))

    def at_band(self, meta: Meta, children: list[Any]) -> tuple[str, str]:
        return ("band", str(children[0]))

    def at_comparison(self, meta: Meta, children: list[Any]) -> tuple[str, str]:
        return ("comparison", str(children[0]))

    def property(self, meta: Meta, children: list[Any]) -> str:
        return str(children[0])

    def new_operator(self, meta: Meta, children: list[Any]) -> ast.NewValue:
        return ast.NewValue("operator", operator(children[0]), self._span(meta))

    def new_status(self, meta: Meta, children: list[Any]) -> ast.NewValue:
        return ast.NewValue("status", str(children[0]), self._span(meta))

    def new_text(self, meta: Meta, children: list[Any]) -> ast.NewValue:
        return ast.NewValue("text", self._text(children[0]), self._span(meta))

    def new_unknown(self, meta: Meta, children: list[Any]) -> ast.NewValue:
        return ast.NewValue("unknown", None, self._span(meta))

    def new_expr(self, meta: Meta, children: list[Any]) -> ast.NewValue:
        return ast.NewValue("expr", children[0], self._span(meta))

    def replace_rule(self, meta: Meta, children: list[Any]) -> ast.ReplaceRule:
        return ast.ReplaceRule(str(children[0]), children[1], self._span(meta))

    def replace_recognition(self, meta: Meta, children: list[Any]) -> ast.ReplaceRecognition:
        return ast.ReplaceRecognition(children[0], self._span(meta))

    def add_indicator(self, meta: Meta, children: list[Any]) -> ast.AddIndicator:
        return ast.AddIndicator(self._whole(children[0]), children[1], self._span(meta))

    def remove_indicator(self, meta: Meta, children: list[Any]) -> ast.RemoveIndicator:
        return ast.RemoveIndicator(str(children[0]), self._span(meta))

    def add_fact(self, meta: Meta, children: list[Any]) -> ast.AddDeclaration:
        return ast.AddDeclaration(children[0], self._span(meta))

    add_value = add_fact
    add_table = add_fact


    def replace_declaration(self, meta: Meta, children: list[Any]) -> ast.ReplaceDeclaration:
        return ast.ReplaceDeclaration(children[0], self._span(meta))

    def remove_fact(self, meta: Meta, children: list[Any]) -> ast.RemoveDeclaration:
        return ast.RemoveDeclaration("fact", str(children[0]), self._span(meta))

    def remove_value(self, meta: Meta, children: list[Any]) -> ast.RemoveDeclaration:
        return ast.RemoveDeclaration("value", str(children[0]), self._span(meta))

    def remove_table(self, meta: Meta, children: list[Any]) -> ast.RemoveDeclaration:
        return ast.RemoveDeclaration("table", str(children[0]), self._span(meta))

    def add_enum_values(self, meta: Meta, children: list[Any]) -> ast.ChangeEnumValues:
        *values, fact = children
        return ast.ChangeEnumValues(str(fact), True, tuple(str(v) for v in values), self._span(meta))

    def remove_enum_values(self, meta: Meta, children: list[Any]) -> ast.ChangeEnumValues:
        *values, fact = children
        return ast.ChangeEnumValues(str(fact), False, tuple(str(v) for v in values), self._span(meta))

    def add_table_entries(self, meta: Meta, children: list[Any]) -> ast.AddTableEntries:
        return ast.AddTableEntries(str(children[0]), tuple(children[1:]), self._span(meta))

    def remove_table_entry(self, meta: Meta, children: list[Any]) -> ast.RemoveTableEntry:
        keys = children[1]
        return ast.RemoveTableEntry(str(children[0]), keys[0], self._span(meta), keys[1] if len(keys) > 1 else None)
