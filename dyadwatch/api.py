"""The library behind the CLI: one data function per resource; the CLI only parses flags and renders.

The same functions will back the HTTP API later, so they return plain data (dicts, DataFrames, reports), never
print, and raise ``DyadwatchError``s whose messages name the fix.
"""

from __future__ import annotations

import platform
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from dyadwatch import __version__
from dyadwatch.config import Settings
from dyadwatch.io import InputProblem, read_articles
from dyadwatch.pipeline import Rejected
from dyadwatch.records import Article
from dyadwatch.runner import Coded, Runner, shared_runner
from dyadwatch.store import CodedArticle, EventFilter, IngestReport, open_store
from dyadwatch.store.duckdb_store import DuckDBStore


@dataclass(slots=True)
class RunReport:
    """What a coding or ingest run did, and everything it skipped with the reason."""

    articles: int = 0
    events: int = 0
    skipped: list[str] = field(default_factory=list)
    stored: IngestReport = field(default_factory=IngestReport)
    groups: Any = None  # the grouping report, when events were grouped after ingest

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
    for result in runner.pipe(articles):
        if isinstance(result, Rejected):
            report.skipped.append(f"article {result.article_id}: {result.stage} stage failed: {result.reason}")
            continue
        report.articles += 1
        report.events += len(result.events)
        yield result


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

    Why batches: one transaction per batch keeps a crash from leaving half an article behind, and bulk Arrow
    loads keep ingest off DuckDB's slow row-by-row path. ``workers`` processes code in parallel (0: one per
    core); events are stored in input order either way.
    """
    settings = settings or Settings()
    report = RunReport()
    with open_store(db) as store:
        batch: list[CodedArticle] = []
        for coded in code(iter_inputs(paths, published, report), report, settings=settings, workers=workers):
            batch.append(CodedArticle(coded.article, coded.events))
            if on_article:
                on_article(coded)
            if len(batch) >= batch_size:
                report.stored.add(store.ingest(batch))
                batch = []
        if batch:
            report.stored.add(store.ingest(batch))
        report.groups = _update_groups(store)
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
                report.stored.add(store.ingest(batch))
        report.groups = _update_groups(store)
    return report


def _update_groups(store: DuckDBStore) -> Any:
    """Group event mentions into real events (issue 6); absent analytics means no grouping yet."""
    try:
        from dyadwatch.analytics.grouping import update_groups
    except ImportError:
        return None
    return update_groups(store)


def events(db: str | Path, flt: EventFilter) -> list[dict[str, Any]]:
    """Stored events as output-contract dicts."""
    with open_store(db, read_only=True) as store:
        return store.event_payloads(flt)


def dyad_summary(db: str | Path, *, include_uncounted: bool = False) -> list[dict[str, Any]]:
    """Per directed dyad: event counts by QuadClass, Goldstein sum/mean, share of conflict."""
    counted = "" if include_uncounted else "WHERE NOT negated AND NOT hypothetical AND NOT historical"
    query = f"""
        SELECT source_country AS source, target_country AS target, count(*) AS events,
               count(*) FILTER (WHERE quad_class = 1) AS verbal_coop,
               count(*) FILTER (WHERE quad_class = 2) AS material_coop,
               count(*) FILTER (WHERE quad_class = 3) AS verbal_conflict,
               count(*) FILTER (WHERE quad_class = 4) AS material_conflict,
               round(sum(goldstein), 2) AS goldstein_sum, round(avg(goldstein), 2) AS goldstein_mean,
               round(avg(CASE WHEN quad_class >= 3 THEN 1.0 ELSE 0.0 END), 2) AS conflict_share
        FROM events {counted}
        GROUP BY ALL HAVING source IS NOT NULL AND target IS NOT NULL
        ORDER BY events DESC, source, target
    """
    with open_store(db, read_only=True) as store:
        return store.sql(query).to_dict(orient="records")  # type: ignore[no-any-return]


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
