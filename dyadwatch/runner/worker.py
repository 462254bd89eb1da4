"""The worker process: loads the pipeline once, codes chunks of articles, and tells its parent what it is doing.

Why a separate process and not a thread or ``signal.alarm``: a stalled walk over a parse is pure Python in a
loop; nothing short of killing the process stops it, and alarms only work on the main thread (a server codes on
worker threads). So the parent watches, and the worker only reports: before each stage runs on an article it
sends ``("step", position, stage, seconds_left)``, where ``seconds_left`` is what remains of that article's
budget after the stages it has already been through. The parent kills the worker when a step outlives its
seconds; it then knows exactly which article, and in which stage, overran.

Started as ``python -m dyadwatch.runner.worker READ_FD WRITE_FD`` (a fresh interpreter: safe to start from a
threaded server or a daemonic Dask worker, where ``fork`` and ``multiprocessing`` children are not).

Protocol (pickled messages over two pipes):
    parent -> worker: ``("init", sys_path)``, ``("settings", settings, factory)``, then
                      ``("chunk", chunk_id, articles, budgets)`` ... ``("stop",)``
    worker -> parent: ``("ready", pid)`` | ``("failed", message)``, then per chunk any number of
                      ``("step", chunk_id, position, stage, seconds_left)`` and one
                      ``("done", chunk_id, results, rss_mb)``
"""

from __future__ import annotations

import copy
import os
import sys
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from multiprocessing.connection import Connection
from typing import Any

from dyadwatch.config import Settings
from dyadwatch.document import Analysis
from dyadwatch.pipeline import Pipeline, Rejected, build_pipeline
from dyadwatch.pipeline.process import settle, tune_allocator
from dyadwatch.pipeline.stage import Stage
from dyadwatch.records import Article
from dyadwatch.runner.budget import Coded

# Position reported while a stage runs on the whole chunk at once (the batched parse).
WHOLE_CHUNK = -1
# Seconds allowed for sending a chunk's results back (pickling a few hundred events takes milliseconds).
SEND_SECONDS = 60.0
PARENT_CHECK_S = 1.0
WARMUP_TEXT = "The United States and China agreed on Monday to hold talks in Beijing."


class Clock:
    """Per chunk: which article is where, and how much of each article's budget is left."""

    def __init__(self, send: Callable[[Any], None]) -> None:
        self.send = send
        self.chunk_id = -1
        self.positions: dict[int, int] = {}
        self.left: list[float] = []
        self.sizes: list[int] = []

    def start(self, chunk_id: int, articles: Sequence[Article], budgets: Sequence[float]) -> None:
        self.chunk_id = chunk_id
        self.positions = {id(a): i for i, a in enumerate(articles)}
        self.left = list(budgets)
        self.sizes = [max(1, len(a.text)) for a in articles]

    def position(self, analysis: Analysis) -> int:
        return self.positions.get(id(analysis.article), WHOLE_CHUNK)

    def step(self, position: int, stage: str, positions: Iterable[int] = (), seconds: float | None = None) -> None:
        left = seconds if seconds is not None else (
            self.left[position] if position >= 0 else sum(self.left[p] for p in positions)
        )
        self.send(("step", self.chunk_id, position, stage, left))

    def charge(self, positions: Sequence[int], seconds: float) -> None:
        """Spend ``seconds`` of the budgets of ``positions``, shared by length (a batched parse is per token)."""
        total = sum(self.sizes[p] for p in positions) or 1
        for p in positions:
            self.left[p] -= seconds * self.sizes[p] / total


class WatchedStage(Stage):
    """A stage that reports each article it starts on, and charges the time it took to that article."""

    def __init__(self, inner: Stage, clock: Clock) -> None:
        self.inner = inner
        self.clock = clock
        self.name = inner.name  # type: ignore[misc]
        self.requires = inner.requires  # type: ignore[misc]
        self.assigns = inner.assigns  # type: ignore[misc]

    def __call__(self, analysis: Analysis) -> Analysis:
        position = self.clock.position(analysis)
        self.clock.step(position, self.name, self._all() if position < 0 else ())
        start = time.monotonic()
        try:
            return self.inner(analysis)
        finally:
            if position >= 0:
                self.clock.charge([position], time.monotonic() - start)

    def _all(self) -> list[int]:
        return list(range(len(self.clock.left)))


class WatchedBatchStage(WatchedStage):
    """The same for a stage that gains from batching (the parser): the whole chunk is one step."""

    def pipe(self, analyses: Iterable[Analysis]) -> Iterator[Analysis]:
        items = list(analyses)
        positions = [p for p in (self.clock.position(a) for a in items) if p >= 0]
        self.clock.step(WHOLE_CHUNK, self.name, positions)
        start = time.monotonic()
        done = list(self.inner.pipe(items))
        self.clock.charge(positions, time.monotonic() - start)
        yield from done


def watched(pipeline: Pipeline, clock: Clock) -> Pipeline:
    """The same pipeline with every stage reporting to ``clock``."""
    stages = [
        (WatchedBatchStage if type(s).pipe is not Stage.pipe else WatchedStage)(s, clock) for s in pipeline.stages
    ]
    return Pipeline(stages, pipeline.settings)


def code_chunk(pipeline: Pipeline, articles: list[Article]) -> list[Coded | Rejected]:
    """Code one chunk and shrink every result to what leaves the process."""
    out: list[Coded | Rejected] = []
    for result in pipeline.pipe(articles):
        if isinstance(result, Rejected):
            out.append(result)
        else:
            out.append(Coded(result.article, tuple(result.events), len(result.sentences)))
    return out


def _distinct(articles: list[Article]) -> list[Article]:
    """Articles as distinct objects (the clock finds an article's position by identity)."""
    seen: set[int] = set()
    out = []
    for article in articles:
        if id(article) in seen:
            article = copy.copy(article)
        seen.add(id(article))
        out.append(article)
    return out


def rss_mb() -> float:
    try:
        with open("/proc/self/statm", encoding="ascii") as handle:
            return int(handle.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / (1024 * 1024)
    except (OSError, ValueError, IndexError):  # pragma: no cover - not Linux
        import resource

        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _die_with_parent(parent: int) -> None:
    """Exit when the parent process goes away, even in the middle of a stalled article.

    Why a watching thread and not Linux's ``PR_SET_PDEATHSIG``: that signal fires when the parent *thread* that
    started the worker ends, and a server starts replacement workers from short-lived request threads. A pure
    Python loop, stalled or not, gives the GIL to this thread every few milliseconds.
    """
    import threading

    def watch() -> None:
        while True:
            time.sleep(PARENT_CHECK_S)
            if os.getppid() != parent:
                os._exit(0)

    threading.Thread(target=watch, name="dyadwatch-parent-watch", daemon=True).start()


def serve(inbox: Connection, outbox: Connection) -> None:
    """The worker's loop: set up, then code chunks until told to stop or the parent goes away."""
    _die_with_parent(os.getppid())
    tune_allocator()  # keep each batch's freed work memory for the next (pipeline/process.py)
    try:
        message = inbox.recv()
        for entry in reversed(message[1]):
            if entry not in sys.path:
                sys.path.insert(0, entry)
        if not inbox.poll():  # started early (``runner.spawn``): the parent is still reading its command line
            import spacy  # noqa: F401 - every pipeline the package builds parses with it; load it meanwhile
        _, settings, factory = inbox.recv()
    except EOFError:  # the parent went away before it sent the settings (an early worker never adopted)
        return
    except Exception as err:  # an unreadable message (e.g. a factory that cannot be imported), in one line
        outbox.send(("failed", f"{type(err).__name__}: {err}"))
        return
    try:
        pipeline = (factory or build_pipeline)(settings)
        assert isinstance(settings, Settings)
        code_chunk(pipeline, [Article.create(WARMUP_TEXT, id="warm-up")])  # loads lazy tables before any budget
        settle()  # the loaded model and tables leave the collector's sight
    except Exception as err:  # any failure to start goes to the parent, in one line
        outbox.send(("failed", f"{type(err).__name__}: {err}"))
        return
    clock = Clock(outbox.send)
    pipeline = watched(pipeline, clock)
    nice = int(os.environ.get("DYADWATCH_WORKER_NICE") or 0)
    if nice > 0:  # a server's worker, once loaded: coding is background work, the server's reads interactive
        os.nice(nice)
    outbox.send(("ready", os.getpid()))
    while True:
        try:
            message = inbox.recv()
        except (EOFError, OSError):
            return
        if message[0] != "chunk":
            return
        _, chunk_id, articles, budgets = message
        articles = _distinct(articles)
        clock.start(chunk_id, articles, budgets)
        results = code_chunk(pipeline, articles)
        clock.step(WHOLE_CHUNK, "assemble", seconds=SEND_SECONDS)  # covers sending the results back
        outbox.send(("done", chunk_id, results, rss_mb()))


def main(argv: list[str]) -> None:
    inbox = Connection(int(argv[1]), writable=False)
    outbox = Connection(int(argv[2]), readable=False)
    serve(inbox, outbox)
    _exit_now()


def _exit_now() -> None:
    """End the worker without tearing the interpreter down.

    Why: freeing the model, the tables and every module one object at a time took 0.3-0.6 s (0.25 s of CPU)
    after the last article, and the parent waits for its worker to exit. Everything the worker has to say went
    through the pipe before this (``Connection.send`` writes straight to the descriptor), and it holds no file,
    lock or cache write open between chunks; so only Python's own output buffers need flushing.
    """
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (OSError, ValueError, AttributeError):
            pass
    os._exit(0)


if __name__ == "__main__":
    main(sys.argv)
