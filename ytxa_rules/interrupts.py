"""Ctrl-C that cannot be lost on its way to the end of a command.

Python ignores an exception raised inside a finaliser (a `__del__`, such as zipfile's
while a workbook being read is collected) and only prints "Exception ignored". A
KeyboardInterrupt that lands there would vanish, and the batch would run on and
replace its outputs. While `remembered_interrupts()` is active the handler also
remembers the interrupt, and `checkpoint()` raises it again at the next safe point:
between rows, and before any output file is renamed into place. Python's "Exception
ignored ... Traceback" report of such an interrupt is not printed: it is not lost, and
the user sees the command's own "interrupted" message instead.
"""

from __future__ import annotations

import contextlib
import signal
import sys
import threading
from collections.abc import Iterator
from types import FrameType

_pending = False


def _remember(signum: int, frame: FrameType | None) -> None:
    global _pending
    _pending = True
    raise KeyboardInterrupt


def _quiet_about_interrupts(previous: object) -> object:
    def hook(unraisable: sys.UnraisableHookArgs) -> None:
        if not isinstance(unraisable.exc_value, KeyboardInterrupt):
            previous(unraisable)  # type: ignore[operator]

    return hook


@contextlib.contextmanager
def remembered_interrupts() -> Iterator[None]:
    """Within the block, a Ctrl-C swallowed by a finaliser is raised again by `checkpoint()`."""
    global _pending
    if threading.current_thread() is not threading.main_thread():
        yield  # only the main thread receives signals (a service worker runs elsewhere)
        return
    previous = signal.signal(signal.SIGINT, _remember)
    previous_hook = sys.unraisablehook
    sys.unraisablehook = _quiet_about_interrupts(previous_hook)  # type: ignore[assignment]
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous)
        sys.unraisablehook = previous_hook
        _pending = False


def checkpoint() -> None:
    """Raise KeyboardInterrupt if a Ctrl-C arrived and was swallowed since the block began."""
    if _pending:
        raise KeyboardInterrupt
