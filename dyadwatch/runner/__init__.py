"""How articles get run: watched worker processes, a time budget per article, many cores, a Dask cluster.

Above ``pipeline`` (it runs pipelines) and below ``api``/``cli``/the server (they call it). Nothing here changes
what an article codes to; it decides where, and for how long at most.
"""

from __future__ import annotations

from dyadwatch.runner.budget import BUDGET_BASE_S, BUDGET_PER_CHAR_S, Coded, article_budget, budget_reason
from dyadwatch.runner.pool import Result, Runner
from dyadwatch.runner.shared import code_articles, shared_runner

__all__ = [
    "BUDGET_BASE_S",
    "BUDGET_PER_CHAR_S",
    "Coded",
    "Result",
    "Runner",
    "article_budget",
    "budget_reason",
    "code_articles",
    "shared_runner",
]
