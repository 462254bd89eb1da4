"""Re-code stored articles with the current coder and tables (``dyadwatch recode``), resumable after a kill.

Why a queue in the store (``recode_pending``, migration 7) rather than a cursor in memory: a recode of a large
store takes hours, and a killed run must neither lose events nor double them. The selection is queued in one
transaction; each batch is coded, then rewritten in one transaction that removes the batch's old articles, events,
links and group memberships, stores the new ones and deletes the batch's queue rows (``Store.rewrite``). A kill
between batches leaves whole batches either done or queued; the next ``recode`` finishes the queue. Grouping runs
after the rewrites (and, if the run is killed first, in the next command that reads groups).

Coding goes through the same runner as ``ingest`` (``--workers N``: watched worker processes with their time
budgets) or the same Dask path (``--dask``: the queued articles are written to one JSONL file that the workers
read, one partition per batch).
"""

from __future__ import annotations

import json
import logging
import tempfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from dyadwatch.analytics.integrity import parse_where, regroup
from dyadwatch.config import Settings
from dyadwatch.errors import NothingFound
from dyadwatch.io.readers import OverrideDate, choose_published
from dyadwatch.pipeline import Rejected
from dyadwatch.records import Article
from dyadwatch.runner.budget import Coded
from dyadwatch.store.base import CodedArticle

if TYPE_CHECKING:
    from dyadwatch.store.base import Store

log = logging.getLogger(__name__)

BATCH = 64  # articles per rewrite transaction: what a kill can cost, and how often the progress bar moves


@dataclass(slots=True)
class RecodeReport:
    queued: int = 0  # articles queued by this call (0 when it resumed an interrupted run)
    resumed: bool = False
    articles: int = 0  # articles re-coded and rewritten
    events_before: int = 0
    events_after: int = 0
    skipped: list[str] = field(default_factory=list)  # articles the coder rejected (their old events are kept)
    groups: Any = None


def pending(store: Store) -> int:
    return int(store.sql("SELECT count(DISTINCT content_hash) AS n FROM recode_pending")["n"][0])


def queue(store: Store, where: tuple[str, ...] | list[str], published: date | None) -> RecodeReport:
    """Queue the articles ``where`` selects, unless an interrupted run is still queued (then resume that one).

    ``published`` is applied as ``--published`` (fills a missing date) or, as an ``OverrideDate``,
    ``--published-override`` (replaces every date); the queue keeps it, so a resumed run applies the same.
    """
    report = RecodeReport()
    waiting = pending(store)
    if waiting:
        report.resumed, report.queued = True, waiting
        return report
    clause, params, described = parse_where(where)
    found = int(store.sql(f"SELECT count(*) AS n FROM articles{clause}", params)["n"][0])
    if not found:
        raise NothingFound(f"no stored article matches {described}; nothing to re-code")
    now = datetime.now(UTC).replace(tzinfo=None)
    day = date(published.year, published.month, published.day) if published else None
    store.execute_all([(
        f"INSERT INTO recode_pending (content_hash, published, published_override, queued_at) "
        f"SELECT content_hash, ?, ?, ? FROM articles{clause}",
        [day, isinstance(published, OverrideDate), now, *params],
    )])
    report.queued = found
    return report


def _batches(store: Store, size: int) -> Iterator[list[Article]]:
    """The queued articles, a batch at a time, in content-hash order, rebuilt as the reader built them."""
    after = ""
    while True:
        frame = store.sql(
            "SELECT a.content_hash, a.article_id, a.title, a.published, a.source, a.url, a.text, "
            "p.published AS given, p.published_override FROM recode_pending p "
            "JOIN articles a ON a.content_hash = p.content_hash WHERE p.content_hash > ? "
            f"ORDER BY p.content_hash LIMIT {int(size)}",
            [after],
        )
        if frame.empty:
            return
        batch = []
        for row in frame.to_dict("records"):
            own = _day(row["published"])
            given = _day(row["given"])
            if given is not None and bool(row["published_override"]):
                given = OverrideDate.of(given)
            batch.append(Article.create(
                str(row["text"]), id=str(row["article_id"]), published=choose_published(own, given, str(row["text"])),
                title=_text(row["title"]), source=_text(row["source"]), url=_text(row["url"]),
            ))
        after = str(frame["content_hash"].iloc[-1])
        yield batch


def _day(value: Any) -> date | None:
    if value is None or (isinstance(value, float) and value != value):
        return None
    try:
        import pandas as pd

        if pd.isna(value):
            return None
    except (TypeError, ValueError):
        pass
    return value.date() if isinstance(value, datetime) else value if isinstance(value, date) else \
        date.fromisoformat(str(value)[:10])


def _text(value: Any) -> str | None:
    return None if value is None or (isinstance(value, float) and value != value) else str(value)


def _orphans(store: Store) -> None:
    """Queue rows whose article is gone (forgotten meanwhile): nothing to re-code."""
    store.execute_all([("DELETE FROM recode_pending WHERE NOT EXISTS "
                        "(SELECT 1 FROM articles a WHERE a.content_hash = recode_pending.content_hash)", [])])


def run(
    store: Store,
    report: RecodeReport,
    *,
    settings: Settings | None = None,
    workers: int = 1,
    dask_address: Any = None,
    batch_size: int = BATCH,
    on_batch: Callable[[int, int], None] | None = None,
    limit: int | None = None,
    coder: Callable[[list[Article]], list[Any]] | None = None,
) -> RecodeReport:
    """Re-code everything queued (at most ``limit`` articles, rounded up to whole batches: the HTTP route works
    through a queue in bounded requests), a batch per transaction, then group; ``on_batch(articles, events)``
    reports progress. Articles the coder rejects keep their old events and leave the queue (``skipped``).
    ``coder`` codes a batch in place of a worker pool (the server passes its own running coder)."""
    _orphans(store)
    report.events_before = int(store.sql(
        "SELECT count(*) AS n FROM events WHERE content_hash IN (SELECT content_hash FROM recode_pending)")["n"][0])
    coded_batches = (_on_cluster(store, dask_address, settings, batch_size) if dask_address else
                     _on_workers(store, settings, workers, batch_size, coder))
    for batch, results in coded_batches:
        good = [r for r in results if isinstance(r, Coded)]
        for r in results:
            if isinstance(r, Rejected):
                report.skipped.append(f"article {r.article_id}: {r.stage} stage failed: {r.reason}; its stored "
                                      "events are kept")
        coded_hashes = {c.article.content_hash for c in good}
        rejected = [a.content_hash for a in batch if a.content_hash not in coded_hashes]
        with store.lock("grouping"):
            store.rewrite([a.content_hash for a in batch if a.content_hash in coded_hashes],
                          [CodedArticle(c.article, c.events) for c in good])
            if rejected:
                marks = ", ".join("?" for _ in rejected)
                store.execute_all([(f"DELETE FROM recode_pending WHERE content_hash IN ({marks})", rejected)])
        events = sum(len(c.events) for c in good)
        log.info("recoded a batch: %d article(s), %d event(s), %d kept (rejected)", len(good), events, len(rejected))
        report.articles += len(good)
        report.events_after += events
        if on_batch:
            on_batch(len(batch), events)
        if limit is not None and report.articles + len(report.skipped) >= limit:
            break
    report.groups = regroup(store)
    return report


def _on_workers(store: Store, settings: Settings | None, workers: int, batch_size: int,
                coder: Callable[[list[Article]], list[Any]] | None) -> Iterator[tuple[list[Article], list[Any]]]:
    from dyadwatch.runner.shared import shared_runner

    code = coder or shared_runner(settings, workers).code
    for batch in _batches(store, batch_size):
        yield batch, code(batch)


def _on_cluster(store: Store, address: Any, settings: Settings | None,
                batch_size: int) -> Iterator[tuple[list[Article], list[Any]]]:
    """The queue as one JSONL file (one partition per batch) coded on the Dask cluster, partition by partition.

    The file is written under the system's temporary directory: the workers must see it (a local cluster does;
    for a remote one set TMPDIR to a shared path).
    """
    from dyadwatch.runner.dask import Partition, code_on_cluster

    batches = list(_batches(store, batch_size))
    if not batches:
        return
    with tempfile.TemporaryDirectory(prefix="dyadwatch-recode-") as tmp:
        path = Path(tmp) / "recode.jsonl"
        offsets = []
        with path.open("wb") as out:
            for batch in batches:
                start = out.tell()
                for a in batch:
                    record = {"id": a.id, "text": a.text, "title": a.title, "source": a.source, "url": a.url,
                              "published": a.published.isoformat() if a.published else None}
                    out.write((json.dumps(record, ensure_ascii=False) + "\n").encode("utf-8"))
                offsets.append((start, out.tell()))
        parts = [Partition(i, str(path), start, end) for i, (start, end) in enumerate(offsets)]
        results = code_on_cluster([str(path)], address, settings=settings, partitions_override=parts)
        for batch, result in zip(batches, results, strict=True):
            coded = {c.article.content_hash: c for c in result.coded}
            yield batch, [coded.get(a.content_hash) or Rejected(a.id, "dask", "; ".join(result.skipped) or
                                                               "not coded on the cluster") for a in batch]
