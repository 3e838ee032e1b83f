"""views.overview.cap_lines: a legal cap is drawn on the indicator with the same ratio."""

from dashboard.views.overview import cap_lines


def test_civil_cap_on_cstdcs_share():
    caps = cap_lines(year=2024, profiles=["civil"])
    # CSTDCS_CAP: persons_cstdcs_plus / persons_ldtt_plus ≤ 15 %, the CSTDCS_OF_LDTT ratio
    assert caps.rows() == [("CSTDCS_OF_LDTT", 15.0, "CSTDCS_CAP")]


def test_civil_cap_not_drawn_over_a_military_unit():
    assert cap_lines(year=2024, profiles=["civil", "military"]).height == 0
