"""Palettes: one colour per status and per unit, never repeated within a cluster of 12."""

from dashboard.charts.palette import STATUS_COLORS, STATUS_ICONS, STATUSES, unit_colors


def test_statuses_have_distinct_colours_and_icons():
    assert len(set(STATUS_COLORS.values())) == len(STATUSES)
    assert len(set(STATUS_ICONS.values())) == len(STATUSES)


def test_twelve_units_get_twelve_colours():
    colours = unit_colors([f"U{i:02d}" for i in range(12)])
    assert len(set(colours.values())) == 12


def test_unit_colour_does_not_depend_on_input_order():
    assert unit_colors(["B", "A", "C"]) == unit_colors(["C", "B", "A"])
