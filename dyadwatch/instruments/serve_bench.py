"""``dyadwatch bench-serve``: request latency of a real server (uvicorn, in this process) on a large store.

The store is the generated one of ``dyadwatch bench-store`` (``synthetic_events.generate``); requests go over
HTTP to 127.0.0.1 one after another, so the figures are a single analyst's latencies, end to end (routing,
query, JSON). Goals from issue 16: p95 < 300 ms for a monthly dyad series, < 100 ms for a 100-event page; from issue 23:
p95 < 300 ms for a country view (every dyad of one country with its change this period).
"""

from __future__ import annotations

import shutil
import socket
import statistics
import tempfile
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from dyadwatch.errors import InputError

TARGETS = {
    "series": ("/v1/dyads/USA/CHN/series?by=month", 0.300),
    "events": ("/v1/events?source=USA&target=CHN&limit=100", 0.100),
    "country": ("/v1/countries/CHN", 0.300),  # the desk's country view: every dyad of CHN, change this month
}


@dataclass(frozen=True, slots=True)
class Latency:
    name: str
    path: str
    seconds: list[float]
    goal_s: float

    def p(self, q: float) -> float:
        ordered = sorted(self.seconds)
        return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]

    @property
    def ok(self) -> bool:
        return self.p(0.95) < self.goal_s

    def line(self) -> str:
        return (f"{self.name:7} GET {self.path}: p50 {self.p(0.5) * 1000:.0f} ms, p95 {self.p(0.95) * 1000:.0f} ms, "
                f"max {max(self.seconds) * 1000:.0f} ms, mean {statistics.fmean(self.seconds) * 1000:.0f} ms over "
                f"{len(self.seconds)} requests (goal p95 < {self.goal_s * 1000:.0f} ms: "
                f"{'met' if self.ok else 'NOT met'})")


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@contextmanager
def running(db: str) -> Iterator[str]:
    """A read-only server on ``db`` in a background thread; yields its base URL."""
    import uvicorn

    from dyadwatch.server import ServerConfig, create_app

    port = _free_port()
    server = uvicorn.Server(uvicorn.Config(create_app(ServerConfig(db=db, warm_up=False)), host="127.0.0.1",
                                           port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 60
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            raise InputError(f"the server on {db!r} did not start; check the store opens (`dyadwatch events --db`)")
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=30)


def measure(base: str, requests: int, warmup: int = 5) -> list[Latency]:
    import httpx

    out = []
    with httpx.Client(base_url=base, timeout=60) as client:
        for name, (path, goal) in TARGETS.items():
            for _ in range(warmup):
                client.get(path).raise_for_status()
            times = []
            for _ in range(requests):
                start = time.perf_counter()
                response = client.get(path)
                response.raise_for_status()
                response.json()
                times.append(time.perf_counter() - start)
            out.append(Latency(name, path, times, goal))
    return out


def bench_serve(events: int, requests: int, db: str | None = None) -> tuple[list[str], bool]:
    """Generate ``events`` into a fresh store (unless ``db`` names an existing one), serve it, time requests."""
    from dyadwatch.instruments.synthetic_events import generate
    from dyadwatch.store import open_store

    lines: list[str] = []
    tmp = None
    if db is None:
        tmp = tempfile.mkdtemp(prefix="dyadwatch-bench-serve-")
        db = str(Path(tmp) / "bench.duckdb")
        start = time.perf_counter()
        with open_store(db) as store:
            groups = generate(store.con, events)
            store.con.execute("CHECKPOINT")
        lines.append(f"generated {events:,} events and {groups:,} event groups in {time.perf_counter() - start:.1f} s")
    elif not Path(db).exists():
        raise InputError(f"no store at {db!r}; leave out --db to generate one, or run `dyadwatch bench-store --db`")
    try:
        with running(db) as base:
            results = measure(base, requests)
    finally:
        if tmp:
            shutil.rmtree(tmp, ignore_errors=True)
    lines += [r.line() for r in results]
    return lines, all(r.ok for r in results)
