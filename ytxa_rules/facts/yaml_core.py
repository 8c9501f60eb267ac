"""YAML for facts files: plain data in the YAML 1.2 core schema, without anchors or aliases.

PyYAML follows YAML 1.1, which reads `1:30` as 90, `0x9` as 9, `010` as 8, `1_0` as 10
and `on` as true: numbers and answers a station never wrote. Here a plain scalar is a
number only in the syntax JSON and YAML 1.2 share (`number_text`), a boolean only as
`true`/`false`, null as `~`, `null` or nothing; everything else is text, which the
validator reads by the fact's kind (so `co_dien: yes` is still yes, and `ma_xa: 01234`
keeps its zero). Anchors and aliases are refused: a facts file never needs them, and a
"billion laughs" of nested aliases would be walked exponentially often.
"""

from __future__ import annotations

import re
from typing import Any

import yaml
from yaml.composer import Composer
from yaml.events import AliasEvent
from yaml.parser import Parser
from yaml.reader import Reader
from yaml.resolver import BaseResolver
from yaml.scanner import Scanner

from ytxa_rules.facts.number_text import number_from_text

TAG = "tag:yaml.org,2002:"
STANDARD_TAGS = {TAG + t for t in ("str", "int", "float", "bool", "null", "seq", "map", "timestamp")}
_TRUE = ("true", "True", "TRUE")
_FALSE = ("false", "False", "FALSE")


class CoreResolver(BaseResolver):
    """Implicit types of the YAML 1.2 core schema, with numbers as strict as JSON's."""


CoreResolver.add_implicit_resolver(TAG + "bool", re.compile(r"(?:true|True|TRUE|false|False|FALSE)\Z"), list("tTfF"))
CoreResolver.add_implicit_resolver(TAG + "null", re.compile(r"(?:~|null|Null|NULL|)\Z"), ["~", "n", "N", ""])
CoreResolver.add_implicit_resolver(TAG + "int", re.compile(r"[-+]?(?:0|[1-9][0-9]*)\Z"), list("-+0123456789"))
CoreResolver.add_implicit_resolver(
    TAG + "float",
    re.compile(r"(?:[-+]?(?:\.[0-9]+|(?:0|[1-9][0-9]*)(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))\Z"),
    list("-+0123456789."),
)


class AliasRefused(Exception):
    """An anchor (`&a`) or alias (`*a`) in a facts file."""

    def __init__(self, mark: Any):
        super().__init__("anchor or alias")
        self.mark = mark


class FactsLoader(Reader, Scanner, Parser, Composer, CoreResolver):
    """PyYAML's reader, scanner, parser and composer with the core resolver; builds nodes only."""

    def __init__(self, stream: str):
        Reader.__init__(self, stream)
        Scanner.__init__(self)
        Parser.__init__(self)
        Composer.__init__(self)
        CoreResolver.__init__(self)

    def compose_node(self, parent: Any, index: Any) -> Any:
        event = self.peek_event()
        if isinstance(event, AliasEvent) or getattr(event, "anchor", None) is not None:
            raise AliasRefused(event.start_mark)
        return super().compose_node(parent, index)


def compose(text: str) -> yaml.Node | None:
    """The document's node tree (None when empty). Raises `yaml.YAMLError` or `AliasRefused`."""
    loader = FactsLoader(text)
    try:
        node: yaml.Node | None = loader.get_single_node()
        return node
    finally:
        loader.dispose()  # type: ignore[no-untyped-call]


def scalar(node: yaml.ScalarNode) -> Any:
    """A scalar as the core schema reads it; decimals exact (`Decimal` from the text)."""
    tag, text = node.tag, node.value
    if tag == TAG + "null":
        return None
    if tag == TAG + "bool":
        return True if text in _TRUE else False if text in _FALSE else text  # `!!bool yes`: the validator reads it
    if tag in (TAG + "int", TAG + "float"):
        lowered = text.lower().lstrip("+")
        if lowered in (".inf", "-.inf"):
            return float(lowered.replace(".", ""))
        if lowered == ".nan":
            return float("nan")
        number = number_from_text(text)
        return text if number is None else number  # `!!int 0x9`: text, refused with a hint later
    return text


def unsupported_tag(node: yaml.Node) -> yaml.Node | None:
    """The first node (this one or inside it) with a tag outside plain YAML data."""
    pending = [node]
    while pending:
        current = pending.pop()
        if current.tag not in STANDARD_TAGS:
            return current
        if isinstance(current, yaml.SequenceNode):
            pending.extend(current.value)
        elif isinstance(current, yaml.MappingNode):
            pending.extend(n for pair in current.value for n in pair)
    return None


def plain(node: yaml.Node) -> Any:
    """A node as Python data (lists, dicts, scalars); a tree, since aliases are refused."""
    if isinstance(node, yaml.ScalarNode):
        return scalar(node)
    if isinstance(node, yaml.SequenceNode):
        return [plain(item) for item in node.value]
    out: dict[Any, Any] = {}
    for key_node, value_node in node.value:
        key = plain(key_node)
        try:
            hash(key)
        except TypeError:  # a list or mapping as a key: kept as its text
            key = str(key_node.value)
        out[key] = plain(value_node)
    return out
