"""Coding off the event loop and off the read threads, under the library's time budget per article, through a
queue of bounded length.

``code_one`` is the one function the server codes with. It hands the article to a ``dyadwatch.runner.Runner``:
a watched worker process that holds the model, codes each article under ``Settings.article_budget_s`` (scaled
to the text's length by default, capped by ``Settings.article_budget_max_s``) and is killed and replaced when an
article overruns its time or memory. The overrun comes back as a ``Rejected`` naming the stage and "time budget
of N s exceeded" (or "memory limit ... exceeded"), exactly as in ``code`` and ``ingest``.

Fair service (issue 22): one worker codes one article at a time, so requests wait their turn. They wait as
coroutines on the event loop, not as threads: the call to the worker runs on the coder's own thread, never on
the thread pool that reads use, so sixty waiting codings leave every read thread free. The queue is bounded
(``queue_size`` articles admitted, running or waiting): past it a request is refused at once with 429 and a
``Retry-After`` estimated from recent coding times, rather than holding a connection for minutes.
"""

from __future__ import annotations

import asyncio
import math
import threading
import time
from collections.abc import Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager

from dyadwatch.config import Settings
from dyadwatch.pipeline import Rejected
from dyadwatch.records import Article
from dyadwatch.runner import Coded, Runner
from dyadwatch.server.errors import ApiError

# Articles admitted at once (one coding, the rest waiting): ``ServerConfig.coding_queue``, 16 by default. At the
# ~0.5-2 s a news article takes, the last in a full queue waits well under a minute; a client refused with 429 is
# told when to come back.
CODING_QUEUE = 16
# The worker's CPU priority below the server's: on a busy machine the scheduler gives a read the core first.
WORKER_NICENESS = 10
WARM_UP_TEXT = "Japan and South Korea held talks in Tokyo on Monday."
# What an article is assumed to take before any has been timed (seconds).
FIRST_ESTIMATE_S = 2.0


def over_budget(result: Coded | Rejected) -> bool:
    """Whether a rejection is a time or memory overrun (the server answers 503, not 422, for those)."""
    return isinstance(result, Rejected) and ("time budget" in result.reason or "memory limit" in result.reason)


class QueueFull(ApiError):
    """The coding queue is full: 429 with ``Retry-After``."""

    def __init__(self, waiting: int, retry_after: int) -> None:
        super().__init__(
            429, f"the coding queue is full ({waiting} article(s) admitted, the limit of this server); send again "
            f"in {retry_after} s (Retry-After), or code large batches with `dyadwatch ingest`", code="DW429",
            field="text", headers={"Retry-After": str(retry_after)})


class Coder:
    """One watched worker process for the server's coding, started at start-up or on first use."""

    def __init__(self, settings: Settings, *, queue_size: int = CODING_QUEUE) -> None:
        self.settings = settings
        self.queue_size = max(1, queue_size)
        self._runner: Runner | None = None
        self._lock = threading.Lock()
        # The only thread that talks to the worker: requests queue on it, not on the read thread pool.
        self._executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="dyadwatch-coder")
        self._admitted = 0
        self._count_lock = threading.Lock()
        self._mean_s = FIRST_ESTIMATE_S

    @property
    def runner(self) -> Runner:
        with self._lock:
            if self._runner is None:
                self._runner = Runner(self.settings, niceness=WORKER_NICENESS).start()
            return self._runner

    @property
    def admitted(self) -> int:
        """Articles admitted now (coding or waiting)."""
        return self._admitted

    def warm_up(self) -> None:
        """Start the worker and wait until it has loaded the model and tables (it codes one short article), so
        the first request is not charged for it."""
        self.runner.code([Article.create(WARM_UP_TEXT, id="warm-up")])

    def close(self) -> None:
        self._executor.shutdown(wait=False, cancel_futures=True)
        with self._lock:
            if self._runner is not None:
                self._runner.close()
                self._runner = None

    def retry_after(self) -> int:
        """Seconds until a place in the queue is likely free: the queue's length times the mean coding time."""
        return max(1, math.ceil(self._admitted * self._mean_s))

    @contextmanager
    def admit(self, n: int = 1) -> Iterator[None]:
        """Hold ``n`` places in the queue for the block, or raise ``QueueFull`` (429) at once.

        A batch larger than the whole queue is admitted only into an empty queue, so it is never refused forever.
        """
        with self._count_lock:
            if self._admitted and self._admitted + n > self.queue_size:
                raise QueueFull(self._admitted, self.retry_after())
            self._admitted += n
        try:
            yield
        finally:
            with self._count_lock:
                self._admitted -= n

    def _code_sync(self, article: Article) -> Coded | Rejected:
        start = time.monotonic()
        result = self.runner.code([article])[0]
        self._mean_s = 0.8 * self._mean_s + 0.2 * (time.monotonic() - start)
        return result

    async def code_admitted(self, article: Article) -> Coded | Rejected:
        """Code one article for a caller already holding a place (``admit``)."""
        # wrap_future: a request cancelled while it waits (client gone) also cancels its place on the worker.
        return await asyncio.wrap_future(self._executor.submit(self._code_sync, article))

    async def code_one(self, article: Article) -> Coded | Rejected:
        """Code one article on the worker, waiting its turn in the queue; over its budget it becomes a
        ``Rejected``; a full queue is a 429 (``QueueFull``)."""
        with self.admit(1):
            return await self.code_admitted(article)

    def code_blocking(self, articles: Sequence[Article]) -> list[Coded | Rejected]:
        """Code from a thread outside the event loop (the ``serve --watch`` poller): through the same single
        coding thread as the requests, so the worker is never driven by two threads at once."""
        return [self._executor.submit(self._code_sync, a).result() for a in articles]

    async def code_many(self, articles: Sequence[Article]) -> list[Coded | Rejected]:
        """Each article on its own budget, in order, admitted together: a slow one never sinks the others."""
        with self.admit(len(articles)):
            return [await self.code_admitted(a) for a in articles]
