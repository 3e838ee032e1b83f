"""Every page in both languages: no error element, the title in the language, and a 1920×1080
screenshot (tests/browser/screenshots/<page>_<lang>.png) to look at."""

import pytest

TITLES = {
    "tong_quan": ("Tổng quan", "Overview"),
    "don_vi": ("Đơn vị", "Unit"),
    "xep_hang": ("Xếp hạng", "Ranking"),
    "xu_huong": ("Xu hướng", "Trends"),
    "binh_xet": ("Bình xét", "Review"),
    "du_lieu": ("Dữ liệu", "Data"),
    "trinh_chieu": ("Xếp hạng thi đua", "Emulation ranking"),  # the first slide
}
# The overview is the default page, served at the root; the unit page needs a unit (the first
# school of the default cluster in the demo data).
PATHS = {"tong_quan": "/?", "don_vi": "/don_vi?unit=BN_TCT&"}


@pytest.mark.browser
@pytest.mark.parametrize("lang", ["vi", "en"])
@pytest.mark.parametrize("name", list(TITLES))
def test_page_renders_without_error(page, goto, shoot, name, lang):
    goto(f"{PATHS.get(name, f'/{name}?')}lang={lang}")
    shoot(f"{name}_{lang}")
    assert page.locator("[data-testid='stException']").count() == 0
    heading = page.locator("h1").first.inner_text()
    assert heading == TITLES[name][0 if lang == "vi" else 1]
