"""The traced log of a kept result, stored flat: one tuple of all records' items.

A traced station logs about 160 small records (a band tried, a comparison, a rate…).
Kept as a tuple per record they cost more than the rest of the result together; laid end
to end in one tuple they cost 8 bytes an item, so a traced result kept in memory stays
near 10 KB. Each record's length is known from its kind, so the records are cut out
again when the trace is read.
"""

from __future__ import annotations

from array import array
from collections.abc import Iterator, Sequence
from itertools import chain
from operator import itemgetter
from typing import Any

# Items per record, by kind (the trace hooks in `engine/runtime.py` write them).
ARITY = {
    "band": 3, "compare": 5, "value": 3, "rate_value": 4, "rate_compare": 7, "in": 4,
    "table": 4, "branch": 3, "used": 4, "not_applicable": 2, "part_not_applicable": 3, "fact": 3,
}  # fmt: skip
_kind = itemgetter(0)


class CompactLog(Sequence[tuple[tuple[Any, ...], ...]]):
    """Per indicator, its records; stored as one flat tuple and the start of each indicator."""

    __slots__ = ("_items", "_starts")

    def __init__(self, items: tuple[Any, ...], starts: Sequence[int]):
        self._items = items
        self._starts = array("L", starts)  # one more than there are indicators: the end; 4-8 bytes each, not an int object

    def __len__(self) -> int:
        return len(self._starts) - 1

    def __getitem__(self, position: int) -> tuple[tuple[Any, ...], ...]:  # type: ignore[override]
        if not -len(self) <= position < len(self):
            raise IndexError(position)
        position %= len(self)
        return tuple(self._records(self._starts[position], self._starts[position + 1]))

    def __iter__(self) -> Iterator[tuple[tuple[Any, ...], ...]]:
        return (self[p] for p in range(len(self)))

    def records(self, position: int) -> Iterator[tuple[Any, ...]]:
        """The records of the indicator at `position` (0-based), one at a time."""
        return self._records(self._starts[position], self._starts[position + 1])

    def _records(self, start: int, end: int) -> Iterator[tuple[Any, ...]]:
        items = self._items
        while start < end:
            stop = start + ARITY[items[start]]
            yield items[start:stop]
            start = stop


def compact(logs: Sequence[Sequence[tuple[Any, ...]]]) -> Sequence[Sequence[tuple[Any, ...]]]:
    """`logs` laid flat, or as they are if a record's length is not the one its kind has."""
    records = list(chain.from_iterable(logs))
    try:
        if sum(map(len, records)) != sum(map(ARITY.__getitem__, map(_kind, records))):
            return logs
    except KeyError:  # a kind this module does not know yet: kept as it is
        return logs
    starts = [0]
    for log in logs:
        starts.append(starts[-1] + sum(map(len, log)))
    return CompactLog(tuple(chain.from_iterable(records)), starts)
