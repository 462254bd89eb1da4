"""``dyadwatch bench-scale``: articles per second of a whole ingest into DuckDB, one worker against many, and a
Dask LocalCluster, on a corpus repeated to N articles.

It drives the runner and the store itself, as ``api.ingest`` does (the evaluation layer sits beside the api,
not on it). Each copy of an article gets one extra closing line ("Copy k.") so its content hash is new: otherwise
the store (rightly) recognises the repeats and the run would measure skipping, not coding. Every side ingests the
same file into its own fresh store, end to end (start-up and model loading included, as a user sees it); the
sides run one after another, so on a shared machine their ratio is only as steady as the load was.
"""

from __future__ import annotations

import json
import tempfile
import time
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any

from dyadwatch.config import Settings
from dyadwatch.errors import InputError
from dyadwatch.instruments.pipeline_bench import _check_corpus
from dyadwatch.records import Article


def repeated_corpus(corpus: Path, articles: int, out: Path) -> int:
    """Write ``corpus`` repeated to ``articles`` lines, every copy with a new id and content hash."""
    lines = [json.loads(line) for line in corpus.read_text(encoding="utf-8").splitlines() if line.strip()]
    if not lines:
        raise InputError(f"{corpus}: no articles; pass a JSONL corpus (one article per line)")
    with out.open("w", encoding="utf-8") as handle:
        for n in range(articles):
            record = dict(lines[n % len(lines)])
            copy = n // len(lines)
            if copy:
                record["id"] = f"{record.get('id', n)}#{copy}"
                record["text"] = f"{record['text']}\n\nCopy {copy}."
            handle.write(json.dumps(record, ensure_ascii=False) + "\n")
    return articles


SAMPLE_EVERY = 1000  # articles between two samples of the workers' resident memory


def run_scale_bench(
    corpus: Path, *, articles: int, workers: int = 2, dask: bool = True, settings: Settings | None = None,
    log: Callable[[str], None] | None = None, sample_every: int = SAMPLE_EVERY,
) -> dict[str, Any]:
    """Ingest the repeated corpus with 1 worker, ``workers`` workers and (optionally) a Dask LocalCluster.

    Every ``sample_every`` articles each worker's resident memory, the workers recycled so far, the elapsed time
    and the machine's load average are sampled (and logged as they come, so a run stopped early still shows its
    curve).
    """
    import os

    from dyadwatch.runner import Runner

    corpus = Path(corpus)
    _check_corpus(corpus)
    settings = settings or Settings()
    rows: list[dict[str, Any]] = []
    with tempfile.TemporaryDirectory(prefix="dyadwatch-scale-") as tmp:
        data = Path(tmp) / "corpus.jsonl"
        repeated_corpus(corpus, articles, data)

        def record(side: str, seconds: float, counts: dict[str, int]) -> None:
            rows.append({"side": side, **counts, "seconds": round(seconds, 2),
                         "articles_per_s": round(counts["articles"] / seconds, 3) if seconds else None})
            if log:
                log(f"{side}: {counts['articles']} articles in {seconds:.1f} s")

        for n in (1, workers):
            start = time.perf_counter()
            curve: list[dict[str, Any]] = []

            def sample(done: int, runner: Runner, curve: list[dict[str, Any]] = curve, n: int = n,
                       start: float = start) -> None:
                point = {"articles": done, "worker_rss_mb": [round(x, 1) for x in runner.rss_mb],
                         "recycled": runner.recycled, "seconds": round(time.perf_counter() - start, 1),
                         "load_1min": round(os.getloadavg()[0], 2)}
                curve.append(point)
                if log:
                    log(f"workers={n} sample: {json.dumps(point)}")

            with Runner(settings, workers=n) as runner:
                counts = _ingest(runner.pipe(_read(data)), Path(tmp) / f"w{n}.duckdb",
                                 lambda done, r=runner: sample(done, r), every_n=sample_every)  # type: ignore[misc]
                recycled = runner.recycled
            record(f"workers={n}", time.perf_counter() - start, counts)
            rows[-1]["rss_curve"] = curve
            rows[-1]["workers_recycled"] = recycled
        if dask:
            import distributed

            from dyadwatch.runner.dask import code_on_cluster

            cluster = distributed.LocalCluster(n_workers=workers, threads_per_worker=1, processes=True,
                                               dashboard_address=None)
            with cluster, distributed.Client(cluster) as client:
                start = time.perf_counter()
                parts = code_on_cluster([str(data)], client, settings=settings)
                counts = _ingest((c for part in parts for c in part.coded), Path(tmp) / "dask.duckdb")
                record(f"dask LocalCluster ({workers} workers)", time.perf_counter() - start, counts)
    base = rows[0]["articles_per_s"] or 0.0
    for row in rows:
        row["speedup"] = round(row["articles_per_s"] / base, 3) if base and row["articles_per_s"] else None
    return {"corpus": str(corpus), "articles": articles, "rows": rows}


def _read(path: Path) -> Iterator[Article]:
    from dyadwatch.io import read_articles

    for item in read_articles(str(path)):
        if isinstance(item, Article):
            yield item


def _ingest(
    results: Iterable[Any], db: Path, every: Callable[[int], None] | None = None, batch_size: int = 64,
    every_n: int = SAMPLE_EVERY,
) -> dict[str, int]:
    """Store coded articles in bulk batches, as ``api.ingest`` does; counts of what was coded and stored.

    ``every(n)`` is called after the stored batch that passes each multiple of ``every_n`` articles (the memory
    curve is sampled there)."""
    from dyadwatch.runner import Coded
    from dyadwatch.store import CodedArticle, IngestReport, open_store

    counts = {"articles": 0, "events": 0, "rejected": 0}
    next_sample = 0
    stored = IngestReport()
    with open_store(db) as store:
        batch: list[CodedArticle] = []
        for result in results:
            if not isinstance(result, Coded):
                counts["rejected"] += 1
                continue
            counts["articles"] += 1
            counts["events"] += len(result.events)
            batch.append(CodedArticle(result.article, result.events))
            if len(batch) >= batch_size:
                stored.add(store.ingest(batch))
                batch = []
                if every and counts["articles"] // every_n > next_sample:
                    next_sample = counts["articles"] // every_n
                    every(counts["articles"])
        if batch:
            stored.add(store.ingest(batch))
        if every:
            every(counts["articles"])
    counts["stored_events"] = stored.events_written
    return counts
