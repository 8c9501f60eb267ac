"""What the AST may put into generated Python: literals the compiler rebuilds, never text.

Generated code names only the compiler's own identifiers; everything a spec supplies (a
name, a text, a number, an operator) reaches it as `repr` of a value rebuilt here from
exact types, or not at all. An AST that skipped the checker (built by hand, edited,
deserialised) therefore cannot make generated code call or run anything: a value of
the wrong type is a compile error (E141), never code.
"""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from fractions import Fraction
from typing import Never, NoReturn

from ytxa_rules.diagnostics import error
from ytxa_rules.errors import SpecError


def refuse(what: str) -> SpecError:
    """The error for a node that no parsed and checked spec can contain."""
    return SpecError([error("E141", None, what=what)])


def refuse_unhandled(node: Never, what: str) -> NoReturn:
    """The last case of an exhaustive match in the compiler.

    Typed like `assert_never`, so mypy reports a node class a stage forgets; at run time a
    foreign object (an AST built by hand) is refused as E141, never compiled.
    """
    raise refuse(what)


def text(value: object) -> str:
    """A name or text as a Python string literal: only an exact `str` gets this far."""
    if type(value) is not str:
        raise refuse("name")
    return repr(value)


def texts(values: object) -> str:
    """A tuple of names (a case's keys) as a Python tuple literal."""
    if type(values) is not tuple:
        raise refuse("case keys")
    return "(" + "".join(f"{text(v)}, " for v in values) + ")"


def format_text(value: object) -> str:
    """A name for a `str.format` template (`table[{}]`): braces in it are escaped."""
    text(value)
    assert isinstance(value, str)
    return value.replace("{", "{{").replace("}", "}}")


def exact(value: object) -> int | Fraction:
    """A number of the AST as an exact value built here (a subclass could print anything)."""
    if type(value) is int:
        return value
    if type(value) is Fraction and type(value.numerator) is int and type(value.denominator) is int:
        return Fraction(value.numerator, value.denominator)
    raise refuse("number")


def day(value: object) -> datetime.date:
    """A date of the AST, rebuilt (handed to generated code as a constant, never as text)."""
    if type(value) is not datetime.date:
        raise refuse("date")
    return datetime.date(value.year, value.month, value.day)


def boolean(value: object) -> str:
    if value is True:
        return "True"
    if value is False:
        return "False"
    raise refuse("yes/no")


def operator(op: object, table: Mapping[str, str]) -> str:
    """An operator of the AST, as the Python operator the table maps it to."""
    if type(op) is not str or op not in table:
        raise refuse("operator")
    return table[op]
