"""A generated validator for well-formed stations: the common case, at hand-written speed.

It answers only "valid, here are the exact values" or "not sure" (None); anything it is
not sure about goes to `FactsValidator`, which finds and names every problem. Keeping the
two apart keeps the fast one short and the thorough one readable.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from decimal import Decimal
from fractions import Fraction
from typing import Any

from ytxa_rules import ast

FastValidator = Callable[[Mapping[str, Any]], "dict[str, Any] | None"]

_FAILS = {
    "count": "type(v) is not int or v < 0",
    "bool": "type(v) is not bool",
    "text": "type(v) is not str",
    "year": "type(v) is not int or not 1900 <= v <= 2100",
}


def _exact_lines(name: str, range_check: str) -> list[str]:
    """Decimal (from JSON/YAML readers) or int to an exact value; `range_check` may add 0–100."""
    return [
        "if v is not None:",
        "    t = type(v)",
        "    if t is Decimal:",
        f"        if not v.is_finite(){range_check}: return None",
        "        n, d = v.as_integer_ratio()",
        f"        out[{name!r}] = n if d == 1 else Fraction(n, d)",
        f"    elif t is not int{range_check}: return None",
    ]


def generate_fast_validator(facts: Mapping[str, ast.Fact]) -> FastValidator:
    # Start from a copy of the input: only values that need converting are written again.
    lines = ["def fast(raw):", "    if not raw.keys() <= KNOWN or None in raw.values(): return None", "    out = dict(raw)"]
    for position, (name, fact) in enumerate(facts.items()):
        kind = fact.type.kind
        lines.append(f"    v = raw.get({name!r})")
        if kind == "enum":
            body = [
                f"if v is not None and v not in E{position}:",
                f"    if type(v) is int and str(v) in E{position}: out[{name!r}] = str(v)",
                "    else: return None",
            ]
        elif kind == "percent":
            body = _exact_lines(name, " or not 0 <= v <= 100")
        elif kind == "decimal":
            body = _exact_lines(name, "")
        else:
            body = [f"if v is not None and ({_FAILS[kind]}): return None"]
        lines.extend("    " + line for line in body)
    for fact in facts.values():
        for bound in fact.bounds:
            fail = ">" if bound.op == "<=" else "<"
            if isinstance(bound.expr, ast.Number):
                limit = bound.expr.value
                lines.append(f"    v = out.get({fact.name!r})")
                lines.append(f"    if v is not None and v {fail} {limit!r}: return None")
            elif isinstance(bound.expr, ast.Ref):
                lines.append(f"    v, w = out.get({fact.name!r}), out.get({bound.expr.name!r})")
                lines.append(f"    if v is not None and w is not None and v {fail} w: return None")
            else:
                lines.append("    return None  # an arithmetic bound: leave it to the thorough check")
    lines.append("    return out")
    namespace: dict[str, Any] = {"KNOWN": frozenset(facts), "Decimal": Decimal, "Fraction": Fraction}
    for position, fact in enumerate(facts.values()):
        if fact.type.kind == "enum":
            namespace[f"E{position}"] = frozenset(fact.type.values)
    exec(compile("\n".join(lines), "<ytxa facts>", "exec"), namespace)  # noqa: S102 - generated from declarations
    function: FastValidator = namespace["fast"]
    return function
