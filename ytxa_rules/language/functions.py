"""Built-in functions of the criteria language: one record each, read by every stage.

A function is its name, how many arguments it takes, the rule that types a call, its
exact implementation and a short description (vi, en). The checker types calls with
`Function.typed`; the compiler emits `Function.local(…)` and hands the implementation in
under that name; the analyser calls `implementation`; the highlighter, the docs and the
test strategies list `FUNCTIONS`. Adding a function is adding an entry here (and tests).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from fractions import Fraction
from typing import Any

import attrs

from ytxa_rules import ast
from ytxa_rules.language.types import BOOL, COUNT, DECIMAL, ERROR, NUMBER, PERCENT, Type, is_numeric

Number = int | Fraction
ROUND_DIGITS = 12  # round(x, n): n from 0 to this; more is never a reporting rule


class DenominatorZero(Exception):
    """A rate over zero: the indicator is not applicable (criteria-1300 §6)."""

    def __init__(self, what: str):
        super().__init__(what)
        self.what = what


@attrs.frozen
class Refusal:
    """One argument the type rule refuses: a diagnostic at that argument (1-based)."""

    code: str
    index: int
    arguments: dict[str, object] = attrs.field(factory=dict)


@attrs.frozen
class Typed:
    """A call's type (ERROR when refused) and the refusals to report."""

    result: Type
    refusals: tuple[Refusal, ...] = ()


TypeRule = Callable[[Sequence[Type], Sequence[ast.Expr]], Typed]


@attrs.frozen
class Function:
    name: str
    min_args: int
    max_args: int | None  # None: any number from min_args
    signature: str  # as the reference shows it: `rate(a, b)`
    arguments: tuple[str, ...]  # kind of each argument ("number", "bool", "digits"); the last repeats
    typed: TypeRule  # argument types (none of them ERROR) and the arguments -> Typed
    implementation: Callable[..., Any]
    vi: str  # what it computes, for the reference and the explanation
    en: str
    takes_what: bool = False  # the implementation also gets the call as written (error reports)
    spread: bool = False  # the arguments are handed over as one tuple (any number, no nesting)

    @property
    def local(self) -> str:
        """The name generated code calls it by (bound in the generated module's namespace)."""
        return f"_F_{self.name}"

    def arity_text(self) -> int | str:
        if self.max_args == self.min_args:
            return self.min_args
        if self.max_args is None:
            return f"≥ {self.min_args}"
        return f"{self.min_args}–{self.max_args}"

    def argument_kinds(self, given: int) -> tuple[str, ...]:
        """The kind of each of `given` arguments (for generated tests and docs)."""
        return tuple(self.arguments[min(i, len(self.arguments) - 1)] for i in range(given))

    def accepts(self, given: int) -> bool:
        return given >= self.min_args and (self.max_args is None or given <= self.max_args)


# ---------------------------------------------------------------- exact implementations


def plain(value: Number) -> Number:
    """Whole numbers as `int`, so sums stay in fast integer arithmetic."""
    if type(value) is Fraction and value.denominator == 1:
        return value.numerator
    return value


def rate(numerator: Number, denominator: Number, what: str) -> Fraction:
    if not denominator:
        raise DenominatorZero(what)
    if type(numerator) is int and type(denominator) is int:
        return Fraction(numerator * 100, denominator)
    return Fraction(numerator) * 100 / denominator


def count(held: tuple[Any, ...]) -> int:
    """How many conditions hold: a flat tuple, where a `+` chain would nest."""
    return sum(map(bool, held))


def absolute(value: Number) -> Number:
    return -value if value < 0 else value


def round_half_away(value: Number, digits: int) -> Number:
    """`value` to `digits` decimals, halves away from zero (Excel's ROUND), exactly."""
    scaled = Fraction(value) * 10**digits
    whole = (2 * abs(scaled.numerator) + scaled.denominator) // (2 * scaled.denominator)
    return plain(Fraction(-whole if scaled < 0 else whole, 10**digits))


# ---------------------------------------------------------------- type rules


def _numbers(name: str, types: Sequence[Type]) -> Refusal | None:
    """The first argument that is not a number, refused."""
    for index, found in enumerate(types, 1):
        if not is_numeric(found):
            return Refusal("E306", index, {"index": index, "name": name, "expected": NUMBER, "found": found})
    return None


def _same_or_decimal(types: Sequence[Type]) -> Type:
    return types[0] if len(set(types)) == 1 else DECIMAL


def _rate_type(types: Sequence[Type], args: Sequence[ast.Expr]) -> Typed:
    refused = _numbers("rate", types)
    return Typed(ERROR, (refused,)) if refused else Typed(PERCENT)


def _count_type(types: Sequence[Type], args: Sequence[ast.Expr]) -> Typed:
    refusals = tuple(
        Refusal("E306", index, {"index": index, "name": "count", "expected": BOOL, "found": found})
        for index, found in enumerate(types, 1)
        if found != BOOL
    )
    return Typed(COUNT, refusals)


def _extreme_type(name: str) -> TypeRule:
    def typed(types: Sequence[Type], args: Sequence[ast.Expr]) -> Typed:
        refused = _numbers(name, types)
        return Typed(ERROR, (refused,)) if refused else Typed(_same_or_decimal(types))

    return typed


def _abs_type(types: Sequence[Type], args: Sequence[ast.Expr]) -> Typed:
    refused = _numbers("abs", types)
    return Typed(ERROR, (refused,)) if refused else Typed(types[0])


def _round_type(types: Sequence[Type], args: Sequence[ast.Expr]) -> Typed:
    refused = _numbers("round", types[:1])
    if refused:
        return Typed(ERROR, (refused,))
    digits = args[1]
    if not (isinstance(digits, ast.Number) and not digits.percent and digits.value.denominator == 1 and 0 <= digits.value <= ROUND_DIGITS):
        return Typed(ERROR, (Refusal("E140", 2, {"name": "round", "most": ROUND_DIGITS}),))
    # A count or year rounded stays whole; anything else keeps its kind (a percent stays one).
    return Typed(types[0])


FUNCTIONS: dict[str, Function] = {
    f.name: f
    for f in (
        Function(
            "rate", 2, 2, "rate(a, b)", ("number", "number"), _rate_type, rate,
            "tỷ lệ phần trăm a ÷ b × 100, tính chính xác", "the percentage a ÷ b × 100, exactly",
            takes_what=True,
        ),
        Function(
            "count", 1, None, "count(c1, c2, …)", ("bool",), _count_type, count,
            "số điều kiện có/không được thỏa mãn", "how many of the yes/no conditions hold",
            spread=True,
        ),
        # Handed one tuple: Python's min(a) of a single number would fail, min((a,)) holds.
        Function(
            "min", 1, None, "min(a, b, …)", ("number",), _extreme_type("min"), min,
            "số nhỏ nhất trong các số", "the smallest of the numbers", spread=True,
        ),
        Function(
            "max", 1, None, "max(a, b, …)", ("number",), _extreme_type("max"), max,
            "số lớn nhất trong các số", "the largest of the numbers", spread=True,
        ),
        Function("abs", 1, 1, "abs(a)", ("number",), _abs_type, absolute, "giá trị tuyệt đối của a", "the absolute value of a"),
        Function(
            "round", 2, 2, "round(a, n)", ("number", "digits"), _round_type, round_half_away,
            "a làm tròn đến n chữ số thập phân, nửa làm tròn ra xa số 0 (như ROUND của Excel)",
            "a rounded to n decimals, halves away from zero (as Excel's ROUND)",
        ),
    )
}  # fmt: skip
