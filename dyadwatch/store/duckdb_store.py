"""The embedded store: one DuckDB file, bulk loads through Arrow, one transaction per batch."""

from __future__ import annotations

import json
import logging
from collections.abc import Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import duckdb
import pandas as pd
import pyarrow as pa

from dyadwatch.errors import StoreError
from dyadwatch.store.base import CodedArticle, EventFilter, IngestReport, event_where
from dyadwatch.store.migrations import MIGRATIONS
from dyadwatch.store.rows import (
    ARTICLE_SCHEMA,
    EVENT_SCHEMA,
    LINK_SCHEMA,
    article_rows,
    event_rows,
    link_rows,
)

log = logging.getLogger(__name__)

DEFAULT_DB = "dyadwatch.duckdb"


class DuckDBStore:
    """Store backed by a DuckDB file (or ``:memory:``).

    One writer at a time (DuckDB's model): each ``ingest`` call is one transaction, so a crash mid-batch leaves
    no half-written article.
    """

    def __init__(self, path: str | Path = DEFAULT_DB, *, read_only: bool = False) -> None:
        self.path = str(path)
        try:
            self.con = duckdb.connect(self.path, read_only=read_only)
        except duckdb.Error as err:
            raise StoreError(
                f"cannot open store {self.path!r} ({str(err).splitlines()[0]}); check the path and that no "
                "other process is writing to it"
            ) from err
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
                self.con.execute(migration.sql)
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
        report = IngestReport()
        if not batch:
            return report
        # Within a batch too, the same content counts once (the first occurrence wins).
        unique: dict[str, CodedArticle] = {}
        for coded in batch:
            if coded.article.content_hash in unique:
                report.articles_known += 1
                report.known_ids.append(coded.article.id)
            else:
                unique[coded.article.content_hash] = coded
        known = self.known_hashes(list(unique))
        fresh = [c for h, c in unique.items() if h not in known]
        for h in known:
            report.articles_known += 1
            report.known_ids.append(unique[h].article.id)
        if not fresh:
            return report
        now = datetime.now(UTC).replace(tzinfo=None)
        articles = pa.Table.from_pylist(article_rows(fresh, now), schema=ARTICLE_SCHEMA)
        events = pa.Table.from_pylist(event_rows(fresh), schema=EVENT_SCHEMA)
        links = pa.Table.from_pylist(link_rows(fresh), schema=LINK_SCHEMA)
        self.con.execute("BEGIN TRANSACTION")
        try:
            for name, table in (("articles", articles), ("events", events), ("event_links", links)):
                self.con.register("_dw_batch", table)
                try:
                    self.con.execute(f"INSERT INTO {name} BY NAME SELECT * FROM _dw_batch")
                finally:
                    self.con.unregister("_dw_batch")
            self.con.execute("COMMIT")
        except duckdb.Error as err:
            self.con.execute("ROLLBACK")
            raise StoreError(f"ingest failed and was rolled back, nothing written: {err}") from err
        report.articles_new = len(fresh)
        report.events_written = events.num_rows
        return report

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
        where, params = _event_where(flt)
        limit = f" LIMIT {int(flt.limit)}" if flt.limit else ""
        return self.sql(
            f"SELECT * EXCLUDE (payload) FROM events{where} ORDER BY event_date, article_id, sentence_index{limit}",
            params,
        )

    def event_payloads(self, flt: EventFilter) -> list[dict[str, Any]]:
        """Events as the output contract's JSON objects (exactly what ``dyadwatch code`` prints)."""
        where, params = _event_where(flt)
        limit = f" LIMIT {int(flt.limit)}" if flt.limit else ""
        rows = self.con.execute(
            f"SELECT payload FROM events{where} ORDER BY event_date, article_id, sentence_index{limit}", params
        ).fetchall()
        return [json.loads(r[0]) for r in rows]

    def articles(self, limit: int | None = None) -> pd.DataFrame:
        lim = f" LIMIT {int(limit)}" if limit else ""
        return self.sql(f"SELECT * EXCLUDE (text) FROM articles ORDER BY published, article_id{lim}")

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


def _event_where(flt: EventFilter) -> tuple[str, list[Any]]:
    return event_where(flt)


def open_store(path: str | Path = DEFAULT_DB, *, read_only: bool = False) -> DuckDBStore:
    """Open (creating and migrating if needed) the embedded store."""
    if read_only and str(path) != ":memory:" and not Path(path).exists():
        raise StoreError(f"no store at {str(path)!r}; run `dyadwatch ingest ... --db {path}` first")
    return DuckDBStore(path, read_only=read_only)
