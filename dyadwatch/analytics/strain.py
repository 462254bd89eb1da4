"""The strain index of a dyad in a period: the balance of conflict against cooperation, by weight.

    strain = (C - K) / (C + K)

``C`` is the summed weight of the period's conflict events (QuadClass 3 verbal conflict and 4 material
conflict), ``K`` the summed weight of its cooperation events (QuadClass 1 and 2). An event weighs the magnitude
of its Goldstein score, but at least ``MIN_EVENT_WEIGHT``: a neutral-scored statement still counts as an act.
The index runs from -1 (only cooperation) through 0 (balance) to +1 (only conflict), and is undefined (NaN)
for a period without events: no news is not the same as a balanced relationship.

Why this form (docs/strain.md has the longer argument): a ratio of weights is homogeneous of degree zero, so
the same mix of events reported at ten times the volume gives the same strain (volume alone does not raise
it); adding a conflict event, or making one heavier, raises it whenever there is any cooperation to weigh it
against; adding cooperation lowers it. Goldstein weights make a use of force count for more than a verbal
complaint, as in Goldstein (1992) and the GDELT/ICEWS practice of summing Goldstein scores, while the ratio
avoids the raw sum's flaw: a busy month of small complaints outweighing one invasion in a quiet one.
"""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np
import pandas as pd

# Weight of an event whose Goldstein score is 0 or unknown: it still happened, so it counts as one point
# (the smallest nonzero step of the Goldstein scale's main band).
MIN_EVENT_WEIGHT = 1.0
CONFLICT_QUADS = (3, 4)
COOPERATION_QUADS = (1, 2)


def event_weight(goldstein: float | None) -> float:
    """How much one event weighs in the index: ``max(|Goldstein|, MIN_EVENT_WEIGHT)``."""
    if goldstein is None or (isinstance(goldstein, float) and np.isnan(goldstein)):
        return MIN_EVENT_WEIGHT
    return max(abs(float(goldstein)), MIN_EVENT_WEIGHT)


def strain_index(conflict_weight: float | np.ndarray | pd.Series, cooperation_weight: float | np.ndarray | pd.Series
                 ) -> float | np.ndarray | pd.Series:
    """``(C - K) / (C + K)``; NaN where there is nothing to weigh."""
    c = conflict_weight
    k = cooperation_weight
    total = c + k
    if np.isscalar(total):
        return float("nan") if total == 0 else float((c - k) / total)  # type: ignore[operator]
    with np.errstate(invalid="ignore", divide="ignore"):
        out = (c - k) / total  # type: ignore[operator]
    return out.where(total > 0) if isinstance(out, pd.Series) else np.where(total > 0, out, np.nan)


def weights(events: Iterable[tuple[int | None, float | None]]) -> tuple[float, float]:
    """``(C, K)`` from ``(quad_class, goldstein)`` pairs."""
    conflict = cooperation = 0.0
    for quad, goldstein in events:
        if quad in CONFLICT_QUADS:
            conflict += event_weight(goldstein)
        elif quad in COOPERATION_QUADS:
            cooperation += event_weight(goldstein)
    return conflict, cooperation


def strain_of(events: Iterable[tuple[int | None, float | None]]) -> float:
    """The strain index of a set of ``(quad_class, goldstein)`` events."""
    c, k = weights(events)
    return float(strain_index(c, k))


def weight_sql(goldstein: str = "goldstein") -> str:
    """The event weight as portable SQL (DuckDB and PostgreSQL both have ``greatest`` and ``abs``)."""
    return f"greatest(abs(coalesce({goldstein}, 0.0)), {MIN_EVENT_WEIGHT})"
