"""Event coreference inside one article: which candidates are mentions of one event.

Mentions of one event ("declined a meeting", "rejected the proposal", "the refusal") are chained: same PLOVER
type, compatible mode, compatible actors and dates, and either one of them is a noun (nominal anaphora) or both
name the same actors. Type, mode, party and date compatibility are the rule report grouping uses across
articles (``dyadwatch.records.sameness``), so one article and many articles agree on what "the same event"
means; the grouping then stores an article's restatements as one event with several mentions.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from dyadwatch.document.analysis import EventCandidate
from dyadwatch.records.dates import PRECISION_RANK, date_window
from dyadwatch.records.sameness import parties_compatible, same_type, windows_overlap


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
    return windows_overlap(lo1, hi1, lo2, hi2)


def country_of(actor: Any) -> str | None:
    return actor.country if actor is not None else None


def corefer(a: EventCandidate, b: EventCandidate) -> bool:
    """Whether two candidates of one article can be mentions of one event."""
    if not same_type(a.type.plover, a.type.mode, b.type.plover, b.type.mode):
        return False
    if a.negated != b.negated or a.hypothetical != b.hypothetical:
        return False
    if not (parties_compatible(country_of(a.source), country_of(b.source))
            and parties_compatible(country_of(a.target), country_of(b.target))):
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


COARSER_THAN_A_WEEK = frozenset({"month", "year", "decade"})


def share_date(cands: list[EventCandidate], chain: list[int], rep: int) -> None:
    """Mentions of one event with no date of their own ("the sale") take the date of the dated mention.

    Why: otherwise "the recent arms sale" is dated by the publication day and counted as a second sale three
    weeks after the approval it refers to. A *verb* left on the publication day is not given a date after it: a
    verb with no date phrase reports the day's news ("said it wants to sign a deal"), while the dated mention is
    the act planned ahead ("will sign it at talks on Tuesday"), so the statement keeps its own day; a noun ("the
    deal") still takes the plan's date. Nor is a verb's publication day traded for a month or a year that holds it
    (a release dated only to its month, told again as "has been released"): that says nothing new and loses the
    day. A week ("this week") is kept: it is the text's own, and as close as the day's default.
    """
    source = cands[rep].date
    if source is None or source.value is None or source.precision == "published":
        return
    lo, hi = date_window(source.value, source.precision, source.range_start, source.range_end)
    for i in chain:
        own = cands[i].date
        if own is not None and own.precision == "published" and not cands[i].nominal and own.value is not None and (
                source.value > own.value
                or (source.precision in COARSER_THAN_A_WEEK and lo is not None and hi is not None
                    and lo <= own.value <= hi)):
            continue
        if i != rep and (own is None or own.precision in ("published", "unknown")):
            cands[i].date = replace(source, text=None, span=None, rule=f"coref:{source.rule or source.precision}")
            cands[i].notes["date_from"] = rep
