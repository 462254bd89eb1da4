"""The store contract, implemented by the DuckDB store (one file) and the PostgreSQL store (shared).

Why so small: the pipeline is stateless per article, so everything a store must do is take coded articles in
bulk (idempotently, atomically per batch) and answer queries as DataFrames.
"""

from __future__ import annotations

from collections.abc import Sequence
from contextlib import AbstractContextManager
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import TYPE_CHECKING, Any, Protocol

from dyadwatch.records import Article, Event

DEFAULT_DB = "dyadwatch.duckdb"  # the store file when none is named

if TYPE_CHECKING:
    import pandas as pd
    import pyarrow as pa


@dataclass(frozen=True, slots=True)
class CodedArticle:
    """An article and the events coded from it, ready to store."""

    article: Article
    events: tuple[Event, ...]


@dataclass(frozen=True, slots=True)
class EventFilter:
    """Which stored events to return. Countries are ISO3 / organisation codes; ``plover`` a PLOVER type.

    ``source`` and ``target`` take one code, several (a tuple, or a comma-separated string: ``"USA,TWN"``, the way
    analysts ask "what did China do to the US or Taiwan"), or None for any. ``updated_since`` keeps only events of
    articles stored after that moment, so a client can keep a local copy in sync.
    """

    source: str | tuple[str, ...] | None = None
    target: str | tuple[str, ...] | None = None
    plover: str | None = None
    since: date | None = None
    until: date | None = None
    article_id: str | None = None
    # By default only counted events: asserted (not negated, not hypothetical) and not historical.
    include_uncounted: bool = False
    limit: int | None = None
    updated_since: datetime | None = None
    # A CAMEO code prefix (CAMEO's own hierarchy: "12" is every REJECT code, "121" is 121 and 1211..1214).
    cameo: str | None = None


@dataclass(slots=True)
class IngestReport:
    """What one ingest call did: counts, and the ids of articles recognised as already stored."""

    articles_new: int = 0
    articles_known: int = 0
    events_written: int = 0
    known_ids: list[str] = field(default_factory=list)

    def add(self, other: IngestReport) -> None:
        self.articles_new += other.articles_new
        self.articles_known += other.articles_known
        self.events_written += other.events_written
        self.known_ids.extend(other.known_ids)


def cameo_sql(column: str, cameo: str | None) -> tuple[list[str], list[Any]]:
    """WHERE clause for a CAMEO code and its descendants (portable ``LIKE`` on the code prefix)."""
    if not cameo:
        return [], []
    return [f"{column} LIKE ?"], [f"{cameo}%"]


def date_range_sql(column: str, since: date | None, until: date | None) -> tuple[list[str], list[Any]]:
    """WHERE clauses and parameters for ``since <= column <= until`` (either end open); portable SQL."""
    clauses: list[str] = []
    params: list[Any] = []
    if since:
        clauses.append(f"{column} >= ?")
        params.append(since)
    if until:
        clauses.append(f"{column} <= ?")
        params.append(until)
    return clauses, params


def codes(value: str | Sequence[str] | None) -> list[str]:
    """The codes of a filter value: one code, a comma-separated string, or a sequence; empty for None."""
    if value is None:
        return []
    parts = value.split(",") if isinstance(value, str) else list(value)
    return [p.strip() for p in parts if p and p.strip()]


def event_where(flt: EventFilter, prefix: str = "") -> tuple[str, list[Any]]:
    """The WHERE clause (with its leading `` WHERE ``, or empty) and parameters of an event filter; portable SQL.

    Every value travels as a parameter: filters come from HTTP queries and command lines.
    """
    clauses: list[str] = []
    params: list[Any] = []
    for column, value in (
        ("source_country", flt.source),
        ("target_country", flt.target),
        ("plover", flt.plover),
        ("article_id", flt.article_id),
    ):
        values = codes(value) if column in ("source_country", "target_country") else ([value] if value else [])
        if len(values) == 1:
            clauses.append(f"{prefix}{column} = ?")
            params.append(values[0])
        elif values:  # several codes: any of them
            clauses.append(f"{prefix}{column} IN ({', '.join('?' for _ in values)})")
            params += values
    dates, date_params = date_range_sql(f"{prefix}event_date", flt.since, flt.until)
    clauses += dates
    params += date_params
    cameo, cameo_params = cameo_sql(f"{prefix}cameo", flt.cameo)
    clauses += cameo
    params += cameo_params
    if flt.updated_since is not None:
        clauses.append(f"{prefix}content_hash IN (SELECT content_hash FROM articles WHERE ingested_at > ?)")
        params.append(flt.updated_since)
    if not flt.include_uncounted:
        clauses.append(f"NOT {prefix}negated AND NOT {prefix}hypothetical AND NOT {prefix}historical")
    return (" WHERE " + " AND ".join(clauses) if clauses else ""), params


def events_query(columns: str, flt: EventFilter) -> tuple[str, list[Any]]:
    """The one query behind ``Store.events`` and ``Store.event_payloads`` on every backend: the filter, the
    stable order (date, article, sentence, id) and the limit; only the column list differs by backend."""
    where, params = event_where(flt)
    limit = f" LIMIT {int(flt.limit)}" if flt.limit else ""
    order = " ORDER BY event_date, article_id, sentence_index, event_id"
    return f"SELECT {columns} FROM events{where}{order}{limit}", params


class Store(Protocol):
    """What every store backend offers. ``dialect`` ("duckdb" or "postgres") names the SQL it speaks."""

    dialect: str
    path: str

    def ingest(self, batch: Sequence[CodedArticle]) -> IngestReport:
        """Store a batch atomically; articles already stored (same content hash) are skipped."""
        ...

    def known_hashes(self, hashes: Sequence[str]) -> set[str]:
        """Which of these content hashes are already stored."""
        ...

    def ingest_tables(self, articles: pa.Table, events: pa.Table, links: pa.Table) -> IngestReport:
        """Bulk-load already flattened rows (``store.rows`` schemas) in one transaction, idempotent by content."""
        ...

    def rewrite(self, remove: Sequence[str], batch: Sequence[CodedArticle]) -> IngestReport:
        """In one transaction, remove the articles with these content hashes and everything derived from them
        (events, links, group memberships; the groups they touched are dissolved for regrouping), then store
        ``batch``. ``recode`` passes the same articles re-coded; ``forget`` an empty batch."""
        ...

    def execute_all(self, statements: Sequence[tuple[str, Sequence[Any]]]) -> None:
        """Run write statements (portable SQL, ``?`` placeholders) in one transaction: all or none."""
        ...

    def arrow(self, query: str, params: Sequence[Any] = ()) -> pa.Table:
        """Run a read query (portable SQL, ``?`` placeholders); the result as an Arrow table."""
        ...

    def lock(self, name: str) -> AbstractContextManager[None]:
        """Hold a store-wide named lock while a block runs (grouping takes it, so runs never interleave)."""
        ...

    def events(self, flt: EventFilter) -> pd.DataFrame:
        """Stored events matching the filter, one row per event mention."""
        ...

    def articles(self, limit: int | None = None) -> pd.DataFrame:
        """Stored articles (without their text)."""
        ...

    def sql(self, query: str, params: Sequence[Any] = ()) -> pd.DataFrame:
        """Run a read query (analytics); portable SQL only, ``?`` placeholders, same answers on every backend."""
        ...

    def write_frame(self, table: str, frame: pd.DataFrame, key: Sequence[str]) -> int:
        """Bulk upsert of a derived table (rows with the same key are replaced); returns rows written."""
        ...

    def schema_version(self) -> int: ...

    def close(self) -> None: ...
