"""Trình chiếu fits every meeting-room screen: at each of five resolutions, on every slide,
nothing scrolls (the document, or any scrolling box inside it), no text lies outside the window
or outside the slide's body, and no two visible pieces of text overlap (HTML text and Plotly's
SVG text alike). One server, one browser; one test per resolution walks the five slides.

Screenshots: $THIDUA_SHOTS_DIR/<width>x<height>-<slide>.png (default: a temporary folder).
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import pytest

from dashboard.views.projector import EXTRA_SLIDES, SLIDES

RESOLUTIONS = [(1024, 768), (1280, 720), (1366, 768), (1920, 1080), (3840, 2160)]

# Every visible text node's box: a Range's box for HTML text (the glyphs, not the block), the
# element's box for SVG text. Boxes of hidden, transparent or empty text are left out.
TEXT_BOXES = """() => {
  const seen = (el) => {
    for (let e = el; e && e.nodeType === 1; e = e.parentElement) {
      const s = getComputedStyle(e);
      if (s.display === 'none' || s.visibility === 'hidden' || parseFloat(s.opacity) === 0 ||
          (s.clip && s.clip !== 'auto') || (s.clipPath && s.clipPath !== 'none')) {
        return false;
      }
    }
    return true;
  };
  const body = document.querySelector('.st-key-slide_body');
  const out = [];
  const walk = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let n = walk.nextNode(); n; n = walk.nextNode()) {
    const text = n.textContent.trim();
    const el = n.parentElement;
    if (!text || !el || ['STYLE', 'SCRIPT', 'NOSCRIPT'].includes(el.tagName)) continue;
    if (!seen(el)) continue;
    let r;
    if (el instanceof SVGElement) {
      r = el.getBoundingClientRect();
    } else {
      const range = document.createRange();
      range.selectNodeContents(n);
      r = range.getBoundingClientRect();
    }
    if (r.width < 1 || r.height < 1) continue;
    out.push({text: text.slice(0, 40), x: r.left, y: r.top, w: r.width, h: r.height,
              inBody: !!(body && body.contains(el))});
  }
  const b = body ? body.getBoundingClientRect() : null;
  return {boxes: out, body: b && {x: b.left, y: b.top, w: b.width, h: b.height}};
}"""

# The document and every box that scrolls: how much more it holds than it shows.
SCROLLS = """() => {
  const out = [];
  const d = document.scrollingElement;
  out.push(['document', d.scrollHeight - innerHeight, d.scrollWidth - innerWidth]);
  for (const e of document.querySelectorAll('*')) {
    const s = getComputedStyle(e);
    const scrolls = (v) => v === 'auto' || v === 'scroll';
    if (!(scrolls(s.overflowY) || scrolls(s.overflowX))) continue;
    const dy = scrolls(s.overflowY) ? e.scrollHeight - e.clientHeight : 0;
    const dx = scrolls(s.overflowX) ? e.scrollWidth - e.clientWidth : 0;
    if (dy > 1 || dx > 1) out.push([e.getAttribute('data-testid') || e.className, dy, dx]);
  }
  return out;
}"""


def shots_dir() -> Path:
    path = Path(os.environ.get("THIDUA_SHOTS_DIR") or tempfile.mkdtemp(prefix="projector-"))
    path.mkdir(parents=True, exist_ok=True)
    return path


def overlaps(boxes: list[dict], slack: float = 2.0, share: float = 0.15) -> list[tuple[str, str]]:
    """Pairs of boxes that intersect by more than `slack` px across and more than `share` of
    the smaller one's height (a glyph box reaches a little above and below its line, so text
    set close, line to line, touches; overprinting covers more); the same box twice (one text
    nested in another element of the same size) is allowed."""
    found = []
    for i, a in enumerate(boxes):
        for b in boxes[i + 1 :]:
            same = all(abs(a[k] - b[k]) <= 1 for k in ("x", "y", "w", "h"))
            dx = min(a["x"] + a["w"], b["x"] + b["w"]) - max(a["x"], b["x"])
            dy = min(a["y"] + a["h"], b["y"] + b["h"]) - max(a["y"], b["y"])
            tall = max(slack, share * min(a["h"], b["h"]))
            if dx > slack and dy > tall and not same:
                found.append((a["text"], b["text"]))
    return found


def outside(boxes: list[dict], width: int, height: int, body: dict | None) -> list[str]:
    """Text that lies (partly) outside the window, or outside the slide body it belongs to."""
    bad = []
    for b in boxes:
        right, bottom = b["x"] + b["w"], b["y"] + b["h"]
        if b["x"] < -1 or b["y"] < -1 or right > width + 1 or bottom > height + 1:
            bad.append(f"{b['text']} (window)")
        elif b["inBody"] and body and (bottom > body["y"] + body["h"] + 1):
            bad.append(f"{b['text']} (below the slide)")
    return bad


def settle(pg, timeout_ms: int = 120_000) -> None:
    """Until the script has run, no skeleton is left and the slide's chart (if any) is drawn."""
    pg.wait_for_selector(
        "[data-testid='stApp'][data-test-script-state='notRunning']", timeout=timeout_ms
    )
    pg.wait_for_function(
        "() => !document.querySelector('[data-testid=stSkeleton]') &&"
        " document.querySelector('.st-key-slide_body') &&"
        " (!document.querySelector('.st-key-slide_body .stPlotlyChart') ||"
        "  document.querySelector('.st-key-slide_body .main-svg'))",
        timeout=timeout_ms,
    )
    pg.wait_for_timeout(1200)  # Plotly's autosize settles after the first draw


def check_slide(page, width: int, height: int) -> list[str]:
    """What is wrong with the slide on screen (empty when it fits)."""
    problems = []
    scrolls = page.evaluate(SCROLLS)
    doc = scrolls[0]
    if doc[1] > 0 or doc[2] > 0:
        problems.append(f"the page scrolls by {doc[1]} px down, {doc[2]} px across")
    problems += [f"{name} scrolls by {dy}/{dx} px" for name, dy, dx in scrolls[1:]]
    found = page.evaluate(TEXT_BOXES)
    boxes = found["boxes"]
    if not boxes:
        problems.append("no text on the slide")
    problems += [f"overlap: {a!r} / {b!r}" for a, b in overlaps(boxes)]
    problems += [f"cut: {t}" for t in outside(boxes, width, height, found["body"])]
    return problems


@pytest.mark.browser
@pytest.mark.parametrize(("width", "height"), RESOLUTIONS, ids=[f"{w}x{h}" for w, h in RESOLUTIONS])
def test_every_slide_fits_without_scroll_or_overlap(browser, app_url, width, height):
    out = shots_dir()
    context = browser.new_context(viewport={"width": width, "height": height}, locale="vi-VN")
    pg = context.new_page()
    problems: dict[str, list[str]] = {}
    try:
        for slide in (*SLIDES, *EXTRA_SLIDES):  # the default show and the early warnings
            pg.goto(f"{app_url}/trinh_chieu?year=2025&slides={slide}&every=600")
            settle(pg)
            pg.screenshot(path=str(out / f"{width}x{height}-{slide}.png"))
            if found := check_slide(pg, width, height):
                problems[slide] = found
    finally:
        context.close()
    assert not problems, problems


@pytest.mark.browser
def test_presenter_remote_keys_move_between_slides(page, goto):
    """A presenter remote sends PageDown/PageUp; a keyboard has the arrows too."""
    goto("/trinh_chieu?year=2025&slides=ranking,targets,highlights&every=600")
    titles = []
    for key in ("PageDown", "PageDown", "PageUp", "ArrowRight", "ArrowLeft", "ArrowLeft"):
        before = page.locator("h1").first.inner_text()
        page.keyboard.press(key)
        page.wait_for_function(
            "(t) => document.querySelector('h1').innerText !== t", arg=before, timeout=20_000
        )
        titles.append(page.locator("h1").first.inner_text())
    ranking, targets, highlights = (
        "Xếp hạng thi đua",
        "Số chỉ tiêu đạt theo đơn vị",
        "Điểm nổi bật của năm",
    )
    assert titles == [targets, highlights, targets, highlights, targets, ranking]
