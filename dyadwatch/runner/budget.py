"""How long one article may take, and what a coded article comes back as from a worker.

Why a budget scaled to length: coding time grows about linearly with the text (the parse and every walk over it
are per token), so a fixed limit is either too tight for a long report or too loose for a headline. Measured on
the 49 VOA articles (``../shared/corpus/voa``, 1,833-7,108 characters, one core, warm pipeline): 0.05-0.084 ms
per character, 0.47 s for the slowest article. The default, ``10 s + 1 ms per character``, is 12 times the worst
measured per-character rate plus a base that covers a cold start on a loaded machine: the slowest VOA article
gets 17 s, more than 30 times what it needs, so no ordinary article comes near it, while a stalled one is
stopped within seconds to a minute (a 50,000-character article gets 60 s).

Every budget, scaled or set, is capped by ``Settings.article_budget_max_s`` (120 s by default, issue 22): the
longest text coded (``Settings.max_article_chars``, 100,000 characters) would otherwise be allowed 110 s and an
explicit setting any length of time; a coder that waits minutes for one article is already stalled.
"""

from __future__ import annotations

from dataclasses import dataclass

from dyadwatch.config import Settings
from dyadwatch.records import Article, Event

BUDGET_BASE_S = 10.0
BUDGET_PER_CHAR_S = 0.001


def article_budget(settings: Settings, article: Article) -> float:
    """Seconds ``article`` may take: ``Settings.article_budget_s`` when set, else base + per-character."""
    if settings.article_budget_s is not None:
        return min(float(settings.article_budget_s), settings.article_budget_max_s)
    return min(BUDGET_BASE_S + BUDGET_PER_CHAR_S * len(article.text), settings.article_budget_max_s)


def budget_reason(seconds: float) -> str:
    """The rejection reason of an article that overran (one wording everywhere)."""
    return f"time budget of {seconds:.3g} s exceeded"


def memory_reason(limit_mb: float, rss_mb: float) -> str:
    """The rejection reason of an article whose worker grew past its memory limit (treated like an overrun)."""
    return (f"memory limit of {limit_mb:,.0f} MB exceeded (the worker reached {rss_mb:,.0f} MB while coding it; "
            "Settings.worker_max_rss_mb)")


@dataclass(frozen=True, slots=True)
class Coded:
    """A coded article as it leaves a worker process: the article, its events, its sentence count.

    Why not the ``Analysis``: that holds the spaCy ``Doc``, which is large to send between processes; every
    runner consumer (CLI, store, eval, server) needs only the events.
    """

    article: Article
    events: tuple[Event, ...]
    sentences: int = 0
