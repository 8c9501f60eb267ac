"""Types of expressions as the checker and compiler name them, and the comparison flips."""

from __future__ import annotations

NUMERIC = frozenset({"count", "decimal", "percent", "number", "year"})
ERROR = "error"  # the type of an expression already reported: never reported again
RESULT_NAMES = {"passed": "bool", "total": "decimal", "max": "decimal"}  # `alias.name`
FLIP = {">=": "<=", "<=": ">=", ">": "<", "<": ">", "=": "=", "!=": "!="}  # `a op b` is `b FLIP[op] a`


def enum_type(fact: str) -> str:
    """The type of a `one of` fact: its values are its own, never another fact's."""
    return f"enum:{fact}"
