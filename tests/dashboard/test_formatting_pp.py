"""`fmt_pp`: a change in percentage points, signed: "+2,5 đ.p." / "+2.5 pp"."""

from __future__ import annotations

import pytest

from dashboard.formatting import fmt_pp


@pytest.mark.parametrize(
    ("value", "vi", "en"),
    [
        (2.5, "+2,5 đ.p.", "+2.5 pp"),
        (-2.5, "-2,5 đ.p.", "-2.5 pp"),
        (0.0, "0,0 đ.p.", "0.0 pp"),
        (0.04, "0,0 đ.p.", "0.0 pp"),  # rounds to zero: no sign
        (-0.05, "-0,1 đ.p.", "-0.1 pp"),
        (None, "—", "—"),
    ],
)
def test_fmt_pp(value, vi, en):
    assert (fmt_pp(value), fmt_pp(value, "en")) == (vi, en)
