"""Colours of every chart, all safe for colour-blind viewers: Okabe & Ito (2008), extended
with Paul Tol's "muted" set for units. Status never relies on colour alone: each status has an
icon too."""

from __future__ import annotations

from collections.abc import Iterable

# Okabe & Ito (2008). Status: met = bluish green, below = vermillion, above a ceiling = orange
# (a problem, not a success), no value = grey.
OKABE_ITO = {
    "black": "#000000",
    "orange": "#E69F00",
    "sky_blue": "#56B4E9",
    "bluish_green": "#009E73",
    "yellow": "#F0E442",
    "blue": "#0072B2",
    "vermillion": "#D55E00",
    "reddish_purple": "#CC79A7",
}
STATUS_COLORS: dict[str, str] = {
    "met": OKABE_ITO["bluish_green"],
    "below": OKABE_ITO["vermillion"],
    "above": OKABE_ITO["orange"],
    "no_data": "#8C8C8C",
    # No target: the value is information only, so it is drawn neutral and light, never in a
    # saturated colour that draws the eye before the misses.
    "no_target": "#B8B8B8",
}
# The icon repeats what the colour says, so status never relies on colour alone.
STATUS_ICONS: dict[str, str] = {
    "met": "✓",
    "below": "▼",
    "above": "▲",
    "no_data": "–",
    "no_target": "○",
}
STATUSES: tuple[str, ...] = tuple(STATUS_COLORS)
# The order a leader reads statuses in: what is wrong first, then what is fine, then the rest.
STATUS_ORDER: tuple[str, ...] = ("below", "above", "no_data", "met", "no_target")
# st.badge colours of each status (same meaning as STATUS_COLORS, in Streamlit's named colours).
STATUS_BADGE: dict[str, str] = {
    "met": "green",
    "below": "red",
    "above": "orange",
    "no_data": "gray",
    "no_target": "gray",
}
RATING_COLORS: dict[str, str] = {
    "HTXSNV": OKABE_ITO["blue"],
    "HTTNV": OKABE_ITO["sky_blue"],
    "HTNV": OKABE_ITO["orange"],
    "KHTNV": OKABE_ITO["vermillion"],
}
# Units: Okabe–Ito without black and yellow (too light on white), then Tol "muted".
UNIT_PALETTE: tuple[str, ...] = (
    "#0072B2",
    "#E69F00",
    "#009E73",
    "#CC79A7",
    "#56B4E9",
    "#D55E00",
    "#332288",
    "#117733",
    "#882255",
    "#44AA99",
    "#999933",
    "#AA4499",
)
POOLED_COLOR = "#333333"
TARGET_BAND = "#D9D9D9"
TARGET_TICK = "#4D4D4D"  # a one-sided target (minimum or maximum only): a tick, not a band
CAP_COLOR = "#000000"
INK = "#1A1A1A"


def unit_colors(unit_codes: Iterable[str]) -> dict[str, str]:
    """One colour per unit, stable for a given set of units (sorted codes)."""
    codes = sorted({c for c in unit_codes if c is not None})
    return {c: UNIT_PALETTE[i % len(UNIT_PALETTE)] for i, c in enumerate(codes)}


def label_color(status: str | None) -> str:
    """Dark text for labels: the status colours darkened enough to read on white (≥ 4.5:1)."""
    return {"met": "#00664A", "below": "#A63F00", "above": "#8A5A00"}.get(status or "", INK)
