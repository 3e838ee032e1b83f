"""Trình chiếu at 1920×1080: body text ≥ 28 px and numbers ≥ 48 px, read from the browser's
computed styles, on the ranking slide and on the highlights slide; no sidebar."""

import pytest

# Font sizes where the text actually is: every element under a match that holds a text node
# of its own (a size set on a container says nothing about the text inside it).
SIZES = """(sel) => {
  const out = [];
  for (const root of document.querySelectorAll(sel)) {
    for (const e of [root, ...root.querySelectorAll('*')]) {
      const own = Array.from(e.childNodes).some(n => n.nodeType === 3 && n.textContent.trim());
      if (own && e.getBoundingClientRect().width > 0) {
        out.push([e.textContent.trim().slice(0, 40), parseFloat(getComputedStyle(e).fontSize)]);
      }
    }
  }
  return out;
}"""
BODY = (
    ".st-key-projector h1, .st-key-projector p, .st-key-projector .xtick text, "
    ".st-key-projector .ytick text, .st-key-projector .g-xtitle text"
)


def _sizes(page, selector):
    found = page.evaluate(SIZES, selector)
    assert found, f"nothing matched {selector}"
    return found


@pytest.mark.browser
def test_ranking_slide_type_sizes(page, goto, shoot):
    goto("/trinh_chieu?year=2025")
    shoot("trinh_chieu_sizes")
    assert page.locator("[data-testid='stSidebar']").is_hidden()
    small = [(t, s) for t, s in _sizes(page, BODY) if s < 28]
    assert not small, small
    numbers = _sizes(page, ".st-key-projector .bartext text, .st-key-projector .textpoint text")
    assert all(s >= 48 for _, s in numbers), [n for n in numbers if n[1] < 48]


@pytest.mark.browser
def test_highlights_slide_big_numbers(page, goto, wait_idle, shoot):
    # every=600: no timer tick can race the clicks on a slow machine
    goto("/trinh_chieu?year=2025&every=600")
    page.get_by_role("button", name="Tạm dừng").click()  # hold the slide still
    wait_idle()
    for _ in range(3):
        page.get_by_role("button", name="Trang tiếp").click()
        wait_idle()
    assert page.locator("h1").first.inner_text() == "Điểm nổi bật của năm"
    shoot("trinh_chieu_highlights")
    values = _sizes(page, ".st-key-projector [data-testid='stMetricValue']")
    assert len(values) >= 4 and all(s >= 48 for _, s in values), values
    labels = _sizes(page, ".st-key-projector [data-testid='stMetricLabel'] p")
    assert all(s >= 28 for _, s in labels), labels


@pytest.mark.browser
def test_slides_advance_on_their_own(page, goto, shoot):
    goto("/trinh_chieu?year=2025")
    first = page.locator("h1").first.inner_text()
    # the fragment reruns every 15 s; give it a little more than one period
    page.wait_for_function(
        "(t) => document.querySelector('h1') && document.querySelector('h1').innerText !== t",
        arg=first,
        timeout=25_000,
    )
    assert page.locator("h1").first.inner_text() == "Số chỉ tiêu đạt theo đơn vị"
    page.wait_for_timeout(2000)
    shoot("trinh_chieu_targets")
