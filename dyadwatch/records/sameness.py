"""When two event mentions can be one event: the rule both consumers share.

Mentions are compared in two places: inside one article (``dyadwatch.links``: "declined a meeting" and
"rejected the proposal" two sentences apart) and across articles (``dyadwatch.analytics.grouping``: three
outlets reporting one refusal). Both must agree on what "the same event" means, or an article's restatement
would count twice in a series while the same two sentences in two articles count once. So the parts of the test
live here, below both, and each consumer adds only what its evidence needs (inside an article, a reference word
such as "the proposal" or "it"; across articles, compatible places).

The parts: the same PLOVER type; compatible modes (a mention that names no mode, "rejected the proposal", fits
one that does, "declined a meeting"; two different modes are two acts); the same parties where both are known;
and date windows that overlap (``dyadwatch.records.dates.date_window``).
"""

from __future__ import annotations

from datetime import date


def modes_compatible(a: str | None, b: str | None) -> bool:
    """A mode left unstated fits any mode; two stated modes must be equal."""
    return not a or not b or a == b


def modes_fit(mode: str | None, others: list[str | None]) -> bool:
    """Whether a mention's mode fits every mode already in a group of mentions."""
    return all(modes_compatible(mode, other) for other in others)


def parties_compatible(a: str | None, b: str | None) -> bool:
    """The same party, or one side not known (a party the text leaves implicit is not a different party)."""
    return a is None or b is None or a == b


def windows_overlap(lo1: date | None, hi1: date | None, lo2: date | None, hi2: date | None) -> bool:
    """Whether two date windows share a day; an open window (no date) overlaps nothing it can be checked against.

    Callers decide what an undated mention means (inside an article: compatible; across articles: never merged).
    """
    if None in (lo1, hi1, lo2, hi2):
        return True
    return not (lo1 > hi2 or lo2 > hi1)  # type: ignore[operator]


def same_type(plover_a: str, mode_a: str | None, plover_b: str, mode_b: str | None) -> bool:
    """Same PLOVER type and compatible modes."""
    return plover_a == plover_b and modes_compatible(mode_a, mode_b)
