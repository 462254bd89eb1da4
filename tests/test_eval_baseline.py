"""The gate's floors only go up, are pinned to the data's hash, and are saved atomically."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from dyadwatch.evaluation.baseline import (
    RegressionRefused,
    check,
    empty_baseline,
    floor_value,
    load_baseline,
    save_baseline,
    update,
)
from dyadwatch.evaluation.report import EvalReport, Metric


def report(f1: float, sha: str = "abc", records: int = 10, extra: float | None = None) -> EvalReport:
    metrics = [
        Metric("type.micro.f1", f1, 10, "F1", gated=True),
        Metric("info.only", 0.3, 10, "not gated"),
    ]
    if extra is not None:
        metrics.append(Metric("source_country.overall", extra, 10, "src", gated=True))
    return EvalReport("plover-gsr-cameo", records, metrics, sha256=sha)


def test_update_pins_floors_hash_and_record_count() -> None:
    data, changes = update(report(0.61237), empty_baseline())
    entry = data["datasets"]["plover-gsr-cameo"]
    assert entry["floors"] == {"type.micro.f1": 0.6123}  # rounded down, never above the measured value
    assert entry["sha256"] == "abc" and entry["records"] == 10
    assert "info.only" not in entry["floors"]
    assert changes and check(report(0.61237), data) == []


def test_floors_only_go_up_unless_regression_is_allowed() -> None:
    data, _ = update(report(0.6), empty_baseline())
    raised, _ = update(report(0.7), data)
    assert raised["datasets"]["plover-gsr-cameo"]["floors"]["type.micro.f1"] == 0.7
    with pytest.raises(RegressionRefused, match="refusing to lower"):
        update(report(0.5), raised)
    lowered, changes = update(report(0.5), raised, allow_regression=True)
    assert lowered["datasets"]["plover-gsr-cameo"]["floors"]["type.micro.f1"] == 0.5
    assert any("0.7000 -> 0.5000" in c for c in changes)


def test_a_floored_metric_may_not_silently_disappear() -> None:
    data, _ = update(report(0.6, extra=0.4), empty_baseline())
    with pytest.raises(RegressionRefused, match="no longer measured"):
        update(report(0.6), data)
    problems = check(report(0.6), data)
    assert [p.metric for p in problems] == ["source_country.overall"]


def test_check_fails_below_floor_minus_epsilon_only() -> None:
    data, _ = update(report(0.6), empty_baseline())
    data["epsilon"] = 0.01
    assert check(report(0.595), data) == []  # within noise
    problems = check(report(0.58), data)
    assert len(problems) == 1 and "below its floor" in str(problems[0])


def test_check_fails_when_data_changed_without_repinning() -> None:
    data, _ = update(report(0.6), empty_baseline())
    messages = [str(p) for p in check(report(0.6, sha="def", records=11), data)]
    assert any("sha256 differs" in m for m in messages)
    assert any("11 records" in m for m in messages)
    repinned, changes = update(report(0.6, sha="def", records=11), data)
    assert check(report(0.6, sha="def", records=11), repinned) == []
    assert any("re-pinned" in c for c in changes)


def test_unpinned_dataset_and_new_gated_metric_are_problems() -> None:
    assert "no floors pinned" in str(check(report(0.6), empty_baseline())[0])
    data, _ = update(report(0.6), empty_baseline())
    problems = check(report(0.6, extra=0.2), data)
    assert [p.metric for p in problems] == ["source_country.overall"]


def test_save_is_atomic_and_roundtrips(tmp_path: Path) -> None:
    path = tmp_path / "eval" / "baseline.json"
    data, _ = update(report(0.6), empty_baseline())
    save_baseline(path, data)
    assert not (tmp_path / "eval" / "baseline.json.tmp").exists()
    assert load_baseline(path) == json.loads(path.read_text())
    assert load_baseline(tmp_path / "missing.json") == empty_baseline()


def test_floor_value_rounds_down() -> None:
    assert floor_value(0.99999) == 0.9999
    assert floor_value(0.5) == 0.5
    assert floor_value(1.0) == 1.0
