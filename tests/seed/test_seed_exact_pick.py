"""exact_pick draws exactly k of n (the quoted figures depend on it)."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from seed.draws import exact_pick


@pytest.mark.slow
@settings(max_examples=60, deadline=None)
@given(data=st.data())
def test_exactly_k_true(data):
    n = data.draw(st.integers(0, 500))
    k = data.draw(st.integers(0, n))
    weighted = data.draw(st.booleans())
    rng = np.random.default_rng(data.draw(st.integers(0, 1000)))
    w = rng.random(n) + 0.01 if weighted else None
    assert int(exact_pick(rng, n, k, w).sum()) == k


def test_441_choose_75():
    # Seed 004's 75 HTXSNV among 441 person-months.
    assert int(exact_pick(np.random.default_rng(0), 441, 75).sum()) == 75
