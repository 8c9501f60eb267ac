"""The province workflow: many stations read, scored, rolled up and compared.

    from ytxa_rules.batch import score_files, roll_up
    run = score_files(spec, ["tinh.xlsx", "huyen/"])   # every station; bad rows set aside
    rollup = roll_up(run)                               # frozen; rollup.to_dict() is ytxa-rollup/1

Readers live in `ytxa_rules.facts` (sources, tabular); this package scores (`run`), rolls
up (`rollup`), compares (`impact`) and writes (`writers`, `xlsx_out`, `template`).
"""

from __future__ import annotations

import datetime
from collections.abc import Iterator, Sequence

from ytxa_rules.api import Spec
from ytxa_rules.batch.rollup import RollUp, roll_up
from ytxa_rules.batch.run import AsOf, BatchRun, score_batch
from ytxa_rules.batch.station import RejectedStation, StationScore
from ytxa_rules.facts.records import FileNotice, FileProblem, StationRecord


def read_stations(
    spec: Spec,
    inputs: Sequence[str],
    *,
    as_of: AsOf = None,
    sheet: str | None = None,
    input_format: str | None = None,
) -> Iterator[StationRecord | FileProblem | FileNotice]:
    """Every station of `inputs` (files, folders, `-`), read against the facts in force on
    `as_of` (today when each station has its own date): the one reading step of `ytxa batch`,
    `ytxa plan` and `score_files`, so a spreadsheet header means the same to all of them."""
    from ytxa_rules.facts.sources import read_sources

    reference = spec.at(as_of if isinstance(as_of, datetime.date) else datetime.date.today())
    return read_sources(inputs, reference.scope.facts, sheet=sheet, input_format=input_format)


def score_files(
    spec: Spec,
    inputs: Sequence[str],
    *,
    as_of: AsOf = None,
    strict: bool = False,
    sheet: str | None = None,
) -> BatchRun:
    """Score every station of `inputs` (files, folders, `-`), as `ytxa batch` does."""
    return score_batch(spec, read_stations(spec, inputs, as_of=as_of, sheet=sheet), as_of=as_of, strict=strict)


__all__ = ["BatchRun", "RejectedStation", "RollUp", "StationScore", "read_stations", "roll_up", "score_batch", "score_files"]
