"""``dyadwatch bench-scale``: articles per second of a whole ingest into DuckDB, one worker against many, and a
Dask LocalCluster, on a corpus repeated to N articles.

Each copy of an article gets one extra closing line ("Copy k.") so its content hash is new: otherwise the store
(rightly) recognises the repeats and the run would measure skipping, not coding. Every side ingests the same file
into its own fresh store, end to end (start-up and model loading included, as a user sees it); the sides run one
after another, so on a shared machine their ratio is only as steady as the load was.
"""

from __future__ import annotations

import json
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from dyadwatch.config import Settings
from dyadwatch.errors import InputError
from dyadwatch.evaluation.bench import _check_corpus


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


def run_scale_bench(
    corpus: Path, *, articles: int, workers: int = 2, dask: bool = True, settings: Settings | None = None,
    log: Callable[[str], None] | None = None,
) -> dict[str, Any]:
    """Ingest the repeated corpus with 1 worker, ``workers`` workers and (optionally) a Dask LocalCluster."""
    from dyadwatch import api
    from dyadwatch.runner.shared import close_shared_runners

    corpus = Path(corpus)
    _check_corpus(corpus)
    settings = settings or Settings()
    rows: list[dict[str, Any]] = []
    with tempfile.TemporaryDirectory(prefix="dyadwatch-scale-") as tmp:
        data = Path(tmp) / "corpus.jsonl"
        repeated_corpus(corpus, articles, data)

        def record(side: str, seconds: float, report: Any) -> None:
            rows.append({"side": side, "articles": report.articles, "events": report.events,
                         "stored_events": report.stored.events_written, "seconds": round(seconds, 2),
                         "articles_per_s": round(report.articles / seconds, 3) if seconds else None})
            if log:
                log(f"{side}: {report.articles} articles in {seconds:.1f} s")

        for n in (1, workers):
            start = time.perf_counter()
            report = api.ingest([str(data)], Path(tmp) / f"w{n}.duckdb", settings=settings, workers=n)
            record(f"workers={n}", time.perf_counter() - start, report)
            close_shared_runners()
        if dask:
            import distributed

            cluster = distributed.LocalCluster(n_workers=workers, threads_per_worker=1, processes=True,
                                               dashboard_address=None)
            with cluster, distributed.Client(cluster) as client:
                start = time.perf_counter()
                report = api.ingest_on_cluster([str(data)], client, db=Path(tmp) / "dask.duckdb", settings=settings)
                record(f"dask LocalCluster ({workers} workers)", time.perf_counter() - start, report)
    base = rows[0]["articles_per_s"] or 0.0
    for row in rows:
        row["speedup"] = round(row["articles_per_s"] / base, 3) if base and row["articles_per_s"] else None
    return {"corpus": str(corpus), "articles": articles, "rows": rows}
