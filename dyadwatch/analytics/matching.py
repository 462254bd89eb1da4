"""The merge test: may a mention join a group (same type, compatible modes, compatible actors with one named by
both, overlapping dates, compatible places)? And the deterministic assignment of a batch of mentions to groups.

Type, mode and date compatibility are ``dyadwatch.records.sameness``, the rule event coreference inside one
article uses too; mentions of one article go through this same test, so an article's restatement of an event
("declined a meeting ... rejected the proposal") is one event with two mentions, as two reports of it are.
"""

from __future__ import annotations

import hashlib
import math
from collections.abc import Iterable
from datetime import date
from functools import lru_cache
from typing import Any

from dyadwatch.analytics.mentions import Group, MentionRow
from dyadwatch.records.sameness import modes_fit, parties_compatible, windows_overlap

# Two located mentions in the same country are one place when their points are this close (a city and its
# airport, a capital and its suburb); farther apart they are different events.
PLACE_RADIUS_KM = 100.0
# Events whose place is part of their identity (see ``place_bound``).
PLACE_BOUND_QUADS = frozenset({2, 4})
PLACE_BOUND_TYPES = frozenset({"CONSULT", "PROTEST"})


@lru_cache(maxsize=512)
def _country_names(code: str) -> frozenset[str]:
    """Names a country-level place can carry (so "Laos" is recognised as the whole of LAO)."""
    import pycountry

    country = pycountry.countries.get(alpha_3=code)
    if country is None:
        return frozenset()
    names = {getattr(country, attr, None) for attr in ("name", "common_name", "official_name")}
    return frozenset(n.casefold() for n in names if n)


def country_level(m: MentionRow) -> bool:
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
    if country_level(a) or country_level(b):
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
    dated = m.lo is not None and m.hi is not None and g.lo is not None and g.hi is not None
    if not dated:
        # An undated (or partly dated: one side has no window) mention carries no time to compare, so only the
        # article it comes from can vouch that two mentions are one event: it joins a group of its own article.
        if not all(o.content_hash == m.content_hash for o in g.members):
            return False, "undated, and from another article"
    elif not windows_overlap(m.lo, m.hi, g.lo, g.hi):  # type: ignore[arg-type]
        return False, "dates do not overlap"
    if not modes_fit(m.mode, [o.mode for o in g.members]):
        return False, "different modes"
    if not all(parties_fit(m, o) for o in g.members):
        return False, "different actors"
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
    when = (
        f"dates overlap ({m.event_date.isoformat() if m.event_date else '?'} {m.precision} vs event "
        f"{_fmt_window(g.lo, g.hi)})" if dated else
        f"same article, {'undated' if m.lo is None else 'dated'} mention and {_fmt_window(g.lo, g.hi)} event"
    )
    reason = f"same type {m.plover}/{m.mode or '-'}, same actors {_pair(m)}{order}, {when}, {place}"
    return True, reason


def _known(key: str) -> str | None:
    return None if key == "-" else key


def _sides_fit(a: tuple[str, str], b: tuple[str, str]) -> bool:
    (sa, ta), (sb, tb) = (tuple(map(_known, a)), tuple(map(_known, b)))
    if not (parties_compatible(sa, sb) and parties_compatible(ta, tb)):
        return False
    # Across reports an unstated party may be left open, but one party must be named by both.
    return (sa is not None and sa == sb) or (ta is not None and ta == tb)


def parties_fit(m: MentionRow, o: MentionRow) -> bool:
    """Same parties where both mentions name them (either order for symmetric types), one of them shared."""
    if _sides_fit((m.source_key, m.target_key), (o.source_key, o.target_key)):
        return True
    return m.symmetric and _sides_fit((m.source_key, m.target_key), (o.target_key, o.source_key))


def _preference(m: MentionRow, g: Group) -> tuple[Any, ...]:
    """Among several matching groups: the same actor pair, then the same sectors, then the tightest window,
    then the oldest id."""
    sectors = sum(1 for o in g.members if o.source_sector == m.source_sector and o.target_sector == m.target_sector)
    width = (g.hi - g.lo).days if g.lo and g.hi else 10**6
    return (g.key != m.key(), -sectors, width, g.group_id)


def narrowed(glo: date | None, ghi: date | None, mlo: date | None, mhi: date | None) -> tuple[date | None, date | None]:
    """The window a group keeps once a mention joins it: the overlap of both when both are dated; the one that is
    dated when only one is (an undated mention says nothing about when); the group's own when the two do not
    overlap (a joint act coded twice joins on its trigger, not its dates)."""
    if mlo is None or mhi is None:
        return glo, ghi
    if glo is None or ghi is None:
        return mlo, mhi
    lo, hi = max(glo, mlo), min(ghi, mhi)
    return (lo, hi) if lo <= hi else (glo, ghi)


def _group_id(founder: MentionRow) -> str:
    return "grp-" + hashlib.sha1(founder.event_id.encode("utf-8")).hexdigest()[:20]


def assign(mentions: Iterable[MentionRow], groups: list[Group]) -> list[Group]:
    """Assign mentions (processed in their canonical order) to groups; returns the groups touched.

    Pure function over in-memory records, so the merge rules can be tested without a store.
    """
    by_type: dict[str, list[Group]] = {}
    for g in groups:
        by_type.setdefault(g.key[0], []).append(g)
    touched: dict[str, Group] = {}
    for m in sorted(mentions, key=MentionRow.sort_key):
        candidates = []
        for g in by_type.get(m.plover, []):
            ok, why = _match(m, g)
            if ok:
                candidates.append((_preference(m, g), g, why))
        if not candidates and not m.symmetric:
            # One trigger coded twice with the actors swapped ("A and B signed"): one joint act, not two.
            for g in (g for g in by_type.get(m.plover, []) if g.key == m.reversed_key()):
                if any(o.content_hash == m.content_hash and o.trigger_start == m.trigger_start
                       and m.trigger_start is not None for o in g.members):
                    candidates.append((_preference(m, g), g, "same trigger in the same article, actors swapped "
                                       "(a joint act coded in both directions)"))
        if candidates:
            _, g, why = min(candidates, key=lambda c: c[0])
            g.lo, g.hi = narrowed(g.lo, g.hi, m.lo, m.hi)
            reason = f"joined {g.group_id}: {why}"
        else:
            g = Group(group_id=_group_id(m), key=m.key(), lo=m.lo, hi=m.hi, created=True)
            by_type.setdefault(m.plover, []).append(g)
            reason = (
                f"new event: no known {m.plover}/{m.mode or '-'} event between {m.source_key} and "
                f"{m.target_key} dated {_fmt_window(m.lo, m.hi)}"
                + ("" if m.lo else " (undated mentions merge only within their article)")
            )
        g.members.append(m)
        g.new_members[m.event_id] = reason
        touched[g.group_id] = g
    return list(touched.values())
