"""Stored event mentions as the grouping reads them: one typed row per mention, with its date window.

Why a record of its own: the merge test (``matching``) and the store I/O (``grouping``) both need it, and
neither should import the other's internals.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

import pandas as pd

from dyadwatch.records.dates import PRECISION_RANK, date_window

# PLOVER types whose actor and recipient play the same role (the manual codes the participants of a meeting
# "all as the actor"; agreeing, cooperating and fighting are likewise mutual), so A->B and B->A are one event.
SYMMETRIC_TYPES = frozenset({"CONSULT", "AGREE", "COOPERATE", "FIGHT"})
MENTION_COLUMNS = (
    "event_id", "content_hash", "article_id", "outlet", "published", "sentence_index", "plover", "mode", "cameo",
    "goldstein", "quad_class", "plover_score", "source_country", "source_name", "source_text", "source_sector",
    "target_country", "target_name", "target_text", "target_sector", "target_kind", "event_date", "date_precision",
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

    def key(self) -> tuple[str, str, str]:
        """The exact-match part of the merge test: type and the (ordered or unordered) actor pair.

        The mode is not in it: a mention that states no mode fits a group of any one mode
        (``dyadwatch.records.sameness``), which ``matching`` checks member by member.
        """
        a, b = self.source_key, self.target_key
        if self.symmetric and b < a:
            a, b = b, a
        return (self.plover, a, b)

    def reversed_key(self) -> tuple[str, str, str]:
        return (self.plover, self.target_key, self.source_key)

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
    key: tuple[str, str, str]
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


def optional(value: Any) -> Any:
    """``None`` for any missing cell (NaN, NA, NaT)."""
    if value is None:
        return None
    try:
        return None if pd.isna(value) else value
    except (TypeError, ValueError):
        return value


def _actor_key(country: Any, name: Any, text: Any) -> str:
    country = optional(country)
    if country:
        return str(country)
    label = optional(name) or optional(text)
    return f"name:{' '.join(str(label).casefold().split())}" if label else "-"


def mention_from_row(row: dict[str, Any]) -> MentionRow:
    value = as_date(row.get("event_date"))
    precision = optional(row.get("date_precision")) or ("unknown" if value is None else "day")
    published = as_date(row.get("published"))
    lo, hi = date_window(
        value, precision, as_date(row.get("date_range_start")), as_date(row.get("date_range_end")), published
    )
    geonameid = optional(row.get("geonameid"))
    quad = optional(row.get("quad_class"))
    return MentionRow(
        event_id=str(row["event_id"]),
        content_hash=str(row["content_hash"]),
        article_id=str(row["article_id"]),
        outlet=optional(row.get("outlet")),
        published=published,
        sentence_index=int(row.get("sentence_index") or 0),
        plover=str(row["plover"]),
        mode=optional(row.get("mode")),
        cameo=optional(row.get("cameo")),
        goldstein=optional(row.get("goldstein")),
        quad_class=int(quad) if quad is not None else None,
        plover_score=optional(row.get("plover_score")),
        source_country=optional(row.get("source_country")),
        source_key=_actor_key(row.get("source_country"), row.get("source_name"), row.get("source_text")),
        source_sector=optional(row.get("source_sector")),
        target_country=optional(row.get("target_country")),
        # A target that is an act or a thing ("rejected the proposal") names no party: for the sameness test it is
        # an unstated party, which fits the party another mention names ("declined a meeting with Argentina").
        target_key=("-" if optional(row.get("target_kind")) in ("event", "thing") else
                    _actor_key(row.get("target_country"), row.get("target_name"), row.get("target_text"))),
        target_sector=optional(row.get("target_sector")),
        event_date=value,
        precision=precision,
        lo=lo,
        hi=hi,
        historical=bool(optional(row.get("historical")) or False),
        location_name=optional(row.get("location_name")),
        location_country=optional(row.get("location_country")),
        geonameid=int(geonameid) if geonameid is not None else None,
        lat=optional(row.get("lat")),
        lon=optional(row.get("lon")),
        trigger_start=int(t) if (t := optional(row.get("trigger_start"))) is not None else None,
    )
