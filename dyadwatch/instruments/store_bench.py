"""The store benchmark: generate millions of events inside DuckDB, then time a dyad series over them.

Generation runs as one ``INSERT ... SELECT`` over DuckDB's ``range()`` (no Python rows, no ``executemany``),
so ten million events take seconds. The timed query is exactly the one ``dyad_series`` sends.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from pathlib import Path

from dyadwatch.analytics.series import dyad_series, series_sql
from dyadwatch.errors import InputError
from dyadwatch.instruments.synthetic_events import generate

TARGET_SECONDS = 1.0


@dataclass(frozen=True, slots=True)
class BenchResult:
    events: int
    groups: int
    generate_s: float
    cold_s: float
    warm_s: float
    cold_events_s: float
    warm_events_s: float
    periods: int
    db_path: str
    db_mb: float

    @property
    def ok(self) -> bool:
        return max(self.cold_s, self.warm_s, self.cold_events_s, self.warm_events_s) < TARGET_SECONDS

    def lines(self) -> list[str]:
        return [
            f"store: {self.db_path} ({self.db_mb:.0f} MB)",
            f"generated {self.events:,} events and {self.groups:,} event groups in {self.generate_s:.1f} s",
            f"USA-CHN monthly series over mentions: cold {self.cold_s * 1000:.0f} ms, warm {self.warm_s * 1000:.0f} ms"
            f" ({self.periods} periods)",
            f"USA-CHN monthly series over events:   cold {self.cold_events_s * 1000:.0f} ms, "
            f"warm {self.warm_events_s * 1000:.0f} ms",
            f"target < {TARGET_SECONDS:.0f} s: {'met' if self.ok else 'NOT met'}",
        ]


def _timed(store: object, unit: str) -> tuple[float, int]:
    query, params = series_sql("USA", "CHN", by="month", unit=unit)
    start = time.perf_counter()
    frame = store.sql(query, params)  # type: ignore[attr-defined]
    return time.perf_counter() - start, len(frame)


def run_bench(n: int, db_path: str | Path) -> BenchResult:
    """Generate ``n`` events into a NEW store at ``db_path`` and time the series query cold and warm.

    ``db_path`` may be a ``postgresql://`` URL of an empty database (``store_bench_postgres`` fills it).
    """
    from dyadwatch.store import open_store
    from dyadwatch.store.factory import describe, is_postgres_url

    if n < 1:
        raise InputError("--events must be at least 1; e.g. --events 10000000")
    if is_postgres_url(db_path):
        return _run_bench_postgres(n, str(db_path), describe(db_path))
    path = Path(db_path)
    if path.exists():
        raise InputError(f"{str(path)!r} already exists; give bench-store a new --db path (it fills a fresh store)")
    store = open_store(path)
    try:
        start = time.perf_counter()
        groups = generate(store.con, n)  # type: ignore[attr-defined]
        store.con.execute("CHECKPOINT")  # type: ignore[attr-defined]
        generate_s = time.perf_counter() - start
    finally:
        store.close()
    cold_s, warm_s, cold_events_s, warm_events_s, periods = _time_queries(path)
    size = path.stat().st_size / 1e6
    return BenchResult(n, groups, generate_s, cold_s, warm_s, cold_events_s, warm_events_s, periods, str(path), size)


def _time_queries(target: str | Path) -> tuple[float, float, float, float, int]:
    """Each unit timed on a freshly opened store (cold: nothing in the store's cache), then again (warm)."""
    from dyadwatch.store import open_store

    store = open_store(target)
    try:
        cold_s, periods = _timed(store, "mentions")
        warm_s, _ = _timed(store, "mentions")
    finally:
        store.close()
    store = open_store(target)
    try:
        cold_events_s, _ = _timed(store, "events")
        warm_events_s, _ = _timed(store, "events")
        dyad_series(store, "USA", "CHN")  # the full API path works on this store too
    finally:
        store.close()
    return cold_s, warm_s, cold_events_s, warm_events_s, periods


def _run_bench_postgres(n: int, url: str, label: str) -> BenchResult:
    from dyadwatch.instruments.store_bench_postgres import database_mb, timed_generate
    from dyadwatch.store import open_store

    store = open_store(url)
    try:
        groups, generate_s = timed_generate(store, n)
        size = database_mb(store)
    finally:
        store.close()
    cold_s, warm_s, cold_events_s, warm_events_s, periods = _time_queries(url)
    return BenchResult(n, groups, generate_s, cold_s, warm_s, cold_events_s, warm_events_s, periods, label, size)
