"""The library behind the CLI: one data function per resource; the CLI only parses flags and renders.

The same functions will back the HTTP API later, so they return plain data (dicts, DataFrames, reports), never
print, and raise ``DyadwatchError``s whose messages name the fix.
"""

from __future__ import annotations

import logging
import platform
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from dyadwatch import __version__
from dyadwatch.config import Settings
from dyadwatch.io import InputProblem, read_articles
from dyadwatch.pipeline import Analysis, Rejected
from dyadwatch.query import EventQuery, parse_query  # noqa: F401 - the one query check, re-exported for servers
from dyadwatch.records import Article
from dyadwatch.runner import Coded, Runner, shared_runner
from dyadwatch.store import CodedArticle, EventFilter, IngestReport, Store, open_store

log = logging.getLogger(__name__)


@dataclass(slots=True)
class RunReport:
    """What a coding or ingest run did, and everything it skipped with the reason."""

    articles: int = 0
    events: int = 0
    parsed: int = 0  # articles sent through the pipeline (ingest skips stored ones before parsing)
    skipped: list[str] = field(default_factory=list)
    stored: IngestReport = field(default_factory=IngestReport)
    groups: Any = None  # the grouping report, when events were grouped after ingest
    undated: int = 0  # articles coded without a publication date (their undated events stay out of series)

    @property
    def ok(self) -> bool:
        return not self.skipped


def iter_inputs(paths: Iterable[str], published: date | None, report: RunReport) -> Iterator[Article]:
    """Articles from every path, in order; unreadable inputs are recorded in ``report.skipped``."""
    from dyadwatch.errors import InputError

    for path in paths:
        try:
            for item in read_articles(path, published=published):
                if isinstance(item, InputProblem):
                    report.skipped.append(str(item))
                else:
                    yield item
        except InputError as err:
            report.skipped.append(str(err))


def code(
    articles: Iterable[Article],
    report: RunReport,
    *,
    settings: Settings | None = None,
    workers: int = 1,
    runner: Runner | None = None,
) -> Iterator[Coded]:
    """Code articles on ``workers`` processes, each under its time budget, in input order.

    Rejected articles (a failing stage, an overrun budget) are recorded in ``report.skipped``; the batch goes on.
    The worker processes stay up for the next call with the same settings (``dyadwatch.runner.shared_runner``).
    """
    runner = runner or shared_runner(settings, workers)

    def counted(stream: Iterable[Article]) -> Iterator[Article]:
        for article in stream:
            report.parsed += 1
            yield article

    for result in runner.pipe(counted(articles)):
        if isinstance(result, Rejected):
            report.skipped.append(f"article {result.article_id}: {result.stage} stage failed: {result.reason}")
            continue
        report.articles += 1
        report.events += len(result.events)
        if result.article.published is None:
            report.undated += 1
        yield result


def skip_stored(articles: Iterable[Article], store: Store, report: RunReport, chunk: int = 256) -> Iterator[Article]:
    """The articles whose content the store does not hold yet; the others are counted as known, never parsed.

    Why before the pipeline: parsing is nearly all of an ingest's cost, so a re-run over a stored corpus should
    cost only reading it. Hashes are looked up a chunk at a time (one query each), and repeats within a chunk
    are parsed once. The store's own idempotency still guards against a concurrent writer storing the same
    content between this look-up and our insert.
    """
    pending: list[Article] = []

    def flush() -> Iterator[Article]:
        known = store.known_hashes(list({a.content_hash for a in pending}))
        seen: set[str] = set()
        for article in pending:
            if article.content_hash in known or article.content_hash in seen:
                report.stored.articles_known += 1
                report.stored.known_ids.append(article.id)
            else:
                seen.add(article.content_hash)
                yield article
        pending.clear()

    for article in articles:
        pending.append(article)
        if len(pending) >= chunk:
            yield from flush()
    if pending:
        yield from flush()


def undated_warning(n: int) -> str:
    """The once-per-run warning about articles without a publication date, and how to give one."""
    return (
        f"{n} article(s) had no publication date: events whose text gives no date are undated and left out of "
        "series; give one with --published YYYY-MM-DD or a \"published\" field in JSONL input"
    )


def ingest(
    paths: Iterable[str],
    db: str | Path,
    *,
    settings: Settings | None = None,
    published: date | None = None,
    on_article: Callable[[Coded], None] | None = None,
    batch_size: int = 64,
    workers: int = 1,
) -> RunReport:
    """Code files into the store, a batch per transaction; already-stored articles are recognised by content.

    Why batches: one transaction per batch keeps a crash from leaving half an article behind, and bulk loads
    (Arrow for DuckDB, COPY for PostgreSQL) keep ingest off the slow row-by-row path. ``db`` is a DuckDB path
    or a ``postgresql://`` URL. Stored articles are skipped before parsing (``skip_stored``). ``workers``
    processes code in parallel (0: one per core); events are stored in input order either way.
    """
    settings = settings or Settings()
    report = RunReport()
    with open_store(db) as store:
        batch: list[CodedArticle] = []
        fresh = skip_stored(iter_inputs(paths, published, report), store, report, chunk=max(batch_size, 1) * 4)
        for coded in code(fresh, report, settings=settings, workers=workers):
            batch.append(CodedArticle(coded.article, coded.events))
            if on_article:
                on_article(coded)
            if len(batch) >= batch_size:
                _store_batch(store, batch, report)
                batch = []
        if batch:
            _store_batch(store, batch, report)
        report.groups = group_events(store)
    return report


def ingest_on_cluster(
    paths: Iterable[str],
    address: Any,
    *,
    db: str | Path | None = None,
    out_dir: str | None = None,
    settings: Settings | None = None,
    published: date | None = None,
    on_article: Callable[[Coded], None] | None = None,
    partition_bytes: int | None = None,
) -> RunReport:
    """Code inputs (paths or fsspec URLs) on the Dask cluster at ``address``; events go to the store ``db`` in
    bulk, a batch per partition, or to Parquet files under ``out_dir`` written by the workers."""
    from dyadwatch.runner.dask import PARTITION_BYTES, code_on_cluster

    report = RunReport()
    results = code_on_cluster(paths, address, settings=settings, published=published, out_dir=out_dir,
                              partition_bytes=partition_bytes or PARTITION_BYTES)

    def tally(result: Any) -> list[CodedArticle]:
        report.articles += result.articles
        report.events += result.events
        report.skipped.extend(result.skipped)
        for coded in result.coded:
            if on_article:
                on_article(coded)
        return [CodedArticle(c.article, c.events) for c in result.coded]

    if db is None:
        for result in results:
            tally(result)
        return report
    with open_store(db) as store:
        for result in results:
            batch = tally(result)
            if batch:
                _store_batch(store, batch, report)
        report.groups = group_events(store)
    return report


def _store_batch(store: Store, batch: list[CodedArticle], report: RunReport) -> None:
    stored = store.ingest(batch)
    report.stored.add(stored)
    log.info("stored a batch: %d new article(s), %d known, %d event(s)", stored.articles_new,
             stored.articles_known, stored.events_written)


def group_events(store: Store) -> Any:
    """Group new event mentions into real events (issue 6), one grouping run at a time per store.

    Why the lock: on a shared PostgreSQL store two ingests may finish together; their grouping runs must not
    interleave, or a mention could join two events.
    """
    # Imported here, not at the top: grouping pulls in pandas, which `dyadwatch code` never needs at start-up.
    from dyadwatch.analytics.grouping import update_groups

    with store.lock("grouping"):
        return update_groups(store)


def events(db: str | Path, flt: EventFilter) -> list[dict[str, Any]]:
    """Stored events as output-contract dicts."""
    with open_store(db, read_only=True) as store:
        return store.event_payloads(flt)


def dyad_summary(db: str | Path, *, include_uncounted: bool = False) -> list[dict[str, Any]]:
    """Per directed dyad: event counts by QuadClass, Goldstein sum/mean, share of conflict."""
    from dyadwatch.resources import dyads

    with open_store(db, read_only=True) as store:
        return dyads(store, include_uncounted=include_uncounted)


def ingest_results(
    store: Any, results: Iterable[Coded | Analysis | Rejected], report: RunReport | None = None, *,
    batch_size: int = 64,
) -> RunReport:
    """Store coded results (an open store; rejections are recorded, the rest stored), then group events.

    What ``ingest`` does after coding, for callers that code elsewhere: the HTTP server (coding in workers)
    and ``dyadwatch watch``.
    """
    report = report or RunReport()
    batch: list[CodedArticle] = []
    for result in results:
        if isinstance(result, Rejected):
            report.skipped.append(f"article {result.article_id}: {result.stage} stage failed: {result.reason}")
            continue
        report.articles += 1
        report.events += len(result.events)
        batch.append(CodedArticle(result.article, tuple(result.events)))
        if len(batch) >= batch_size:
            report.stored.add(store.ingest(batch))
            batch = []
    if batch:
        report.stored.add(store.ingest(batch))
    # Always, as ``ingest`` does: a grouping interrupted by a crash (articles stored, not yet grouped) is finished
    # by whoever writes next, the server and ``watch`` included. With nothing pending it is one small query.
    report.groups = group_events(store)
    return report


def info(settings: Settings | None = None) -> dict[str, Any]:
    """Versions of the package, Python, spaCy, the model and every data table."""
    import duckdb
    import spacy

    from dyadwatch.document.model import model_info
    from dyadwatch.store.migrations import MIGRATIONS
    from dyadwatch.tables import table_versions

    settings = settings or Settings()
    return {
        "dyadwatch": __version__,
        "python": platform.python_version(),
        "spacy": spacy.__version__,
        "duckdb": duckdb.__version__,
        **model_info(settings.model),
        "store_schema": MIGRATIONS[-1].version,
        "stages": list(settings.stages),
        "tables": table_versions(),
    }


def example_article() -> Article:
    """The project's own short example article (written for dyadwatch; public domain)."""
    import json

    from dyadwatch.io.readers import article_from_record
    from dyadwatch.tables import DATA

    record = json.loads((DATA.parent / "examples" / "example_article.json").read_text(encoding="utf-8"))
    return article_from_record(record)
