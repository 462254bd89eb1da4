"""The shared store: PostgreSQL through psycopg 3, bulk loads with COPY, safe under concurrent writers.

Why this shape:
- Every write goes through ``COPY`` into a transaction-local staging table, then one set-based ``INSERT ...
  SELECT`` into the real table: no row-by-row inserts, and one transaction per batch as in the DuckDB store.
- Idempotency under concurrency rests on the articles' primary key: ``INSERT ... ON CONFLICT (content_hash) DO
  NOTHING RETURNING content_hash`` tells each transaction which articles *it* stored, and only their events and
  links are copied on. Two ingests of the same file at once: the second waits on the first's uncommitted keys,
  then stores nothing twice. Rows are inserted in content-hash order, so two batches never lock keys in opposite
  orders (no deadlock).
- Derived tables (event groups) are rewritten under a transaction-scoped advisory lock per table, and whole
  grouping runs under a session advisory lock (``lock``), so two runs never interleave their upserts.
- Queries arrive in the portable ``?`` form (``sqltext``) and come back as DataFrames converted by the same rules
  as DuckDB's (through Arrow), so the analytics give the same answers on both stores.
"""

from __future__ import annotations

import functools
import json
import logging
import threading
import zlib
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from datetime import UTC, date, datetime
from decimal import Decimal
from typing import Any
from urllib.parse import urlsplit, urlunsplit

import pandas as pd
import pyarrow as pa

from dyadwatch.errors import StoreError
from dyadwatch.store.base import CodedArticle, EventFilter, IngestReport, events_query
from dyadwatch.store.migrations import MIGRATIONS
from dyadwatch.store.rows import ARTICLE_SCHEMA, EVENT_SCHEMA, LINK_SCHEMA, coded_tables, dedupe_batch
from dyadwatch.store.sqltext import qmark_to_dollar
from dyadwatch.store.upkeep import remove_derived

log = logging.getLogger(__name__)

URL_SCHEMES = ("postgresql://", "postgres://")
# Advisory lock keys: (class, object). The class spells "dyad" so dyadwatch's locks are recognisable in pg_locks.
_LOCK_CLASS = 0x64796164
_LOCK_MIGRATE = 1
_EVENT_COLUMNS = [f.name for f in EVENT_SCHEMA if f.name != "payload"]
_ARTICLE_COLUMNS = [f.name for f in ARTICLE_SCHEMA if f.name != "text"]

# PostgreSQL type OIDs -> Arrow types, so results convert to pandas exactly as DuckDB's do.
_ARROW_BY_OID: dict[int, pa.DataType] = {
    16: pa.bool_(), 20: pa.int64(), 21: pa.int16(), 23: pa.int32(), 700: pa.float32(), 701: pa.float64(),
    1700: pa.float64(), 25: pa.string(), 1043: pa.string(), 1042: pa.string(), 19: pa.string(),
    1082: pa.date32(), 1114: pa.timestamp("us"), 1184: pa.timestamp("us"),
}


def is_postgres_url(target: object) -> bool:
    return isinstance(target, str) and target.startswith(URL_SCHEMES)


def redact(url: str) -> str:
    """The URL without its password, for messages and logs."""
    parts = urlsplit(url)
    if parts.password is None:
        return url
    netloc = parts.netloc.replace(f":{parts.password}@", ":***@", 1)
    return urlunsplit(parts._replace(netloc=netloc))


def _first_line(err: BaseException) -> str:
    text = str(err).strip()
    return text.splitlines()[0] if text else type(err).__name__


class PostgresStore:
    """Store backed by a PostgreSQL database (psycopg 3). Many readers and writers may share it."""

    dialect = "postgres"

    def __init__(self, url: str, *, read_only: bool = False, connect_timeout: int = 10) -> None:
        import psycopg

        self.url = url
        self._int_columns: dict[str, frozenset[str]] = {}
        self.path = redact(url)  # what messages show, as the DuckDB store shows its file
        try:
            self.con = psycopg.connect(
                url, autocommit=True, connect_timeout=connect_timeout, cursor_factory=psycopg.RawCursor
            )
        except psycopg.Error as err:
            raise StoreError(
                f"cannot connect to PostgreSQL store {self.path} ({_first_line(err)}); check the URL, that the "
                "server is running, and that the user may connect to that database"
            ) from err
        self.con.execute("SET TIME ZONE 'UTC'")
        if read_only:
            if self.schema_version() == 0:
                self.con.close()
                raise StoreError(f"no dyadwatch store in {self.path}; run `dyadwatch ingest ... --db {self.path}` "
                                 "first")
        else:
            self.migrate()

    # --- schema ---------------------------------------------------------------------------------------------
    def migrate(self) -> list[int]:
        """Apply pending migrations in order, each in its own transaction, one process at a time."""
        import psycopg

        applied: list[int] = []
        self.con.execute("SELECT pg_advisory_lock($1, $2)", [_LOCK_CLASS, _LOCK_MIGRATE])
        try:
            self.con.execute(
                "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name VARCHAR, "
                "applied_at TIMESTAMP)"
            )
            done = {r[0] for r in self.con.execute("SELECT version FROM schema_migrations").fetchall()}
            for migration in MIGRATIONS:
                if migration.version in done:
                    continue
                try:
                    with self.con.transaction():
                        text = migration.sql_for(self.dialect)
                        if text.strip():  # several statements, no parameters: one simple-protocol call
                            self.con.execute(text)
                        self.con.execute(
                            "INSERT INTO schema_migrations VALUES ($1, $2, $3)",
                            [migration.version, migration.name, datetime.now(UTC).replace(tzinfo=None)],
                        )
                except psycopg.Error as err:
                    raise StoreError(
                        f"migration {migration.version} ({migration.name}) failed on {self.path}: {_first_line(err)}"
                    ) from err
                applied.append(migration.version)
        finally:
            self.con.execute("SELECT pg_advisory_unlock($1, $2)", [_LOCK_CLASS, _LOCK_MIGRATE])
        return applied

    def schema_version(self) -> int:
        row = self.con.execute("SELECT to_regclass('schema_migrations') IS NOT NULL").fetchone()
        if not row or not row[0]:
            return 0
        row = self.con.execute("SELECT max(version) FROM schema_migrations").fetchone()
        return int(row[0]) if row and row[0] is not None else 0

    # --- writes ---------------------------------------------------------------------------------------------
    def known_hashes(self, hashes: Sequence[str]) -> set[str]:
        if not hashes:
            return set()
        rows = self.con.execute(
            "SELECT content_hash FROM articles WHERE content_hash = ANY($1)", [list(hashes)]
        ).fetchall()
        return {r[0] for r in rows}

    def ingest(self, batch: Sequence[CodedArticle]) -> IngestReport:
        """Store a batch in one transaction; articles already stored (by anyone, even concurrently) are skipped."""
        unique, report = dedupe_batch(batch)
        known = self.known_hashes(list(unique))
        for h in known:
            report.articles_known += 1
            report.known_ids.append(unique[h].article.id)
        fresh = [c for h, c in unique.items() if h not in known]
        if not fresh:
            return report
        articles, events, links = coded_tables(fresh, datetime.now(UTC).replace(tzinfo=None))
        stored = self.ingest_tables(articles, events, links)
        report.add(stored)
        return report

    def ingest_tables(self, articles: pa.Table, events: pa.Table, links: pa.Table) -> IngestReport:
        """Bulk-load flattened rows (the ``rows`` schemas) in one transaction, idempotent by content hash.

        Articles another transaction stored first are reported as known, and their events are not written.
        """
        import psycopg

        report = IngestReport()
        if articles.num_rows == 0:
            return report
        try:
            with self.con.transaction():
                for name, table in (("articles", articles), ("events", events), ("event_links", links)):
                    self._stage(name, table)
                cols = ", ".join(ARTICLE_SCHEMA.names)
                new = [r[0] for r in self.con.execute(
                    f"INSERT INTO articles ({cols}) SELECT {cols} FROM _dw_stage_articles ORDER BY content_hash "
                    "ON CONFLICT (content_hash) DO NOTHING RETURNING content_hash"
                ).fetchall()]
                written = 0
                if new:
                    for name, schema in (("events", EVENT_SCHEMA), ("event_links", LINK_SCHEMA)):
                        cols = ", ".join(schema.names)
                        cur = self.con.execute(
                            f"INSERT INTO {name} ({cols}) SELECT {cols} FROM _dw_stage_{name} "
                            "WHERE content_hash = ANY($1)", [new]
                        )
                        if name == "events":
                            written = cur.rowcount
        except psycopg.Error as err:
            raise StoreError(f"ingest failed and was rolled back, nothing written: {_first_line(err)}") from err
        new_set = set(new)
        ids = dict(zip(articles.column("content_hash").to_pylist(), articles.column("article_id").to_pylist(),
                       strict=True))
        report.articles_new = len(new_set)
        report.events_written = written
        for h, article_id in ids.items():
            if h not in new_set:  # stored by a concurrent writer between our look-up and our insert
                report.articles_known += 1
                report.known_ids.append(article_id)
        return report

    def rewrite(self, remove: Sequence[str], batch: Sequence[CodedArticle]) -> IngestReport:
        """In one transaction: remove the articles ``remove`` and everything derived from them (``upkeep``), then
        store ``batch`` (ingest's own transaction nests as a savepoint). What ``recode`` and ``forget`` do."""
        import psycopg

        report = IngestReport()
        tables = coded_tables(list(dedupe_batch(batch)[0].values()), datetime.now(UTC).replace(tzinfo=None))
        try:
            with self.con.transaction():
                # Rows in content-hash order, so two rewrites never lock keys in opposite orders.
                self.con.execute("SELECT 1 FROM articles WHERE content_hash = ANY($1) ORDER BY content_hash "
                                 "FOR UPDATE", [sorted(remove)])
                remove_derived(lambda q, p: self._execute(q, p), list(remove))
                if tables[0].num_rows:
                    report.add(self.ingest_tables(*tables))
        except psycopg.Error as err:
            raise StoreError(f"rewrite failed and was rolled back, nothing changed: {_first_line(err)}") from err
        return report

    def execute_all(self, statements: Sequence[tuple[str, Sequence[Any]]]) -> None:
        """Run write statements (portable SQL) in one transaction: all of them or none."""
        import psycopg

        try:
            with self.con.transaction():
                for query, params in statements:
                    self._execute(query, params)
        except psycopg.Error as err:
            raise StoreError(f"store update failed and was rolled back: {_first_line(err)}") from err

    def _stage(self, table: str, data: pa.Table | pd.DataFrame) -> str:
        """COPY rows into a temporary table shaped like ``table``, dropped at commit; returns its name."""
        stage = f"_dw_stage_{table}"
        self.con.execute(f"CREATE TEMP TABLE {stage} (LIKE {table}) ON COMMIT DROP")
        columns = list(data.column_names if isinstance(data, pa.Table) else data.columns)
        integral = self._integer_columns(table)
        as_int = [c in integral for c in columns]
        with self.con.cursor().copy(f"COPY {stage} ({', '.join(columns)}) FROM STDIN") as copy:
            for row in _rows(data):
                # pandas holds an integer column with gaps as floats (1.0, NaN); the server wants 1.
                copy.write_row(tuple(int(v) if flag and isinstance(v, float) else v
                                     for v, flag in zip(row, as_int, strict=True)))
        return stage

    def _integer_columns(self, table: str) -> frozenset[str]:
        if table not in self._int_columns:
            rows = self.con.execute(
                "SELECT attname FROM pg_attribute WHERE attrelid = $1::regclass AND attnum > 0 "
                "AND NOT attisdropped AND atttypid IN ('int2'::regtype, 'int4'::regtype, 'int8'::regtype)",
                [table],
            ).fetchall()
            self._int_columns[table] = frozenset(r[0] for r in rows)
        return self._int_columns[table]

    def write_frame(self, table: str, frame: pd.DataFrame, key: Sequence[str]) -> int:
        """Bulk upsert of a derived table: COPY to staging, delete the same keys, insert; one transaction.

        A transaction-scoped advisory lock per table serialises writers, so a concurrent upsert never sees a
        key half-replaced.
        """
        import psycopg

        if frame.empty:
            return 0
        cond = " AND ".join(f"t.{k} = b.{k}" for k in key)
        cols = ", ".join(frame.columns)
        try:
            with self.con.transaction():
                self.con.execute("SELECT pg_advisory_xact_lock($1, $2)", [_LOCK_CLASS, _table_key(table)])
                stage = self._stage(table, frame)
                self.con.execute(f"DELETE FROM {table} t USING {stage} b WHERE {cond}")
                self.con.execute(f"INSERT INTO {table} ({cols}) SELECT {cols} FROM {stage}")
        except psycopg.Error as err:
            raise StoreError(f"writing {table} failed and was rolled back: {_first_line(err)}") from err
        return len(frame)

    @contextmanager
    def lock(self, name: str) -> Iterator[None]:
        """Hold a store-wide named lock (a session advisory lock) while the block runs, e.g. around grouping."""
        key = _table_key(f"lock:{name}")
        self.con.execute("SELECT pg_advisory_lock($1, $2)", [_LOCK_CLASS, key])
        try:
            yield
        finally:
            self.con.execute("SELECT pg_advisory_unlock($1, $2)", [_LOCK_CLASS, key])

    # --- reads ----------------------------------------------------------------------------------------------
    def events(self, flt: EventFilter) -> pd.DataFrame:
        return self.sql(*events_query(", ".join(_EVENT_COLUMNS), flt))

    def event_payloads(self, flt: EventFilter) -> list[dict[str, Any]]:
        """Events as the output contract's JSON objects (exactly what ``dyadwatch code`` prints)."""
        rows = self._execute(*events_query("payload", flt)).fetchall()
        return [json.loads(r[0]) for r in rows]

    def articles(self, limit: int | None = None) -> pd.DataFrame:
        lim = f" LIMIT {int(limit)}" if limit else ""
        return self.sql(f"SELECT {', '.join(_ARTICLE_COLUMNS)} FROM articles ORDER BY published, article_id{lim}")

    def arrow(self, query: str, params: Sequence[Any] = ()) -> pa.Table:
        """Run a read query (portable ``?`` SQL); the result as a typed Arrow table."""
        cur = self._execute(query, params)
        names = [d.name for d in cur.description or []]
        types = [_ARROW_BY_OID.get(d.type_code, pa.string()) for d in cur.description or []]
        rows = cur.fetchall()
        columns = [[_value(row[i]) for row in rows] for i in range(len(names))]
        return pa.table([pa.array(col, type=t) for col, t in zip(columns, types, strict=True)], names=names)

    def sql(self, query: str, params: Sequence[Any] = ()) -> pd.DataFrame:
        """Run a read query; the DataFrame is converted from Arrow by DuckDB's own rules, as the DuckDB store's."""
        table = self.arrow(query, params)
        with _CONVERTER_LOCK:
            return _converter().from_arrow(table).df()

    def _execute(self, query: str, params: Sequence[Any]) -> Any:
        import psycopg

        try:
            return self.con.execute(qmark_to_dollar(query, len(params)), list(params))
        except psycopg.Error as err:
            raise StoreError(f"query failed: {_first_line(err)}") from err

    def close(self) -> None:
        self.con.close()

    def __enter__(self) -> PostgresStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


_CONVERTER_LOCK = threading.Lock()


@functools.cache
def _converter() -> Any:
    """One in-memory DuckDB connection per process, used only to turn Arrow into pandas by DuckDB's rules.

    Why cached: opening a DuckDB connection costs ~0.1 s, more than the dyad query itself.
    """
    import duckdb

    return duckdb.connect()


def _table_key(name: str) -> int:
    """A stable 31-bit advisory-lock key for a name."""
    return zlib.crc32(name.encode("utf-8")) & 0x7FFFFFFF


def _value(v: Any) -> Any:
    if isinstance(v, Decimal):
        return float(v)
    if isinstance(v, datetime) and v.tzinfo is not None:
        return v.astimezone(UTC).replace(tzinfo=None)
    return v


def _cell(v: Any) -> Any:
    """A value ready for COPY: NaN/NaT become NULL, numpy scalars Python ones, NUL characters U+FFFD.

    Why U+FFFD: PostgreSQL text cannot hold NUL; one character for one keeps every stored offset valid.
    """
    if v is None:
        return None
    if isinstance(v, str):
        return v.replace("\x00", "\ufffd") if "\x00" in v else v
    if isinstance(v, float) and v != v:
        return None
    if isinstance(v, pd.Timestamp):
        return None if pd.isna(v) else v.to_pydatetime()
    if v is pd.NaT:
        return None
    if hasattr(v, "item") and not isinstance(v, date | datetime):
        return _cell(v.item())
    return v


def _rows(data: pa.Table | pd.DataFrame) -> Iterator[tuple[Any, ...]]:
    if isinstance(data, pa.Table):
        columns = [data.column(i).to_pylist() for i in range(data.num_columns)]
    else:
        columns = [data[c].astype(object).tolist() for c in data.columns]
    for row in zip(*columns, strict=True):
        yield tuple(_cell(v) for v in row)
