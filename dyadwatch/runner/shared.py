"""One long-lived Runner per settings for callers that code a few articles at a time from many threads.

Why: an HTTP server answers each request on a worker thread; starting worker processes per request would cost
seconds of model loading each time. ``code_articles`` keeps one Runner per distinct ``Settings`` (and worker
count) for the life of the process, starts it on first use, and closes it at exit.
"""

from __future__ import annotations

import atexit
import threading
from collections.abc import Iterable

from dyadwatch.config import Settings
from dyadwatch.records import Article
from dyadwatch.runner.pool import Result, Runner

_runners: dict[tuple[str, int], Runner] = {}
_lock = threading.Lock()


def shared_runner(settings: Settings | None = None, workers: int = 1) -> Runner:
    """The process-wide Runner for these settings, started on first use."""
    settings = settings or Settings()
    key = (repr(settings), workers)
    with _lock:
        runner = _runners.get(key)
        if runner is None:
            runner = _runners[key] = Runner(settings, workers=workers).start()
        return runner


def code_articles(articles: Iterable[Article], settings: Settings | None = None, workers: int = 1) -> list[Result]:
    """Code articles under their time budgets, off the calling thread; one ``Coded``/``Rejected`` per article.

    Thread-safe: concurrent calls share the worker processes and take turns.
    """
    return shared_runner(settings, workers).code(list(articles))


@atexit.register
def close_shared_runners() -> None:
    with _lock:
        for runner in _runners.values():
            runner.close()
        _runners.clear()
