"""A Ctrl-C that Python swallows inside a finaliser still stops the command before it writes."""

from __future__ import annotations

import gc
import signal
import sys
from pathlib import Path

import pytest

from ytxa_rules.atomic import atomic_output
from ytxa_rules.interrupts import checkpoint, remembered_interrupts


class _InterruptedWhileCollected:
    """Stands for zipfile's `__del__`: the signal lands while a finaliser runs."""

    def __del__(self) -> None:
        signal.raise_signal(signal.SIGINT)


def _swallow_an_interrupt() -> None:
    _InterruptedWhileCollected()  # collected at once; Python prints "Exception ignored"
    gc.collect()


def test_a_swallowed_interrupt_is_raised_again_at_the_checkpoint() -> None:
    with remembered_interrupts():
        _swallow_an_interrupt()  # no exception reaches here: this is the trap
        with pytest.raises(KeyboardInterrupt):
            checkpoint()


def test_without_an_interrupt_the_checkpoint_passes() -> None:
    with remembered_interrupts():
        checkpoint()


def test_the_memory_ends_with_the_block() -> None:
    handler, hook = signal.getsignal(signal.SIGINT), sys.unraisablehook
    with remembered_interrupts():
        _swallow_an_interrupt()
    checkpoint()  # a later command is not stopped by an old Ctrl-C
    assert signal.getsignal(signal.SIGINT) is handler and sys.unraisablehook is hook


def test_only_the_interrupt_report_is_silenced(capsys: pytest.CaptureFixture[str]) -> None:
    class Broken:
        def __del__(self) -> None:
            raise ValueError("a real bug in a finaliser")

    seen: list[BaseException | None] = []
    previous, sys.unraisablehook = sys.unraisablehook, lambda u: seen.append(u.exc_value)
    try:
        with remembered_interrupts():
            _swallow_an_interrupt()
            Broken()
            gc.collect()
    finally:
        sys.unraisablehook = previous
    assert [type(e) for e in seen] == [ValueError]


def test_a_swallowed_interrupt_keeps_the_old_file(tmp_path: Path) -> None:
    target = tmp_path / "ket-qua.csv"
    target.write_text("last year")
    with remembered_interrupts(), pytest.raises(KeyboardInterrupt):
        with atomic_output(target) as stream:
            stream.write("half of this year")
            _swallow_an_interrupt()
    assert target.read_text() == "last year"
    assert [p.name for p in tmp_path.iterdir()] == ["ket-qua.csv"]
