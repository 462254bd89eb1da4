"""Change detection on a dyad series, and alerts that name the events behind a change.

Method: optimal partitioning of the strain series into segments of constant mean (PELT, Killick et al. 2012,
as implemented by the maintained ``ruptures`` library, L2 cost), with a BIC-style penalty
``2 * sigma^2 * log(n)``. ``sigma`` is the noise level estimated robustly from first differences
(``MAD / 0.6745 / sqrt 2``, so a single jump does not inflate it), floored at ``MIN_SIGMA``: on a short or
perfectly flat series the noise estimate is zero and every wiggle would otherwise count as a change.
A breakpoint becomes an alert only when the segment means differ by at least ``MIN_ALERT_DELTA`` and both
segments rest on at least ``alert_min_events()`` events (the baseline before the change, the window after it):
one event swings a month's strain from +1 to -1, and a change of mean between two single events is noise.
"""

from __future__ import annotations

import math
import os
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from dyadwatch.analytics.strain import CONFLICT_QUADS, COOPERATION_QUADS, event_weight

if TYPE_CHECKING:
    from dyadwatch.store.base import Store

# Strain runs over [-1, 1]; below 0.1 a difference is within what one small event does to a quiet month.
MIN_SIGMA = 0.1
# A change of a quarter of the scale (e.g. from balanced to clearly conflictual) is worth a reader's attention.
MIN_ALERT_DELTA = 0.25
# Support: each side of a change (baseline segment, new segment) must count at least this many events; a
# setting (env DYADWATCH_ALERT_MIN_EVENTS, or ``min_events=``), documented in docs/strain.md.
MIN_ALERT_EVENTS = 3
MIN_EVENTS_ENV = "DYADWATCH_ALERT_MIN_EVENTS"


def alert_min_events() -> int:
    """The support an alert needs on each side (``DYADWATCH_ALERT_MIN_EVENTS``, default ``MIN_ALERT_EVENTS``)."""
    from dyadwatch.errors import ConfigError

    raw = os.environ.get(MIN_EVENTS_ENV, "").strip()
    if not raw:
        return MIN_ALERT_EVENTS
    try:
        value = int(raw)
    except ValueError:
        raise ConfigError(f"{MIN_EVENTS_ENV}={raw!r} is not a whole number; set it to e.g. 3") from None
    if value < 1:
        raise ConfigError(f"{MIN_EVENTS_ENV}={raw!r} must be at least 1; set it to e.g. 3")
    return value
# How many events an alert lists.
TOP_EVENTS = 5


@dataclass(frozen=True, slots=True)
class Alert:
    """A detected change in a dyad series, and the events that explain it."""

    period: date
    column: str
    before: float
    after: float
    events: list[dict[str, Any]] = field(default_factory=list)
    events_before: int = 0  # events in the baseline segment (the periods before the change)
    events_after: int = 0  # events in the new segment (the window from the change on)

    @property
    def support(self) -> int:
        """How many events the alert rests on: both segments' counts."""
        return self.events_before + self.events_after

    @property
    def change(self) -> float:
        return self.after - self.before

    @property
    def direction(self) -> str:
        return "rise" if self.change > 0 else "fall"

    def message(self) -> str:
        names = "; ".join(_event_label(e) for e in self.events[:3]) or "no single event stands out"
        return (
            f"{self.column} {self.direction} at {self.period.isoformat()}: {self.before:+.2f} -> "
            f"{self.after:+.2f} ({self.change:+.2f}), resting on {self.support} events ({self.events_before} "
            f"before, {self.events_after} after); top events: {names}"
        )

    def to_dict(self) -> dict[str, Any]:
        return {
            "period": self.period.isoformat(),
            "column": self.column,
            "before": round(self.before, 4),
            "after": round(self.after, 4),
            "change": round(self.change, 4),
            "direction": self.direction,
            "support": {"events": self.support, "before": self.events_before, "after": self.events_after},
            "message": self.message(),
            "events": self.events,
        }


def _event_label(event: dict[str, Any]) -> str:
    source = event.get("source_country") or "?"
    target = event.get("target_country") or "-"
    trigger = event.get("trigger_text") or event.get("cameo") or ""
    return f"{source} {event.get('plover')} {target} ({trigger!s}, {event.get('event_date')})"


def noise_sigma(values: np.ndarray) -> float:
    """Robust noise level of a series from its first differences, floored at ``MIN_SIGMA``."""
    if len(values) < 3:
        return MIN_SIGMA
    diffs = np.diff(values)
    mad = float(np.median(np.abs(diffs - np.median(diffs))))
    return max(mad / 0.6745 / math.sqrt(2), MIN_SIGMA)


class _CumulativeL2:
    """The L2 segment cost (``ruptures``' ``CostL2``: squared deviations from the segment mean) in O(1) per
    segment from cumulative sums, instead of a variance over the segment each time. PELT asks for a cost for
    every (start, end) it considers, so on a ten-year monthly series this takes PELT from ~0.4 s to milliseconds;
    the segmentation is the same."""

    model = "l2_cumulative"
    min_size = 1

    def fit(self, signal: np.ndarray) -> _CumulativeL2:
        values = signal.reshape(len(signal), -1).astype(float)
        self.signal = values
        # Plain Python floats per column: PELT calls ``error`` thousands of times, numpy's per-call overhead
        # would dominate.
        self.sums = [[0.0, *np.cumsum(col).tolist()] for col in values.T]
        self.squares = [[0.0, *np.cumsum(col * col).tolist()] for col in values.T]
        return self

    def error(self, start: int, end: int) -> float:
        n = end - start
        cost = 0.0
        for s1, s2 in zip(self.sums, self.squares, strict=True):
            total = s1[end] - s1[start]
            cost += (s2[end] - s2[start]) - total * total / n
        return max(cost, 0.0)


def breakpoints(values: np.ndarray, penalty: float | None = None) -> list[int]:
    """Indices where a new segment starts (PELT, L2 cost); empty when the series is one level."""
    import ruptures as rpt
    from ruptures.base import BaseCost

    n = len(values)
    if n < 2:
        return []
    if penalty is None:
        penalty = 2.0 * noise_sigma(values) ** 2 * math.log(n)
    cost = type("CumulativeL2", (_CumulativeL2, BaseCost), {})()
    algo = rpt.Pelt(custom_cost=cost, min_size=1, jump=1).fit(values.reshape(-1, 1).astype(float))
    ends = algo.predict(pen=penalty)
    return [int(b) for b in ends if b < n]


def detect_changes(series: pd.DataFrame, column: str = "strain", *, penalty: float | None = None,
                   min_delta: float = MIN_ALERT_DELTA, min_events: int | None = None,
                   ) -> list[tuple[date, float, float, int, int]]:
    """Changes in ``column`` as ``(period, mean before, mean after, events before, events after)``; periods
    without data are skipped, and a change whose baseline or new segment counts fewer than ``min_events``
    events (default ``alert_min_events()``) is not one."""
    need = alert_min_events() if min_events is None else min_events
    data = series[["period", column, *(["events"] if "events" in series.columns else [])]].dropna(subset=[column])
    if len(data) < 2:
        return []
    values = data[column].to_numpy(dtype=float)
    counts = data["events"].to_numpy(dtype=float) if "events" in data.columns else np.ones(len(data))
    periods = list(data["period"])
    cuts = breakpoints(values, penalty)
    bounds = [0, *cuts, len(values)]
    changes = []
    for i, cut in enumerate(cuts):
        before = float(values[bounds[i]:cut].mean())
        after = float(values[cut:bounds[i + 2]].mean())
        n_before, n_after = int(counts[bounds[i]:cut].sum()), int(counts[cut:bounds[i + 2]].sum())
        if abs(after - before) >= min_delta and min(n_before, n_after) >= need:
            changes.append((periods[cut], before, after, n_before, n_after))
    return changes


def explaining_events(events: pd.DataFrame, start: date, end: date | None, rise: bool,
                      limit: int = TOP_EVENTS) -> list[dict[str, Any]]:
    """The events of ``[start, end)`` that pushed the series the way it moved, heaviest first.

    A rise in strain is explained by conflict events, a fall by cooperation; among them the heavier (larger
    Goldstein magnitude) and the more widely reported come first.
    """
    if events.empty:
        return []
    frame = events[(events["event_date"] >= start) & ((events["event_date"] < end) if end else True)].copy()
    quads = CONFLICT_QUADS if rise else COOPERATION_QUADS
    frame = frame[frame["quad_class"].isin(quads)]
    if frame.empty:
        return []
    frame["weight"] = [event_weight(g) for g in frame["goldstein"]]
    frame = frame.sort_values(["weight", "n_mentions", "event_date", "group_id"], ascending=[False, False, True, True])
    keep = [
        "group_id", "event_id", "event_date", "plover", "cameo", "quad_class", "goldstein", "source_country",
        "target_country", "n_mentions", "n_articles", "n_sources", "trigger_text", "evidence_text",
    ]
    rows = frame[keep].head(limit).to_dict("records")
    for row in rows:
        row["event_date"] = row["event_date"].isoformat() if row["event_date"] else None
        for key, value in list(row.items()):
            if isinstance(value, float) and math.isnan(value):
                row[key] = None
            elif isinstance(value, np.integer):
                row[key] = int(value)
    return rows


def _next_period(series: pd.DataFrame, period: date) -> date | None:
    later = [p for p in series["period"] if p > period]
    return min(later) if later else None


def alerts_with(series: pd.DataFrame, events_in: Callable[[date, date | None], pd.DataFrame],
                column: str = "strain", *, penalty: float | None = None,
                min_delta: float = MIN_ALERT_DELTA) -> list[Alert]:
    """Alerts for a computed series; ``events_in(start, end)`` gives the events of ``[start, end)`` only when a
    change starts there (a store reads one window per alert instead of every event of the dyad)."""
    alerts = []
    for period, before, after, n_before, n_after in detect_changes(series, column, penalty=penalty,
                                                                   min_delta=min_delta):
        rise = after > before
        if column == "goldstein_mean":  # a higher Goldstein mean is more cooperation
            rise = not rise
        end = _next_period(series, period)
        top = explaining_events(events_in(period, end), period, end, rise)
        alerts.append(Alert(period, column, before, after, top, n_before, n_after))
    return alerts


def alerts_for(series: pd.DataFrame, events: pd.DataFrame, column: str = "strain", *,
               penalty: float | None = None, min_delta: float = MIN_ALERT_DELTA) -> list[Alert]:
    """Alerts for a computed series, each listing the events of the period where the change starts."""
    return alerts_with(series, lambda start, end: events, column, penalty=penalty, min_delta=min_delta)


def dyad_alerts(store: Store, a: str, b: str | None = None, *, by: str = "month", directed: bool = False,
                unit: str = "events", column: str = "strain", since: date | None = None,
                until: date | None = None, series: pd.DataFrame | None = None) -> list[Alert]:
    """Series, change detection and explaining events in one call (``series``: already computed, same options)."""
    from dyadwatch.analytics.series import dyad_events, dyad_series

    if series is None:
        series = dyad_series(store, a, b, by=by, directed=directed, unit=unit, since=since, until=until)

    def events_in(start: date, end: date | None) -> pd.DataFrame:
        last = end - timedelta(days=1) if end else None
        return dyad_events(store, a, b, directed=directed, unit=unit, since=max(start, since) if since else start,
                           until=min(x for x in (last, until) if x) if (last or until) else None)

    return alerts_with(series, events_in, column)
