"""Dyad series: what happened between two actors, period by period, as one DataFrame.

The aggregation runs in the store as one grouped SQL query (portable: ``date_trunc`` over a TIMESTAMP, ``CASE``,
``greatest`` exist in DuckDB and PostgreSQL; truncating a DATE would give PostgreSQL a time-zoned timestamp),
so a series over ten million stored events is one scan, not a Python loop.
By default it counts *events* (groups of mentions, see ``grouping``); ``unit="mentions"`` counts reports the
way GDELT does.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from dyadwatch.analytics.strain import CONFLICT_QUADS, COOPERATION_QUADS, strain_index, weight_sql
from dyadwatch.errors import InputError
from dyadwatch.store.base import cameo_sql, date_range_sql

if TYPE_CHECKING:
    from dyadwatch.store.base import Store

PERIODS = ("day", "week", "month", "quarter", "year")
# The most periods one series holds (issue 22): 13 years of days, 96 years of weeks. Empty periods are filled
# with zero rows, so without a bound `by=day` from 0001-01-01 to 9999-12-31 builds 3.6 million rows (1 GB of
# JSON); past it the series is refused with how to narrow or aggregate it (docs/limits.md).
MAX_SERIES_PERIODS = 5_000
UNITS = ("events", "mentions")

SERIES_COLUMNS = [
    "period", "events", "q1_verbal_coop", "q2_material_coop", "q3_verbal_conflict", "q4_material_conflict",
    "goldstein_sum", "goldstein_mean", "plover_score_sum", "plover_score_mean", "conflict_share",
    "conflict_weight", "cooperation_weight", "strain",
]


class SeriesTooLong(InputError):
    """A series with more periods than ``MAX_SERIES_PERIODS`` (a 422 over HTTP, exit 3 on the command line)."""


def period_count(start: date, end: date, by: str) -> int:
    """How many periods of ``by`` a series from ``start`` to ``end`` (inclusive) fills, by arithmetic alone."""
    if end < start:
        return 0
    if by == "day":
        return (end - start).days + 1
    if by == "week":
        return (end.toordinal() - end.weekday() - (start.toordinal() - start.weekday())) // 7 + 1
    months = (end.year - start.year) * 12 + end.month - start.month
    if by == "month":
        return months + 1
    if by == "quarter":
        return (end.year * 4 + (end.month - 1) // 3) - (start.year * 4 + (start.month - 1) // 3) + 1
    return end.year - start.year + 1


def check_length(start: date, end: date, by: str, limit: int | None = MAX_SERIES_PERIODS) -> None:
    """Refuse a series of more than ``limit`` periods, saying how to narrow or aggregate it."""
    n = period_count(start, end, by)
    if limit is not None and n > limit:
        coarser = [p for p in PERIODS[PERIODS.index(by) + 1:] if period_count(start, end, p) <= limit]
        how = f", or aggregate with by={' or '.join(coarser)}" if coarser else ""
        raise SeriesTooLong(
            f"a series by {by} from {start.isoformat()} to {end.isoformat()} has {n:,} periods, over the limit of "
            f"{limit:,} per series; narrow since/until to at most {limit:,} {by}s{how}"
        )


def _check(by: str, unit: str) -> None:
    if by not in PERIODS:
        raise InputError(f"unknown period {by!r}; use one of: {', '.join(PERIODS)}")
    if unit not in UNITS:
        raise InputError(f"unknown unit {unit!r}; use one of: {', '.join(UNITS)}")


def dyad_filter(
    a: str, b: str | None, *, directed: bool, symmetric_column: str | None, prefix: str = ""
) -> tuple[str, list[Any]]:
    """SQL condition for the dyad. Undirected: either order. Directed: a->b, plus b->a for symmetric types."""
    src, tgt = f"{prefix}source_country", f"{prefix}target_country"
    if b is None:
        if directed:
            return f"{src} = ?", [a]
        return f"({src} = ? OR {tgt} = ?)", [a, a]
    if a == b:  # a country acting on itself: both directions are the one pair
        return f"({src} = ? AND {tgt} = ?)", [a, a]
    # Written as IN lists (not an OR of two pairs) so PostgreSQL answers from its covering dyad index with an
    # index-only scan; with a != b, "src IN (a, b) AND tgt IN (a, b) AND src <> tgt" is exactly {a->b, b->a}.
    pair = f"{src} IN (?, ?) AND {tgt} IN (?, ?) AND {src} <> {tgt}"
    if not directed:
        return f"({pair})", [a, b, a, b]
    if symmetric_column:
        return f"({pair} AND ({src} = ? OR {prefix}{symmetric_column}))", [a, b, a, b, a]
    return f"({src} = ? AND {tgt} = ?)", [a, b]


def _source(unit: str, include_uncounted: bool, include_unresolved: bool = False) -> tuple[str, str, str | None]:
    """Table, base condition and symmetric flag column for the unit counted.

    Events whose source actor has no code stay out unless ``include_unresolved`` (a series of "USA" would
    otherwise count "someone did something to the USA" as USA relations).
    """
    resolved = "" if include_unresolved else " AND source_country IS NOT NULL"
    if unit == "events":
        return "event_groups", ("TRUE" if include_uncounted else "counted") + resolved, "is_symmetric"
    cond = "NOT negated AND NOT hypothetical" + ("" if include_uncounted else " AND NOT historical")
    return "events", cond + resolved, None


def kind_sql(prefix: str, plover: str | None, cameo: str | None, quad_class: int | None
             ) -> tuple[list[str], list[Any]]:
    """WHERE clauses for an event type (PLOVER, or a CAMEO code and its descendants) and a QuadClass."""
    clauses, params = cameo_sql(f"{prefix}cameo", cameo)
    if plover:
        clauses.append(f"{prefix}plover = ?")
        params.append(plover)
    if quad_class is not None:
        clauses.append(f"{prefix}quad_class = ?")
        params.append(int(quad_class))
    return clauses, params


def left_out(
    store: Store, a: str, b: str | None = None, *, directed: bool = False, unit: str = "events",
    since: date | None = None, until: date | None = None, include_uncounted: bool = False,
    include_unresolved: bool = False,
) -> dict[str, int]:
    """How many of the dyad's events a series leaves out, by reason: ``unresolved`` (no source actor code; the
    option ``include_unresolved`` counts them) and ``undated`` (no date at all: their articles had no publication
    date and their text gave none)."""
    _check("month", unit)
    table, base, sym = _source(unit, include_uncounted, include_unresolved=True)
    dyad, params = dyad_filter(a, b, directed=directed, symmetric_column=sym)
    dates, date_params = date_range_sql("event_date", since, until)
    in_range = " AND ".join(["event_date IS NOT NULL", *dates])
    unresolved = (
        "0" if include_unresolved else f"sum(CASE WHEN source_country IS NULL AND {in_range} THEN 1 ELSE 0 END)"
    )
    query = (
        f"SELECT {unresolved} AS unresolved, sum(CASE WHEN event_date IS NULL THEN 1 ELSE 0 END) AS undated "
        f"FROM {table} WHERE {base} AND {dyad}"
    )
    row = store.sql(query, [*date_params, *params] if not include_unresolved else params).iloc[0]
    return {k: int(0 if pd.isna(row[k]) else row[k]) for k in ("unresolved", "undated")}


def series_sql(
    a: str, b: str | None, *, by: str = "month", directed: bool = False, unit: str = "events",
    since: date | None = None, until: date | None = None, include_uncounted: bool = False,
    include_unresolved: bool = False, plover: str | None = None, cameo: str | None = None,
    quad_class: int | None = None,
) -> tuple[str, list[Any]]:
    """The one aggregate query behind ``dyad_series`` (exposed so the benchmark times exactly it)."""
    _check(by, unit)
    table, base, sym = _source(unit, include_uncounted, include_unresolved)
    dyad, params = dyad_filter(a, b, directed=directed, symmetric_column=sym)
    dates, date_params = date_range_sql("event_date", since, until)
    kinds, kind_params = kind_sql("", plover, cameo, quad_class)
    where = [base, "event_date IS NOT NULL", dyad, *dates, *kinds]
    params += date_params + kind_params
    w = weight_sql()
    conflict = ", ".join(str(q) for q in CONFLICT_QUADS)
    coop = ", ".join(str(q) for q in COOPERATION_QUADS)
    query = f"""
        SELECT CAST(date_trunc('{by}', CAST(event_date AS TIMESTAMP)) AS DATE) AS period,
               count(*) AS events,
               sum(CASE WHEN quad_class = 1 THEN 1 ELSE 0 END) AS q1_verbal_coop,
               sum(CASE WHEN quad_class = 2 THEN 1 ELSE 0 END) AS q2_material_coop,
               sum(CASE WHEN quad_class = 3 THEN 1 ELSE 0 END) AS q3_verbal_conflict,
               sum(CASE WHEN quad_class = 4 THEN 1 ELSE 0 END) AS q4_material_conflict,
               sum(goldstein) AS goldstein_sum,
               avg(goldstein) AS goldstein_mean,
               sum(plover_score) AS plover_score_sum,
               avg(plover_score) AS plover_score_mean,
               sum(CASE WHEN quad_class IN ({conflict}) THEN {w} ELSE 0 END) AS conflict_weight,
               sum(CASE WHEN quad_class IN ({coop}) THEN {w} ELSE 0 END) AS cooperation_weight
        FROM {table}
        WHERE {" AND ".join(where)}
        GROUP BY 1
        ORDER BY 1
    """
    return query, params


def _period_range(start: pd.Timestamp, end: pd.Timestamp, by: str) -> pd.DatetimeIndex:
    freq = {"day": "D", "week": "W-MON", "month": "MS", "quarter": "QS", "year": "YS"}[by]
    return pd.date_range(start, end, freq=freq)


def finish_series(raw: pd.DataFrame, by: str, *, since: date | None = None, until: date | None = None,
                  fill: bool = True) -> pd.DataFrame:
    """Typed columns, empty periods filled with zero counts (and NaN means/strain), derived columns added."""
    frame = raw.copy()
    frame["period"] = pd.to_datetime(frame["period"])
    if fill and not frame.empty:
        start = pd.Timestamp(since) if since else frame["period"].min()
        end = pd.Timestamp(until) if until else frame["period"].max()
        if since or until:
            aligned = pd.DataFrame({"period": [start, end]})
            trunc = _truncate(aligned["period"], by)
            start, end = trunc.iloc[0], trunc.iloc[1]
        full = pd.DataFrame({"period": _period_range(start, end, by)})
        frame = full.merge(frame, on="period", how="left")
    counts = ["events", "q1_verbal_coop", "q2_material_coop", "q3_verbal_conflict", "q4_material_conflict"]
    for col in counts:
        frame[col] = frame[col].fillna(0).astype("int64")
    for col in ("goldstein_sum", "plover_score_sum", "conflict_weight", "cooperation_weight"):
        frame[col] = frame[col].astype("float64").fillna(0.0)
    for col in ("goldstein_mean", "plover_score_mean"):
        frame[col] = frame[col].astype("float64")
    conflict = frame["q3_verbal_conflict"] + frame["q4_material_conflict"]
    frame["conflict_share"] = (conflict / frame["events"].replace(0, np.nan)).astype("float64")
    frame["strain"] = strain_index(frame["conflict_weight"], frame["cooperation_weight"]).astype("float64")
    frame["period"] = frame["period"].dt.date
    return frame[SERIES_COLUMNS].reset_index(drop=True)


def _truncate(stamps: pd.Series, by: str) -> pd.Series:
    if by == "day":
        return stamps.dt.normalize()
    if by == "week":
        return (stamps - pd.to_timedelta(stamps.dt.weekday, unit="D")).dt.normalize()
    if by == "month":
        return stamps.dt.to_period("M").dt.start_time
    if by == "quarter":
        return stamps.dt.to_period("Q").dt.start_time
    return stamps.dt.to_period("Y").dt.start_time


def dyad_series(
    store: Store, a: str, b: str | None = None, *, by: str = "month", directed: bool = False,
    unit: str = "events", since: date | None = None, until: date | None = None,
    include_uncounted: bool = False, include_unresolved: bool = False, fill: bool = True, as_polars: bool = False,
    plover: str | None = None, cameo: str | None = None, quad_class: int | None = None,
    max_periods: int | None = MAX_SERIES_PERIODS,
) -> Any:
    """Counts per QuadClass, Goldstein and PLOVER sums and means, conflict share and strain, per period.

    ``a``/``b`` are country (or organisation) codes; ``b=None`` gives everything ``a`` did (directed) or took
    part in. Periods without events are kept (zero counts, NaN strain) so a gap in the news shows as a gap.
    A series of more than ``max_periods`` periods (from ``since``/``until``, else from the dated events) raises
    ``SeriesTooLong`` before any row is built; ``max_periods=None`` lifts the bound.
    """
    if since and until:
        check_length(since, until, by, max_periods)  # refused before the store is asked
    query, params = series_sql(
        a, b, by=by, directed=directed, unit=unit, since=since, until=until, include_uncounted=include_uncounted,
        include_unresolved=include_unresolved, plover=plover, cameo=cameo, quad_class=quad_class,
    )
    raw = store.sql(query, params)
    if not raw.empty and fill:
        days = [date(v.year, v.month, v.day) for v in raw["period"]]
        check_length(since or min(days), until or max(days), by, max_periods)
    frame = finish_series(raw, by, since=since, until=until, fill=fill)
    return to_polars(frame) if as_polars else frame


def dyad_events(
    store: Store, a: str, b: str | None = None, *, directed: bool = False, unit: str = "events",
    since: date | None = None, until: date | None = None, include_uncounted: bool = False,
    include_unresolved: bool = False, plover: str | None = None, cameo: str | None = None,
    quad_class: int | None = None, limit: int | None = None,
) -> pd.DataFrame:
    """The events behind a series, with the representative mention's evidence (what an alert cites); at most
    ``limit`` rows (the oldest) when given."""
    _check("month", unit)
    _table, base, sym = _source(unit, include_uncounted, include_unresolved)
    prefix = "g." if unit == "events" else "e."
    dyad, params = dyad_filter(a, b, directed=directed, symmetric_column=sym, prefix=prefix)
    if unit == "events":
        base = base.replace("counted", "g.counted").replace("source_country", "g.source_country")
    where = [base, f"{prefix}event_date IS NOT NULL", dyad]
    dates, date_params = date_range_sql(f"{prefix}event_date", since, until)
    kinds, kind_params = kind_sql(prefix, plover, cameo, quad_class)
    where += dates + kinds
    params += date_params + kind_params
    evidence = (
        "e.event_id, e.source_name, e.target_name, e.trigger_text, e.evidence_text, e.article_id, e.outlet"
    )
    if unit == "events":
        query = (
            "SELECT g.group_id, g.event_date, g.date_precision, g.plover, g.mode, g.cameo, g.quad_class, "
            "g.goldstein, g.plover_score, g.source_country, g.target_country, g.n_mentions, g.n_articles, "
            f"g.n_sources, g.first_seen, g.last_seen, {evidence} FROM event_groups g "
            f"JOIN events e ON e.event_id = g.representative WHERE {' AND '.join(where)} "
            "ORDER BY g.event_date, g.group_id"
        )
    else:
        query = (
            "SELECT e.event_id AS group_id, e.event_date, e.date_precision, e.plover, e.mode, e.cameo, "
            "e.quad_class, e.goldstein, e.plover_score, e.source_country, e.target_country, 1 AS n_mentions, "
            "1 AS n_articles, 1 AS n_sources, e.published AS first_seen, e.published AS last_seen, "
            f"{evidence} FROM events e WHERE {' AND '.join(where)} ORDER BY e.event_date, e.event_id"
        )
    if limit is not None:
        query += f" LIMIT {int(limit)}"
    frame = store.sql(query, params)
    for col in ("event_date", "first_seen", "last_seen"):
        frame[col] = pd.to_datetime(frame[col]).dt.date
    return frame


def to_polars(frame: pd.DataFrame) -> Any:
    """The frame as a Polars DataFrame (Polars is optional: ``pip install dyadwatch[polars]``)."""
    try:
        import polars as pl
    except ImportError as err:
        raise InputError("Polars is not installed; run `pip install polars` or leave as_polars off") from err
    return pl.from_pandas(frame)
