"""The quality gate's memory: floors per dataset and metric, pinned to the exact gold data they were measured on.

A floor only goes up. Lowering one needs an explicit ``--allow-regression`` (and shows in the diff of
``eval/baseline.json``), so quality can never slip silently. The sha256 and record count of each ``eval.jsonl``
are pinned with the floors: when the gold data changes, the gate fails until someone re-pins on purpose.
"""

from __future__ import annotations

import json
import math
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from dyadwatch.errors import ConfigError
from dyadwatch.evaluation.report import EvalReport

DEFAULT_BASELINE = Path("eval") / "baseline.json"
# Measurement noise allowed below a floor: the pipeline is deterministic, but spaCy's floating point can differ
# in the last digits across CPUs and BLAS builds, which may flip a borderline parse.
DEFAULT_EPSILON = 0.01
FLOOR_DIGITS = 4


class RegressionRefused(ConfigError):
    """``--update-baseline`` would lower a floor without ``--allow-regression``."""

    code = "DW210"


@dataclass(frozen=True, slots=True)
class Problem:
    """One reason the gate fails, as a one-line message that says how to fix it."""

    dataset: str
    metric: str | None
    message: str

    def __str__(self) -> str:
        where = f"{self.dataset}/{self.metric}" if self.metric else self.dataset
        return f"{where}: {self.message}"


def empty_baseline() -> dict[str, Any]:
    return {"epsilon": DEFAULT_EPSILON, "datasets": {}}


def load_baseline(path: Path) -> dict[str, Any]:
    """The baseline file, or an empty one when it does not exist yet."""
    path = Path(path)
    if not path.exists():
        return empty_baseline()
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as err:
        raise ConfigError(f"{path}: unreadable baseline ({err}); restore it from git") from None
    if not isinstance(data, dict) or not isinstance(data.get("datasets"), dict):
        raise ConfigError(f"{path}: not a baseline file (no 'datasets' object); restore it from git")
    data.setdefault("epsilon", DEFAULT_EPSILON)
    return data


def save_baseline(path: Path, data: dict[str, Any]) -> None:
    """Write atomically (tmp file + ``os.replace``): a crash never leaves a half-written baseline."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_text(json.dumps(data, indent=2, sort_keys=True) + "\n", encoding="utf-8")
    os.replace(tmp, path)


def floor_value(value: float) -> float:
    """Round down, so a floor never exceeds the value it was taken from."""
    scale = 10**FLOOR_DIGITS
    return math.floor(value * scale + 1e-9) / scale


def check(report: EvalReport, baseline: dict[str, Any]) -> list[Problem]:
    """Everything that makes the gate fail for this report (empty list: pass)."""
    ds = report.dataset
    entry = baseline.get("datasets", {}).get(ds)
    if entry is None:
        return [Problem(ds, None, "no floors pinned; run `dyadwatch eval DIR --update-baseline`")]
    problems: list[Problem] = []
    if entry.get("sha256") != report.sha256:
        problems.append(Problem(ds, None, "eval.jsonl changed since the floors were pinned (sha256 differs); "
                                          "review the data change, then re-pin with --update-baseline"))
    if entry.get("records") != report.records:
        problems.append(Problem(ds, None, f"{report.records} records, baseline pinned {entry.get('records')}; "
                                          "re-pin with --update-baseline"))
    epsilon = float(baseline.get("epsilon", DEFAULT_EPSILON))
    floors: dict[str, float] = entry.get("floors", {})
    values = report.values()
    for name, floor in sorted(floors.items()):
        value = values.get(name)
        if value is None:
            problems.append(Problem(ds, name, "floor pinned but the metric was not measured; "
                                              "restore the metric or drop its floor with --allow-regression"))
        elif value < float(floor) - epsilon:
            problems.append(Problem(ds, name, f"{value:.4f} is below its floor {float(floor):.4f} "
                                              f"(epsilon {epsilon}); fix the regression"))
    for metric in report.metrics:
        if metric.gated and metric.value is not None and metric.name not in floors:
            problems.append(Problem(ds, metric.name, "gated metric has no floor; run --update-baseline"))
    return problems


def update(
    report: EvalReport, baseline: dict[str, Any], *, allow_regression: bool = False
) -> tuple[dict[str, Any], list[str]]:
    """A new baseline with floors raised to this report's values; returns it and the list of changes.

    Raises:
        RegressionRefused: a floor would go down (or a floored metric disappear) without ``allow_regression``.
    """
    data = json.loads(json.dumps(baseline))  # deep copy: the caller's dict stays as loaded
    data.setdefault("epsilon", DEFAULT_EPSILON)
    datasets = data.setdefault("datasets", {})
    entry = datasets.get(report.dataset, {})
    old: dict[str, float] = dict(entry.get("floors", {}))
    new: dict[str, float] = {}
    changes: list[str] = []
    lowered: list[str] = []
    for metric in report.metrics:
        if not metric.gated or metric.value is None:
            continue
        value = floor_value(metric.value)
        before = old.get(metric.name)
        if before is not None and value < float(before):
            lowered.append(f"{metric.name} {float(before):.4f} -> {value:.4f}")
            if not allow_regression:
                continue
        elif before is not None and value == float(before):
            new[metric.name] = float(before)
            continue
        new[metric.name] = value
        changes.append(f"{metric.name}: {'-' if before is None else f'{float(before):.4f}'} -> {value:.4f}")
    dropped = sorted(set(old) - {m.name for m in report.metrics if m.gated and m.value is not None})
    if dropped:
        lowered += [f"{name} (no longer measured)" for name in dropped]
        changes += [f"{name}: floor removed" for name in dropped]
    if lowered and not allow_regression:
        raise RegressionRefused(
            f"{report.dataset}: refusing to lower floors ({'; '.join(lowered)}); "
            "fix the regression, or pass --allow-regression if it is intended"
        )
    if entry.get("sha256") not in (None, report.sha256):
        changes.append(f"sha256 re-pinned: {str(entry.get('sha256'))[:12]}… -> {str(report.sha256)[:12]}…")
    datasets[report.dataset] = {
        **{k: v for k, v in entry.items() if k not in ("floors", "sha256", "records")},
        "sha256": report.sha256,
        "records": report.records,
        "floors": dict(sorted(new.items())),
    }
    return data, changes
