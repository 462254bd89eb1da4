"""Generated news through the whole pipeline (issue 12, item 3).

Property: every generated article returns a result (events or a typed rejection) within its time limit, and every
offset an event carries (evidence, actors, trigger, date text, place text, quantities) gives back its text from the
original article. Each article runs in a forked child of one loaded worker (tests/strategies), so a stall is
killed, counted and reported as the failing example instead of hanging the suite. A bounded number of examples
here; ``make fuzz N=...`` runs the same strategies for as long as you like.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

import pytest
from hypothesis import HealthCheck, Phase, given, settings
from strategies.news import news_articles
from strategies.runner import GuardedCoder

EXAMPLES = 30
LIMIT_S = 20.0  # a stall, not a slow machine: ordinary generated articles code in well under a second


@pytest.fixture(scope="module")
def coder() -> Iterator[GuardedCoder]:
    with GuardedCoder() as guarded:
        yield guarded


@settings(max_examples=EXAMPLES, deadline=None, database=None, derandomize=True,
          phases=(Phase.explicit, Phase.generate), suppress_health_check=list(HealthCheck))
@given(article=news_articles(max_sentences=6))
def test_generated_news_codes_within_its_limit_with_offsets_into_the_text(
    coder: GuardedCoder, article: tuple[str, date | None]
) -> None:
    text, published = article
    outcome = coder.code(text, published, LIMIT_S)
    assert outcome.status in ("events", "rejected"), (outcome.status, outcome.detail)


@pytest.mark.parametrize("text", [
    "Its decision, its timing, its consequences.",
    "The ministry and its agencies, its partners and its donors.",
    "it it it it it it it it it it it it it it it it it it it it.",
    "APPROVAL OF NEW TARIFFS AGAINST THE GOVERNMENT AND ITS FOREIGN ALLIES BY THE UNITED STATES.",
    "Chinа rejeсted the prоposal frоm Wаshington оn Fridаy.",  # Cyrillic look-alikes
])
def test_known_stalling_shapes_finish(coder: GuardedCoder, text: str) -> None:
    outcome = coder.code(text, date(2024, 11, 21), LIMIT_S)
    assert outcome.status in ("events", "rejected"), (outcome.status, outcome.detail)
