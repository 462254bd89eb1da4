"""The embedded store: one DuckDB file, bulk loads through Arrow, one transaction per batch."""

from __future__ import annotations

import json
import logging
import os
import re
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import duckdb
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from dyadwatch.errors import StoreError
from dyadwatch.store.base import DEFAULT_DB, CodedArticle, EventFilter, IngestReport, events_query
from dyadwatch.store.migrations import MIGRATIONS
from dyadwatch.store.rows import coded_tables, dedupe_batch
from dyadwatch.store.upkeep import remove_derived

log = logging.getLogger(__name__)



class DuckDBStore:
    """Store backed by a DuckDB file (or ``:memory:``).

    One writer at a time (DuckDB's model): each ``ingest`` call is one transaction, so a crash mid-batch leaves
    no half-written article.
    """

    dialect = "duckdb"

    def __init__(self, path: str | Path = DEFAULT_DB, *, read_only: bool = False,
                 lock_wait_s: float | None = None) -> None:
        self.path = str(path)
        self.con = _connect(self.path, read_only, lock_wait() if lock_wait_s is None else lock_wait_s)
        if not read_only:
            self.migrate()

    # --- schema ---------------------------------------------------------------------------------------------
    def migrate(self) -> list[int]:
        """Apply pending migrations in order, each in its own transaction; returns the versions applied."""
        self.con.execute(
            "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name VARCHAR, "
            "applied_at TIMESTAMP)"
        )
        done = {row[0] for row in self.con.execute("SELECT version FROM schema_migrations").fetchall()}
        applied = []
        for migration in MIGRATIONS:
            if migration.version in done:
                continue
            self.con.execute("BEGIN TRANSACTION")
            try:
                text = migration.sql_for(self.dialect)
                if text.strip():
                    self.con.execute(text)
                self.con.execute(
                    "INSERT INTO schema_migrations VALUES (?, ?, ?)",
                    [migration.version, migration.name, datetime.now(UTC).replace(tzinfo=None)],
                )
                self.con.execute("COMMIT")
            except duckdb.Error as err:
                self.con.execute("ROLLBACK")
                raise StoreError(f"migration {migration.version} ({migration.name}) failed: {err}") from err
            applied.append(migration.version)
        return applied

    def schema_version(self) -> int:
        row = self.con.execute("SELECT max(version) FROM schema_migrations").fetchall()[0]
        return int(row[0]) if row and row[0] is not None else 0

    # --- writes ---------------------------------------------------------------------------------------------
    def known_hashes(self, hashes: Sequence[str]) -> set[str]:
        if not hashes:
            return set()
        return self._known(pa.table({"h": pa.array(list(hashes), pa.string())}))

    def _known(self, table: pa.Table) -> set[str]:
        self.con.register("_dw_hashes", table)
        try:
            rows = self.con.execute(
                "SELECT a.content_hash FROM articles a JOIN _dw_hashes h ON a.content_hash = h.h"
            ).fetchall()
        finally:
            self.con.unregister("_dw_hashes")
        return {r[0] for r in rows}

    def ingest(self, batch: Sequence[CodedArticle]) -> IngestReport:
        """Store a batch in one transaction; skip articles whose content is already stored."""
        unique, report = dedupe_batch(batch)
        if not unique:
            return report
        known = self.known_hashes(list(unique))
        fresh = [c for h, c in unique.items() if h not in known]
        for h in known:
            report.articles_known += 1
            report.known_ids.append(unique[h].article.id)
        if not fresh:
            return report
        report.add(self.ingest_tables(*coded_tables(fresh, datetime.now(UTC).replace(tzinfo=None))))
        return report

    def ingest_tables(self, articles: pa.Table, events: pa.Table, links: pa.Table) -> IngestReport:
        """Bulk-load flattened rows in one transaction; articles already stored (and their events) are skipped.

        One writer holds the file (DuckDB's lock), so the look-up inside the transaction cannot race.
        """
        report = IngestReport()
        if articles.num_rows == 0:
            return report
        self.con.execute("BEGIN TRANSACTION")
        try:
            self._insert_tables(articles, events, links, report)
            self.con.execute("COMMIT")
        except duckdb.Error as err:
            self.con.execute("ROLLBACK")
            raise StoreError(f"ingest failed and was rolled back, nothing written: {err}") from err
        return report

    def rewrite(self, remove: Sequence[str], batch: Sequence[CodedArticle]) -> IngestReport:
        """In one transaction: remove the articles ``remove`` and everything derived from them (``upkeep``), then
        store ``batch``. What ``recode`` (remove and store the same articles) and ``forget`` (store nothing) do."""
        report = IngestReport()
        tables = coded_tables(list(dedupe_batch(batch)[0].values()), datetime.now(UTC).replace(tzinfo=None))
        self.con.execute("BEGIN TRANSACTION")
        try:
            remove_derived(lambda q, p: self.con.execute(q, list(p)), list(remove))
            if tables[0].num_rows:
                self._insert_tables(*tables, report)
            self.con.execute("COMMIT")
        except duckdb.Error as err:
            self.con.execute("ROLLBACK")
            raise StoreError(f"rewrite failed and was rolled back, nothing changed: {err}") from err
        return report

    def execute_all(self, statements: Sequence[tuple[str, Sequence[Any]]]) -> None:
        """Run write statements (portable SQL) in one transaction: all of them or none."""
        self.con.execute("BEGIN TRANSACTION")
        try:
            for query, params in statements:
                self.con.execute(query, list(params))
            self.con.execute("COMMIT")
        except duckdb.Error as err:
            self.con.execute("ROLLBACK")
            raise StoreError(f"store update failed and was rolled back: {str(err).splitlines()[0]}") from err

    def _insert_tables(self, articles: pa.Table, events: pa.Table, links: pa.Table, report: IngestReport) -> None:
        """The inserts of ``ingest_tables``, inside the caller's transaction."""
        known = self._known(articles.select(["content_hash"]).rename_columns(["h"]))
        if known:
            keep = pc.invert(pc.is_in(articles.column("content_hash"), pa.array(sorted(known), pa.string())))
            for h, article_id in zip(articles.column("content_hash").to_pylist(),
                                     articles.column("article_id").to_pylist(), strict=True):
                if h in known:
                    report.articles_known += 1
                    report.known_ids.append(article_id)
            articles = articles.filter(keep)
            events = events.filter(pc.invert(pc.is_in(events.column("content_hash"),
                                                      pa.array(sorted(known), pa.string()))))
            links = links.filter(pc.invert(pc.is_in(links.column("content_hash"),
                                                    pa.array(sorted(known), pa.string()))))
        for name, table in (("articles", articles), ("events", events), ("event_links", links)):
            self.con.register("_dw_batch", table)
            try:
                self.con.execute(f"INSERT INTO {name} BY NAME SELECT * FROM _dw_batch")
            finally:
                self.con.unregister("_dw_batch")
        report.articles_new += articles.num_rows
        report.events_written += events.num_rows

    @contextmanager
    def lock(self, name: str) -> Iterator[None]:
        """Nothing to take: DuckDB's file lock already makes this process the only writer."""
        yield

    def write_frame(self, table: str, frame: pd.DataFrame, key: Sequence[str]) -> int:
        """Bulk upsert of a derived table: delete rows with the same key, insert the frame, in one transaction."""
        if frame.empty:
            return 0
        arrow = pa.Table.from_pandas(frame, preserve_index=False)
        cond = " AND ".join(f"t.{k} = b.{k}" for k in key)
        self.con.execute("BEGIN TRANSACTION")
        try:
            self.con.register("_dw_frame", arrow)
            self.con.execute(f"DELETE FROM {table} t WHERE EXISTS (SELECT 1 FROM _dw_frame b WHERE {cond})")
            self.con.execute(f"INSERT INTO {table} BY NAME SELECT * FROM _dw_frame")
            self.con.execute("COMMIT")
        except duckdb.Error as err:
            self.con.execute("ROLLBACK")
            raise StoreError(f"writing {table} failed and was rolled back: {err}") from err
        finally:
            self.con.unregister("_dw_frame")
        return arrow.num_rows

    # --- reads ----------------------------------------------------------------------------------------------
    def events(self, flt: EventFilter) -> pd.DataFrame:
        return self.sql(*events_query("* EXCLUDE (payload)", flt))

    def event_payloads(self, flt: EventFilter) -> list[dict[str, Any]]:
        """Events as the output contract's JSON objects (exactly what ``dyadwatch code`` prints)."""
        rows = self.con.execute(*events_query("payload", flt)).fetchall()
        return [json.loads(r[0]) for r in rows]

    def articles(self, limit: int | None = None) -> pd.DataFrame:
        lim = f" LIMIT {int(limit)}" if limit else ""
        return self.sql(f"SELECT * EXCLUDE (text) FROM articles ORDER BY published, article_id{lim}")

    def arrow(self, query: str, params: Sequence[Any] = ()) -> pa.Table:
        try:
            relation = self.con.sql(query, params=list(params))
            if relation is None:  # not a query that returns rows
                return pa.table({})
            # DuckDB 2 names it to_arrow_table; 1.x arrow.
            fetch = getattr(relation, "to_arrow_table", None) or relation.arrow
            return fetch()
        except duckdb.Error as err:
            raise StoreError(f"query failed: {str(err).splitlines()[0]}") from err

    def sql(self, query: str, params: Sequence[Any] = ()) -> pd.DataFrame:
        try:
            return self.con.execute(query, list(params)).df()
        except duckdb.Error as err:
            raise StoreError(f"query failed: {str(err).splitlines()[0]}") from err

    def close(self) -> None:
        self.con.close()

    def __enter__(self) -> DuckDBStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


LOCK_WAIT_ENV = "DYADWATCH_LOCK_WAIT"
DEFAULT_LOCK_WAIT_S = 10.0
_PID = re.compile(r"PID (\d+)")


def lock_wait() -> float:
    """How long to wait for another process's lock on a DuckDB file (``DYADWATCH_LOCK_WAIT`` seconds)."""
    raw = os.environ.get(LOCK_WAIT_ENV)
    if raw is None or not raw.strip():
        return DEFAULT_LOCK_WAIT_S
    try:
        return max(0.0, float(raw))
    except ValueError as err:
        raise StoreError(f"{LOCK_WAIT_ENV}={raw!r} is not a number of seconds; set it to e.g. 30") from err


def _connect(path: str, read_only: bool, wait_s: float) -> duckdb.DuckDBPyConnection:
    """Connect, waiting (bounded) while another process holds the file's lock.

    Why wait at all: a second ``ingest`` started while another one finishes should simply queue; why bounded:
    an ingest can run for hours, and a command that hangs silently is worse than one that says why it stopped.
    """
    deadline = time.monotonic() + wait_s
    delay = 0.05
    while True:
        try:
            return duckdb.connect(path, read_only=read_only)
        except duckdb.IOException as err:
            first = str(err).splitlines()[0]
            if "lock" not in first.lower():
                raise StoreError(f"cannot open store {path!r} ({first}); check the path and its permissions") from err
            if time.monotonic() >= deadline:
                pid = _PID.search(str(err))
                holder = f"process {pid.group(1)}" if pid else "another process"
                raise StoreError(
                    f"store {path!r} is locked by {holder} (waited {wait_s:g} s); wait for it to finish, set "
                    f"{LOCK_WAIT_ENV} to wait longer, or use a PostgreSQL --db for concurrent writers"
                ) from err
            time.sleep(delay)
            delay = min(delay * 2, 0.5)
        except duckdb.Error as err:
            raise StoreError(
                f"cannot open store {path!r} ({str(err).splitlines()[0]}); check the path and that no "
                "other process is writing to it"
            ) from err


def open_duckdb(path: str | Path = DEFAULT_DB, *, read_only: bool = False) -> DuckDBStore:
    """Open (creating and migrating if needed) the embedded store."""
    if read_only and str(path) != ":memory:" and not Path(path).exists():
        raise StoreError(f"no store at {str(path)!r}; run `dyadwatch ingest ... --db {path}` first")
    return DuckDBStore(path, read_only=read_only)
