"""Names are Vietnamese full names in NFC: surname, middle name, given name."""

from __future__ import annotations

import unicodedata

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from seed.names import SURNAMES, full_names


@pytest.mark.slow
@settings(max_examples=30, deadline=None)
@given(seed=st.integers(0, 2**32 - 1), n=st.integers(0, 200))
def test_three_words_nfc_known_surname(seed, n):
    rng = np.random.default_rng(seed)
    names = full_names(rng, rng.random(n) < 0.5).to_list()
    assert len(names) == n
    for name in names:
        assert unicodedata.normalize("NFC", name) == name
        words = name.split(" ")
        assert len(words) == 3 and words[0] in SURNAMES


def test_women_are_thi_more_often_than_men():
    rng = np.random.default_rng(7)
    female = np.arange(4000) % 2 == 0
    names = full_names(rng, female).to_list()
    middle = [n.split(" ")[1] for n in names]
    women_thi = sum(m == "Thị" for m, f in zip(middle, female, strict=True) if f)
    men_thi = sum(m == "Thị" for m, f in zip(middle, female, strict=True) if not f)
    assert men_thi == 0  # "Thị" is never a man's middle name
    assert 300 < women_thi < 500  # 4 of the 20 female middle names are "Thị": 2000 × 4/20 = 400
