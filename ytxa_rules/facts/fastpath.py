"""A generated validator for well-formed stations: the common case, at hand-written speed.

It answers only "valid, here are the exact values" or "not sure" (None); anything it is
not sure about goes to `FactsValidator`, which finds and names every problem. Keeping the
two apart keeps the fast one short and the thorough one readable. The contract, held by
a property test: for every input the fast one either defers or gives the same values,
and it says (`low`) whenever a percent is at most 1, so plausibility warnings are the
same on both paths.

Generated code trusts nothing about the values: every test starts with `type(v) is …`,
so a list, a mapping, pandas' NA or an object with a strange `__eq__` only ever makes it
defer. Decimals are accepted only in plain notation of at most 40 characters (within the
facts limits); `1e99999999` is left to the thorough check, which refuses it unexpanded.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Mapping
from decimal import Decimal
from fractions import Fraction
from typing import Any

from ytxa_rules import ast
from ytxa_rules.facts.number_text import INT_LIMIT
from ytxa_rules.facts.scalars import EXACT_BOOL_WORDS
from ytxa_rules.language import literals
from ytxa_rules.language.kinds import DATE_RANGE, KINDS
from ytxa_rules.limits import FACTS_MAX_DIGITS

FastValidator = Callable[[Mapping[str, Any]], "tuple[dict[str, Any], bool] | None"]

_COUNT = f"elif type(v) is not int or not 0 <= v < {INT_LIMIT!r}: return None"


def _decimal_lines(name: str, percent: bool) -> list[str]:
    """Decimal (from the JSON/YAML readers) or int to an exact value; percents in 0–100."""
    in_range = " or not 0 <= v <= 100" if percent else ""
    lines = [
        "elif type(v) is Decimal:",
        f"    if not v.is_finite(){in_range}: return None",
        "    s = str(v)",
        f"    if len(s) > {FACTS_MAX_DIGITS} or 'E' in s: return None",
    ]
    if not percent:  # `1.250`: a thousands separator, perhaps; the thorough check decides
        lines.append("    p = s.find('.')")
        lines.append("    if p > 0 and len(s) - p == 4: return None")
    lines.append("    n, d = v.as_integer_ratio()")
    if percent:
        lines.append("    if 0 < n <= d: low = True")
    lines.append(f"    out[{name!r}] = n if d == 1 else Fraction(n, d)")
    if percent:
        lines.append("elif type(v) is not int or not 0 <= v <= 100: return None")
        lines.append("elif v == 1: low = True")
    else:
        lines.append(f"elif type(v) is not int or not {-INT_LIMIT!r} < v < {INT_LIMIT!r}: return None")
    return lines


def _kind_lines(name: str, kind: str, position: int) -> list[str]:
    if kind == "enum":
        return [
            "elif type(v) is str:",
            f"    if v not in E{position}: return None",
            f"elif type(v) is int and {-INT_LIMIT!r} < v < {INT_LIMIT!r} and str(v) in E{position}: out[{name!r}] = str(v)",
            "else: return None",
        ]
    if kind == "bool":
        return [
            "elif type(v) is not bool:",
            "    v = BOOL.get(v) if type(v) is str else None",
            "    if v is None: return None",
            f"    out[{name!r}] = v",
        ]
    if kind in ("percent", "decimal"):
        return _decimal_lines(name, kind == "percent")
    if kind == "count":
        return [_COUNT]
    record = KINDS.get(kind)
    if record is None or record.fast_check is None:  # a kind it does not know: not sure
        return ["else: return None"]
    return [record.fast_check]


def generate_fast_validator(facts: Mapping[str, ast.Fact]) -> FastValidator:
    """`fast(raw)` -> (values, whether some percent is in (0, 1]) or None: "not sure"."""
    # Start from a copy of the input: only values that need converting are written again.
    lines = ["def fast(raw):", "    if not raw.keys() <= KNOWN: return None", "    out = dict(raw)", "    low = False"]
    for position, (name, fact) in enumerate(facts.items()):
        key = literals.text(name)  # names reach the code as literals, never as written
        lines.append(f"    v = raw.get({key})")
        lines.append(f"    if v is None: out.pop({key}, None)")  # null is not given
        lines.extend("    " + line for line in _kind_lines(name, fact.type.kind, position))
    for fact in facts.values():
        for bound in fact.bounds:
            fail = ">" if bound.op == "<=" else "<"
            if isinstance(bound.expr, ast.Number):
                limit = literals.exact(bound.expr.value)  # rebuilt: its repr is Fraction's own
                lines.append(f"    v = out.get({literals.text(fact.name)})")
                lines.append(f"    if v is not None and v {fail} {limit!r}: return None")
            elif isinstance(bound.expr, ast.Ref):
                lines.append(f"    v, w = out.get({literals.text(fact.name)}), out.get({literals.text(bound.expr.name)})")
                lines.append(f"    if v is not None and w is not None and v {fail} w: return None")
            else:
                lines.append("    return None  # an arithmetic bound: leave it to the thorough check")
    lines.append("    return out, low")
    namespace: dict[str, Any] = {
        "KNOWN": frozenset(facts), "Decimal": Decimal, "Fraction": Fraction, "BOOL": EXACT_BOOL_WORDS,
        "DATE": datetime.date, "DATE_LOW": DATE_RANGE[0], "DATE_HIGH": DATE_RANGE[1],
    }  # fmt: skip
    for position, fact in enumerate(facts.values()):
        if fact.type.kind == "enum":
            namespace[f"E{position}"] = frozenset(fact.type.values)
    exec(compile("\n".join(lines), "<ytxa facts>", "exec"), namespace)  # noqa: S102 - generated from declarations
    function: FastValidator = namespace["fast"]
    return function
