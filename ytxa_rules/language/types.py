"""Types of expressions as the checker and compiler name them, and the comparison flips.

A type is a small frozen object of a closed union (`Type`), never a string: every question
about a type ("numeric?", "ordered?", its words in a message) is one `match` ending in
`assert_never`, so a new type fails type checking wherever it is not handled yet.
"""

from __future__ import annotations

from typing import assert_never

import attrs

from ytxa_rules.language.kinds import ENUM_KIND, KINDS, FactKind


def _known_kind(instance: object, attribute: object, name: str) -> None:
    if name not in KINDS or name == ENUM_KIND:
        raise ValueError(f"no fact kind {name!r} (an enum's type is EnumType)")


@attrs.frozen
class KindType:
    """A value of a fact kind (count, percent, bool, date…): what facts, values and calls yield."""

    kind: str = attrs.field(validator=_known_kind)

    @property
    def facts(self) -> FactKind:
        return KINDS[self.kind]


@attrs.frozen
class EnumType:
    """A value of one `one of` fact: compared only with that fact's own values."""

    fact: str


@attrs.frozen
class NumberType:
    """A bare number written in the spec (`2`, `0.5`): it fits beside any numeric kind."""


@attrs.frozen
class ErrorType:
    """The type of an expression already reported: never reported again."""


Type = KindType | EnumType | NumberType | ErrorType

NUMBER = NumberType()
ERROR = ErrorType()
BOOL = KindType("bool")
COUNT = KindType("count")
DECIMAL = KindType("decimal")
PERCENT = KindType("percent")
DATE = KindType("date")

RESULT_NAMES: dict[str, Type] = {"passed": BOOL, "total": DECIMAL, "max": DECIMAL}  # `alias.name`
FLIP = {">=": "<=", "<=": ">=", ">": "<", "<": ">", "=": "=", "!=": "!="}  # `a op b` is `b FLIP[op] a`


def fact_type(name: str, kind: str) -> Type:
    """The type of fact `name` of `kind`: a `one of` fact's values are its own."""
    return EnumType(name) if kind == ENUM_KIND else KindType(kind)


def is_numeric(found: Type) -> bool:
    """Takes part in arithmetic and numeric comparisons."""
    match found:
        case KindType():
            return found.facts.numeric
        case NumberType():
            return True
        case EnumType() | ErrorType():
            return False
        case _:
            assert_never(found)


def has_own_literals(found: Type) -> bool:
    """A kind compared only with itself and its literals (`ngay >= 2024-03-20`), in order."""
    match found:
        case KindType():
            return found.facts.literal is not None
        case NumberType() | EnumType() | ErrorType():
            return False
        case _:
            assert_never(found)


def type_key(found: Type) -> tuple[str, str | None]:
    """The catalog word naming a type (`type.<name>`), and what it is filled with."""
    match found:
        case KindType():
            return f"type.{found.kind}", None
        case EnumType():
            return "type.enum", found.fact
        case NumberType():
            return "type.number", None
        case ErrorType():
            return "type.error", None
        case _:
            assert_never(found)
