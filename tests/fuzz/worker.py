"""A fuzz worker: `python -m tests.fuzz.worker READ_FD WRITE_FD MEMORY_MB` (started by the runner).

Reads (index, case, seconds) messages, runs each case under a timer that raises `Hang`
where the code is, and answers ("stage", name) as the case goes and ("done", index,
outcome) at the end. Its memory is capped (`RLIMIT_AS`).
"""

from __future__ import annotations

import multiprocessing.connection
import signal
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import attrs

from tests.fuzz.case import HANG, Outcome


class Hang(BaseException):
    """Raised by the timer inside the running case (a BaseException: nothing swallows it)."""


def _alarm(signum: int, frame: Any) -> None:
    raise Hang()


def _limit_memory(memory_mb: int) -> None:
    try:
        import resource

        limit = memory_mb * 1024 * 1024
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    except (ImportError, ValueError, OSError):
        pass


def serve(reader: multiprocessing.connection.Connection, writer: multiprocessing.connection.Connection) -> None:
    from tests.fuzz.oracle import crash_location, run_case

    signal.signal(signal.SIGPROF, _alarm)
    current = ["start"]

    def stage(name: str) -> None:
        current[0] = name
        writer.send(("stage", name))

    while True:
        message = reader.recv()
        if message is None:
            return
        index, case, seconds = message
        start = time.perf_counter()
        with tempfile.TemporaryDirectory(prefix="ytxa-fuzz-") as folder:
            try:
                signal.setitimer(signal.ITIMER_PROF, seconds)  # CPU seconds: a loaded machine is no hang
                try:
                    outcome = run_case(case, Path(folder), stage)
                finally:
                    signal.setitimer(signal.ITIMER_PROF, 0)
            except Hang as exc:
                outcome = Outcome(HANG, current[0], crash_location(exc, by_function=True), f"over {seconds:.1f} s")
        writer.send(("done", index, attrs.evolve(outcome, seconds=round(time.perf_counter() - start, 3))))


if __name__ == "__main__":
    read_fd, write_fd, memory_mb = (int(a) for a in sys.argv[1:4])
    _limit_memory(memory_mb)
    serve(
        multiprocessing.connection.Connection(read_fd, readable=True, writable=False),
        multiprocessing.connection.Connection(write_fd, readable=False, writable=True),
    )
