"""Alerts need support (issue 21): a change of mean between a handful of events is not an alert, and every alert
says how many events it rests on."""

from __future__ import annotations

from datetime import date

import pandas as pd
import pytest

from dyadwatch.analytics import changes
from dyadwatch.errors import ConfigError


def _series(strain: list[float], events: list[int]) -> pd.DataFrame:
    return pd.DataFrame({"period": [date(2024, m, 1) for m in range(1, len(strain) + 1)], "strain": strain,
                         "events": events})


def test_one_event_each_side_is_no_alert() -> None:
    """The issue's case: strain +1.00 -> -1.00, one event on each side."""
    flip = _series([1.0, 1.0, float("nan"), -1.0, -1.0], [1, 0, 0, 1, 0])
    flip.loc[1, "strain"] = float("nan")
    assert changes.detect_changes(flip, min_delta=0.25) == []
    assert changes.alerts_for(flip, pd.DataFrame()) == []


def test_enough_events_on_both_sides_gives_an_alert_that_says_its_support(monkeypatch: pytest.MonkeyPatch) -> None:
    step = _series([-0.6, -0.5, -0.55, 0.5, 0.45, 0.5], [2, 1, 1, 1, 1, 2])
    (alert,) = changes.alerts_for(step, pd.DataFrame())
    assert (alert.events_before, alert.events_after, alert.support) == (4, 4, 8)
    assert "resting on 8 events (4 before, 4 after)" in alert.message()
    assert alert.to_dict()["support"] == {"events": 8, "before": 4, "after": 4}
    monkeypatch.setenv(changes.MIN_EVENTS_ENV, "5")  # the setting: more support needed, no alert
    assert changes.alerts_for(step, pd.DataFrame()) == []
    monkeypatch.setenv(changes.MIN_EVENTS_ENV, "1")
    assert len(changes.alerts_for(_series([1.0, -1.0, -1.0], [1, 1, 1]), pd.DataFrame())) <= 1
    monkeypatch.setenv(changes.MIN_EVENTS_ENV, "many")
    with pytest.raises(ConfigError, match="whole number"):
        changes.alert_min_events()


def test_the_dyad_list_counts_what_the_chart_counts(served_store) -> None:  # type: ignore[no-untyped-def]
    """The page's list said 10 USA-CHN events where the chart said 7: both now count real, dated events."""
    from dyadwatch import resources
    from dyadwatch.store import open_store

    with open_store(served_store, read_only=True) as store:
        rows = resources.dyads(store)
        listed = sum(r["events"] for r in rows if {r["source"], r["target"]} == {"USA", "CHN"})
        chart = resources.dyad_view(store, "USA", "CHN")["series"]
        mentions = sum(r["mentions"] for r in rows if {r["source"], r["target"]} == {"USA", "CHN"})
    assert listed == sum(p["events"] for p in chart) and listed > 0
    assert mentions >= listed  # the reports behind the events, said apart
    assert all("real events" in r["counts"] for r in rows)
