"""Load on a real `ytxa serve`: concurrent clients scoring and storing stations over HTTP.

    python benchmarks/service_load.py [--clients 20] [--requests 5000] [--database URL]

Starts the server on a free loopback port (SQLite in a temporary folder unless --database
names another), signs a data officer in, and sends `--requests` POST /v1/assessments (one
station each: evaluate + store) from `--clients` threads. Prints throughput and p50/p99
latency, then counts the rows in the database: the run fails unless there were no errors
and the count equals the number of acknowledged (201) replies. Traffic stays on 127.0.0.1
and the run is bounded in count and time.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.service.servers import Server, add_user, station  # noqa: E402


def _percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def run(clients: int, requests: int, database: str | None = None, seconds: float = 900.0) -> dict[str, Any]:
    """Run the load and return the figures (also used by the test suite, smaller)."""
    import httpx
    from sqlalchemy import func, select

    from ytxa_rules.service.store.database import Database
    from ytxa_rules.service.store.models import Assessment

    folder = Path(tempfile.mkdtemp(prefix="ytxa-load-"))
    server = Server(folder, database=database)
    try:
        token = add_user(server.database, "load-officer", "data_officer", "Nam Định")
        bodies = [json.dumps(station(f"load-{n:06d}", area=f"Huyện {n % 10}"), ensure_ascii=False).encode("utf-8") for n in range(requests)]
        latencies: list[float] = []
        acknowledged: list[int] = []
        errors: list[str] = []
        lock = threading.Lock()
        next_index = iter(range(requests))
        stop_at = time.monotonic() + seconds

        def client() -> None:
            with httpx.Client(base_url=server.url, headers={"Authorization": f"Bearer {token}", "content-type": "application/json"}, timeout=60) as http:
                while time.monotonic() < stop_at:
                    with lock:
                        index = next(next_index, None)
                    if index is None:
                        return
                    started = time.perf_counter()
                    try:
                        reply = http.post("/v1/assessments", content=bodies[index])
                    except httpx.HTTPError as exc:
                        with lock:
                            errors.append(f"{index}: {exc!r}")
                        continue
                    took = time.perf_counter() - started
                    with lock:
                        latencies.append(took)
                        if reply.status_code == 201:
                            acknowledged.append(reply.json()["id"])
                        else:
                            errors.append(f"{index}: {reply.status_code} {reply.text[:200]}")

        threads = [threading.Thread(target=client) for _ in range(clients)]
        began = time.perf_counter()
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        wall = time.perf_counter() - began
        store = Database(server.database)
        with store.session() as session:
            stored = int(session.scalar(select(func.count(Assessment.id))) or 0)
        store.dispose()
        return {
            "clients": clients,
            "requests": requests,
            "backend": store.url.get_backend_name(),
            "seconds": wall,
            "throughput": len(latencies) / wall if wall else 0.0,
            "p50_ms": 1000 * _percentile(latencies, 0.50) if latencies else None,
            "p99_ms": 1000 * _percentile(latencies, 0.99) if latencies else None,
            "mean_ms": 1000 * statistics.fmean(latencies) if latencies else None,
            "acknowledged": len(acknowledged),
            "distinct_ids": len(set(acknowledged)),
            "stored": stored,
            "errors": errors,
        }
    finally:
        server.stop()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--requests", type=int, default=5000)
    parser.add_argument("--database", help="sqlite:///FILE or postgresql://… (default: SQLite in a temporary folder)")
    args = parser.parse_args()
    figures = run(args.clients, args.requests, args.database)
    print(f"backend {figures['backend']}: {figures['clients']} clients, {figures['requests']} evaluate+store requests in {figures['seconds']:.1f} s")
    print(f"throughput {figures['throughput']:.0f} req/s; latency p50 {figures['p50_ms']:.1f} ms, p99 {figures['p99_ms']:.1f} ms, mean {figures['mean_ms']:.1f} ms")
    print(f"acknowledged {figures['acknowledged']} (distinct ids {figures['distinct_ids']}), rows in the database {figures['stored']}, errors {len(figures['errors'])}")
    for line in figures["errors"][:10]:
        print("  error:", line)
    ok = not figures["errors"] and figures["acknowledged"] == figures["stored"] == figures["distinct_ids"] == figures["requests"]
    print("OK" if ok else "FAILED")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
