"""Entry point: `streamlit run streamlit_app.py`. Engine, first-start demo data, the filters in
the sidebar (kept in the URL) and the navigation; each page lives in pages/."""

import streamlit as st

from dashboard import ui
from dashboard.i18n import t

st.set_page_config(
    page_title="Thi đua – Khen thưởng", page_icon=":material/military_tech:", layout="wide"
)

try:
    ui.get_engine()
except Exception:  # noqa: BLE001 - show a clear message instead of a traceback
    st.error(t("app.db_unavailable", ui.early_lang()), icon=":material/database_off:")
    st.stop()
ui.ensure_data(ui.early_lang())
filters, notices = ui.resolve_filters()
lang = filters.lang

PAGES = {
    "overview": ("pages/overview.py", ":material/dashboard:", "tong-quan"),
    "unit": ("pages/unit.py", ":material/apartment:", "don-vi"),
    "ranking": ("pages/ranking.py", ":material/leaderboard:", "xep-hang"),
    "trends": ("pages/trends.py", ":material/trending_up:", "xu-huong"),
    "review": ("pages/review.py", ":material/how_to_vote:", "binh-xet"),
    "data": ("pages/data.py", ":material/upload_file:", "du-lieu"),
    "projector": ("pages/projector.py", ":material/co_present:", "trinh-chieu"),
}
pages = {
    key: st.Page(
        path,
        title=t(f"page.{key}", lang),
        icon=icon,
        url_path=url,
        default=key == "overview",
        help=t(f"page.{key}.help", lang),
    )
    for key, (path, icon, url) in PAGES.items()
}
page = st.navigation(list(pages.values()))

# ?page=trinh-chieu opens a page straight from a link (the meeting laptop needs one click).
wanted = st.query_params.get("page")
if wanted:
    target = next((p for p in pages.values() if p.url_path == wanted), None)
    if target is not None and target.url_path != page.url_path:
        st.switch_page(target, query_params=filters.as_params())
    del st.query_params["page"]

if page.url_path == pages["projector"].url_path:
    st.set_page_config(initial_sidebar_state="collapsed")
    ui.hide_sidebar()
    for n in notices:
        st.warning(t("filter.invalid", lang, **n), icon=":material/link_off:")
else:
    ui.sidebar_filters(notices)

page.run()
