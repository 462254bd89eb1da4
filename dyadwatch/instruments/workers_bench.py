"""``dyadwatch bench --workers N``: what the worker processes cost and what N of them gain, in one run.

Five sides code the same blocks of articles, one side after another in an order that rotates every block (so a
change in the machine's load hits every side alike), timed on the wall clock (CPU time of this process says
nothing about work done in other processes):

- ``in_process``: the pipeline in this process, no budget (what the library did before the runner);
- ``workers_1``: the Runner with one watched worker process, every article under its budget;
- ``workers_N``: the Runner with N worker processes;
- ``bare_1`` / ``bare_N``: bare spaCy, the same model, ``nlp.pipe(n_process=1|N)``.

Ratios: budget overhead = workers_1 / in_process throughput; speed-up = workers_N / workers_1; against spaCy's
own multiprocessing = workers_N / bare_N. Worker start-up (model loading) is outside the timing: a long run pays
it once. After every block the workers' resident memory is recorded: the curve shows whether it stays flat.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from dyadwatch.config import Settings
from dyadwatch.errors import InputError
from dyadwatch.instruments.pipeline_bench import (
    _check_corpus,
    _Problems,
    chunks,
    count_lines,
    current_rss_mb,
    stream_corpus,
)
from dyadwatch.records import Article

BLOCK = 128  # articles per timed block: long enough that the last chunk of a block hardly idles a worker


@dataclass(slots=True)
class WorkersBench:
    corpus: str
    repeat: int
    workers: int
    seconds: dict[str, float] = field(default_factory=dict)
    articles: dict[str, int] = field(default_factory=dict)
    events: dict[str, int] = field(default_factory=dict)
    rejected: dict[str, int] = field(default_factory=dict)
    memory: list[dict[str, Any]] = field(default_factory=list)  # per block: articles so far, RSS of each worker
    recycled: int = 0

    def rate(self, side: str) -> float | None:
        secs = self.seconds.get(side, 0.0)
        return self.articles.get(side, 0) / secs if secs > 0 else None

    def ratio(self, a: str, b: str) -> float | None:
        ra, rb = self.rate(a), self.rate(b)
        return ra / rb if ra and rb else None

    def to_dict(self) -> dict[str, Any]:
        n = self.workers
        return {
            "corpus": self.corpus,
            "repeat": self.repeat,
            "workers": n,
            "sides": {
                side: {"seconds": round(self.seconds[side], 3), "articles": self.articles[side],
                       "articles_per_s": round(self.rate(side) or 0.0, 3), "events": self.events.get(side),
                       "rejected": self.rejected.get(side)}
                for side in self.seconds
            },
            "budget_overhead_ratio": _r(self.ratio("workers_1", "in_process")),
            "speedup_vs_1_worker": _r(self.ratio(f"workers_{n}", "workers_1")),
            f"vs_bare_spacy_n_process_{n}": _r(self.ratio(f"workers_{n}", f"bare_{n}")),
            "vs_bare_spacy_n_process_1": _r(self.ratio("workers_1", "bare_1")),
            "memory": self.memory,
            "workers_recycled": self.recycled,
        }


def _r(value: float | None) -> float | None:
    return round(value, 3) if value is not None else None


def run_workers_bench(
    corpus: Path,
    *,
    workers: int,
    repeat: int = 1,
    settings: Settings | None = None,
    block: int = BLOCK,
    progress: Callable[[int], None] | None = None,
    total: Callable[[int], None] | None = None,
) -> WorkersBench:
    """Time the five sides on the corpus streamed ``repeat`` times, block by block, rotating their order."""
    from dyadwatch.document.model import load_model
    from dyadwatch.pipeline import Rejected, build_pipeline
    from dyadwatch.runner import Runner

    corpus = Path(corpus)
    _check_corpus(corpus)
    settings = settings or Settings()
    result = WorkersBench(str(corpus), repeat, workers)
    problems = _Problems()
    warm = list(stream_corpus(corpus, 0, _Problems()))[:4]
    if not warm:
        raise InputError(f"{corpus}: no readable articles; each line needs a JSON object with 'text'")
    pipeline = build_pipeline(settings)
    nlp = load_model(settings.model)
    one, many = Runner(settings, workers=1).start(), Runner(settings, workers=workers).start()
    try:
        one.code(warm)
        many.code(warm * workers)
        list(pipeline.pipe(warm))

        def in_process(chunk: list[Article]) -> tuple[int, int]:
            out = list(pipeline.pipe(chunk))
            return sum(len(r.events) for r in out if not isinstance(r, Rejected)), sum(
                isinstance(r, Rejected) for r in out)

        def runner(r: Runner) -> Callable[[list[Article]], tuple[int, int]]:
            def run(chunk: list[Article]) -> tuple[int, int]:
                out = r.code(chunk)
                return sum(len(x.events) for x in out if not isinstance(x, Rejected)), sum(
                    isinstance(x, Rejected) for x in out)
            return run

        def bare(n_process: int) -> Callable[[list[Article]], tuple[int, int]]:
            def run(chunk: list[Article]) -> tuple[int, int]:
                for _ in nlp.pipe((a.text for a in chunk), batch_size=settings.batch_size, n_process=n_process):
                    pass
                return 0, 0
            return run

        sides: list[tuple[str, Callable[[list[Article]], tuple[int, int]]]] = [
            ("in_process", in_process), ("workers_1", runner(one)), (f"workers_{workers}", runner(many)),
            ("bare_1", bare(1)), (f"bare_{workers}", bare(workers)),
        ]
        if total:
            total(count_lines(corpus) * repeat)
        stream = (a for k in range(repeat) for a in stream_corpus(corpus, k, problems))
        done = 0
        for index, chunk in enumerate(chunks(stream, block)):
            shift = index % len(sides)
            for name, side in sides[shift:] + sides[:shift]:
                start = time.perf_counter()
                events, rejected = side(chunk)
                result.seconds[name] = result.seconds.get(name, 0.0) + time.perf_counter() - start
                result.articles[name] = result.articles.get(name, 0) + len(chunk)
                if not name.startswith("bare"):
                    result.events[name] = result.events.get(name, 0) + events
                    result.rejected[name] = result.rejected.get(name, 0) + rejected
            done += len(chunk)
            result.memory.append({
                "articles": done, "in_process_rss_mb": round(current_rss_mb(), 1),
                "worker_rss_mb": [round(x, 1) for x in many.rss_mb],
            })
            if progress:
                progress(len(chunk))
        result.recycled = one.recycled + many.recycled
    finally:
        one.close()
        many.close()
    return result
