"""The quality gate: the pipeline's scores on the shared gold sets may not fall below the pinned floors.

Runs in CI (marked ``eval``, not slow). Floors, epsilon and data hashes live in ``eval/baseline.json``; raise
them with ``dyadwatch eval DIR --update-baseline`` (lowering one needs ``--allow-regression``).
"""

from __future__ import annotations

import importlib.util
from pathlib import Path
from typing import Any

import pytest

from dyadwatch.evaluation.baseline import check, load_baseline
from dyadwatch.evaluation.dataset import KINDS, LOCATION
from dyadwatch.evaluation.runner import Coder, evaluate

pytestmark = pytest.mark.eval

ROOT = Path(__file__).resolve().parents[1]
SHARED_EVAL = ROOT.parent / "shared" / "eval"
BASELINE = ROOT / "eval" / "baseline.json"


def location_scorer_available() -> bool:
    try:
        return importlib.util.find_spec("dyadwatch.evaluation.location_eval") is not None
    except ModuleNotFoundError:
        return False


@pytest.fixture(scope="module")
def baseline() -> dict[str, Any]:
    assert BASELINE.exists(), f"{BASELINE} is missing; restore it from git"
    return load_baseline(BASELINE)


@pytest.fixture(scope="module")
def coder() -> Coder:
    return Coder()


def test_every_shared_gold_set_is_pinned(baseline: dict[str, Any]) -> None:
    required = [k for k in KINDS if k != LOCATION or location_scorer_available()]
    missing = [k for k in required if k not in baseline["datasets"]]
    assert not missing, f"no floors for {missing}; run `dyadwatch eval ../shared/eval/<set> --update-baseline`"
    assert 0 <= float(baseline["epsilon"]) < 0.05, "epsilon is noise, not a licence to regress"


@pytest.mark.parametrize("dataset", KINDS)
def test_scores_hold_their_floors(dataset: str, baseline: dict[str, Any], coder: Coder) -> None:
    if dataset not in baseline["datasets"]:
        pytest.skip(f"{dataset}: no floors pinned in eval/baseline.json")
    folder = SHARED_EVAL / dataset
    if not (folder / "eval.jsonl").exists():
        pytest.skip(f"{folder} not found: the gate needs ../shared beside the clone")
    report = evaluate(folder, coder=coder, location_all=False)
    problems = check(report, baseline)
    assert not problems, "quality gate:\n" + "\n".join(str(p) for p in problems)
