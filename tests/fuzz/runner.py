"""Run cases in worker processes, each under a time budget proportional to its size.

A worker arms a timer of CPU time for each case (SIGPROF raises `Hang` where the code is,
so the report names the stage and the function; CPU time, so that a machine loaded by
other work does not turn slow inputs into false hangs); a worker that does not answer
within a generous wall-clock deadline (stuck inside C code or a system call, or dead) is
killed and replaced, and its case reported as a hang or a crash. Nothing is ever waited on without a bound. Each worker's memory is
capped, so a blow-up is a `MemoryError` (a crash), not a swapping machine.
"""

from __future__ import annotations

import multiprocessing.connection
import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

import attrs

from tests.fuzz.case import CRASH, HANG, Case, Outcome

ROOT = Path(__file__).resolve().parents[2]

BASE_SECONDS = 5.0  # fixed part of the budget: imports, the built-in spec, a loaded machine
BYTES_PER_SECOND = 10_000  # about 1/20 of the whole pipeline's speed on the real spec, unloaded
HARD_FACTOR, HARD_EXTRA = 4.0, 30.0  # wall clock: past this a worker is killed
MEMORY_MB = 2048


class _Pipe(multiprocessing.connection.Connection):
    """A `Connection` (framed pickles, `poll`, `wait`) over a pair of plain pipes."""

    def __init__(self, read_fd: int, write_fd: int):
        super().__init__(read_fd, readable=True, writable=False)
        self._writer = multiprocessing.connection.Connection(write_fd, readable=False, writable=True)

    def send(self, obj: Any) -> None:
        self._writer.send(obj)

    def close(self) -> None:
        self._writer.close()
        super().close()


def budget(case: Case, base: float = BASE_SECONDS, rate: float = BYTES_PER_SECOND) -> float:
    """Seconds a case may take: proportional to its size, generous for small ones."""
    return base + case.size / rate


@attrs.define
class _Slot:
    process: subprocess.Popen[bytes]
    connection: multiprocessing.connection.Connection
    log: Any
    job: tuple[int, Case] | None = None
    deadline: float = 0.0
    stage: str = ""

    def finish(self) -> tuple[int, Case]:
        """The job this slot was running; the slot is free again."""
        job, self.job = self.job, None
        assert job is not None
        return job

    def log_tail(self) -> str:
        self.log.seek(0)
        return self.log.read().decode("utf-8", "replace")[-1500:]


class Runner:
    """A pool of workers; `run` yields (index, case, outcome) as cases finish, in any order."""

    def __init__(self, jobs: int = 2, memory_mb: int = MEMORY_MB, base: float = BASE_SECONDS, rate: float = BYTES_PER_SECOND):
        self.jobs, self.memory_mb, self.base, self.rate = max(1, jobs), memory_mb, base, rate
        self.slots: list[_Slot] = []

    def _start(self) -> _Slot:
        """`python -m tests.fuzz.worker` on two pipes (whatever the parent's main module is)."""
        from_parent, to_child = os.pipe()  # (read end, write end)
        from_child, to_parent = os.pipe()
        log = tempfile.TemporaryFile()
        env = dict(os.environ, PYTHONPATH=os.pathsep.join([str(ROOT), os.environ.get("PYTHONPATH", "")]).rstrip(os.pathsep))
        process = subprocess.Popen(
            [sys.executable, "-m", "tests.fuzz.worker", str(from_parent), str(to_parent), str(self.memory_mb)],
            cwd=ROOT, env=env, pass_fds=(from_parent, to_parent), stdin=subprocess.DEVNULL, stdout=log, stderr=log,
        )
        os.close(from_parent)
        os.close(to_parent)
        return _Slot(process, _Pipe(from_child, to_child), log)

    def _stop(self, slot: _Slot) -> None:
        if slot.process.poll() is None:
            slot.process.kill()
        slot.process.wait(timeout=30)
        slot.connection.close()
        slot.log.close()

    def __enter__(self) -> Runner:
        self.slots = [self._start() for _ in range(self.jobs)]
        return self

    def __exit__(self, *exc: object) -> None:
        for slot in self.slots:
            try:
                slot.connection.send(None)
            except (BrokenPipeError, OSError):
                pass
            try:
                slot.process.wait(timeout=5)
            except subprocess.TimeoutExpired:
                pass
            self._stop(slot)

    def run(self, cases: Iterable[tuple[int, Case]]) -> Iterator[tuple[int, Case, Outcome]]:
        queue = iter(cases)
        exhausted = False
        while True:
            for number, slot in enumerate(self.slots):
                if slot.job is None and not exhausted:
                    job = next(queue, None)
                    if job is None:
                        exhausted = True
                        continue
                    seconds = budget(job[1], self.base, self.rate)
                    slot.job, slot.stage = job, "sent"
                    slot.deadline = time.monotonic() + seconds * HARD_FACTOR + HARD_EXTRA
                    try:
                        slot.connection.send((job[0], job[1], seconds))
                    except (BrokenPipeError, OSError):
                        tail = slot.log_tail()
                        slot.job = None
                        self.slots[number] = self._replace(slot)
                        yield job[0], job[1], Outcome(CRASH, "WorkerDied", "send", f"the worker was gone\n{tail}")
            busy = [s for s in self.slots if s.job is not None]
            if not busy:
                if exhausted:
                    return
                continue
            timeout = max(0.0, min(s.deadline for s in busy) - time.monotonic())
            ready = multiprocessing.connection.wait([s.connection for s in busy], timeout=timeout)
            for number, slot in enumerate(self.slots):
                if slot.job is None:
                    continue
                if slot.connection in ready:
                    try:
                        while slot.connection.poll():
                            message = slot.connection.recv()
                            if message[0] == "stage":
                                slot.stage = message[1]
                            else:
                                job = slot.finish()
                                yield job[0], job[1], message[2]
                                break
                    except (EOFError, OSError):
                        job = slot.finish()
                        code = slot.process.wait(timeout=30)
                        tail = slot.log_tail()
                        self.slots[number] = self._replace(slot)
                        yield job[0], job[1], Outcome(CRASH, "WorkerDied", slot.stage, f"exit code {code} (a signal if negative)\n{tail}")
                elif time.monotonic() > slot.deadline:
                    job = slot.finish()
                    self.slots[number] = self._replace(slot)
                    yield job[0], job[1], Outcome(HANG, slot.stage, "killed", "no answer by the hard deadline")

    def _replace(self, slot: _Slot) -> _Slot:
        self._stop(slot)
        return self._start()


def run_all(cases: Iterable[tuple[int, Case]], jobs: int = 2, **options: Any) -> list[tuple[int, Case, Outcome]]:
    with Runner(jobs, **options) as runner:
        return sorted(runner.run(cases), key=lambda item: item[0])
