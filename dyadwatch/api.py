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
from dyadwatch.pipeline import Analysis, Pipeline, Rejected, build_pipeline
from dyadwatch.records import Article
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
    articles: Iterable[Article], pipeline: Pipeline, report: RunReport
) -> Iterator[Analysis]:
    """Code articles; rejected ones are recorded in ``report.skipped`` (the batch goes on)."""
    for result in pipeline.pipe(articles):
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
    on_article: Callable[[Analysis], None] | None = None,
    batch_size: int = 64,
) -> RunReport:
    """Code files into the store, a batch per transaction; already-stored articles are recognised by content.

    Why batches: one transaction per batch keeps a crash from leaving half an article behind, and bulk Arrow
    loads keep ingest off DuckDB's slow row-by-row path.
    """
    settings = settings or Settings()
    pipeline = build_pipeline(settings)
    report = RunReport()
    with open_store(db) as store:
        batch: list[CodedArticle] = []
        for analysis in code(iter_inputs(paths, published, report), pipeline, report):
            batch.append(CodedArticle(analysis.article, tuple(analysis.events)))
            if on_article:
                on_article(analysis)
            if len(batch) >= batch_size:
                report.stored.add(store.ingest(batch))
                batch = []
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
    from dyadwatch.resources import dyads

    with open_store(db, read_only=True) as store:
        return dyads(store, include_uncounted=include_uncounted)


def ingest_results(
    store: Any, results: Iterable[Analysis | Rejected], report: RunReport | None = None, *, batch_size: int = 64
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
    if report.stored.articles_new:
        report.groups = _update_groups(store)
    return report


def info(settings: Settings | None = None) -> dict[str, Any]:
    """Versions of the package, Python, spaCy, the model and every data table."""
    import duckdb
    import spacy

    from dyadwatch.pipeline.model import model_info
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
