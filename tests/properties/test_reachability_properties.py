"""The sweep that finds unreachable bands (E403, E413) finds what comparing every pair of
bands finds, band for band, for lists of the size decisions have."""

from __future__ import annotations

from fractions import Fraction

from hypothesis import given, settings
from hypothesis import strategies as st

from tests.strategies import BASE_SETTINGS
from ytxa_rules import ast
from ytxa_rules.check.implication import implies
from ytxa_rules.check.reachability import unreachable

SUBJECTS = (ast.Ref("x"), ast.Ref("y"), ast.Call("rate", (ast.Ref("x"), ast.Ref("y"))))
NUMBERS = st.sampled_from([0, 1, 2, 5, 10]).map(lambda n: ast.Number(Fraction(n), False, str(n)))
PERCENTS = st.sampled_from([5, 10]).map(lambda n: ast.Number(Fraction(n), True, f"{n}%"))


def _compare(op: str, subject: ast.Expr, number: ast.Number, flipped: bool) -> ast.Compare:
    return ast.Compare(op, number, subject) if flipped else ast.Compare(op, subject, number)


ATOMS = st.one_of(
    st.builds(_compare, st.sampled_from([">=", ">", "<=", "<", "=", "!="]), st.sampled_from(SUBJECTS), st.one_of(NUMBERS, PERCENTS), st.booleans()),
    st.builds(lambda s, o: ast.In(s, tuple(o)), st.sampled_from(SUBJECTS), st.lists(NUMBERS, min_size=1, max_size=3)),
    st.sampled_from([ast.Ref("b"), ast.Not(ast.Ref("b")), ast.Compare("=", ast.Ref("x"), ast.Ref("y"))]),
)
CONDITIONS = st.recursive(
    ATOMS,
    lambda inner: st.one_of(
        st.lists(inner, min_size=2, max_size=3).map(lambda o: ast.And(tuple(o))),
        st.lists(inner, min_size=2, max_size=3).map(lambda o: ast.Or(tuple(o))),
    ),
    max_leaves=4,
)
BANDS = st.lists(st.one_of(CONDITIONS, CONDITIONS, CONDITIONS, st.none()), max_size=20).map(
    lambda conditions: tuple(ast.Band(ast.Number(Fraction(1), False, "1"), c) for c in conditions)
)


def _every_pair(bands: tuple[ast.Band, ...]) -> list[tuple[int, int]]:
    """The check as it was: each band against every earlier one, up to an `otherwise`."""
    found = []
    for index, band in enumerate(bands):
        if band.condition is None:
            continue
        for earlier_index, earlier in enumerate(bands[:index]):
            if earlier.condition is None:
                break
            if earlier.condition == band.condition or implies(band.condition, earlier.condition):
                found.append((index, earlier_index))
                break
    return found


@settings(BASE_SETTINGS, max_examples=200)
@given(BANDS)
def test_the_sweep_finds_what_every_pair_finds(bands: tuple[ast.Band, ...]) -> None:
    assert list(unreachable(bands)) == _every_pair(bands)
