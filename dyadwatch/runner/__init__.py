"""How articles get run: watched worker processes, a time budget per article, many cores, a Dask cluster.

Above ``pipeline`` (it runs pipelines) and below ``api``/``cli``/the server (they call it). Nothing here changes
what an article codes to; it decides where, and for how long at most.

The names below are loaded on first use, so that ``dyadwatch.runner.spawn`` (standard library only) can start
``dyadwatch code``'s worker before the pipeline's modules are imported.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from dyadwatch.lazy import lazy_exports

if TYPE_CHECKING:
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

_HOME = {
    "BUDGET_BASE_S": "budget",
    "BUDGET_PER_CHAR_S": "budget",
    "Coded": "budget",
    "article_budget": "budget",
    "budget_reason": "budget",
    "Result": "pool",
    "Runner": "pool",
    "code_articles": "shared",
    "shared_runner": "shared",
}


__getattr__, __dir__ = lazy_exports(__name__, _HOME, globals(), __all__)
