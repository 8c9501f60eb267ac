"""A progress bar on a terminal (rich), nothing when the output is piped or redirected."""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator
from typing import TextIO

Advance = Callable[[], None]


def _noop() -> None:
    return None


@contextlib.contextmanager
def progress(stream: TextIO, label: str, total: int | None) -> Iterator[Advance]:
    """`advance()` once per item; a bar with `total`, a counter without."""
    if not (hasattr(stream, "isatty") and stream.isatty()):
        yield _noop
        return
    from rich.console import Console
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        SpinnerColumn,
        TextColumn,
        TimeElapsedColumn,
        TimeRemainingColumn,
    )

    columns = [SpinnerColumn(), TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn()]
    if total is not None:
        columns.append(TimeRemainingColumn())
    with Progress(*columns, console=Console(file=stream), transient=True) as bar:
        task = bar.add_task(label, total=total)
        yield lambda: bar.advance(task)
