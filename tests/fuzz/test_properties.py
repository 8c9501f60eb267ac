"""Properties over generated documents, shrunk by Hypothesis to the simplest failing one.

The generators of the fuzzers take a `random.Random`; Hypothesis supplies one it can
shrink, so a disagreement between the fast and the traced evaluation (issue 9: a nested
`rate` scored 0 in `eval` and 2 in `explain`) comes back as a small document.
"""

from __future__ import annotations

import random
import tempfile
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from tests.fuzz.case import ERROR, OK, Case
from tests.fuzz.documents import amendment_for, cut_down_1300, plausible_document
from tests.fuzz.oracle import run_case
from tests.strategies import BASE_SETTINGS


def _outcome(case: Case) -> str:
    with tempfile.TemporaryDirectory() as folder:
        outcome = run_case(case, Path(folder))
    assert outcome.status in (OK, ERROR), f"{outcome.key}\n{outcome.detail}\n--- input\n" + "\n".join(
        data.decode("utf-8", "replace") for data in case.files.values())
    return outcome.status


@settings(BASE_SETTINGS, max_examples=30)
@given(st.randoms(use_true_random=False))
def test_generated_documents_score_alike_fast_and_traced(rnd: random.Random) -> None:
    text = plausible_document(rnd)
    _outcome(Case("spec-generated", "spec", {"spec/generated.ytxa": text.encode("utf-8")}, seed=rnd.getrandbits(32), clean=True))


@settings(BASE_SETTINGS, max_examples=10)
@given(st.randoms(use_true_random=False))
def test_amended_cut_down_specs_score_alike_fast_and_traced(rnd: random.Random) -> None:
    base = cut_down_1300(rnd)
    files = {"spec/base.ytxa": base.encode("utf-8"), "spec/amendment.ytxa": amendment_for(base, rnd).encode("utf-8")}
    _outcome(Case("amendment", "spec", files, seed=rnd.getrandbits(32), clean=True))


def test_the_generators_make_documents_that_pass_check() -> None:
    # Otherwise the properties above would test the checker's errors only.
    statuses = [_outcome(Case("g", "spec", {"spec/g.ytxa": plausible_document(random.Random(i)).encode()}, seed=i, clean=True)) for i in range(20)]
    assert statuses.count(OK) >= 10, statuses
    statuses = [_outcome(Case("c", "spec", {"spec/c.ytxa": cut_down_1300(random.Random(i)).encode()}, seed=i, clean=True)) for i in range(8)]
    assert statuses.count(OK) == 8, statuses
