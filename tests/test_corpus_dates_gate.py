"""The date check on real news (``dyadwatch eval CORPUS --dates``) holds its floors on the shared VOA corpus.

Marked ``eval`` like the gold-set gate; skipped when ../shared is not beside the clone.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from dyadwatch.evaluation.baseline import check, load_baseline
from dyadwatch.evaluation.corpus_dates import evaluate_corpus_dates
from dyadwatch.evaluation.runner import Coder

pytestmark = pytest.mark.eval

ROOT = Path(__file__).resolve().parents[1]
VOA = ROOT.parent / "shared" / "corpus" / "voa" / "articles.jsonl"
BASELINE = ROOT / "eval" / "baseline.json"


def test_voa_dates_hold_their_floors() -> None:
    if not VOA.exists():
        pytest.skip(f"{VOA} not found: the gate needs ../shared beside the clone")
    report, extra = evaluate_corpus_dates(VOA, Coder())
    problems = check(report, load_baseline(BASELINE))
    assert not problems, "date gate:\n" + "\n".join(str(p) for p in problems) + f"\nmisses: {extra['misses']}"
    counts = {row["count"]: row["value"] for row in report.tables["counts"]}
    assert counts["events dated from a year inside a name (goal 0)"] == 0, extra["misses"].get("name")
