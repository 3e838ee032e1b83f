"""Sparklines for table cells: a row's values over the years as a small SVG picture of straight
segments (a table's own line-chart cell smooths the line and draws nothing for a constant
series). A constant series is a flat line across the middle; a missing year breaks the line;
the last value has a dot.

>>> sparkline_points([10.0, 20.0, None, 20.0], width=100, height=20, pad=2)
[[(2.0, 18.0), (34.0, 2.0)], [(98.0, 2.0)]]
"""

from __future__ import annotations

import base64
from collections.abc import Sequence

from dashboard.charts.palette import OKABE_ITO

WIDTH, HEIGHT, PAD = 120, 32, 3
COLOR = OKABE_ITO["blue"]


def sparkline_points(
    values: Sequence[float | None], *, width: int = WIDTH, height: int = HEIGHT, pad: int = PAD
) -> list[list[tuple[float, float]]]:
    """The runs of consecutive values as (x, y) pixel points, top = the row's highest value,
    bottom = its lowest; every value at mid-height when they are all equal."""
    n = len(values)
    known = [float(v) for v in values if v is not None]
    if not known:
        return []
    lo, hi = min(known), max(known)
    step = (width - 2 * pad) / (n - 1) if n > 1 else 0.0
    runs: list[list[tuple[float, float]]] = [[]]
    for i, v in enumerate(values):
        if v is None:
            if runs[-1]:
                runs.append([])
            continue
        x = pad + i * step if n > 1 else width / 2
        frac = 0.5 if hi == lo else (float(v) - lo) / (hi - lo)
        y = height - pad - frac * (height - 2 * pad)
        runs[-1].append((round(x, 2), round(y, 2)))
    return [r for r in runs if r]


def sparkline_svg(values: Sequence[float | None] | None) -> str | None:
    """An SVG data URL of the values' sparkline (None when there is no value to draw)."""
    runs = sparkline_points(list(values or []))
    if not runs:
        return None
    parts = []
    for run in runs:
        if len(run) == 1:  # one year alone: a dot
            x, y = run[0]
            parts.append(f'<circle cx="{x}" cy="{y}" r="2.5" fill="{COLOR}"/>')
        else:
            pts = " ".join(f"{x},{y}" for x, y in run)
            parts.append(
                f'<polyline points="{pts}" fill="none" stroke="{COLOR}" stroke-width="2" '
                'stroke-linejoin="miter"/>'
            )
    x, y = runs[-1][-1]
    parts.append(f'<circle cx="{x}" cy="{y}" r="3" fill="{COLOR}"/>')
    svg = (
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{WIDTH}" height="{HEIGHT}" '
        f'viewBox="0 0 {WIDTH} {HEIGHT}">{"".join(parts)}</svg>'
    )
    return "data:image/svg+xml;base64," + base64.b64encode(svg.encode()).decode()
