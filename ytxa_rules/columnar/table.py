"""Stations as given to a batch: a list of rows (mappings), or columns (name -> values).

Both are read through one interface, a fact at a time, so columns given as numpy arrays
or lists are never turned into one dict per station unless a row is needed on its own
(a row handed to the per-station path, or `BatchResult.row`).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

from ytxa_rules.diagnostics import error
from ytxa_rules.errors import UsageError

if TYPE_CHECKING:
    import numpy as np


class Table:
    """The stations of one batch, or of the part of it one compiled spec scores."""

    def __init__(self, rows: Sequence[Mapping[str, Any]] | None = None, columns: Mapping[str, list[Any]] | None = None):
        self._rows = rows
        self._columns = columns
        if rows is not None:
            self.count = len(rows)
        else:
            assert columns is not None
            lengths = {len(values) for values in columns.values()}
            if len(lengths) > 1:
                raise UsageError([error("U100", None, lengths=", ".join(str(n) for n in sorted(lengths)))])
            self.count = lengths.pop() if lengths else 0

    @classmethod
    def of(cls, data: Sequence[Mapping[str, Any]] | Mapping[str, Sequence[Any]]) -> Table:
        if isinstance(data, Mapping):  # columns: numpy integer and bool arrays stay arrays, the rest Python values
            return cls(columns={name: _column(v) for name, v in data.items()})
        return cls(rows=data if isinstance(data, list) else list(data))

    def row(self, index: int) -> Mapping[str, Any]:
        if self._rows is not None:
            return self._rows[index]
        assert self._columns is not None
        return {name: _item(values, index) for name, values in self._columns.items()}

    def values(self, name: str) -> list[Any]:
        """One fact's values in row order (None where a row does not give it)."""
        if self._rows is not None:
            return [row.get(name) for row in self._rows]
        assert self._columns is not None
        found = self._columns.get(name)
        return found if found is not None else [None] * self.count

    def known_names(self, known: frozenset[str]) -> np.ndarray:
        """Rows that name only declared facts (the fast validator defers any other)."""
        import numpy as np

        if self._rows is not None:
            return np.fromiter((row.keys() <= known for row in self._rows), dtype=bool, count=self.count)
        assert self._columns is not None
        return np.full(self.count, self._columns.keys() <= known)

    def select(self, indices: Sequence[int]) -> Table:
        if self._rows is not None:
            return Table(rows=[self._rows[i] for i in indices])
        assert self._columns is not None
        return Table(columns={name: _pick(values, indices) for name, values in self._columns.items()})


def _column(values: Any) -> Any:
    """An int or bool numpy array as it is (read a column at a time); anything else as a list."""
    kind = getattr(getattr(values, "dtype", None), "kind", None)
    if kind in ("i", "b") and getattr(values, "ndim", None) == 1 and type(values).__module__ == "numpy":
        return values
    return values.tolist() if hasattr(values, "tolist") else list(values)


def _item(values: Any, index: int) -> Any:
    return values[index].item() if not isinstance(values, list) else values[index]


def _pick(values: Any, indices: Sequence[int]) -> Any:
    return values[list(indices)] if not isinstance(values, list) else [values[i] for i in indices]
