"""The cumulative-sum L2 cost gives PELT exactly the breakpoints of ruptures' own L2 cost, much faster."""

from __future__ import annotations

import math

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from dyadwatch.analytics.changes import breakpoints, noise_sigma

levels = st.lists(st.tuples(st.floats(-1, 1), st.integers(1, 12)), min_size=1, max_size=6)


def _reference(values: np.ndarray) -> list[int]:
    import ruptures as rpt

    penalty = 2.0 * noise_sigma(values) ** 2 * math.log(len(values))
    ends = rpt.Pelt(model="l2", min_size=1, jump=1).fit(values.reshape(-1, 1)).predict(pen=penalty)
    return [int(b) for b in ends if b < len(values)]


@settings(max_examples=60, deadline=None)
@given(levels, st.integers(0, 2**32 - 1), st.floats(0, 0.3))
def test_same_breakpoints_as_ruptures_l2(segments: list[tuple[float, int]], seed: int, noise: float) -> None:
    rng = np.random.default_rng(seed)
    values = np.concatenate([np.full(n, level) for level, n in segments])
    values = np.clip(values + rng.normal(0, noise, len(values)), -1, 1).round(4)
    if len(values) < 2:
        return
    assert breakpoints(values) == _reference(values)
