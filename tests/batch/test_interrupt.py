"""Ctrl-C during a batch leaves the old output (or none), never a torn file."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest

from batch.sheets import ROOT


def _temporary(folder: Path) -> list[Path]:
    return [p for p in folder.iterdir() if p.name.endswith(".tmp")]


def _cpu_seconds(pid: int) -> float:
    """CPU time used so far by process `pid` (Linux: /proc/PID/stat, fields utime and stime)."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


@pytest.mark.parametrize("moment", ["reading", "writing"])
@pytest.mark.skipif(not Path("/proc/self/stat").is_file(), reason="needs /proc to see how far the batch has got")
def test_sigint_leaves_no_torn_file(province: dict[str, Any], tmp_path: Path, moment: str) -> None:
    old = b"the report of last year"
    (tmp_path / "ket-qua.xlsx").write_bytes(old)
    command = [sys.executable, "-m", "ytxa_rules.cli", "batch", str(province["path"]), "-o", str(tmp_path / "ket-qua.xlsx"), "-o", str(tmp_path / "ket-qua.csv")]
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env)
    deadline = time.monotonic() + 300
    if moment == "reading":
        # Started, and well into reading the 10,000 rows (which takes many seconds of CPU);
        # no output is open yet.
        while _cpu_seconds(process.pid) < 6 and process.poll() is None and time.monotonic() < deadline:
            time.sleep(0.05)
        assert process.poll() is None and not _temporary(tmp_path)
    else:
        while not _temporary(tmp_path) and process.poll() is None and time.monotonic() < deadline:
            time.sleep(0.05)  # the outputs are open: scoring and writing under way
        assert process.poll() is None, "the batch ended before it could be interrupted"
        time.sleep(0.5)
    process.send_signal(signal.SIGINT)
    _, err = process.communicate(timeout=300)
    assert process.returncode == 130, err.decode()
    assert (tmp_path / "ket-qua.xlsx").read_bytes() == old
    assert not (tmp_path / "ket-qua.csv").exists()
    assert not _temporary(tmp_path)
    assert b"Traceback" not in err and "không tệp kết quả nào được ghi".encode() in err
