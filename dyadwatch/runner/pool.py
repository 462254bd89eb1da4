"""The Runner: codes a stream of articles on N watched worker processes, each article under its time budget.

One design for three needs: the per-article time budget (issue 12), all the cores of a machine (issue 15) and flat
memory on long runs. Articles go to workers in small chunks (each worker keeps its pipeline loaded); results come
back in input order. A worker whose article outlives its budget is killed and replaced: that article becomes
``Rejected(stage, "time budget of N s exceeded")`` and the rest of its chunk is coded again by the new worker, so
a stall costs one article, never the batch. A worker that has coded ``max_articles`` articles or grown past
``max_rss_mb`` is retired and replaced between chunks, which returns everything spaCy's vocabulary accumulated.
"""

from __future__ import annotations

import logging
import os
import subprocess
import threading
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from multiprocessing.connection import wait
from typing import Any

from dyadwatch.config import Settings
from dyadwatch.errors import ConfigError, PipelineError
from dyadwatch.pipeline import Pipeline, Rejected
from dyadwatch.records import Article
from dyadwatch.runner.budget import Coded, article_budget, budget_reason, memory_reason
from dyadwatch.runner.spawn import start_worker_process, take_early_worker

log = logging.getLogger(__name__)

Result = Coded | Rejected
PipelineFactory = Callable[[Settings], Pipeline]

# Articles per chunk sent to a worker: small enough to spread a 49-article corpus over two workers evenly, large
# enough for spaCy's batched parse (16 measured within noise of 32 in one worker; see `dyadwatch bench`).
CHUNK_SIZE = 16
# A worker is replaced after this many articles or this much resident memory (spaCy's StringStore only grows).
MAX_ARTICLES = 20_000
MAX_RSS_MB = 1024.0
# Longest wait for a worker to load the model and tables (a cold start on a busy machine takes ~5-20 s).
START_TIMEOUT_S = 300.0
POLL_S = 0.5


@dataclass(slots=True)
class _Item:
    seq: int
    article: Article
    budget: float


class _Worker:
    """One worker process and what the parent knows about it."""

    def __init__(self, settings: Settings, factory: PipelineFactory | None, niceness: int = 0) -> None:
        # The worker ``dyadwatch code`` started before its own imports, when there is one (``runner.spawn``).
        started = take_early_worker(niceness) or start_worker_process(niceness)
        self.proc = started.proc
        self.outbox = started.outbox
        self.inbox = started.inbox
        self.started = time.monotonic()
        self.ready = False
        self.alive = True
        self.chunk: list[_Item] | None = None
        self.chunk_id = -1
        self.position = -1
        self.stage = "parse"
        self.deadline: float | None = None
        self.articles = 0
        self.rss_mb = 0.0
        self.outbox.send(("settings", settings, factory))

    @property
    def idle(self) -> bool:
        return self.alive and self.ready and self.chunk is None

    def send_chunk(self, chunk_id: int, chunk: list[_Item]) -> None:
        self.chunk, self.chunk_id = chunk, chunk_id
        self.position, self.stage, self.deadline = -1, "normalise", time.monotonic() + sum(i.budget for i in chunk)
        self.outbox.send(("chunk", chunk_id, [i.article for i in chunk], [i.budget for i in chunk]))

    def kill(self) -> None:
        if self.alive:
            self.alive = False
            self.proc.kill()
        self.proc.wait()
        self._close()

    def stop(self) -> None:
        """Ask an idle worker to exit; kill it if it does not."""
        if self.alive:
            self.alive = False
            try:
                self.outbox.send(("stop",))
                self.proc.wait(timeout=10)
            except (OSError, subprocess.TimeoutExpired):
                self.proc.kill()
                self.proc.wait()
        self._close()

    def _close(self) -> None:
        for conn in (self.inbox, self.outbox):
            try:
                conn.close()
            except OSError:  # pragma: no cover - already closed
                pass


def process_rss_mb(pid: int) -> float:
    """Resident memory of a process in MB (Linux ``/proc``; 0 where it cannot be read, so nothing is killed).

    Why the parent measures, and not the worker: a worker stuck in one article's parse never gets to report;
    the parent polls every ``POLL_S`` while it waits, so a worker racing towards the machine's memory is stopped
    within half a second of crossing ``Settings.worker_max_rss_mb``."""
    try:
        with open(f"/proc/{pid}/statm", encoding="ascii") as handle:
            return int(handle.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / (1024 * 1024)
    except (OSError, ValueError, IndexError):
        return 0.0


class Runner:
    """Codes articles on ``workers`` watched processes (0: one per core), every article under its time budget.

    ``pipe`` streams results in input order; ``code`` codes a list. Both may be called from several threads at
    once (calls take turns on the workers), which is what a server needs; a thread cannot nest two calls.
    ``factory`` builds the pipeline inside each worker (default ``build_pipeline``); it must be importable by
    name (it is pickled).
    """

    def __init__(
        self,
        settings: Settings | None = None,
        *,
        workers: int = 1,
        factory: PipelineFactory | None = None,
        chunk_size: int = CHUNK_SIZE,
        max_articles: int = MAX_ARTICLES,
        max_rss_mb: float = MAX_RSS_MB,
        niceness: int = 0,
    ) -> None:
        if workers < 0:
            raise ConfigError(f"--workers {workers}: give a number of processes >= 1, or 0 for one per core")
        self.settings = settings or Settings()
        self.workers = workers or os.cpu_count() or 1
        self.factory = factory
        self.chunk_size = max(1, chunk_size)
        self.max_articles = max_articles
        self.max_rss_mb = max_rss_mb
        self.niceness = niceness  # > 0: workers yield the CPU to their parent (a server's reads come first)
        self.restarts = 0  # workers replaced after an overrun or a crash
        self.recycled = 0  # workers replaced for memory or article count
        self.rss_mb: list[float] = []  # last reported resident memory of each worker
        self._pool: list[_Worker] = []
        self._lock = threading.Lock()
        self._owner: int | None = None
        self._next_chunk = 0

    # --- public ---------------------------------------------------------------------------------------------------
    def start(self) -> Runner:
        """Start the worker processes now (they load in parallel); ``pipe`` does it on first use otherwise."""
        while len(self._pool) < self.workers:
            self._pool.append(_Worker(self.settings, self.factory, self.niceness))
        return self

    def code(self, articles: Iterable[Article]) -> list[Result]:
        """Code articles and return one result per article, in order. Thread-safe."""
        return list(self.pipe(articles))

    def pipe(self, articles: Iterable[Article]) -> Iterator[Result]:
        """Stream one result per article (``Coded`` or ``Rejected``), in input order. Thread-safe."""
        if self._owner == threading.get_ident():
            raise PipelineError("this thread is already iterating this Runner; finish that loop first")
        with self._lock:
            self._owner = threading.get_ident()
            try:
                yield from self._run(articles)
            finally:
                self._owner = None

    def close(self) -> None:
        for worker in self._pool:
            if worker.idle:
                worker.stop()
            else:
                worker.kill()
        self._pool = []

    def __enter__(self) -> Runner:
        return self

    def __exit__(self, *exc: Any) -> None:
        self.close()

    # --- the loop -------------------------------------------------------------------------------------------------
    def _run(self, articles: Iterable[Article]) -> Iterator[Result]:
        source = iter(articles)
        queue: deque[list[_Item]] = deque()
        done: dict[int, Result] = {}
        seq = next_out = 0
        exhausted = False
        try:
            while True:
                while not exhausted and len(queue) < 2 * self.workers:
                    chunk = []
                    for article in source:
                        chunk.append(_Item(seq, article, article_budget(self.settings, article)))
                        seq += 1
                        if len(chunk) >= self.chunk_size:
                            break
                    else:
                        exhausted = True
                    if chunk:
                        queue.append(chunk)
                if queue:
                    self.start()
                for worker in self._pool:
                    if worker.idle and queue:
                        chunk = queue.popleft()
                        try:
                            worker.send_chunk(self._next_chunk, chunk)
                        except OSError:  # it died while idle: another worker takes the chunk
                            worker.chunk = None
                            worker.kill()
                            queue.appendleft(chunk)
                        self._next_chunk += 1
                while next_out in done:
                    yield done.pop(next_out)
                    next_out += 1
                if exhausted and not queue and all(w.chunk is None for w in self._pool):
                    return
                self._wait(queue, done)
        finally:
            for worker in self._pool:
                if worker.chunk is not None:  # the consumer stopped early: drop work in flight
                    worker.kill()
            self._pool = [w for w in self._pool if w.alive]

    def _wait(self, queue: deque[list[_Item]], done: dict[int, Result]) -> None:
        now = time.monotonic()
        deadlines = [w.deadline for w in self._pool if w.chunk is not None and w.deadline is not None]
        timeout = max(0.0, min([POLL_S, *(d - now for d in deadlines)]))
        for conn in wait([w.inbox for w in self._pool if w.alive], timeout):
            worker = next(w for w in self._pool if w.inbox is conn)
            self._drain(worker, queue, done)
        now = time.monotonic()
        for worker in self._pool:
            if not worker.alive:
                continue
            if worker.chunk is not None and worker.deadline is not None and now > worker.deadline:
                worker.kill()
                self._lost(worker, queue, done, overrun=True)
            elif worker.chunk is not None and (
                rss := process_rss_mb(worker.proc.pid)
            ) > self.settings.worker_max_rss_mb:
                worker.kill()
                self._lost(worker, queue, done, overrun=True, rss_mb=rss)
            elif not worker.ready and now - worker.started > START_TIMEOUT_S:
                worker.kill()
                raise ConfigError(
                    f"a worker process did not load the pipeline within {START_TIMEOUT_S:.0f} s; "
                    "check that the machine is not out of memory, or use fewer --workers"
                )
        self._pool = [w for w in self._pool if w.alive]
        self.start()  # replaces the workers that were killed, died or retired

    def _drain(self, worker: _Worker, queue: deque[list[_Item]], done: dict[int, Result]) -> None:
        try:
            while worker.alive and worker.inbox.poll():
                self._handle(worker, worker.inbox.recv(), done)
        except (EOFError, OSError):
            status = worker.proc.wait()
            worker.alive = False
            worker._close()
            if not worker.ready:
                raise ConfigError(
                    f"a worker process exited while loading the pipeline (exit status {status}); "
                    "see its error above and fix the settings or the installation"
                ) from None
            if worker.chunk is not None:
                self._lost(worker, queue, done, overrun=False, status=status)
        if worker.idle and (worker.articles >= self.max_articles or worker.rss_mb >= self.max_rss_mb):
            log.info("retiring a worker after %d articles at %.0f MB", worker.articles, worker.rss_mb)
            worker.stop()
            self.recycled += 1

    def _handle(self, worker: _Worker, message: tuple[Any, ...], done: dict[int, Result]) -> None:
        kind = message[0]
        if kind == "step" and message[1] == worker.chunk_id:
            _, _, worker.position, worker.stage, left = message
            worker.deadline = time.monotonic() + left
        elif kind == "done" and message[1] == worker.chunk_id and worker.chunk is not None:
            _, _, results, worker.rss_mb = message
            for item, result in zip(worker.chunk, results, strict=True):
                done[item.seq] = result
            worker.articles += len(worker.chunk)
            worker.chunk, worker.deadline = None, None
            self.rss_mb = [w.rss_mb for w in self._pool]
        elif kind == "ready":
            worker.ready = True
        elif kind == "failed":
            worker.kill()
            raise ConfigError(f"the worker process could not build the pipeline ({message[1]}); fix the settings")

    def _lost(
        self, worker: _Worker, queue: deque[list[_Item]], done: dict[int, Result], *, overrun: bool, status: int = 0,
        rss_mb: float | None = None,
    ) -> None:
        """A worker was killed over budget (time or memory) or died: reject the article it was on, requeue the
        rest."""
        chunk = worker.chunk or []
        worker.chunk, worker.deadline = None, None
        self.restarts += 1
        if worker.position < 0 and len(chunk) > 1:
            # The whole chunk was in one step (the batched parse): code each article alone to find the culprit.
            for item in reversed(chunk):
                queue.appendleft([item])
            return
        culprit = chunk[max(worker.position, 0)]
        reason = memory_reason(self.settings.worker_max_rss_mb, rss_mb) if rss_mb is not None else (
            budget_reason(culprit.budget)) if overrun else (
            f"the worker process stopped (exit status {status}) while coding this article; "
            "it may be too large for the memory available"
        )
        log.info("article %s rejected in stage %s: %s", culprit.article.id, worker.stage, reason)  # callers report it
        done[culprit.seq] = Rejected(culprit.article.id, worker.stage, reason)
        rest = [item for item in chunk if item is not culprit]
        if rest:
            queue.appendleft(rest)
