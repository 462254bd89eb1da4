"""Floors for the actors stage on the shared evaluation sets (measured by tools/eval_actors.py).

Measured 2026-11: plover-gsr-cameo source country 0.818, target 0.832 (over all gold actors with a text), sector
0.757 (source) / 0.606 (target) on matched spans; PETR-UT with the PETR.Validate dictionaries only: 0.871 of gold
codes (0.794 of records with every code). The floors
sit a little below, so a regression fails CI while small parser differences do not.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from tool_loader import load_tool

SHARED_EVAL = Path(__file__).resolve().parents[2] / "shared" / "eval"


@pytest.fixture(scope="module")
def tool():  # type: ignore[no-untyped-def]
    if not (SHARED_EVAL / "plover-gsr-cameo" / "eval.jsonl").exists():
        pytest.skip(f"evaluation data not found under {SHARED_EVAL}")
    return load_tool("eval_actors")


def test_plover_gsr_floors(tool) -> None:  # type: ignore[no-untyped-def]
    scores = tool.plover(errors=0)
    assert scores["source_country_acc"] >= 0.80
    assert scores["target_country_acc"] >= 0.80
    assert scores["source_sector_acc_matched"] >= 0.72
    assert scores["target_sector_acc_matched"] >= 0.57
    assert scores["source_span_match"] >= 0.95


def test_petrarch_unit_test_floor(tool) -> None:  # type: ignore[no-untyped-def]
    assert tool.petrarch(errors=0)["code_share"] >= 0.85
