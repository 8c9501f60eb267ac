"""Types of expressions as the checker and compiler name them, and the comparison flips."""

from __future__ import annotations

from ytxa_rules.language.kinds import KINDS, NUMERIC_KINDS

NUMERIC = frozenset({"number"}) | NUMERIC_KINDS  # "number": a literal such as 2 or 0.5
# Kinds compared only with themselves and their literals (`ngay >= 2024-03-20`), in order.
ORDERED_LITERALS = frozenset(k.literal for k in KINDS.values() if k.literal)
ERROR = "error"  # the type of an expression already reported: never reported again
RESULT_NAMES = {"passed": "bool", "total": "decimal", "max": "decimal"}  # `alias.name`
FLIP = {">=": "<=", "<=": ">=", ">": "<", "<": ">", "=": "=", "!=": "!="}  # `a op b` is `b FLIP[op] a`


def enum_type(fact: str) -> str:
    """The type of a `one of` fact: its values are its own, never another fact's."""
    return f"enum:{fact}"
