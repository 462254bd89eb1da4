"""One read function per resource over an open store: what ``dyadwatch serve`` answers and the CLI can print.

Why a module of its own: the HTTP layer must not hold a second copy of any query, and these reads need an open
store (a server keeps one) rather than a path (the CLI opens one per command, through ``dyadwatch.api``). Every
function returns plain JSON-ready data (no NaN, dates as ISO strings) and raises ``DyadwatchError``s whose
messages say how to fix the request: ``InputError`` for a bad value, ``NotFound`` for an unknown id.
"""

from __future__ import annotations

import base64
import binascii
import json
import math
from collections.abc import Iterable, Iterator
from datetime import UTC, date, datetime
from functools import lru_cache
from typing import TYPE_CHECKING, Any

import pandas as pd

from dyadwatch import __version__
from dyadwatch.errors import InputError, NotFound
from dyadwatch.store.base import EventFilter, event_where

if TYPE_CHECKING:
    from dyadwatch.store.base import Store

# A page of events holds at most this many (a client asks for the next page with the cursor); the events of a
# dyad's window too (past it: 422 saying how to page through /v1/events instead).
MAX_PAGE = 1000
# One export request holds at most this many rows (events or mentions): about 1 KB each in memory while the
# rows are read, well under 1 GB written in any format; past it: 422 saying how to split it (docs/limits.md).
MAX_EXPORT_ROWS = 200_000
# Sort key for events without a date: they come last in "newest first".
NO_DATE = date(1, 1, 1)
# Kinds of coded spans an article view highlights, with the event field each comes from.
SPAN_KINDS = ("evidence", "source", "target", "trigger", "date", "location")


def jsonable(value: Any) -> Any:
    """A value as JSON can carry it: NaN/NaT -> None, dates -> ISO, numpy scalars -> Python."""
    if value is None:
        return None
    if isinstance(value, dict):
        return {str(k): jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [jsonable(v) for v in value]
    if isinstance(value, datetime | pd.Timestamp):
        return None if pd.isna(value) else value.isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if hasattr(value, "item") and not isinstance(value, str | bytes):
        return jsonable(value.item())
    if isinstance(value, float):
        return None if math.isnan(value) or math.isinf(value) else value
    if value is pd.NaT:
        return None
    return value


def records(frame: pd.DataFrame) -> list[dict[str, Any]]:
    """Rows as JSON-ready dicts. DATE columns arrive from the store as midnight timestamps: a datetime column
    whose every value is a midnight is given as dates (``2024-11-21``), a real timestamp keeps its time."""
    frame = frame.copy()
    for col in frame.columns:
        if pd.api.types.is_datetime64_any_dtype(frame[col]):
            values = frame[col].dropna()
            if values.empty or (values == values.dt.normalize()).all():
                frame[col] = [None if pd.isna(v) else v.date() for v in frame[col]]
    return [jsonable(row) for row in frame.to_dict("records")]


# --- the data version ---------------------------------------------------------------------------------------
def data_version(store: Store) -> dict[str, Any]:
    """The coder version and a store revision that changes whenever an ingest stores something.

    The revision is the number of stored articles and the time of the last ingest: both only grow, so a client
    that saw revision R knows it is current while the server still says R.
    """
    row = store.sql("SELECT count(*) AS n, max(ingested_at) AS last FROM articles").iloc[0]
    last = row["last"]
    stamp = "0" if last is None or pd.isna(last) else pd.Timestamp(last).strftime("%Y%m%dT%H%M%S%f")
    return {"coder_version": __version__, "store_revision": f"{int(row['n'])}-{stamp}",
            "store_schema": store.schema_version()}


# --- events -------------------------------------------------------------------------------------------------
def encode_cursor(event_date: date | None, event_id: str) -> str:
    raw = json.dumps([(event_date or NO_DATE).isoformat(), event_id]).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def decode_cursor(cursor: str) -> tuple[date, str]:
    """The (date, id) position a cursor stands for; a cursor not made by ``encode_cursor`` is an InputError."""
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4))
        day, event_id = json.loads(raw)
        return date.fromisoformat(day), str(event_id)
    except (ValueError, TypeError, binascii.Error, UnicodeDecodeError):
        raise InputError(
            "cursor is not valid; pass the next_cursor of the previous page unchanged, or leave it out for the "
            "first page"
        ) from None


def _utc_naive(moment: datetime | None) -> datetime | None:
    """Stores keep ingest times as naive UTC; an aware time is converted, a naive one taken as UTC."""
    if moment is None or moment.tzinfo is None:
        return moment
    try:
        return moment.astimezone(UTC).replace(tzinfo=None)
    except OverflowError:  # 0001-01-01T00:00+01:00 or 9999-12-31T23:59-01:00: the UTC time is off the calendar
        raise InputError(
            f"updated_since {moment.isoformat()} is outside the calendar once converted to UTC; give a time "
            "between 0001-01-02 and 9999-12-30"
        ) from None


def event_page(store: Store, flt: EventFilter, *, limit: int = 100, cursor: str | None = None) -> dict[str, Any]:
    """A page of stored event mentions, newest first, as output-contract records, with the next page's cursor.

    Keyset pagination (not offsets): a page is the same whatever is ingested meanwhile, and the 1000th page
    costs what the first does.
    """
    if not 1 <= limit <= MAX_PAGE:
        raise InputError(f"limit {limit} is out of range; use 1 to {MAX_PAGE}")
    if flt.since and flt.until and flt.since > flt.until:
        raise InputError(f"since {flt.since} is after until {flt.until}; swap them")
    flt = EventFilter(**{**{f: getattr(flt, f) for f in flt.__dataclass_fields__},
                         "updated_since": _utc_naive(flt.updated_since), "limit": None})
    where, params = event_where(flt)
    sort = f"coalesce(event_date, DATE '{NO_DATE.isoformat()}')"
    if cursor:
        day, event_id = decode_cursor(cursor)
        where += (" AND " if where else " WHERE ") + f"({sort} < ? OR ({sort} = ? AND event_id < ?))"
        params += [day, day, event_id]
    frame = store.sql(
        f"SELECT event_id, event_date, payload FROM events{where} ORDER BY {sort} DESC, event_id DESC "
        f"LIMIT {int(limit) + 1}",
        params,
    )
    rows = frame.to_dict("records")
    more = len(rows) > limit
    rows = rows[:limit]
    next_cursor = None
    if more and rows:
        last = rows[-1]
        day = last["event_date"]
        next_cursor = encode_cursor(None if day is None or pd.isna(day) else pd.Timestamp(day).date(),
                                    last["event_id"])
    return {"events": [json.loads(r["payload"]) for r in rows], "next_cursor": next_cursor,
            "data_version": data_version(store)}


def _group_of(store: Store, event_id: str) -> pd.DataFrame:
    group = store.sql("SELECT * FROM event_groups WHERE group_id = ?", [event_id])
    if group.empty:
        group = store.sql(
            "SELECT g.* FROM event_groups g JOIN event_group_members m ON m.group_id = g.group_id "
            "WHERE m.event_id = ?", [event_id],
        )
    return group


def _linked(store: Store, group_id: str, reverse: bool) -> list[dict[str, Any]]:
    """Events this one responds to (or, reversed, that respond to it), with the cue and a short label."""
    mine, other = ("mc", "mr") if reverse else ("mr", "mc")
    frame = store.sql(
        f"SELECT {other}.group_id AS id, string_agg(DISTINCT l.cue, '; ') AS cue, count(*) AS mentions "
        "FROM event_links l JOIN event_group_members mr ON mr.event_id = l.event_id "
        "JOIN event_group_members mc ON mc.event_id = l.responds_to "
        f"WHERE {mine}.group_id = ? AND {other}.group_id <> ? GROUP BY {other}.group_id ORDER BY 1",
        [group_id, group_id],
    )
    out = []
    for row in records(frame):
        g = store.sql("SELECT source_country, plover, target_country, event_date FROM event_groups "
                      "WHERE group_id = ?", [row["id"]])
        if not g.empty:
            r = records(g)[0]
            row["label"] = (f"{r['source_country'] or '?'} {r['plover']} {r['target_country'] or '-'} "
                            f"({r['event_date']})")
        out.append(row)
    return out


def event_detail(store: Store, event_id: str) -> dict[str, Any]:
    """One real event (a group of reports), given its id or the id of any of its reports: every report with
    its evidence sentence and spans, the events it responds to and those responding to it."""
    group = _group_of(store, event_id)
    if group.empty:
        mention = store.sql(
            "SELECT e.payload, e.outlet, e.published, a.title, a.url FROM events e "
            "LEFT JOIN articles a ON a.content_hash = e.content_hash WHERE e.event_id = ?", [event_id],
        )
        if mention.empty:
            raise NotFound(f"no event {event_id!r} in the store; list events with GET /v1/events or "
                           "`dyadwatch events`")
        row = records(mention)[0]
        report = {**json.loads(row.pop("payload")), **row, "reason": "ungrouped"}
        return {"event": None, "reports": [report], "responds_to": [], "responses": [],
                "data_version": data_version(store)}
    record = records(group)[0]
    gid = record["group_id"]
    reports = store.sql(
        "SELECT m.reason, e.payload, e.outlet, e.published, a.title, a.url FROM event_group_members m "
        "JOIN events e ON e.event_id = m.event_id LEFT JOIN articles a ON a.content_hash = e.content_hash "
        "WHERE m.group_id = ? ORDER BY e.published, e.event_id", [gid],
    )
    out = []
    for row in records(reports):
        payload = json.loads(row.pop("payload"))
        out.append({**payload, **row})
    return {"event": record, "reports": out, "responds_to": _linked(store, gid, False),
            "responses": _linked(store, gid, True), "data_version": data_version(store)}


# --- articles -----------------------------------------------------------------------------------------------
def spans_of(events: Iterable[dict[str, Any]]) -> list[dict[str, Any]]:
    """Every coded span of output-contract events: evidence, actors, trigger, date and place, with offsets."""
    spans: list[dict[str, Any]] = []
    seen: set[tuple[str, int, int]] = set()
    for event in events:
        parts = {
            "evidence": event.get("evidence"),
            "source": event.get("source"),
            "target": event.get("target"),
            "trigger": (event.get("event") or {}).get("trigger"),
            "date": event.get("date"),
            "location": event.get("location"),
        }
        for kind in SPAN_KINDS:
            part = parts[kind]
            if not part or part.get("start") is None or part.get("end") is None:
                continue
            key = (kind, int(part["start"]), int(part["end"]))
            if key in seen:
                continue
            seen.add(key)
            spans.append({"kind": kind, "start": key[1], "end": key[2], "text": part.get("text"),
                          "event_id": event.get("event_id")})
    spans.sort(key=lambda s: (s["start"], -s["end"], SPAN_KINDS.index(s["kind"])))
    return spans


def article_detail(store: Store, article_id: str) -> dict[str, Any]:
    """A stored article's text with its events and every coded span (by article id or content hash)."""
    found = store.sql(
        "SELECT * FROM articles WHERE article_id = ? OR content_hash = ? ORDER BY ingested_at LIMIT 1",
        [article_id, article_id],
    )
    if found.empty:
        raise NotFound(f"no article {article_id!r} in the store; article ids are in every event's article_id")
    article = records(found)[0]
    payloads = store.sql(
        "SELECT payload FROM events WHERE content_hash = ? ORDER BY sentence_index, evidence_start, event_id",
        [article["content_hash"]],
    )
    events = [json.loads(p) for p in payloads["payload"]]
    return {"article": article, "events": events, "spans": spans_of(events), "data_version": data_version(store)}


def coded_article(analysis: Any) -> dict[str, Any]:
    """An article just coded (an ``Analysis`` or a runner's ``Coded``; nothing stored): its text, events and
    spans, shaped like ``article_detail``."""
    events = [e.to_dict() for e in analysis.events]
    return {"article": analysis.article.to_dict(), "events": events, "spans": spans_of(events)}


# --- dyads --------------------------------------------------------------------------------------------------
@lru_cache(maxsize=4096)
def country_name(code: str | None) -> str | None:
    """A readable name for an ISO 3166 alpha-3 code (organisation codes are returned as they are)."""
    if not code:
        return None
    import pycountry

    # a state that no longer exists (ISO 3166-3: "SUN", "YUG", "CSK", "DDR") has its code in the historic list
    country = pycountry.countries.get(alpha_3=code)
    if country is None and (former := pycountry.historic_countries.get(alpha_3=code)) is not None:
        return str(former.name).split(",")[0]  # "USSR, Union of Soviet Socialist Republics" -> "USSR"
    return getattr(country, "common_name", None) or getattr(country, "name", None) if country else code


# Portable SQL (DuckDB and PostgreSQL): explicit GROUP BY, rounding done in pandas (PostgreSQL has no
# round(double, int)).
# Per directed dyad, what the chart counts: real events (report groups) that are counted and dated. Undated
# events cannot sit in a period, so they are counted apart (``undated``), and ``mentions`` gives the reports
# behind the events (what GDELT-style counts show).
DYADS_SQL = """
    SELECT source_country AS source, target_country AS target,
           count(*) FILTER (WHERE event_date IS NOT NULL) AS events,
           count(*) FILTER (WHERE event_date IS NULL) AS undated,
           coalesce(sum(n_mentions) FILTER (WHERE event_date IS NOT NULL), 0) AS mentions,
           count(*) FILTER (WHERE event_date IS NOT NULL AND quad_class = 1) AS verbal_coop,
           count(*) FILTER (WHERE event_date IS NOT NULL AND quad_class = 2) AS material_coop,
           count(*) FILTER (WHERE event_date IS NOT NULL AND quad_class = 3) AS verbal_conflict,
           count(*) FILTER (WHERE event_date IS NOT NULL AND quad_class = 4) AS material_conflict,
           sum(goldstein) FILTER (WHERE event_date IS NOT NULL) AS goldstein_sum,
           avg(goldstein) FILTER (WHERE event_date IS NOT NULL) AS goldstein_mean,
           avg(CASE WHEN quad_class >= 3 THEN 1.0 ELSE 0.0 END) FILTER (WHERE event_date IS NOT NULL)
               AS conflict_share
    FROM event_groups WHERE source_country IS NOT NULL AND target_country IS NOT NULL{counted}
    GROUP BY source_country, target_country
    ORDER BY events DESC, source, target
"""
DYADS_COUNT = ("real events (reports grouped), counted and dated: what a dyad's chart (unit events) sums; "
               "undated events apart, mentions = the reports behind the events")


def dyads(store: Store, *, include_uncounted: bool = False) -> list[dict[str, Any]]:
    """Per directed dyad: real events by QuadClass, Goldstein sum/mean, share of conflict, country names.

    Why events, not mentions: the page lists dyads next to their chart, and the chart counts real events; a list
    counting reports said "10" where the chart said "7" (issue 21). Each row says what it counts (``counts``).
    """
    counted = "" if include_uncounted else " AND counted"
    frame = store.sql(DYADS_SQL.format(counted=counted))
    for col in ("goldstein_sum", "goldstein_mean", "conflict_share"):
        frame[col] = frame[col].astype("float64").round(2)
    frame = frame[(frame["events"] > 0) | (frame["undated"] > 0)]
    rows = records(frame)
    for row in rows:
        row["source_name"] = country_name(row["source"])
        row["target_name"] = country_name(row["target"])
        row["counts"] = DYADS_COUNT
    return rows


def dyad_view(store: Store, a: str, b: str | None, *, by: str = "month", directed: bool = False,
              unit: str = "events", since: date | None = None, until: date | None = None,
              **kinds: Any) -> dict[str, Any]:
    """The dyad's series (counts per QuadClass, Goldstein, strain) and its alerts with the events behind each.

    ``kinds``: the page's filters (``plover``, ``cameo``, ``quad_class``, ``include_uncounted``,
    ``include_unresolved``), passed to ``dyad_series``.
    """
    from dyadwatch.analytics.changes import dyad_alerts
    from dyadwatch.analytics.series import dyad_series

    if since and until and since > until:
        raise InputError(f"since {since} is after until {until}; swap them")
    series = dyad_series(store, a, b, by=by, directed=directed, unit=unit, since=since, until=until, **kinds)
    alerts = dyad_alerts(store, a, b, by=by, directed=directed, unit=unit, since=since, until=until, series=series)
    return {
        "dyad": {"a": a, "b": b, "a_name": country_name(a), "b_name": country_name(b), "directed": directed,
                 "by": by, "unit": unit},
        "series": records(series),
        "alerts": [jsonable(_alert_record(alert, series, by)) for alert in alerts],
        "data_version": data_version(store),
    }


def _alert_record(alert: Any, series: pd.DataFrame, by: str) -> dict[str, Any]:
    """An alert with its window: the period where the change starts, up to the next period."""
    later = [p for p in series["period"] if p > alert.period]
    return {**alert.to_dict(), "by": by, "window": {"start": alert.period, "end": min(later) if later else None},
            "baseline": round(alert.before, 4), "statistic": "change in mean strain (PELT, L2 cost)"}


def dyad_event_list(store: Store, a: str, b: str | None, *, directed: bool = False, unit: str = "events",
                    since: date | None = None, until: date | None = None, limit: int = MAX_PAGE,
                    **kinds: Any) -> dict[str, Any]:
    """The events behind a dyad's series in a window (what a click on a month lists), newest first; a window of
    more than ``limit`` events is an InputError saying how to page instead."""
    from dyadwatch.analytics.series import dyad_events

    if since and until and since > until:
        raise InputError(f"since {since} is after until {until}; swap them")
    frame = dyad_events(store, a, b, directed=directed, unit=unit, since=since, until=until, limit=limit + 1,
                        **kinds)
    if len(frame) > limit:
        window = f"from {since or 'the first'} to {until or 'the last'}"
        raise InputError(
            f"the {a}-{b} window {window} holds over {limit:,} events, the most one answer lists; narrow since/until "
            f"(e.g. one month of the series), or page through all of them with GET /v1/events?source={a}&target={b}"
            "&cursor=... (`dyadwatch events`)"
        )
    rows = records(frame.iloc[::-1])
    return {"events": rows, "data_version": data_version(store)}


def _pairs(store: Store) -> Iterator[tuple[str, str]]:
    """Undirected pairs with counted events, busiest first."""
    frame = store.sql(
        "SELECT least(source_country, target_country) AS a, greatest(source_country, target_country) AS b, "
        "count(*) AS n FROM event_groups WHERE counted AND source_country IS NOT NULL AND target_country IS NOT "
        "NULL AND source_country <> target_country GROUP BY 1, 2 ORDER BY n DESC, a, b"
    )
    for a, b in zip(frame["a"], frame["b"], strict=True):
        yield str(a), str(b)


def all_alerts(store: Store, *, since: date | None = None, by: str = "month") -> dict[str, Any]:
    """Every change alert of every dyad (undirected, strain), newest first, each with the events behind it."""
    from dyadwatch.analytics.changes import dyad_alerts
    from dyadwatch.analytics.series import SeriesTooLong, dyad_series

    out = []
    version = data_version(store)
    for a, b in _pairs(store):
        try:
            series = dyad_series(store, a, b, by=by)
        except SeriesTooLong:  # events dated across centuries (bad dates): no alert can be read from them
            continue
        if series["strain"].notna().sum() < 2:
            continue
        for alert in dyad_alerts(store, a, b, by=by, series=series):
            if since and alert.period < since:
                continue
            record = _alert_record(alert, series, by)
            record["dyad"] = {"a": a, "b": b, "a_name": country_name(a), "b_name": country_name(b)}
            record["data_version"] = version
            out.append(jsonable(record))
    out.sort(key=lambda r: (r["period"], r["dyad"]["a"], r["dyad"]["b"]), reverse=True)
    return {"alerts": out, "data_version": version}


# --- the desk: a country's relations, the pair table, the map ------------------------------------------------
def country_view(store: Store, code: str, flt: Any, *, by: str = "month") -> dict[str, Any]:
    """Every dyad of one country (``flt``: an ``analytics.relations.ViewFilter``): counts, strain, the change
    from the previous period to the current one, a sparkline; largest rise in strain first."""
    from dyadwatch.analytics.relations import country_relations

    data = country_relations(store, code, flt, by=by)
    for row in data["partners"]:
        row["partner_name"] = country_name(row["partner"])
        for key in ("strain", "strain_now", "strain_before", "change"):
            row[key] = None if row[key] is None or math.isnan(row[key]) else round(float(row[key]), 3)
    return jsonable({"country": {"code": code, "name": country_name(code)}, "by": by, **data,
                     "data_version": data_version(store)})


def pair_list(store: Store, flt: Any, *, by: str = "month") -> dict[str, Any]:
    """The undirected pairs in the store with events, conflict events, strain and a sparkline per pair."""
    from dyadwatch.analytics.relations import pair_table

    data = pair_table(store, flt, by=by)
    for row in data["pairs"]:
        row["a_name"], row["b_name"] = country_name(row["a"]), country_name(row["b"])
        row["strain"] = None if math.isnan(row["strain"]) else round(float(row["strain"]), 3)
    return jsonable({"by": by, **data, "data_version": data_version(store)})


def map_view(store: Store, flt: Any) -> dict[str, Any]:
    """Events by place for the map: located places (lat/lon) and country-only points, counts per QuadClass."""
    from dyadwatch.analytics.relations import map_points

    rows = records(map_points(store, flt))
    for row in rows:
        counts = [row[f"q{q}"] for q in (1, 2, 3, 4)]
        row["quad_class"] = counts.index(max(counts)) + 1 if any(counts) else None
        row["country_name"] = country_name(row["country"])
    return {"points": rows, "data_version": data_version(store)}


def place_event_list(store: Store, flt: Any, *, country: str | None = None, geonameid: int | None = None,
                     unplaced: bool = False) -> dict[str, Any]:
    """The events behind a point or a country on the map, newest first (at most 200)."""
    from dyadwatch.analytics.relations import place_events

    frame = place_events(store, flt, country=country, geonameid=geonameid, unplaced=unplaced)
    return {"events": records(frame), "data_version": data_version(store)}


def check_export_size(store: Store, *, unit: str = "events", source: str | None = None, target: str | None = None,
                      since: date | None = None, until: date | None = None, include_uncounted: bool = False,
                      limit: int = MAX_EXPORT_ROWS) -> int:
    """The rows an export would hold at most (one count query); over ``limit`` an InputError that says how to
    split it. Counted before any row is read, so a whole-store export cannot fill the server's memory."""
    from dyadwatch.store.base import date_range_sql

    table = "event_groups" if unit == "events" else "events"
    clauses = ["counted"] if unit == "events" and not include_uncounted else []
    if unit != "events" and not include_uncounted:
        clauses.append("NOT negated AND NOT hypothetical AND NOT historical")
    params: list[Any] = []
    for col, value in (("source_country", source), ("target_country", target)):
        if value:
            clauses.append(f"{col} = ?")
            params.append(value)
    dates, date_params = date_range_sql("event_date", since, until)
    clauses += dates
    params += date_params
    where = " WHERE " + " AND ".join(clauses) if clauses else ""
    n = int(store.sql(f"SELECT count(*) AS n FROM {table}{where}", params)["n"].iloc[0])
    if n > limit:
        raise InputError(
            f"this export holds {n:,} {unit}, over the limit of {limit:,} per request; split it by since/until "
            "(e.g. a year at a time) or by source/target, or write the whole store with `dyadwatch export`"
        )
    return n
