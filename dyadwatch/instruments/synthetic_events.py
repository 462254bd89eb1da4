"""Synthetic events for the store benches: the same shape of data for DuckDB (here) and PostgreSQL.

The data generator is its own module so that both store benches read it and neither imports the other.
Generation runs as one ``INSERT ... SELECT`` over DuckDB's ``range()`` (no Python rows, no ``executemany``),
so ten million events take seconds.
"""

from __future__ import annotations

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


def values_sql(rows: tuple[tuple[object, ...], ...]) -> str:
    """Rows as the literal list of a SQL ``VALUES`` clause (the generators' small lookup tables)."""

    def lit(v: object) -> str:
        return f"'{v}'" if isinstance(v, str) else str(v)

    return ", ".join("(" + ", ".join(lit(v) for v in row) + ")" for row in rows)


def generate(con: object, n: int) -> int:
    """Insert ``n`` synthetic events and one group per two events; returns the number of groups."""
    countries = "[" + ", ".join(f"'{c}'" for c in BENCH_COUNTRIES) + "]"
    k = len(BENCH_COUNTRIES)
    types = values_sql(tuple((i, *t) for i, t in enumerate(BENCH_TYPES)))
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
