"""A country's relations, the table of pairs and the events on a map: aggregates for a newsroom's desk.

Every query here reads ``event_groups`` (real events, reports grouped) through one filter, ``ViewFilter``: the
same filter the page's controls set (type, QuadClass, date range, counted-only, resolved-only) and the same one
the downloads pass to ``exports.export_frame``, so what is downloaded is what is shown. Each aggregate is one
grouped SQL query (portable to DuckDB and PostgreSQL: ``FILTER`` clauses, ``date_trunc`` over a TIMESTAMP), so a
country view over ten million stored events is one scan of that country's events, not a Python loop.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any

import pandas as pd

from dyadwatch.analytics.strain import CONFLICT_QUADS, COOPERATION_QUADS, strain_index, weight_sql
from dyadwatch.errors import InputError
from dyadwatch.store.base import cameo_sql, date_range_sql

if TYPE_CHECKING:
    from dyadwatch.store.base import Store

# Periods a sparkline covers (ending with the current one).
SPARK_PERIODS = 12
PERIOD_OFFSETS = {"week": pd.DateOffset(weeks=1), "month": pd.DateOffset(months=1),
                  "quarter": pd.DateOffset(months=3), "year": pd.DateOffset(years=1)}


@dataclass(frozen=True, slots=True)
class ViewFilter:
    """What the page's filters select: PLOVER type, QuadClass, dates, and whether uncounted (negated,
    hypothetical, historical) and unresolved (no source actor code) events are included."""

    plover: str | None = None
    cameo: str | None = None
    quad_class: int | None = None
    since: date | None = None
    until: date | None = None
    include_uncounted: bool = False
    include_unresolved: bool = False

    def __post_init__(self) -> None:
        if self.quad_class is not None and self.quad_class not in (1, 2, 3, 4):
            raise InputError(f"quad_class {self.quad_class} is not a QuadClass; use 1, 2, 3 or 4")
        if self.since and self.until and self.since > self.until:
            raise InputError(f"since {self.since} is after until {self.until}; swap them")

    def sql(self, prefix: str = "") -> tuple[list[str], list[Any]]:
        """WHERE clauses over ``event_groups`` (column names with ``prefix``) and their parameters."""
        clauses: list[str] = [] if self.include_uncounted else [f"{prefix}counted"]
        params: list[Any] = []
        if not self.include_unresolved:
            clauses.append(f"{prefix}source_country IS NOT NULL")
        if self.plover:
            clauses.append(f"{prefix}plover = ?")
            params.append(self.plover)
        cameo, cameo_params = cameo_sql(f"{prefix}cameo", self.cameo)
        clauses += cameo
        params += cameo_params
        if self.quad_class:
            clauses.append(f"{prefix}quad_class = ?")
            params.append(int(self.quad_class))
        dates, date_params = date_range_sql(f"{prefix}event_date", self.since, self.until)
        return clauses + dates, params + date_params

    def export_filters(self) -> dict[str, Any]:
        """The same selection as keyword arguments of ``exports.export_rows``."""
        return {"plover": self.plover, "cameo": self.cameo, "quad_class": self.quad_class, "since": self.since,
                "until": self.until, "include_uncounted": self.include_uncounted,
                "include_unresolved": self.include_unresolved}


def _weights() -> str:
    w = weight_sql()
    conflict = ", ".join(str(q) for q in CONFLICT_QUADS)
    coop = ", ".join(str(q) for q in COOPERATION_QUADS)
    return (f"sum(CASE WHEN quad_class IN ({conflict}) THEN {w} ELSE 0 END) AS cw, "
            f"sum(CASE WHEN quad_class IN ({coop}) THEN {w} ELSE 0 END) AS kw")


def _strain(frame: pd.DataFrame, c: str, k: str) -> pd.Series:
    return strain_index(frame[c].astype("float64").fillna(0.0), frame[k].astype("float64").fillna(0.0))


def _period_start(day: date, by: str) -> pd.Timestamp:
    stamp = pd.Timestamp(day)
    if by == "week":
        return (stamp - pd.Timedelta(days=stamp.weekday())).normalize()
    if by == "quarter":
        return stamp.to_period("Q").start_time
    if by == "year":
        return stamp.to_period("Y").start_time
    return stamp.to_period("M").start_time


def _check_by(by: str) -> None:
    if by not in PERIOD_OFFSETS:
        raise InputError(f"unknown period {by!r}; use one of: {', '.join(PERIOD_OFFSETS)}")


def _spark(frame: pd.DataFrame, keys: list[str], first: pd.Timestamp, by: str) -> dict[tuple[Any, ...], list[int]]:
    """Per key: counts per period, oldest first, SPARK_PERIODS long (zeros where nothing happened)."""
    periods = [first + PERIOD_OFFSETS[by] * i for i in range(SPARK_PERIODS)]
    index = {p.date(): i for i, p in enumerate(periods)}
    out: dict[tuple[Any, ...], list[int]] = {}
    for row in frame.itertuples(index=False):
        key = tuple(getattr(row, k) for k in keys)
        slot = index.get(pd.Timestamp(row.period).date())
        if slot is not None:
            out.setdefault(key, [0] * SPARK_PERIODS)[slot] = int(row.n)
    return out


def latest_period(store: Store, flt: ViewFilter, by: str, where: str = "TRUE", params: list[Any] | None = None
                  ) -> pd.Timestamp | None:
    """The current period: the one holding ``until``, else the one of the newest event under the filter and
    ``where`` (for a country view, that country's newest: a store of past news still has a "now" per country)."""
    if flt.until:
        return _period_start(flt.until, by)
    clauses, fparams = flt.sql()
    cond = " AND ".join([where, "event_date IS NOT NULL", *clauses])
    last = store.sql(f"SELECT max(event_date) AS last FROM event_groups WHERE {cond}",
                     [*(params or []), *fparams])["last"].iloc[0]
    return None if last is None or pd.isna(last) else _period_start(pd.Timestamp(last).date(), by)


def country_relations(store: Store, code: str, flt: ViewFilter, *, by: str = "month") -> dict[str, Any]:
    """Every partner of ``code`` (either direction): counts by QuadClass, strain over the filter's range, strain
    and events in the current period and in the periods before it, the change, and a sparkline of events per
    period.

    "Before" is the sparkline's window less the current period (the SPARK_PERIODS - 1 periods before it), not
    the single previous period: news about a pair is sparse, and a month without reports is no baseline. The
    change is ``strain_now - strain_before``. Sorted by change, largest rise first (pairs without both last,
    then busiest first).

    One grouped scan of the country's events by (source, target, QuadClass, period in the window), folded per
    (partner, period) in SQL; the window ends at the store's newest period, and is moved to the country's own
    newest (a second scan) only when the country has no news in the store's. The period is computed only for
    events in the window: truncating ten years of dates costs as much as the scan. Python sums a few hundred rows.
    """
    _check_by(by)
    mine = "(source_country = ? OR target_country = ?) AND source_country IS DISTINCT FROM target_country"
    current = latest_period(store, flt, by)  # the store's newest period: cheap, and usually the country's too
    if current is None:
        return {"current": None, "before": None, "first": None, "partners": []}
    clauses, params = flt.sql()
    where = " AND ".join([mine, "event_date IS NOT NULL", *clauses])
    conflict = ", ".join(str(q) for q in CONFLICT_QUADS)
    coop = ", ".join(str(q) for q in COOPERATION_QUADS)

    def scan(current: pd.Timestamp) -> pd.DataFrame:
        first, after = current - PERIOD_OFFSETS[by] * (SPARK_PERIODS - 1), current + PERIOD_OFFSETS[by]
        return store.sql(
            f"""SELECT CASE WHEN src = ? THEN tgt ELSE src END AS partner, period, sum(n) AS n,
                   sum(n) FILTER (WHERE q = 1) AS q1, sum(n) FILTER (WHERE q = 2) AS q2,
                   sum(n) FILTER (WHERE q = 3) AS q3, sum(n) FILTER (WHERE q = 4) AS q4,
                   sum(n) FILTER (WHERE src = ?) AS outgoing,
                   sum(w) FILTER (WHERE q IN ({conflict})) AS cw, sum(w) FILTER (WHERE q IN ({coop})) AS kw,
                   max(last) AS last
            FROM (SELECT source_country AS src, target_country AS tgt, quad_class AS q,
                         CASE WHEN event_date >= ? AND event_date < ?
                              THEN CAST(date_trunc('{by}', CAST(event_date AS TIMESTAMP)) AS DATE) END AS period,
                         count(*) AS n, sum({weight_sql()}) AS w, max(event_date) AS last
                  FROM event_groups WHERE {where} GROUP BY 1, 2, 3, 4) AS grouped
            GROUP BY 1, 2""",
            [code, code, first.date(), after.date(), code, code, *params],
        )

    rows = scan(current)
    if not flt.until and not rows.empty:  # the country's own newest period is "now" for it (a quiet country
        own = _period_start(pd.Timestamp(rows["last"].max()).date(), by)  # in a live store: a second scan)
        if own != current:
            current = own
            rows = scan(current)
    first = current - PERIOD_OFFSETS[by] * (SPARK_PERIODS - 1)
    slots = {(first + PERIOD_OFFSETS[by] * i).date(): i for i in range(SPARK_PERIODS)}
    current_day = current.date()
    acc: dict[Any, dict[str, Any]] = {}
    for r in rows.itertuples(index=False):
        key = None if r.partner is None or pd.isna(r.partner) else str(r.partner)
        a = acc.setdefault(key, {"n": 0, "q1": 0, "q2": 0, "q3": 0, "q4": 0, "outgoing": 0, "cw": 0.0, "kw": 0.0,
                                 "n_now": 0, "cw_now": 0.0, "kw_now": 0.0, "n_before": 0, "cw_before": 0.0,
                                 "kw_before": 0.0, "spark": [0] * SPARK_PERIODS})
        values = {k: _num(getattr(r, k)) for k in ("n", "q1", "q2", "q3", "q4", "outgoing", "cw", "kw")}
        for k, v in values.items():
            a[k] += v
        if r.period is None or pd.isna(r.period):
            continue
        day = pd.Timestamp(r.period).date()
        a["spark"][slots[day]] += int(values["n"])
        part = "now" if day == current_day else "before"
        for k in ("n", "cw", "kw"):
            a[f"{k}_{part}"] += values[k]
    partners = []
    for key, a in acc.items():
        strain_now = float(strain_index(a["cw_now"], a["kw_now"]))
        strain_before = float(strain_index(a["cw_before"], a["kw_before"]))
        events, outgoing = int(a["n"]), int(a["outgoing"])
        partners.append({
            "partner": key, "events": events, "outgoing": outgoing, "incoming": events - outgoing,
            "verbal_coop": int(a["q1"]), "material_coop": int(a["q2"]), "verbal_conflict": int(a["q3"]),
            "material_conflict": int(a["q4"]), "strain": float(strain_index(a["cw"], a["kw"])),
            "events_now": int(a["n_now"]), "events_before": int(a["n_before"]), "strain_now": strain_now,
            "strain_before": strain_before, "change": strain_now - strain_before, "spark": a["spark"],
        })
    partners.sort(key=lambda p: (-p["events"]))
    partners.sort(key=lambda p: -p["events_now"])
    partners.sort(key=lambda p: (math.isnan(p["change"]), -p["change"] if not math.isnan(p["change"]) else 0))
    return {"current": current_day, "before": {"from": first.date(), "until": (current - pd.Timedelta(days=1)).date()},
            "first": first.date(), "partners": partners}


def _num(value: Any) -> float:
    return 0.0 if value is None or pd.isna(value) else float(value)


def pair_table(store: Store, flt: ViewFilter, *, by: str = "month") -> dict[str, Any]:
    """Undirected pairs of countries with events, conflict events, strain and a sparkline, busiest first."""
    _check_by(by)
    clauses, params = flt.sql()
    pair = ("least(source_country, target_country) AS a, greatest(source_country, target_country) AS b")
    where = " AND ".join(["source_country IS NOT NULL", "target_country IS NOT NULL",
                          "source_country <> target_country", *clauses])
    frame = store.sql(
        f"SELECT {pair}, count(*) AS events, count(*) FILTER (WHERE quad_class IN (3, 4)) AS conflict, "
        f"{_weights()} FROM event_groups WHERE {where} GROUP BY 1, 2", params,
    )
    current = latest_period(store, flt, by, "source_country <> target_country")
    sparks: dict[tuple[Any, ...], list[int]] = {}
    first = None if current is None else current - PERIOD_OFFSETS[by] * (SPARK_PERIODS - 1)
    if current is not None and first is not None:
        sparks = _spark(store.sql(
            f"SELECT {pair}, CAST(date_trunc('{by}', CAST(event_date AS TIMESTAMP)) AS DATE) AS period, "
            f"count(*) AS n FROM event_groups WHERE {where} AND event_date >= ? AND event_date < ? GROUP BY 1, 2, 3",
            [*params, first.date(), (current + PERIOD_OFFSETS[by]).date()]), ["a", "b"], first, by)
    frame["strain"] = _strain(frame, "cw", "kw")
    frame = frame.sort_values(["events", "a", "b"], ascending=[False, True, True], kind="stable")
    pairs = [{"a": r["a"], "b": r["b"], "events": int(r["events"]), "conflict": int(r["conflict"]),
              "strain": r["strain"], "spark": sparks.get((r["a"], r["b"]), [0] * SPARK_PERIODS)}
             for r in frame.to_dict("records")]
    return {"first": first.date() if first is not None else None,
            "current": current.date() if current is not None else None, "pairs": pairs}


def map_points(store: Store, flt: ViewFilter, *, limit: int = 2000) -> pd.DataFrame:
    """Events by place: a point per located place (lat/lon) and one per country for events placed only in a
    country; counts per QuadClass and the dominant one (what colours the point), busiest first."""
    clauses, params = flt.sql()
    where = " AND ".join(["(lat IS NOT NULL OR location_country IS NOT NULL)", *clauses])
    return store.sql(
        "SELECT geonameid, location_country AS country, min(location_name) AS name, avg(lat) AS lat, "
        "avg(lon) AS lon, count(*) AS events, count(*) FILTER (WHERE quad_class = 1) AS q1, "
        "count(*) FILTER (WHERE quad_class = 2) AS q2, count(*) FILTER (WHERE quad_class = 3) AS q3, "
        "count(*) FILTER (WHERE quad_class = 4) AS q4 "
        f"FROM event_groups WHERE {where} "
        "GROUP BY geonameid, location_country, CASE WHEN lat IS NULL THEN 0 ELSE 1 END "
        f"ORDER BY events DESC, country, geonameid LIMIT {int(limit)}", params,
    )


def place_events(store: Store, flt: ViewFilter, *, country: str | None = None, geonameid: int | None = None,
                 unplaced: bool = False, limit: int = 200) -> pd.DataFrame:
    """The events at one place (``geonameid``), in one country (``country``; ``unplaced``: only those located
    no finer than the country), newest first, with the representative report's evidence."""
    if country is None and geonameid is None:
        raise InputError("name a place: pass country=ISO3 (a country) or geonameid=N (a place on the map)")
    clauses, params = flt.sql("g.")
    if geonameid is not None:
        clauses.append("g.geonameid = ?")
        params.append(int(geonameid))
    if country is not None:
        clauses.append("g.location_country = ?")
        params.append(country)
        if unplaced:
            clauses.append("g.lat IS NULL")
    return store.sql(
        "SELECT g.group_id, g.event_date, g.plover, g.cameo, g.quad_class, g.source_country, g.target_country, "
        "g.location_name, g.n_mentions, g.n_sources, e.trigger_text, e.evidence_text FROM event_groups g "
        f"JOIN events e ON e.event_id = g.representative WHERE {' AND '.join(clauses)} "
        f"ORDER BY g.event_date DESC NULLS LAST, g.group_id LIMIT {int(limit)}", params,
    )
