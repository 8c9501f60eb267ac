"""Real servers for the service tests: `ytxa serve` in a subprocess on a free loopback port,
and PostgreSQL (the URL in YTXA_TEST_POSTGRES_URL, else a throwaway cluster started here).

Nothing here skips: a test that needs PostgreSQL fails when it cannot be had, saying how
to get it (`.ci/run` installs and starts it).
"""

from __future__ import annotations

import contextlib
import copy
import io
import json
import os
import queue
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
import yaml

REPO = Path(__file__).resolve().parents[2]
EXAMPLES = REPO / "examples"


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


class Server:
    """One `ytxa serve` process and what it printed when it started."""

    def __init__(self, folder: Path, database: str | None = None, env: dict[str, str] | None = None, extra: list[str] | None = None):
        self.folder = folder
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.database = database or f"sqlite:///{folder / 'ytxa.db'}"
        command = [sys.executable, "-m", "ytxa_rules.cli", "serve", "--port", str(self.port), "--log-level", "warning"]
        if database is not None:
            command += ["--database", database]
        command += extra or []
        self.log = open(folder / f"server-{self.port}.log", "w", encoding="utf-8")  # noqa: SIM115
        self.process = subprocess.Popen(
            command, cwd=folder, stdout=subprocess.PIPE, stderr=self.log, text=True, env={**os.environ, **(env or {})}
        )
        self.lines: queue.Queue[str] = queue.Queue()
        self.printed: list[str] = []
        threading.Thread(target=self._read, daemon=True).start()
        self.token = self._wait_ready()

    def _read(self) -> None:
        assert self.process.stdout is not None
        for line in self.process.stdout:
            self.lines.put(line)

    def _wait_ready(self, seconds: float = 60) -> str | None:
        token = None
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            try:
                line = self.lines.get(timeout=0.2)
                self.printed.append(line)
                if line.startswith("admin token: "):
                    token = line.split(": ", 1)[1].strip()
            except queue.Empty:
                pass
            if self.process.poll() is not None:
                raise AssertionError(f"ytxa serve exited with {self.process.returncode}: {self.log_text()}")
            with contextlib.suppress(httpx.HTTPError):
                if httpx.get(self.url + "/healthz", timeout=1).status_code == 200:
                    while not self.lines.empty():
                        line = self.lines.get()
                        self.printed.append(line)
                        if line.startswith("admin token: "):
                            token = line.split(": ", 1)[1].strip()
                    return token
        raise AssertionError(f"ytxa serve did not answer within {seconds} s: {self.log_text()}")

    def log_text(self) -> str:
        self.log.flush()
        return (self.folder / f"server-{self.port}.log").read_text(encoding="utf-8")[-4000:]

    def client(self, token: str | None = None, **options: Any) -> httpx.Client:
        headers = {"Authorization": f"Bearer {token}"} if token else {}
        return httpx.Client(base_url=self.url, headers=headers, timeout=options.pop("timeout", 60), **options)

    def kill(self) -> None:
        """SIGKILL: no shutdown hook runs, as when the machine's power goes."""
        self.process.send_signal(signal.SIGKILL)
        self.process.wait(timeout=30)

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self.log.close()


def ytxa(*args: str, stdin: str = "") -> tuple[int, str, str]:
    """Run a `ytxa` command in this process, as the console would."""
    from ytxa_rules.cli import main

    out, err = io.StringIO(), io.StringIO()
    old = sys.stdin
    sys.stdin = io.StringIO(stdin)
    try:
        code = main(list(args), out, err)
    finally:
        sys.stdin = old
    return code, out.getvalue(), err.getvalue()


def add_user(database: str, name: str, role: str, *provinces: str, communes: tuple[str, ...] = (), password: str | None = None) -> str:
    args = ["users", "add", name, "--role", role, "--database", database]
    for province in provinces:
        args += ["--province", province]
    for commune in communes:
        args += ["--commune", commune]
    if password is not None:
        args.append("--password-stdin")
    code, out, err = ytxa(*args, stdin=(password or "") + "\n")
    assert code == 0, err
    return out.split("token: ", 1)[1].strip()


# ------------------------------------------------------------ stations

def example(name: str = "xa-dat-chuan") -> dict[str, Any]:
    data: dict[str, Any] = yaml.safe_load((EXAMPLES / f"{name}.yaml").read_text(encoding="utf-8"))
    return data


def station(code: str, province: str = "Nam Định", year: int = 2024, base: str = "xa-dat-chuan", area: str = "Ý Yên", **changes: Any) -> dict[str, Any]:
    facts = copy.deepcopy(example(base))
    facts.update({"ma_xa": code, "ten_xa": f"Xã {code}", "tinh": province, "huyen": area, "nam_danh_gia": year})
    facts.update(changes)
    return facts


def body(facts: Any) -> bytes:
    return json.dumps(facts, ensure_ascii=False).encode("utf-8")


def jsonl(rows: list[Any]) -> bytes:
    return "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows).encode("utf-8")


# ------------------------------------------------------------ PostgreSQL

_CLUSTER: dict[str, Any] = {}


def _postgres_bin() -> Path:
    found = sorted(Path("/usr/lib/postgresql").glob("*/bin/initdb"))
    if not found:
        pytest.fail("PostgreSQL is needed for these tests: `apt-get install -y postgresql`, or set YTXA_TEST_POSTGRES_URL (.ci/run does both)")
    return found[-1].parent


def postgres_server() -> str:
    """A URL of a PostgreSQL server whose role may create databases."""
    url = os.environ.get("YTXA_TEST_POSTGRES_URL")
    if url:
        return url
    if "url" in _CLUSTER:
        return str(_CLUSTER["url"])
    binaries = _postgres_bin()
    folder = Path(tempfile.mkdtemp(prefix="ytxa-pg-"))
    data = folder / "data"
    as_root = os.geteuid() == 0
    prefix = ["runuser", "-u", "postgres", "--"] if as_root else []
    if as_root:
        shutil.chown(folder, "postgres", "postgres")
    port = free_port()
    subprocess.run([*prefix, str(binaries / "initdb"), "-D", str(data), "-A", "trust", "-U", "postgres", "-E", "UTF8"], check=True, capture_output=True)
    subprocess.run(
        [*prefix, str(binaries / "pg_ctl"), "-D", str(data), "-l", str(folder / "log"), "-w", "-o", f"-p {port} -k {folder} -c listen_addresses=127.0.0.1 -c fsync=on", "start"],
        check=True,
        capture_output=True,
    )
    _CLUSTER.update(url=f"postgresql://postgres@127.0.0.1:{port}/postgres", stop=[*prefix, str(binaries / "pg_ctl"), "-D", str(data), "-m", "immediate", "stop"], folder=folder)
    return str(_CLUSTER["url"])


def stop_postgres() -> None:
    if "stop" in _CLUSTER:
        subprocess.run(_CLUSTER["stop"], capture_output=True)
        shutil.rmtree(_CLUSTER["folder"], ignore_errors=True)
        _CLUSTER.clear()


@contextlib.contextmanager
def postgres_database() -> Iterator[str]:
    """A new, empty database on the test server; dropped afterwards."""
    import psycopg

    server = postgres_server()
    name = "ytxa_test_" + secrets.token_hex(4)
    admin = server.replace("postgresql+psycopg://", "postgresql://")
    with psycopg.connect(admin, autocommit=True) as connection:
        connection.execute(f'CREATE DATABASE "{name}"')
    base, _, _ = admin.rpartition("/")
    try:
        yield f"{base}/{name}"
    finally:
        with psycopg.connect(admin, autocommit=True) as connection:
            connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
