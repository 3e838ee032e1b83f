"""Reading a page's Plotly charts in the browser (issue 21): every text each chart draws
(title, axis titles, ticks, legend, annotations, the values on bars and points) with its box,
the chart's box and its plot area, and what is wrong with them: two texts overprinting, a text
cut by the chart's edge, a value cut by the plot area (Plotly clips a trace's text there)."""

from __future__ import annotations

import time

# Per chart: its title, its box, its plot areas (Plotly clips a trace's texts to them), and
# every visible text element of its SVG layers (not the hover layer nor the toolbar).
CHART_TEXTS = """() => {
  const seen = (el, root) => {
    for (let e = el; e && e !== root; e = e.parentElement) {
      const s = getComputedStyle(e);
      if (s.display === 'none' || s.visibility === 'hidden' || parseFloat(s.opacity) === 0) {
        return false;
      }
    }
    return true;
  };
  const box = (r) => ({x: r.left, y: r.top, w: r.width, h: r.height});
  const kind = (el) => {
    const g = (sel) => el.closest(sel);
    if (g('.legend')) return 'legend';
    if (g('.gtitle') || el.classList.contains('gtitle')) return 'title';
    if (g('.g-xtitle') || g('.g-ytitle') || /^[xy]\\d*title$/.test(el.getAttribute('class') || ''))
      return 'axis-title';
    if (g('.xtick') || g('.ytick') || g('.xaxislayer-above') || g('.yaxislayer-above'))
      return 'tick';
    if (g('.annotation')) return 'annotation';
    if (g('.plot')) return 'value';
    return 'other';
  };
  const out = [];
  for (const chart of document.querySelectorAll("[data-testid='stPlotlyChart']")) {
    const plot = chart.querySelector('.js-plotly-plot');
    if (!plot) continue;
    const frame = box(plot.getBoundingClientRect());
    const areas = [...plot.querySelectorAll('.nsewdrag')]
      .map((r) => box(r.getBoundingClientRect()));
    const texts = [];
    for (const el of plot.querySelectorAll('svg.main-svg text')) {
      if (el.closest('.hoverlayer') || el.closest('.modebar')) continue;
      const text = (el.textContent || '').trim();
      if (!text || !seen(el, plot)) continue;
      const r = el.getBoundingClientRect();
      if (r.width < 1 || r.height < 1) continue;
      texts.push({text: text.slice(0, 50), kind: kind(el), ...box(r),
                  clipped: !!el.closest('[clip-path]') && kind(el) === 'value'});
    }
    const title = texts.find((t) => t.kind === 'title');
    // a legend too tall for its room scrolls inside itself: its entries past its box are hidden
    const bg = plot.querySelector('.legend .bg');
    const legend = bg ? box(bg.getBoundingClientRect()) : null;
    out.push({title: title ? title.text : (chart.getAttribute('aria-label') || ''),
              frame, areas, texts, legend});
  }
  return out;
}"""


def _overlap(a: dict, b: dict, slack: float = 2.0, share: float = 0.15) -> bool:
    """Boxes that intersect by more than `slack` px across and more than `share` of the
    smaller one's height (a glyph box reaches a little above and below its line)."""
    same = all(abs(a[k] - b[k]) <= 1 for k in ("x", "y", "w", "h"))
    dx = min(a["x"] + a["w"], b["x"] + b["w"]) - max(a["x"], b["x"])
    dy = min(a["y"] + a["h"], b["y"] + b["h"]) - max(a["y"], b["y"])
    return dx > slack and dy > max(slack, share * min(a["h"], b["h"])) and not same


def _inside(t: dict, r: dict, slack: float = 1.0) -> bool:
    return (
        t["x"] >= r["x"] - slack
        and t["y"] >= r["y"] - slack
        and t["x"] + t["w"] <= r["x"] + r["w"] + slack
        and t["y"] + t["h"] <= r["y"] + r["h"] + slack
    )


def chart_problems(chart: dict) -> list[str]:
    """What is wrong with one chart's texts (empty when every text is whole and apart)."""
    texts = chart["texts"]
    found = []
    for i, a in enumerate(texts):
        for b in texts[i + 1 :]:
            if _overlap(a, b):
                found.append(f"overlap {a['kind']} {a['text']!r} / {b['kind']} {b['text']!r}")
    for t in texts:
        if not _inside(t, chart["frame"]):
            found.append(f"cut by the chart's edge: {t['kind']} {t['text']!r}")
        elif t["clipped"] and not any(_inside(t, area) for area in chart["areas"]):
            found.append(f"cut by the plot area: {t['text']!r}")
        elif t["kind"] == "legend" and chart["legend"] and not _inside(t, chart["legend"]):
            found.append(f"hidden in the legend's scroll: {t['text']!r}")
    return found


def settle_page(pg, timeout_s: float = 180) -> None:
    """Until the script has run, no skeleton is left and every chart has drawn."""
    idle = "[data-testid='stApp'][data-test-script-state='notRunning']"
    pg.wait_for_selector(idle, timeout=timeout_s * 1000)
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        ready = pg.evaluate(
            "() => !document.querySelector('[data-testid=stSkeleton]') &&"
            " [...document.querySelectorAll('[data-testid=stPlotlyChart]')]"
            "   .every((c) => c.querySelector('.main-svg'))"
        )
        if ready:
            break
        time.sleep(0.3)
    pg.wait_for_timeout(1500)  # Plotly's autosize settles after the first draw
