"""Move a store to another backend in bulk: ``dyadwatch copy --from a.duckdb --to postgresql://...``.

Why through the stores' own bulk paths: the copy inherits their guarantees. Articles travel in content-hash
order, a chunk per transaction (``ingest_tables``: Arrow into DuckDB, COPY into PostgreSQL), and an article the
destination already holds is skipped with its events, so a copy can be re-run, or resumed after a crash, without
doubling anything. The event groups of the copied articles follow (upserts by key), so the destination answers
``series`` and ``export`` as the source did; articles a crash left ungrouped are grouped by the next command.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import pyarrow as pa
import pyarrow.compute as pc

from dyadwatch.store.base import Store
from dyadwatch.store.rows import ARTICLE_SCHEMA, EVENT_SCHEMA, LINK_SCHEMA

GROUP_TABLES = ("event_groups", "event_group_members", "grouped_articles")


@dataclass(slots=True)
class CopyReport:
    articles_copied: int = 0
    articles_known: int = 0
    events_copied: int = 0
    groups_written: int = 0


def _select(schema: pa.Schema, table: str, where: str) -> str:
    return f"SELECT {', '.join(schema.names)} FROM {table} {where}"


def _only(table: pa.Table, column: str, keep: list[str]) -> pa.Table:
    return table.filter(pc.is_in(table.column(column), pa.array(keep, pa.string())))


def copy_store(source: Store, dest: Store, *, chunk: int = 2000,
               on_chunk: Callable[[CopyReport], None] | None = None) -> CopyReport:
    """Copy every article, event, link and event group of ``source`` into ``dest``; idempotent."""
    report = CopyReport()
    last = ""
    while True:
        articles = source.arrow(
            _select(ARTICLE_SCHEMA, "articles", "WHERE content_hash > ? ORDER BY content_hash LIMIT ?"),
            [last, chunk],
        )
        if articles.num_rows == 0:
            break
        hashes = [str(h) for h in articles.column("content_hash").to_pylist()]
        lo, last = hashes[0], hashes[-1]
        known = dest.known_hashes(hashes)
        new = [h for h in hashes if h not in known]
        report.articles_known += len(known)
        if new:
            span = "WHERE content_hash >= ? AND content_hash <= ?"
            events = _only(source.arrow(_select(EVENT_SCHEMA, "events", span), [lo, last]), "content_hash", new)
            links = _only(source.arrow(_select(LINK_SCHEMA, "event_links", span), [lo, last]), "content_hash", new)
            stored = dest.ingest_tables(
                _only(articles, "content_hash", new).cast(ARTICLE_SCHEMA), events.cast(EVENT_SCHEMA),
                links.cast(LINK_SCHEMA),
            )
            report.articles_copied += stored.articles_new
            report.articles_known += stored.articles_known
            report.events_copied += stored.events_written
            report.groups_written += _copy_groups(source, dest, lo, last, new)
        if on_chunk:
            on_chunk(report)
    return report


def _copy_groups(source: Store, dest: Store, lo: str, hi: str, new: list[str]) -> int:
    """The grouping of the newly copied articles: their groups, memberships and marks, in the order grouping
    writes them (an interruption leaves the marks out, so the destination regroups those articles)."""
    members_sql = (
        "SELECT m.* , e.content_hash AS _hash FROM event_group_members m JOIN events e ON e.event_id = m.event_id "
        "WHERE e.content_hash >= ? AND e.content_hash <= ?"
    )
    members = _only(source.arrow(members_sql, [lo, hi]), "_hash", new)
    group_ids = sorted({str(g) for g in members.column("group_id").to_pylist()})
    written = 0
    with dest.lock("grouping"):
        for i in range(0, len(group_ids), 500):
            ids = group_ids[i:i + 500]
            groups = source.arrow(
                f"SELECT * FROM event_groups WHERE group_id IN ({', '.join('?' * len(ids))})", ids
            )
            written += dest.write_frame("event_groups", groups.to_pandas(), ["group_id"])
        if members.num_rows:
            dest.write_frame("event_group_members", members.drop_columns(["_hash"]).to_pandas(), ["event_id"])
        marks = _only(source.arrow(
            "SELECT * FROM grouped_articles WHERE content_hash >= ? AND content_hash <= ?", [lo, hi]
        ), "content_hash", new)
        if marks.num_rows:
            dest.write_frame("grouped_articles", marks.to_pandas(), ["content_hash"])
    return written
