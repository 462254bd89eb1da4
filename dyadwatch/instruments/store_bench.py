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

# 20 countries: the dyad queried (USA-CHN) holds about 1/190 of the events, a realistic selectivity.
BENCH_COUNTRIES = ("USA", "CHN", "RUS", "GBR", "FRA", "DEU", "JPN", "IND", "BRA", "TUR", "IRN", "ISR", "UKR",
                   "KOR", "PRK", "TWN", "PAK", "SAU", "EGY", "ZAF")
# (CAMEO, PLOVER, QuadClass, Goldstein) drawn uniformly: a spread over the four QuadClasses.
BENCH_TYPES = (
    ("040", "CONSULT", 1, 1.0), ("042", "CONSULT", 1, 1.9), ("031", "AGREE", 1, 5.2), ("057", "SUPPORT", 1, 8.0),
    ("072", "AID", 2, 8.3), ("061", "COOPERATE", 2, 6.4), ("111", "ACCUSE", 3, -2.0), ("120", "REJECT", 3, -4.0),
    ("130", "THREATEN", 3, -4.4), ("161", "SANCTION", 4, -4.0), ("173", "COERCE", 4, -5.0),
    ("190", "ASSAULT", 4, -10.0),
)
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


def _values(rows: tuple[tuple[object, ...], ...]) -> str:
    def lit(v: object) -> str:
        return f"'{v}'" if isinstance(v, str) else str(v)

    return ", ".join("(" + ", ".join(lit(v) for v in row) + ")" for row in rows)


def generate(con: object, n: int) -> int:
    """Insert ``n`` synthetic events and one group per two events; returns the number of groups."""
    countries = "[" + ", ".join(f"'{c}'" for c in BENCH_COUNTRIES) + "]"
    k = len(BENCH_COUNTRIES)
    types = _values(tuple((i, *t) for i, t in enumerate(BENCH_TYPES)))
    con.execute(f"CREATE TEMP TABLE bench_types(i INTEGER, cameo VARCHAR, plover VARCHAR, quad INTEGER, "  # type: ignore[attr-defined]
                f"goldstein DOUBLE); INSERT INTO bench_types VALUES {types}")
    con.execute(  # type: ignore[attr-defined]
        f"""
        INSERT INTO events BY NAME
        WITH r AS (
            SELECT i,
                   hash(i) AS h,
                   (hash(i) % {k})::INTEGER AS s,
                   ((hash(i) // {k}) % {k - 1})::INTEGER AS t0,
                   ((hash(i) // 1000) % {len(BENCH_TYPES)})::INTEGER AS ty
            FROM range({n}) tbl(i)
        )
        SELECT 'bev-' || r.i AS event_id, 'bench-' || (r.i // 8) AS content_hash, 'bench-' || (r.i // 8) AS article_id,
               0 AS sentence_index, 0 AS evidence_start, 10 AS evidence_end, 'synthetic event' AS evidence_text,
               {countries}[s + 1] AS source_country,
               {countries}[((s + 1 + t0) % {k}) + 1] AS target_country,
               'GOV' AS source_sector, 'GOV' AS target_sector,
               b.plover, b.cameo, b.goldstein, b.quad AS quad_class, b.goldstein AS plover_score,
               DATE '2015-01-01' + ((h // 7) % 3650)::INTEGER AS event_date, 'day' AS date_precision,
               (h % 50 = 0) AS historical, (h % 97 = 0) AS negated, FALSE AS hypothetical, 0.8 AS confidence,
               DATE '2015-01-01' + ((h // 7) % 3650)::INTEGER AS published, 'bench' AS outlet,
               'bench' AS coder_version, '{{}}' AS payload
        FROM r JOIN bench_types b ON b.i = r.ty
        """
    )
    con.execute(  # type: ignore[attr-defined]
        """
        INSERT INTO event_groups BY NAME
        SELECT 'bgrp-' || event_id AS group_id, plover, cameo, source_country, source_country AS source_key,
               target_country, target_country AS target_key, plover IN ('CONSULT', 'AGREE') AS is_symmetric,
               goldstein, quad_class, plover_score, event_date, date_precision, event_date AS date_lo,
               event_date AS date_hi, 2 AS n_mentions, 2 AS n_articles, 2 AS n_sources, published AS first_seen,
               published AS last_seen, historical, NOT historical AS counted, event_id AS representative,
               now()::TIMESTAMP AS updated_at
        FROM events WHERE NOT negated AND hash(event_id) % 2 = 0
        """
    )
    row = con.execute("SELECT count(*) FROM event_groups").fetchone()  # type: ignore[attr-defined]
    return int(row[0]) if row else 0


def _timed(store: object, unit: str) -> tuple[float, int]:
    query, params = series_sql("USA", "CHN", by="month", unit=unit)
    start = time.perf_counter()
    frame = store.sql(query, params)  # type: ignore[attr-defined]
    return time.perf_counter() - start, len(frame)


def run_bench(n: int, db_path: str | Path) -> BenchResult:
    """Generate ``n`` events into a NEW store at ``db_path`` and time the series query cold and warm.

    ``db_path`` may be a ``postgresql://`` URL of an empty database (``bench_postgres`` fills it).
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
