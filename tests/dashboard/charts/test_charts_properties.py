"""Laws of the chart helpers, for all inputs: escaped text reads back as typed, and unit
colours never repeat within a cluster and do not depend on the order of the units."""

import html

import pytest
from hypothesis import given
from hypothesis import strategies as st

from dashboard.charts.layout import esc
from dashboard.charts.palette import unit_colors


@pytest.mark.slow
@given(st.text())
def test_plotly_text_has_no_markup_and_decodes_to_the_original(text):
    shown = esc(text)
    assert "<" not in shown and ">" not in shown
    assert html.unescape(shown) == text


@pytest.mark.slow
@given(
    st.lists(st.text(min_size=1, max_size=8), min_size=1, max_size=12, unique=True), st.randoms()
)
def test_unit_colours_distinct_and_order_free(codes, rnd):
    shuffled = codes[:]
    rnd.shuffle(shuffled)
    colours = unit_colors(codes)
    assert colours == unit_colors(shuffled)
    assert len(set(colours.values())) == len(codes)
