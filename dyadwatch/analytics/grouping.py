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

import calendar
import hashlib
import logging
import math
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from functools import lru_cache
from typing import TYPE_CHECKING, Any

import pandas as pd

if TYPE_CHECKING:
    from dyadwatch.store.base import Store

log = logging.getLogger(__name__)

# PLOVER types whose actor and recipient play the same role (the manual codes the participants of a meeting
# "all as the actor"; agreeing, cooperating and fighting are likewise mutual), so A->B and B->A are one event.
SYMMETRIC_TYPES = frozenset({"CONSULT", "AGREE", "COOPERATE", "FIGHT"})

# Outlets date the same day-precise event a day apart across time zones and deadlines.
DAY_TOLERANCE_DAYS = 1
# A date taken from the publication day ("no date in the text") means "recently": news reports events of the
# last few days. Three days keeps a Monday report of a Friday meeting with the meeting, not a week later.
PUBLISHED_LOOKBACK_DAYS = 3
# Two located mentions in the same country are one place when their points are this close (a city and its
# airport, a capital and its suburb); farther apart they are different events.
PLACE_RADIUS_KM = 100.0

# Events whose place is part of their identity (see ``place_bound``).
PLACE_BOUND_QUADS = frozenset({2, 4})
PLACE_BOUND_TYPES = frozenset({"CONSULT", "PROTEST"})

# Most informative date first: the group's date is taken from its most precise mention.
PRECISION_RANK = {"day": 0, "week": 1, "month": 2, "published": 3, "year": 4, "decade": 5, "unknown": 6}

MENTION_COLUMNS = (
    "event_id", "content_hash", "article_id", "outlet", "published", "sentence_index", "plover", "mode", "cameo",
    "goldstein", "quad_class", "plover_score", "source_country", "source_name", "source_text", "source_sector",
    "target_country", "target_name", "target_text", "target_sector", "event_date", "date_precision",
    "date_range_start", "date_range_end", "historical", "location_name", "location_country", "geonameid", "lat",
    "lon", "trigger_start",
)


@dataclass(frozen=True, slots=True)
class MentionRow:
    """The fields of a stored mention that grouping looks at."""

    event_id: str
    content_hash: str
    article_id: str
    outlet: str | None
    published: date | None
    sentence_index: int
    plover: str
    mode: str | None
    cameo: str | None
    goldstein: float | None
    quad_class: int | None
    plover_score: float | None
    source_country: str | None
    source_key: str
    source_sector: str | None
    target_country: str | None
    target_key: str
    target_sector: str | None
    event_date: date | None
    precision: str
    lo: date | None
    hi: date | None
    historical: bool
    location_name: str | None
    location_country: str | None
    geonameid: int | None
    lat: float | None
    lon: float | None
    trigger_start: int | None = None

    @property
    def symmetric(self) -> bool:
        return self.plover in SYMMETRIC_TYPES

    def key(self) -> tuple[str, str, str, str]:
        """The exact-match part of the merge test: type, mode and the (ordered or unordered) actor pair."""
        a, b = self.source_key, self.target_key
        if self.symmetric and b < a:
            a, b = b, a
        return (self.plover, self.mode or "", a, b)

    def reversed_key(self) -> tuple[str, str, str, str]:
        return (self.plover, self.mode or "", self.target_key, self.source_key)

    def sort_key(self) -> tuple[Any, ...]:
        # Precise mentions found events first, so a vague one ("in July") joins a dated event instead of
        # founding a month-wide one that later precise reports would all fall into.
        return (
            self.lo is None,
            PRECISION_RANK.get(self.precision, 9),
            self.lo or date.min,
            self.published or date.min,
            self.content_hash,
            self.sentence_index,
            self.event_id,
        )


@dataclass(slots=True)
class Group:
    """An event: its members, and the date window all of them agree on."""

    group_id: str
    key: tuple[str, str, str, str]
    lo: date | None
    hi: date | None
    members: list[MentionRow] = field(default_factory=list)
    new_members: dict[str, str] = field(default_factory=dict)  # event_id -> reason, added in this run
    created: bool = False


@dataclass(slots=True)
class GroupingReport:
    """What one grouping run did."""

    mentions_new: int = 0
    groups_created: int = 0
    groups_extended: int = 0
    mentions_merged: int = 0
    reasons: dict[str, str] = field(default_factory=dict)  # event_id -> why it joined its group

    def __str__(self) -> str:
        return (
            f"{self.mentions_new} new mentions: {self.groups_created} new events, {self.mentions_merged} "
            f"mentions merged into {self.groups_extended} known events"
        )


# --- conversions -----------------------------------------------------------------------------------------------
def as_date(value: Any) -> date | None:
    """A stored date cell as ``date`` (DuckDB hands pandas ``Timestamp``/``NaT``)."""
    if value is None or (isinstance(value, float) and math.isnan(value)) or value is pd.NaT:
        return None
    if isinstance(value, pd.Timestamp):
        return None if pd.isna(value) else value.date()
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    try:
        if pd.isna(value):
            return None
    except (TypeError, ValueError):
        pass
    return pd.Timestamp(value).date()


def _opt(value: Any) -> Any:
    """``None`` for any missing cell (NaN, NA, NaT)."""
    if value is None:
        return None
    try:
        return None if pd.isna(value) else value
    except (TypeError, ValueError):
        return value


def _actor_key(country: Any, name: Any, text: Any) -> str:
    country = _opt(country)
    if country:
        return str(country)
    label = _opt(name) or _opt(text)
    return f"name:{' '.join(str(label).casefold().split())}" if label else "-"


def date_window(
    value: date | None, precision: str, range_start: date | None = None, range_end: date | None = None,
    published: date | None = None,
) -> tuple[date | None, date | None]:
    """The days a mention's date can mean, given its precision."""
    if range_start and range_end and precision != "day":
        return range_start, range_end
    if value is None:
        return None, None
    if precision == "day":
        return value - timedelta(DAY_TOLERANCE_DAYS), value + timedelta(DAY_TOLERANCE_DAYS)
    if precision == "week":
        return value - timedelta(3), value + timedelta(3)
    if precision == "month":
        last = calendar.monthrange(value.year, value.month)[1]
        return value.replace(day=1), value.replace(day=last)
    if precision == "year":
        return date(value.year, 1, 1), date(value.year, 12, 31)
    if precision == "decade":
        start = value.year - value.year % 10
        return date(start, 1, 1), date(start + 9, 12, 31)
    if precision == "published":
        return value - timedelta(PUBLISHED_LOOKBACK_DAYS), value
    return None, None


def mention_from_row(row: dict[str, Any]) -> MentionRow:
    value = as_date(row.get("event_date"))
    precision = _opt(row.get("date_precision")) or ("unknown" if value is None else "day")
    published = as_date(row.get("published"))
    lo, hi = date_window(
        value, precision, as_date(row.get("date_range_start")), as_date(row.get("date_range_end")), published
    )
    geonameid = _opt(row.get("geonameid"))
    quad = _opt(row.get("quad_class"))
    return MentionRow(
        event_id=str(row["event_id"]),
        content_hash=str(row["content_hash"]),
        article_id=str(row["article_id"]),
        outlet=_opt(row.get("outlet")),
        published=published,
        sentence_index=int(row.get("sentence_index") or 0),
        plover=str(row["plover"]),
        mode=_opt(row.get("mode")),
        cameo=_opt(row.get("cameo")),
        goldstein=_opt(row.get("goldstein")),
        quad_class=int(quad) if quad is not None else None,
        plover_score=_opt(row.get("plover_score")),
        source_country=_opt(row.get("source_country")),
        source_key=_actor_key(row.get("source_country"), row.get("source_name"), row.get("source_text")),
        source_sector=_opt(row.get("source_sector")),
        target_country=_opt(row.get("target_country")),
        target_key=_actor_key(row.get("target_country"), row.get("target_name"), row.get("target_text")),
        target_sector=_opt(row.get("target_sector")),
        event_date=value,
        precision=precision,
        lo=lo,
        hi=hi,
        historical=bool(_opt(row.get("historical")) or False),
        location_name=_opt(row.get("location_name")),
        location_country=_opt(row.get("location_country")),
        geonameid=int(geonameid) if geonameid is not None else None,
        lat=_opt(row.get("lat")),
        lon=_opt(row.get("lon")),
        trigger_start=int(t) if (t := _opt(row.get("trigger_start"))) is not None else None,
    )


# --- the merge test ---------------------------------------------------------------------------------------------
@lru_cache(maxsize=512)
def _country_names(code: str) -> frozenset[str]:
    """Names a country-level place can carry (so "Laos" is recognised as the whole of LAO)."""
    import pycountry

    country = pycountry.countries.get(alpha_3=code)
    if country is None:
        return frozenset()
    names = {getattr(country, attr, None) for attr in ("name", "common_name", "official_name")}
    return frozenset(n.casefold() for n in names if n)


def _country_level(m: MentionRow) -> bool:
    if not m.location_country or not m.location_name:
        return False
    name = m.location_name.casefold()
    return name in _country_names(m.location_country) or name == m.location_country.casefold()


def _km(a: MentionRow, b: MentionRow) -> float | None:
    if None in (a.lat, a.lon, b.lat, b.lon):
        return None
    la1, lo1, la2, lo2 = map(math.radians, (a.lat, a.lon, b.lat, b.lon))  # type: ignore[arg-type]
    h = math.sin((la2 - la1) / 2) ** 2 + math.cos(la1) * math.cos(la2) * math.sin((lo2 - lo1) / 2) ** 2
    return 6371.0 * 2 * math.asin(min(1.0, math.sqrt(h)))


def places_compatible(a: MentionRow, b: MentionRow) -> tuple[bool, str]:
    """Whether two mentions can have happened in the same place, and why."""
    if not (a.location_name or a.location_country) or not (b.location_name or b.location_country):
        return True, "place unstated in one report"
    if a.geonameid is not None and a.geonameid == b.geonameid:
        return True, f"same place ({a.location_name})"
    if a.location_country and b.location_country and a.location_country != b.location_country:
        return False, f"different countries ({a.location_country} vs {b.location_country})"
    if _country_level(a) or _country_level(b):
        return True, f"{a.location_name} and {b.location_name} are in one country"
    if a.location_name and b.location_name and a.location_name.casefold() == b.location_name.casefold():
        return True, f"same place ({a.location_name})"
    km = _km(a, b)
    if km is not None and km <= PLACE_RADIUS_KM:
        return True, f"{a.location_name} and {b.location_name} are {km:.0f} km apart"
    return False, f"different places ({a.location_name} vs {b.location_name})"


def place_bound(m: MentionRow) -> bool:
    """Whether a place difference separates two events of this kind.

    Material acts (QuadClass 2 and 4: aid delivered, strikes, arrests) and meetings happen somewhere, and two
    of them in different places are two events. A verbal act (a refusal, an accusation) is "where" the
    speaker or the reporter happens to be, and texts attach places to it loosely, so for those a place
    difference is noted in the reason but does not split the event.
    """
    return m.quad_class in PLACE_BOUND_QUADS or m.plover in PLACE_BOUND_TYPES


def _fmt_window(lo: date | None, hi: date | None) -> str:
    if lo is None or hi is None:
        return "undated"
    return lo.isoformat() if lo == hi else f"{lo.isoformat()}..{hi.isoformat()}"


def _pair(m: MentionRow) -> str:
    return f"{m.source_key}->{m.target_key}"


def _match(m: MentionRow, g: Group) -> tuple[bool, str]:
    """The merge test of a mention against a group (its key already matched)."""
    if m.lo is None or m.hi is None or g.lo is None or g.hi is None:
        return False, "undated"
    if m.lo > g.hi or g.lo > m.hi:
        return False, "dates do not overlap"
    place_reasons = []
    for other in g.members:
        ok, why = places_compatible(m, other)
        if not ok:
            if place_bound(m):
                return False, why
            why = f"{why}, not binding for a verbal act"
        if other.location_name or other.location_country:
            place_reasons.append(why)
    rep = g.members[0]
    order = ""
    if m.symmetric and (m.source_key, m.target_key) != (rep.source_key, rep.target_key):
        order = " (reversed order, symmetric type)"
    place = place_reasons[0] if place_reasons else (
        "place unstated" if not m.location_name else "place unstated in the other reports"
    )
    reason = (
        f"same type {m.plover}/{m.mode or '-'}, same actors {_pair(m)}{order}, dates overlap "
        f"({m.event_date.isoformat() if m.event_date else '?'} {m.precision} vs event {_fmt_window(g.lo, g.hi)}), "
        f"{place}"
    )
    return True, reason


def _preference(m: MentionRow, g: Group) -> tuple[Any, ...]:
    """Among several matching groups: same sectors first, then the tightest window, then the oldest id."""
    sectors = sum(1 for o in g.members if o.source_sector == m.source_sector and o.target_sector == m.target_sector)
    width = (g.hi - g.lo).days if g.lo and g.hi else 10**6
    return (-sectors, width, g.group_id)


def _group_id(founder: MentionRow) -> str:
    return "grp-" + hashlib.sha1(founder.event_id.encode("utf-8")).hexdigest()[:20]


def assign(mentions: Iterable[MentionRow], groups: list[Group]) -> list[Group]:
    """Assign mentions (processed in their canonical order) to groups; returns the groups touched.

    Pure function over in-memory records, so the merge rules can be tested without a store.
    """
    by_key: dict[tuple[str, str, str, str], list[Group]] = {}
    for g in groups:
        by_key.setdefault(g.key, []).append(g)
    touched: dict[str, Group] = {}
    for m in sorted(mentions, key=MentionRow.sort_key):
        candidates = []
        for g in by_key.get(m.key(), []):
            ok, why = _match(m, g)
            if ok:
                candidates.append((_preference(m, g), g, why))
        if not candidates and not m.symmetric:
            # One trigger coded twice with the actors swapped ("A and B signed"): one joint act, not two.
            for g in by_key.get(m.reversed_key(), []):
                if any(o.content_hash == m.content_hash and o.trigger_start == m.trigger_start
                       and m.trigger_start is not None for o in g.members):
                    candidates.append((_preference(m, g), g, "same trigger in the same article, actors swapped "
                                       "(a joint act coded in both directions)"))
        if candidates:
            _, g, why = min(candidates, key=lambda c: c[0])
            assert g.lo is not None and g.hi is not None and m.lo is not None and m.hi is not None
            g.lo, g.hi = max(g.lo, m.lo), min(g.hi, m.hi)
            reason = f"joined {g.group_id}: {why}"
        else:
            g = Group(group_id=_group_id(m), key=m.key(), lo=m.lo, hi=m.hi, created=True)
            by_key.setdefault(g.key, []).append(g)
            reason = (
                f"new event: no known {m.plover}/{m.mode or '-'} event between {m.source_key} and "
                f"{m.target_key} dated {_fmt_window(m.lo, m.hi)}"
                + ("" if m.lo else " (undated mentions never merge)")
            )
        g.members.append(m)
        g.new_members[m.event_id] = reason
        touched[g.group_id] = g
    return list(touched.values())


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
    return min(located, key=lambda m: (_country_level(m), m.geonameid is None, m.published or date.max, m.event_id))


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
