"""One real event, many reports: group stored event mentions into events.

GDELT counts reports: three outlets covering one meeting make three meetings. Here every stored mention is
assigned to exactly one *event group*, and series count groups. Two mentions are the same event when

* they have the same PLOVER type and mode,
* they have the same actors (country, or the actor's name when no country is known), in either order for
  symmetric event types (a meeting between A and B is the meeting between B and A),
* their dates overlap once each is widened to its precision (a "November 2024" mention covers the month;
  a date taken from the publication day covers the few days before it),
* and their places are compatible (no place, the same place, or a country and a place inside it).

The assignment is deterministic (mentions are processed in a fixed order and ties broken by ids), incremental
(new mentions join the stored groups; nothing already assigned moves) and explained (each membership stores the
reason it was made). Negated and hypothetical mentions are not events and are never grouped. Historical
mentions are grouped (a retelling joins the event it retells) but a group whose mentions are all historical is
not counted in current series.
"""

from __future__ import annotations

import logging
from datetime import UTC, date, datetime
from typing import TYPE_CHECKING, Any

import pandas as pd

from dyadwatch.analytics.matching import assign, country_level
from dyadwatch.analytics.mentions import (
    MENTION_COLUMNS,
    Group,
    GroupingReport,
    MentionRow,
    as_date,
    mention_from_row,
)
from dyadwatch.records.dates import PRECISION_RANK

if TYPE_CHECKING:
    from dyadwatch.store.base import Store

log = logging.getLogger(__name__)


# --- group records ----------------------------------------------------------------------------------------------
def representative(members: list[MentionRow]) -> MentionRow:
    """The mention that speaks for the event: most precise date, current news, a known target, first reported."""
    return min(
        members,
        key=lambda m: (
            PRECISION_RANK.get(m.precision, 9),
            m.historical,
            m.target_key == "-",
            m.published or date.max,
            m.event_id,
        ),
    )


def _most_specific_place(members: list[MentionRow]) -> MentionRow | None:
    """The member that locates the event best: a place inside a country beats the country itself."""
    located = [m for m in members if m.location_name or m.location_country]
    if not located:
        return None
    return min(located, key=lambda m: (country_level(m), m.geonameid is None, m.published or date.max, m.event_id))


def group_record(g: Group, now: datetime) -> dict[str, Any]:
    rep = representative(g.members)
    outlets = {m.outlet if m.outlet else f"unknown:{m.content_hash}" for m in g.members}
    published = [m.published for m in g.members if m.published]
    historical = all(m.historical for m in g.members)
    place = _most_specific_place(g.members)
    return {
        "group_id": g.group_id,
        "plover": rep.plover,
        "mode": rep.mode,
        "cameo": rep.cameo,
        "source_country": rep.source_country,
        "source_key": rep.source_key,
        "target_country": rep.target_country,
        "target_key": rep.target_key,
        "is_symmetric": rep.symmetric,
        "goldstein": rep.goldstein,
        "quad_class": rep.quad_class,
        "plover_score": rep.plover_score,
        "event_date": rep.event_date,
        "date_precision": rep.precision,
        "date_lo": g.lo,
        "date_hi": g.hi,
        "location_name": place.location_name if place else None,
        "location_country": place.location_country if place else None,
        "geonameid": place.geonameid if place else None,
        "lat": place.lat if place else None,
        "lon": place.lon if place else None,
        "n_mentions": len(g.members),
        "n_articles": len({m.content_hash for m in g.members}),
        "n_sources": len(outlets),
        "first_seen": min(published) if published else None,
        "last_seen": max(published) if published else None,
        "historical": historical,
        "counted": not historical,
        "representative": rep.event_id,
        "updated_at": now,
    }


_GROUP_SCHEMA_COLUMNS = (
    "group_id", "plover", "mode", "cameo", "source_country", "source_key", "target_country", "target_key",
    "is_symmetric", "goldstein", "quad_class", "plover_score", "event_date", "date_precision", "date_lo", "date_hi",
    "location_name", "location_country", "geonameid", "lat", "lon", "n_mentions", "n_articles", "n_sources",
    "first_seen", "last_seen", "historical", "counted", "representative", "updated_at",
)


def _frame(rows: list[dict[str, Any]], columns: tuple[str, ...], dtypes: dict[str, str]) -> pd.DataFrame:
    frame = pd.DataFrame(rows, columns=list(columns))
    for col, dtype in dtypes.items():
        frame[col] = frame[col].astype(dtype)
    return frame


# --- store I/O ----------------------------------------------------------------------------------------------------
def _select_mentions(where: str) -> str:
    cols = ", ".join(f"e.{c}" for c in MENTION_COLUMNS)
    return f"SELECT {cols} FROM events e {where}"


def _fresh_articles(store: Store) -> list[str]:
    """Content hashes of stored articles that grouping has not seen yet."""
    frame = store.sql(
        "SELECT a.content_hash FROM articles a WHERE NOT EXISTS "
        "(SELECT 1 FROM grouped_articles g WHERE g.content_hash = a.content_hash) ORDER BY a.content_hash"
    )
    return [str(h) for h in frame["content_hash"]]


def _load_new(store: Store, hashes: list[str]) -> list[MentionRow]:
    """The groupable mentions of the given articles (chunked, so the parameter lists stay small)."""
    out: list[MentionRow] = []
    for i in range(0, len(hashes), 500):
        chunk = hashes[i:i + 500]
        marks = ", ".join("?" * len(chunk))
        frame = store.sql(
            _select_mentions(f"WHERE e.content_hash IN ({marks}) AND NOT e.negated AND NOT e.hypothetical"),
            chunk,
        )
        out.extend(mention_from_row(r) for r in frame.to_dict("records"))
    return out


def _load_groups(store: Store, lo: date, hi: date) -> list[Group]:
    """Stored groups whose window overlaps ``[lo, hi]``, with their members."""
    groups_df = store.sql(
        "SELECT group_id, plover, mode, source_key, target_key, date_lo, date_hi FROM event_groups "
        "WHERE date_lo IS NOT NULL AND date_lo <= ? AND date_hi >= ?",
        [hi, lo],
    )
    if groups_df.empty:
        return []
    members_df = store.sql(
        _select_mentions(
            "JOIN event_group_members m ON m.event_id = e.event_id "
            "JOIN event_groups g ON g.group_id = m.group_id "
            "WHERE g.date_lo IS NOT NULL AND g.date_lo <= ? AND g.date_hi >= ?"
        ).replace("SELECT ", "SELECT m.group_id AS _group_id, ", 1),
        [hi, lo],
    )
    members: dict[str, list[MentionRow]] = {}
    for row in members_df.to_dict("records"):
        members.setdefault(str(row["_group_id"]), []).append(mention_from_row(row))
    groups = []
    for row in groups_df.to_dict("records"):
        gid = str(row["group_id"])
        ms = sorted(members.get(gid, []), key=MentionRow.sort_key)
        if not ms:
            continue
        groups.append(Group(gid, ms[0].key(), as_date(row["date_lo"]), as_date(row["date_hi"]), members=ms))
    return groups


def _windows(mentions: list[MentionRow]) -> list[tuple[date, date]]:
    """The new mentions' date windows, merged: only stored groups overlapping them are loaded.

    Why: a batch with one 1990 retelling and today's news must not load thirty years of groups.
    """
    spans = sorted((m.lo, m.hi) for m in mentions if m.lo is not None and m.hi is not None)
    merged: list[tuple[date, date]] = []
    for lo, hi in spans:
        if merged and lo <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], hi))
        else:
            merged.append((lo, hi))
    return merged


def update_groups(store: Store) -> GroupingReport:
    """Assign every mention not yet grouped to an event; call after each ingest.

    Only articles not yet marked in ``grouped_articles`` are read, so the cost follows the size of the ingest,
    not of the store. Groups are written first, then memberships, then the marks: an interrupted run leaves
    its articles unmarked, and the next run picks them up without placing any mention twice.
    """
    report = GroupingReport()
    fresh = _fresh_articles(store)
    if not fresh:
        return report
    new = _load_new(store, fresh)
    groups: list[Group] = []
    for lo, hi in _windows(new):
        groups.extend(_load_groups(store, lo, hi))
    # A run interrupted after writing memberships but before marking its articles: those mentions are placed.
    placed = {m.event_id for g in groups for m in g.members}
    undated = [m.event_id for m in new if m.lo is None]
    for i in range(0, len(undated), 500):
        chunk = undated[i:i + 500]
        known = store.sql(f"SELECT event_id FROM event_group_members WHERE event_id IN ({', '.join('?' * len(chunk))})",
                          chunk)
        placed.update(str(e) for e in known["event_id"])
    new = [m for m in new if m.event_id not in placed]
    report.mentions_new = len(new)
    now = datetime.now(UTC).replace(tzinfo=None)
    marks = pd.DataFrame({"content_hash": fresh, "grouped_at": [now] * len(fresh)})
    if not new:
        store.write_frame("grouped_articles", marks, ["content_hash"])
        return report
    touched = assign(new, groups)
    group_rows = [group_record(g, now) for g in touched]
    member_rows = [
        {"event_id": eid, "group_id": g.group_id, "reason": why, "joined_at": now}
        for g in touched
        for eid, why in g.new_members.items()
    ]
    for g in touched:
        report.reasons.update(g.new_members)
        if g.created:
            report.groups_created += 1
            report.mentions_merged += len(g.new_members) - 1
        else:
            report.groups_extended += 1
            report.mentions_merged += len(g.new_members)
    date_cols = {c: "object" for c in ("event_date", "date_lo", "date_hi", "first_seen", "last_seen")}
    store.write_frame("event_groups", _frame(group_rows, _GROUP_SCHEMA_COLUMNS, date_cols), ["group_id"])
    store.write_frame(
        "event_group_members",
        _frame(member_rows, ("event_id", "group_id", "reason", "joined_at"), {}),
        ["event_id"],
    )
    store.write_frame("grouped_articles", marks, ["content_hash"])
    log.info("grouping: %s", report)
    return report


def rebuild_groups(store: Store) -> GroupingReport:
    """Forget every group and regroup all mentions from scratch, in canonical order.

    Why: the incremental result depends on the order articles arrived in; a rebuild gives the one answer that
    depends on the stored mentions only (use it after a change of the merge rules).
    """
    con = getattr(store, "con", None)
    if con is not None:
        con.execute("DELETE FROM event_group_members")
        con.execute("DELETE FROM event_groups")
        con.execute("DELETE FROM grouped_articles")
    else:  # pragma: no cover - other backends
        raise NotImplementedError("rebuild_groups needs a store with a DB-API connection")
    return update_groups(store)


def groups(store: Store, *, counted_only: bool = False) -> pd.DataFrame:
    """Stored events (groups) with their counts and first/last seen dates."""
    where = " WHERE counted" if counted_only else ""
    return store.sql(f"SELECT * FROM event_groups{where} ORDER BY event_date, group_id")


def members(store: Store, group_id: str | None = None) -> pd.DataFrame:
    """Mentions with the event they belong to and why, with their evidence."""
    where = " WHERE m.group_id = ?" if group_id else ""
    return store.sql(
        "SELECT m.group_id, m.event_id, m.reason, e.article_id, e.outlet, e.published, e.event_date, "
        "e.date_precision, e.evidence_text, e.trigger_text FROM event_group_members m "
        f"JOIN events e ON e.event_id = m.event_id{where} ORDER BY m.group_id, e.published, e.event_id",
        [group_id] if group_id else [],
    )


def group_links(store: Store) -> pd.DataFrame:
    """Cause -> response links between events (groups), from the mention links of every article.

    ``mentions`` counts the mention-level links behind each event link (how many reports say so); ``cues``
    lists the textual cues when ingest stored them.
    """
    return store.sql(
        "SELECT mr.group_id, mc.group_id AS responds_to, count(*) AS mentions, "
        "string_agg(DISTINCT l.cue, '; ') AS cues FROM event_links l "
        "JOIN event_group_members mr ON mr.event_id = l.event_id "
        "JOIN event_group_members mc ON mc.event_id = l.responds_to "
        "WHERE mr.group_id <> mc.group_id GROUP BY mr.group_id, mc.group_id ORDER BY mr.group_id, mc.group_id"
    )
