"""Coding off the event loop, under the library's time budget per article.

``code_one`` is the one function the server codes with. It hands the article to a ``dyadwatch.runner.Runner``:
a watched worker process that holds the model, codes each article under ``Settings.article_budget_s`` (scaled
to the text's length by default) and is killed and replaced when an article overruns. The overrun comes back as
a ``Rejected`` naming the stage and "time budget of N s exceeded", exactly as in ``code`` and ``ingest``. The
call that waits for the worker runs on a thread, never on the event loop, so a slow article cannot stall the
server: the other routes keep answering while it runs.
"""

from __future__ import annotations

import threading
from collections.abc import Sequence

from starlette.concurrency import run_in_threadpool

from dyadwatch.config import Settings
from dyadwatch.pipeline import Rejected
from dyadwatch.records import Article
from dyadwatch.runner import Coded, Runner


def over_budget(result: Coded | Rejected) -> bool:
    """Whether a rejection is a time-budget overrun (the server answers 503, not 422, for those)."""
    return isinstance(result, Rejected) and "time budget" in result.reason


class Coder:
    """One watched worker process for the server's coding, started at start-up or on first use."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self._runner: Runner | None = None
        self._lock = threading.Lock()

    @property
    def runner(self) -> Runner:
        with self._lock:
            if self._runner is None:
                self._runner = Runner(self.settings).start()
            return self._runner

    def warm_up(self) -> None:
        """Start the worker (it loads the model and tables) before the first request needs it."""
        _ = self.runner

    def close(self) -> None:
        with self._lock:
            if self._runner is not None:
                self._runner.close()
                self._runner = None

    def _code_sync(self, article: Article) -> Coded | Rejected:
        return self.runner.code([article])[0]

    async def code_one(self, article: Article) -> Coded | Rejected:
        """Code one article on the worker, waiting on a thread; over its budget it becomes a ``Rejected``."""
        return await run_in_threadpool(self._code_sync, article)

    async def code_many(self, articles: Sequence[Article]) -> list[Coded | Rejected]:
        """Each article on its own budget, in order: a slow one never sinks the others."""
        return [await self.code_one(a) for a in articles]
