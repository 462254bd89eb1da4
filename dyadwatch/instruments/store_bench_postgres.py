"""The store benchmark on PostgreSQL: the same synthetic events as ``bench``, generated inside the server.

Generation is one ``INSERT ... SELECT`` over ``generate_series`` (set-based, no rows cross the wire), with the
store's indexes dropped during the load and rebuilt after it, then ``VACUUM ANALYZE``: the way a bulk load into
PostgreSQL is done, and what makes the dyad query an index-only scan. The timed query is the one
``dyad_series`` sends, through the store's portable-SQL path.
"""

from __future__ import annotations

import re
import time
from typing import Any

from dyadwatch.errors import InputError
from dyadwatch.instruments.synthetic_events import BENCH_COUNTRIES, BENCH_TYPES, values_sql
from dyadwatch.store.migrations import MIGRATIONS

_INDEX_NAME = re.compile(r"CREATE (?:UNIQUE )?INDEX (\w+) ON", re.IGNORECASE)


def _index_sql() -> tuple[list[str], str]:
    """The names and the CREATE statements of the store's PostgreSQL indexes (from the migrations)."""
    texts = [m.sql_for("postgres") for m in MIGRATIONS if "CREATE INDEX" in m.sql_for("postgres").upper()
             or "CREATE UNIQUE INDEX" in m.sql_for("postgres").upper()]
    text = "\n".join(texts)
    return _INDEX_NAME.findall(text), text


def generate_postgres(store: Any, n: int) -> int:
    """Insert ``n`` synthetic events and one group per two events; returns the number of groups."""
    con = store.con
    row = con.execute("SELECT count(*) FROM events").fetchone()
    if row and row[0]:
        raise InputError(f"{store.path} already holds events; give bench-store an empty database (it fills it)")
    k = len(BENCH_COUNTRIES)
    countries = "ARRAY[" + ", ".join(f"'{c}'" for c in BENCH_COUNTRIES) + "]"
    types = values_sql(tuple((i, *t) for i, t in enumerate(BENCH_TYPES)))
    names, create = _index_sql()
    con.execute("SET maintenance_work_mem = '512MB'")
    for name in names:
        con.execute(f"DROP INDEX IF EXISTS {name}")
    con.execute("CREATE TEMP TABLE bench_types(i INTEGER, cameo VARCHAR, plover VARCHAR, quad INTEGER, "
                f"goldstein DOUBLE PRECISION); INSERT INTO bench_types VALUES {types}")
    # h: a 31-bit hash of i (hashint8), the same role as DuckDB's hash(i) in synthetic_events.generate.
    con.execute(
        f"""
        INSERT INTO events (event_id, content_hash, article_id, sentence_index, evidence_start, evidence_end,
            evidence_text, source_country, target_country, source_sector, target_sector, plover, cameo, goldstein,
            quad_class, plover_score, event_date, date_precision, historical, negated, hypothetical, confidence,
            published, outlet, coder_version, payload)
        WITH r AS (
            SELECT i, h, (h % {k})::INTEGER AS s, ((h / {k}) % {k - 1})::INTEGER AS t0,
                   ((h / 1000) % {len(BENCH_TYPES)})::INTEGER AS ty
            FROM (SELECT i, (hashint8(i)::BIGINT & 2147483647) AS h FROM generate_series(0, {n - 1}) AS g(i)) x
        )
        SELECT 'bev-' || r.i, 'bench-' || (r.i / 8), 'bench-' || (r.i / 8), 0, 0, 10, 'synthetic event',
               ({countries})[s + 1], ({countries})[((s + 1 + t0) % {k}) + 1], 'GOV', 'GOV',
               b.plover, b.cameo, b.goldstein, b.quad, b.goldstein,
               DATE '2015-01-01' + ((h / 7) % 3650)::INTEGER, 'day',
               (h % 50 = 0), (h % 97 = 0), FALSE, 0.8,
               DATE '2015-01-01' + ((h / 7) % 3650)::INTEGER, 'bench', 'bench', '{{}}'
        FROM r JOIN bench_types b ON b.i = r.ty
        """
    )
    con.execute(
        """
        INSERT INTO event_groups (group_id, plover, cameo, source_country, source_key, target_country, target_key,
            is_symmetric, goldstein, quad_class, plover_score, event_date, date_precision, date_lo, date_hi,
            n_mentions, n_articles, n_sources, first_seen, last_seen, historical, counted, representative,
            updated_at)
        SELECT 'bgrp-' || event_id, plover, cameo, source_country, source_country, target_country, target_country,
               plover IN ('CONSULT', 'AGREE'), goldstein, quad_class, plover_score, event_date, date_precision,
               event_date, event_date, 2, 2, 2, published, published, historical, NOT historical, event_id,
               now()::TIMESTAMP
        FROM events WHERE NOT negated AND (hashtext(event_id) & 1) = 0
        """
    )
    con.execute(create)
    con.execute("VACUUM ANALYZE events")
    con.execute("VACUUM ANALYZE event_groups")
    row = con.execute("SELECT count(*) FROM event_groups").fetchone()
    return int(row[0]) if row else 0


def database_mb(store: Any) -> float:
    row = store.con.execute("SELECT pg_database_size(current_database())").fetchone()
    return float(row[0]) / 1e6 if row else 0.0


def timed_generate(store: Any, n: int) -> tuple[int, float]:
    start = time.perf_counter()
    groups = generate_postgres(store, n)
    return groups, time.perf_counter() - start
