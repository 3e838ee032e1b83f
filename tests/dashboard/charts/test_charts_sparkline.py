"""Sparklines: straight segments, a constant series drawn flat across the middle, a gap breaks
the line."""

import base64

from hypothesis import given
from hypothesis import strategies as st

from dashboard.charts.sparkline import HEIGHT, PAD, WIDTH, sparkline_points, sparkline_svg


def _svg(url: str) -> str:
    return base64.b64decode(url.removeprefix("data:image/svg+xml;base64,")).decode()


def test_constant_series_is_a_flat_line_in_the_middle():
    runs = sparkline_points([50.0, 50.0, 50.0], width=100, height=20, pad=2)
    assert runs == [[(2.0, 10.0), (50.0, 10.0), (98.0, 10.0)]]
    # in the table's picture (120 × 32, 3 px margin): x = 3, 3 + 114/2, 117; y = 32 / 2
    assert (WIDTH, HEIGHT, PAD) == (120, 32, 3)
    assert 'points="3.0,16.0 60.0,16.0 117.0,16.0"' in _svg(sparkline_svg([50.0, 50.0, 50.0]))


def test_straight_segments_and_a_gap():
    svg = _svg(sparkline_svg([1.0, 3.0, None, 2.0, 2.5]))
    # polylines only (no curves), one per run, and a dot on the last value
    assert "<path" not in svg and svg.count("<polyline") == 2
    # 1 → bottom, 3 → top: the row's own range fills the height
    runs = sparkline_points([1.0, 3.0, None, 2.0, 2.5], width=100, height=20, pad=2)
    assert runs[0] == [(2.0, 18.0), (26.0, 2.0)]
    assert runs[1] == [(74.0, 10.0), (98.0, 6.0)]


def test_nothing_to_draw():
    assert sparkline_svg([]) is None and sparkline_svg([None, None]) is None


@given(st.lists(st.one_of(st.none(), st.floats(-1e6, 1e6)), min_size=1, max_size=12))
def test_points_stay_inside_the_picture(values):
    for run in sparkline_points(values):
        for x, y in run:
            assert 0 <= x <= WIDTH and PAD - 1e-6 <= y <= HEIGHT - PAD + 1e-6
