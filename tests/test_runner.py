"""The runner: every article under its time budget in a watched worker process, a batch that survives a stall
or a crash, many workers with results in input order, recycled workers, and calls from threads.

The slow and crashing stages are test inputs (the budget machinery, the worker processes and the pipeline are the
real ones): each pipeline here is built by a factory in this module, which the worker imports by name.
"""

from __future__ import annotations

import os
import threading
import time
from collections.abc import Iterable, Iterator

import pytest

from dyadwatch.config import Settings
from dyadwatch.pipeline import Analysis, Pipeline, Rejected, Stage
from dyadwatch.pipeline.text_stages import NormaliseStage
from dyadwatch.records import Article
from dyadwatch.runner import BUDGET_BASE_S, BUDGET_PER_CHAR_S, Coded, Runner, article_budget, code_articles

SPIN = "spin forever"
CRASH = "crash the worker"


class Spin(Stage):
    """A walk that never ends on marked texts, like the parse walks of issue 12 did."""

    name = "spin"
    requires = ("norm",)

    def __call__(self, analysis: Analysis) -> Analysis:
        while SPIN in analysis.article.text:
            pass
        if CRASH in analysis.article.text:
            os._exit(3)
        return analysis


class BatchSpin(Stage):
    """A batched stage (like the parser) that never ends when any text of the batch is marked."""

    name = "batch-spin"
    requires = ("norm",)

    def __call__(self, analysis: Analysis) -> Analysis:
        return next(iter(self.pipe([analysis])))

    def pipe(self, analyses: Iterable[Analysis]) -> Iterator[Analysis]:
        items = list(analyses)
        while any(SPIN in a.article.text for a in items):
            time.sleep(0.01)
        yield from items


def spin_pipeline(settings: Settings) -> Pipeline:
    return Pipeline([NormaliseStage(), Spin()], settings)


def batch_spin_pipeline(settings: Settings) -> Pipeline:
    return Pipeline([NormaliseStage(), BatchSpin()], settings)


def _articles(*texts: str) -> list[Article]:
    return [Article.create(t, id=f"a{i}") for i, t in enumerate(texts)]


def _kinds(results: list) -> list[str]:  # type: ignore[type-arg]
    return [type(r).__name__ for r in results]


def test_budget_is_scaled_to_length_unless_set() -> None:
    short, long = Article.create("x" * 100), Article.create("x" * 100_000)
    assert article_budget(Settings(), short) == pytest.approx(BUDGET_BASE_S + 100 * BUDGET_PER_CHAR_S)
    assert article_budget(Settings(), long) == pytest.approx(BUDGET_BASE_S + 100_000 * BUDGET_PER_CHAR_S)
    assert article_budget(Settings(article_budget_s=2.5), long) == 2.5


def test_overrunning_article_is_rejected_and_the_batch_goes_on() -> None:
    articles = _articles("one.", "two.", f"three {SPIN}.", "four.", "five.")
    with Runner(Settings(article_budget_s=1.0), factory=spin_pipeline, chunk_size=4) as runner:
        results = list(runner.pipe(articles))
        assert _kinds(results) == ["Coded", "Coded", "Rejected", "Coded", "Coded"]
        assert [r.article.id for r in results if isinstance(r, Coded)] == ["a0", "a1", "a3", "a4"]
        rejected = results[2]
        assert isinstance(rejected, Rejected)
        assert (rejected.article_id, rejected.stage, rejected.reason) == ("a2", "spin", "time budget of 1 s exceeded")
        assert runner.restarts == 1
        # The replacement worker codes on.
        assert _kinds(runner.code(_articles("six.", "seven."))) == ["Coded", "Coded"]


def test_overrun_in_a_batched_stage_is_pinned_on_the_right_article() -> None:
    articles = _articles("one.", f"two {SPIN}.", "three.")
    with Runner(Settings(article_budget_s=0.5), factory=batch_spin_pipeline, chunk_size=3) as runner:
        results = runner.code(articles)
    assert _kinds(results) == ["Coded", "Rejected", "Coded"]
    assert results[1].stage == "batch-spin"  # type: ignore[union-attr]


def test_a_crashing_worker_costs_only_its_article() -> None:
    articles = _articles("one.", f"two {CRASH}.", "three.")
    with Runner(Settings(), factory=spin_pipeline, chunk_size=3) as runner:
        results = runner.code(articles)
    assert _kinds(results) == ["Coded", "Rejected", "Coded"]
    assert "exit status 3" in results[1].reason  # type: ignore[union-attr]


def test_several_workers_keep_input_order_and_stalls_stay_contained() -> None:
    texts = [f"article {i}." if i != 7 else f"article {i} {SPIN}." for i in range(20)]
    articles = _articles(*texts)
    with Runner(Settings(article_budget_s=1.0), workers=2, factory=spin_pipeline, chunk_size=3) as runner:
        results = list(runner.pipe(articles))
    assert [getattr(r, "article", None) and r.article.id for r in results if isinstance(r, Coded)] == [
        f"a{i}" for i in range(20) if i != 7
    ]
    assert isinstance(results[7], Rejected) and results[7].article_id == "a7"


def test_workers_are_retired_after_their_article_allowance() -> None:
    with Runner(Settings(), factory=spin_pipeline, chunk_size=2, max_articles=2) as runner:
        results = runner.code(_articles(*(f"text {i}." for i in range(6))))
    assert _kinds(results) == ["Coded"] * 6
    assert runner.recycled >= 2


def test_runner_codes_from_threads_under_budget() -> None:
    """A server codes on worker threads, where signal.alarm cannot stop a stall; the budget still holds."""
    settings = Settings(article_budget_s=1.0, extra={"test": "threads"})
    runner = Runner(settings, factory=spin_pipeline)
    outcomes: dict[int, list[str]] = {}

    def work(n: int) -> None:
        outcomes[n] = _kinds(runner.code(_articles(f"ok {n}.", f"stall {n} {SPIN}.", f"ok again {n}.")))

    threads = [threading.Thread(target=work, args=(n,)) for n in range(3)]
    try:
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=120)
    finally:
        runner.close()
    assert outcomes == {n: ["Coded", "Rejected", "Coded"] for n in range(3)}


def test_code_articles_is_the_shared_entry_point(example_articles: list[Article]) -> None:
    """The full pipeline through the shared runner gives the events the in-process pipeline gives."""
    from dyadwatch.pipeline import build_pipeline

    results = code_articles(example_articles[:2])
    expected = [build_pipeline(Settings())(a) for a in example_articles[:2]]
    assert [list(r.events) for r in results if isinstance(r, Coded)] == expected


@pytest.fixture(scope="module")
def example_articles() -> list[Article]:
    from dyadwatch import api

    article = api.example_article()
    second = Article.create("China rejected a proposal by Japan on Tuesday. The United States praised India.",
                            id="second")
    return [article, second]


def test_headlines_that_used_to_stall_finish_with_the_batch(example_articles: list[Article]) -> None:
    """Issue 12's verbless headlines, in one batch with an ordinary article: every one comes back, in order."""
    headlines = [
        "Approval of new tariffs against the Maduro government and its foreign allies by the United States.",
        "Its decision, its timing, its consequences.",
        "The ministry and its agencies, its partners and its donors.",
        " ".join(["it"] * 20) + ".",
    ]
    articles = [*(Article.create(h) for h in headlines), example_articles[0]]
    results = code_articles(articles)
    assert [r.article.id for r in results if isinstance(r, Coded)] == [a.id for a in articles]
    assert results[-1].events  # type: ignore[union-attr]


def test_two_workers_give_the_events_of_one_in_input_order(example_articles: list[Article]) -> None:
    articles = [Article.create(a.text, id=f"b{i}-{a.id}") for i in range(3) for a in example_articles]
    with Runner(Settings(), workers=2, chunk_size=1) as runner:
        two = runner.code(articles)
    one = code_articles(articles)
    assert [r.article.id for r in two] == [a.id for a in articles]  # type: ignore[union-attr]
    assert [r.events for r in two] == [r.events for r in one]  # type: ignore[union-attr]
