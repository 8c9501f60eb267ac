"""The facts table of the criteria reference page: the data dictionary in Markdown."""

from __future__ import annotations

from ytxa_rules import ast
from ytxa_rules.facts.dictionary import FactEntry, data_dictionary
from ytxa_rules.messages.batch import words
from ytxa_rules.render.escape import for_markdown


def kind_text(entry: FactEntry, lang: str) -> str:
    if entry.kind == "enum":
        return words("kind.enum", lang, values=", ".join(entry.values))
    return words(f"kind.{entry.kind}", lang)


def bounds_text(entry: FactEntry) -> str:
    return ", ".join(f"{'≥' if op == '>=' else '≤'} {text}" for op, text in entry.bounds)


def facts_section(document: ast.Document, lang: str = "vi") -> list[str]:
    """`## Dữ kiện (78)` and one table row per fact; nothing for a document without facts."""
    entries = data_dictionary(document)
    if not entries:
        return []
    head = [words(f"dict.{c}", lang) for c in ("name", "kind", "bounds", "description", "indicators")]
    lines = [f"## {words('dict.heading', lang, count=len(entries))}", "", words("dict.intro", lang), ""]
    lines += ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    for entry in entries:
        optional = f" ({words('dict.optional', lang)})" if entry.optional else ""
        used = ", ".join(entry.indicators) or words("dict.unused", lang)
        cells = [f"`{entry.name}`", for_markdown(kind_text(entry, lang)) + optional, for_markdown(bounds_text(entry)), for_markdown(entry.description), used]
        lines.append("| " + " | ".join(cells) + " |")
    lines.append("")
    return lines
