"""Coding off the event loop, under a time budget per article.

``code_one`` is the ONE function the server codes with. Today it runs the library's pipeline in a worker thread
(``api.code``'s pipeline, one article at a time, serialised by a lock because a spaCy pipeline is not meant to
be shared between threads) and turns an overrun into ``Rejected(stage="budget")``. A thread cannot be killed: a
pathological article keeps its thread (and the lock) until it finishes, and later articles are rejected on
their own budgets meanwhile, so the server still answers. The watched worker process of the ``exec`` work
(``Settings.article_budget_s``, a worker replaced when it overruns) is the sound replacement: swap it in here.
"""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Sequence

import anyio.to_thread

from dyadwatch.config import Settings
from dyadwatch.pipeline import Analysis, Pipeline, Rejected, build_pipeline
from dyadwatch.records import Article

# Budget per article: a floor for the parse of a short text plus time in proportion to its length. On this
# machine the pipeline codes ~250 sentences/s (about 30 kB/s of news); the budget allows 100x that.
BUDGET_FLOOR_S = 20.0
BUDGET_PER_KB_S = 0.5


def article_budget_s(article: Article) -> float:
    """Seconds an article may take before it is rejected (replace with ``Settings.article_budget_s``)."""
    return BUDGET_FLOOR_S + BUDGET_PER_KB_S * len(article.text.encode("utf-8")) / 1000


class Coder:
    """The pipeline, built once (lazily or at start-up), run in worker threads."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self._pipeline: Pipeline | None = None
        self._build_lock = threading.Lock()
        self._run_lock = threading.Lock()

    @property
    def pipeline(self) -> Pipeline:
        with self._build_lock:
            if self._pipeline is None:
                self._pipeline = build_pipeline(self.settings)
            return self._pipeline

    def warm_up(self) -> None:
        """Load the model and tables (seconds) before the first request needs them."""
        _ = self.pipeline

    def _code_sync(self, article: Article) -> Analysis | Rejected:
        pipeline = self.pipeline
        with self._run_lock:
            return next(iter(pipeline.pipe([article])))

    async def code_one(self, article: Article) -> Analysis | Rejected:
        """Code one article in a worker thread; over its budget it becomes a ``Rejected``."""
        budget = article_budget_s(article)
        try:
            return await asyncio.wait_for(
                anyio.to_thread.run_sync(self._code_sync, article, abandon_on_cancel=True), timeout=budget
            )
        except TimeoutError:
            return Rejected(article.id, "budget", f"time budget of {budget:.0f} s exceeded")

    async def code_many(self, articles: Sequence[Article]) -> list[Analysis | Rejected]:
        """Each article on its own budget, in order: a slow one never sinks the others."""
        return [await self.code_one(a) for a in articles]
