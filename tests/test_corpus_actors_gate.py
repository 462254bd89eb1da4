"""The actor check on real news (``dyadwatch eval CORPUS --actors``) holds its floor on the shared VOA corpus.

Marked ``eval`` like the gold-set gate; skipped when ../shared is not beside the clone. The floor is the share of
coded events whose source has a country (issue 19): a change that loses countries, or reads datelines and labels
as actors, shows here.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from dyadwatch.evaluation.baseline import check, load_baseline
from dyadwatch.evaluation.corpus_actors import evaluate_corpus_actors
from dyadwatch.evaluation.runner import Coder

pytestmark = pytest.mark.eval

ROOT = Path(__file__).resolve().parents[1]
VOA = ROOT.parent / "shared" / "corpus" / "voa" / "articles.jsonl"
BASELINE = ROOT / "eval" / "baseline.json"


def test_voa_source_countries_hold_their_floor() -> None:
    if not VOA.exists():
        pytest.skip(f"{VOA} not found: the gate needs ../shared beside the clone")
    report, extra = evaluate_corpus_actors(VOA, Coder())
    assert report.dataset == "corpus-actors:voa"
    floors = load_baseline(BASELINE)
    assert "corpus-actors:voa" in floors["datasets"], "the VOA actor floor is missing from eval/baseline.json"
    problems = check(report, floors)
    top = list(extra["unresolved"].items())[:15]
    assert not problems, "actor gate:\n" + "\n".join(str(p) for p in problems) + f"\nunresolved: {top}"
    rules = {row["rule"] for row in report.tables["by_rule"]}
    assert "context-country" in rules  # the context rule is what carries the share on this corpus
