"""Helpers that generated scoring code calls: exact arithmetic and trace hooks.

Generated code stays plain Python (see `codegen`); what needs care (exact division,
unknown legal values, recording the trace) lives here once.
"""

from __future__ import annotations

import operator
from collections.abc import Callable
from fractions import Fraction
from typing import Any

from ytxa_rules.language.functions import DenominatorZero, count, rate

Number = int | Fraction

COMPARE: dict[str, Callable[[Any, Any], bool]] = {
    ">=": operator.ge,
    "<=": operator.le,
    ">": operator.gt,
    "<": operator.lt,
    "=": operator.eq,
    "!=": operator.ne,
}


class UnknownValue(Exception):
    """A value the law leaves unknown (a table entry, another set's undecided verdict)."""

    def __init__(self, what: str):
        super().__init__(what)
        self.what = what


__all__ = ["COMPARE", "DenominatorZero", "RATE_COMPARE", "UnknownValue", "count", "divide", "rate"]


def divide(numerator: Number, denominator: Number, what: str) -> Fraction:
    if not denominator:
        raise DenominatorZero(what)
    return Fraction(numerator) / denominator


def _rate_comparison(op: str) -> Callable[[Number, Number, Number, str], bool]:
    compare = COMPARE[op]

    def rate_compare(numerator: Number, denominator: Number, threshold: Number, what: str) -> bool:
        """`rate(n, d) op t` as `n * 100 op t * d`: exact, without building a Fraction."""
        if not denominator:
            raise DenominatorZero(what)
        if denominator > 0:
            return compare(numerator * 100, threshold * denominator)
        return compare(rate(numerator, denominator, what), threshold)

    return rate_compare


RATE_COMPARE = {op: _rate_comparison(op) for op in COMPARE}


def t_rate_value(log: list[tuple[Any, ...]], value: int, d: Number, n: Number) -> tuple[Number, Number]:
    """A rate's operands (given denominator first: the order the fast path reads them), logged;
    the trace builds the exact rate only if it is read."""
    if value >= 0:
        log.append(("rate_value", value, n, d))
    return (n, d)


def t_rate_compare(
    log: list[tuple[Any, ...]], node: int, flipped: bool, op: str, operands: tuple[Number, Number], t: Number, what: str
) -> bool:
    """`rate(n, d) op t` by cross-multiplying, logged as n, d and t."""
    n, d = operands
    held = RATE_COMPARE[op](n, d, t, what)
    log.append(("rate_compare", node, flipped, n, d, t, held))
    return held


def unknown(what: str) -> Any:
    raise UnknownValue(what)


def used_result(results: dict[str, dict[str, Any]], alias: str, name: str) -> Any:
    value = results[alias][name]
    if value is None:
        raise UnknownValue(f"{alias}.{name}")
    return value


# ---------------------------------------------------------------- trace hooks
# Each appends one small tuple; `trace.materialise` turns them into entries later,
# so the hot traced path allocates nothing heavier than a tuple.


def t_fact(log: list[tuple[Any, ...]], facts: dict[str, Any], name: str) -> Any:
    value = facts[name]
    log.append(("fact", name, value))
    return value


def t_used(log: list[tuple[Any, ...]], results: dict[str, dict[str, Any]], alias: str, name: str) -> Any:
    log.append(("used", alias, name, results[alias][name]))
    return used_result(results, alias, name)


def t_value(log: list[tuple[Any, ...]], node: int, value: Any) -> Any:
    log.append(("value", node, value))
    return value


def t_table(log: list[tuple[Any, ...]], node: int, key: Any, known: dict[Any, Any], what: str) -> Any:
    """Look up and log; an entry the law leaves unknown is logged, then reported."""
    value = known.get(key)
    log.append(("table", node, key, value))
    if value is None:
        raise UnknownValue(what.format(*key) if type(key) is tuple else what.format(key))
    return value


def t_compare(log: list[tuple[Any, ...]], node: int, op: str, left: Any, right: Any) -> bool:
    held = COMPARE[op](left, right)
    log.append(("compare", node, left, right, held))
    return held


def t_in(log: list[tuple[Any, ...]], node: int, value: Any, options: tuple[Any, ...]) -> bool:
    held = value in options
    log.append(("in", node, value, held))
    return held


def t_band(log: list[tuple[Any, ...]], band: int, held: Any) -> bool:
    log.append(("band", band, bool(held)))
    return bool(held)


def t_branch(log: list[tuple[Any, ...]], node: int, key: Any) -> Any:
    log.append(("branch", node, key))
    return key


def t_not_applicable(log: list[tuple[Any, ...]], held: Any) -> bool:
    log.append(("not_applicable", bool(held)))
    return bool(held)


def t_part_not_applicable(log: list[tuple[Any, ...]], node: int, held: Any) -> bool:
    log.append(("part_not_applicable", node, bool(held)))
    return bool(held)
