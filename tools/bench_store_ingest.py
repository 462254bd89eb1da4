"""Store write and read speed, DuckDB against PostgreSQL, in one run (issue 15: ingest into both stores).

Codes the VOA corpus once, replicates the coded articles with new content hashes and event ids up to N
articles, then loads the same batches (64 articles, as ``ingest`` writes them) into a new DuckDB file and an
empty PostgreSQL database, alternating batch by batch so machine noise hits both alike; then runs event grouping
and the dyad series on each. Prints articles/s per store and the ratio. Coding time is left out: it is the same
for both stores (``dyadwatch bench`` measures it).

    python tools/bench_store_ingest.py ../shared/corpus/voa/articles.jsonl postgresql://me@localhost/empty \
        --articles 5000
"""

from __future__ import annotations

import argparse
import dataclasses
import tempfile
import time
from pathlib import Path

from dyadwatch import api
from dyadwatch.config import Settings
from dyadwatch.pipeline import build_pipeline
from dyadwatch.records import Article
from dyadwatch.store import CodedArticle, open_store


def replicate(coded: list[CodedArticle], n: int) -> list[CodedArticle]:
    out: list[CodedArticle] = []
    k = 0
    while len(out) < n:
        for c in coded:
            if len(out) >= n:
                break
            a = c.article
            article = Article.create(f"{a.text}\n\nEdition {k}.", id=f"{a.id}-e{k}", published=a.published,
                                     title=a.title, source=a.source, url=a.url)
            events = tuple(dataclasses.replace(e, event_id=f"{e.event_id}-e{k}", article_id=article.id)
                           for e in c.events)
            out.append(CodedArticle(article, events))
        k += 1
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus")
    parser.add_argument("postgres_url", help="URL of an EMPTY PostgreSQL database")
    parser.add_argument("--articles", type=int, default=5000)
    args = parser.parse_args()
    report = api.RunReport()
    pipeline = build_pipeline(Settings())
    coded = [CodedArticle(a.article, tuple(a.events))
             for a in api.code(api.iter_inputs([args.corpus], None, report), pipeline, report)]
    batches = replicate(coded, args.articles)
    n_events = sum(len(c.events) for c in batches)
    tmp = Path(tempfile.mkdtemp(prefix="dyadwatch-store-bench-"))
    stores = {"duckdb": open_store(tmp / "bench.duckdb"), "postgres": open_store(args.postgres_url)}
    spent = dict.fromkeys(stores, 0.0)
    for i in range(0, len(batches), 64):
        for name, store in stores.items():
            start = time.perf_counter()
            store.ingest(batches[i:i + 64])
            spent[name] += time.perf_counter() - start
    grouping = {}
    for name, store in stores.items():
        start = time.perf_counter()
        api.group_events(store)
        grouping[name] = time.perf_counter() - start
    from dyadwatch.analytics.series import dyad_series

    series = {}
    for name, store in stores.items():
        start = time.perf_counter()
        dyad_series(store, "USA", "CHN")
        series[name] = time.perf_counter() - start
    print(f"{len(batches)} articles, {n_events} events, batches of 64")
    for name in stores:
        print(f"{name:9s} ingest {len(batches) / spent[name]:8.0f} articles/s ({spent[name]:.1f} s); "
              f"grouping {grouping[name]:.1f} s; USA-CHN series {series[name] * 1000:.0f} ms")
    print(f"postgres / duckdb ingest throughput: {spent['duckdb'] / spent['postgres']:.2f}")
    for store in stores.values():
        store.close()


if __name__ == "__main__":
    main()
