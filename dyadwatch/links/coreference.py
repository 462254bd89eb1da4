"""Event coreference inside one article: which candidates are mentions of one event.

Mentions of one event ("declined a meeting", "rejected the proposal", "the refusal") are chained: same PLOVER
type, compatible mode, compatible actors and dates, and either one of them is a noun (nominal anaphora) or both
name the same actors. The date-window rule is the one report grouping uses across articles
(``dyadwatch.records.dates``), so one article and many articles agree on what "the same event" means.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from dyadwatch.document.analysis import EventCandidate
from dyadwatch.records.dates import PRECISION_RANK, date_window


def chains(cands: list[EventCandidate]) -> list[list[int]]:
    """Candidate indices grouped into chains of mentions of one event, each chain sorted, chains by first index."""
    parent = list(range(len(cands)))

    def find(i: int) -> int:
        # Path halving; every step moves strictly towards a root, so the walk ends within len(cands) steps.
        for _ in range(len(parent)):
            if parent[i] == i:
                break
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    def chain_ok(root: int, i: int) -> bool:
        """A new mention must be compatible with every mention already in the chain."""
        return all(corefer(cands[j], cands[i]) for j in range(len(cands)) if j != i and find(j) == root)

    order = sorted(range(len(cands)), key=lambda i: cands[i].trigger[0])
    for n, i in enumerate(order):
        for j in order[:n]:
            if corefer(cands[j], cands[i]) and chain_ok(find(j), i):
                parent[find(i)] = find(j)
                break
    groups: dict[int, list[int]] = {}
    for i in range(len(cands)):
        groups.setdefault(find(i), []).append(i)
    return sorted(groups.values(), key=min)


def _compatible(a: str | None, b: str | None) -> bool:
    return a is None or b is None or a == b


def _dates_compatible(a: EventCandidate, b: EventCandidate) -> bool:
    if a.date is None or b.date is None or a.date.value is None or b.date.value is None:
        return True
    if a.date.historical != b.date.historical:
        return False
    # "published" means the text gave no date: the event happened on or before publication, nothing more.
    if a.date.precision == "published" or b.date.precision == "published":
        dated, undated = (b, a) if a.date.precision == "published" else (a, b)
        lo, _ = date_window(dated.date.value, dated.date.precision, dated.date.range_start,  # type: ignore[union-attr]
                            dated.date.range_end)
        return lo is None or undated.date.precision != "published" or lo <= undated.date.value  # type: ignore[union-attr,operator]
    lo1, hi1 = date_window(a.date.value, a.date.precision, a.date.range_start, a.date.range_end)
    lo2, hi2 = date_window(b.date.value, b.date.precision, b.date.range_start, b.date.range_end)
    if None in (lo1, hi1, lo2, hi2):
        return True
    return not (lo1 > hi2 or lo2 > hi1)  # type: ignore[operator]


def country_of(actor: Any) -> str | None:
    return actor.country if actor is not None else None


def corefer(a: EventCandidate, b: EventCandidate) -> bool:
    """Whether two candidates of one article can be mentions of one event."""
    if a.type.plover != b.type.plover or not _compatible(a.type.mode, b.type.mode):
        return False
    if a.negated != b.negated or a.hypothetical != b.hypothetical:
        return False
    if not (_compatible(country_of(a.source), country_of(b.source))
            and _compatible(country_of(a.target), country_of(b.target))):
        return False
    if not _dates_compatible(a, b):
        return False
    if a.nominal or b.nominal:
        return True
    # Two verbal mentions: only when they name the same source (not just "someone").
    return country_of(a.source) is not None and country_of(a.source) == country_of(b.source)


def representative(cands: list[EventCandidate], chain: list[int]) -> int:
    """The mention that stands for the event: verbal, with a target, the most precise date, the first."""
    def key(i: int) -> tuple[Any, ...]:
        c = cands[i]
        precision = c.date.precision if c.date else "unknown"
        return (c.nominal, country_of(c.target) is None, country_of(c.source) is None,
                PRECISION_RANK.get(precision, 9), i)

    return min(chain, key=key)


def share_date(cands: list[EventCandidate], chain: list[int], rep: int) -> None:
    """Mentions of one event with no date of their own ("the sale") take the date of the dated mention.

    Why: otherwise "the recent arms sale" is dated by the publication day and counted as a second sale three
    weeks after the approval it refers to.
    """
    source = cands[rep].date
    if source is None or source.value is None or source.precision == "published":
        return
    for i in chain:
        own = cands[i].date
        if i != rep and (own is None or own.precision in ("published", "unknown")):
            cands[i].date = replace(source, text=None, span=None, rule=f"coref:{source.rule or source.precision}")
            cands[i].notes["date_from"] = rep
