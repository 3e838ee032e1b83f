"""Entry point: `streamlit run streamlit_app.py`. Engine, first-start demo data, the filters in
the sidebar (kept in the URL) and the navigation; each page lives in app_pages/.

The folder is not called pages/: Streamlit treats a pages/ folder next to the entrypoint as a
legacy multipage app until some session has run st.navigation, so a first request to a page URL
ran that page's file alone (no entrypoint, no sidebar) or showed "Page not found" (Streamlit
1.67, streamlit/runtime/scriptrunner/script_runner.py `_mpa_v1`)."""

import gc
import logging
from pathlib import Path

import streamlit as st
from streamlit import config as st_config

from dashboard.i18n import t
from data_access import settings

# The favicon is a file of the app (served by this server): a Material icon or an emoji as
# page_icon is fetched from fonts.gstatic.com / a CDN, and no request may leave the machine.
FAVICON = str(Path(__file__).with_name("assets") / "favicon.png")
st.set_page_config(page_title="Thi đua – Khen thưởng", page_icon=FAVICON, layout="wide")
# One setting drives both upload limits: the server's (server.maxUploadSize, read per upload
# request) and the importer's (data_access.settings, THIDUA_IMPORT_MAX_FILE_MB).
st_config.set_option(
    "server.maxUploadSize",
    int(settings.get("import_max_file_mb")),
    "THIDUA_IMPORT_MAX_FILE_MB",
)
# A cold start spends seconds importing the engine (Polars, Plotly, SQLAlchemy) before anything
# is drawn: say so at once instead of a blank page.
_booting = st.empty()
_booting.caption(t("app.starting", "en" if st.query_params.get("lang") == "en" else "vi"))

from dashboard.ui import filters, login, media_ids, security, session  # noqa: E402
from dashboard.ui.widgets import md_escape  # noqa: E402
from data_access.engine import is_empty  # noqa: E402
from data_access.errors import StorageError  # noqa: E402

_booting.empty()


@st.cache_resource(show_spinner=False)
def demo_data(url: str) -> str:
    """Load the demo data into an empty database, once per process (the per-key lock makes
    concurrent first sessions wait instead of seeding twice)."""
    eng = session.engine_for(url)
    if not is_empty(eng):
        return "present"
    import seed  # only for an empty database: the generator is not needed to serve data

    # 2019–2025 with their year-end results, and 2026 in progress (monthly ratings to November)
    seed.populate(
        eng,
        scale="demo",
        years=seed.DEFAULT_YEARS,
        progress=False,
        in_progress_months=seed.CURRENT_MONTHS,
    )
    return "seeded"


@st.cache_resource(show_spinner=False)
def heap_settled(page_path: str) -> bool:
    """Once per page and process, after its first full run: what the imports and the first
    computations left behind (modules, classes, cached frames) is set aside from the garbage
    collector (`gc.freeze`). Streamlit collects every generation after every run
    (runner.postScriptGC); walking the whole heap of Streamlit, Polars, Plotly and SQLAlchemy
    objects each time held the interpreter, and so every session, for a large share of a
    warm rerun. Garbage made later is still collected; frozen objects are still freed when
    nothing refers to them."""
    gc.collect()
    gc.freeze()
    return True


# Download URLs private to the session (dashboard/ui/media_ids.py), before any file is made.
media_ids.install()


def unavailable(exc: Exception, lang: str) -> None:
    """Say what failed, logged with its cause: a folder the app cannot write (a full disk, a
    read-only folder: its path) is not a database that cannot be reached (issue 20)."""
    if isinstance(exc, StorageError):
        logging.getLogger("thidua").error("aggregates folder: %s", exc)
        msg = t(f"app.storage_{exc.kind}", lang, folder=md_escape(exc.folder))
        st.error(msg, icon=":material/hard_drive:")
    else:
        logging.getLogger("thidua").exception("the database or the aggregates failed")
        st.error(t("app.db_unavailable", lang), icon=":material/database_off:")


# Open mode (no login) reached from another computer — a network address, or a client through
# a proxy: refused, or (explicitly allowed) a banner on every page. Before anything else runs.
security.open_network_gate(filters.early_lang())
try:
    # Every run checks the server (one tiny query): a database stopped mid-session gives this
    # message instead of a traceback, and the next run after it is back works again.
    session.start()
except Exception as exc:  # noqa: BLE001 - show a clear message instead of a traceback
    unavailable(exc, filters.early_lang())
    st.button(t("app.retry", filters.early_lang()), icon=":material/refresh:")
    st.stop()
# Every run re-reads the account: disabled → the session ends, changed → narrowed.
session.recheck()
# THIDUA_AUTH_MODE=password|oidc: an anonymous session gets the login form only.
login.require_login(filters.early_lang())
if not st.session_state.get("_data_checked"):  # the first run of a session
    with st.spinner(t("app.loading_demo", filters.early_lang()), show_time=True):
        demo_data(session.db_url())
    st.session_state["_data_checked"] = True
try:
    chosen, notices = filters.resolve_filters()
except Exception as exc:  # noqa: BLE001 - the server went away, or the aggregates folder
    unavailable(exc, filters.early_lang())
    st.stop()
lang = chosen.lang

# key: (file, icon). Each page's URL is its file name, a Vietnamese slug (/trinh_chieu opens the
# projector straight from a link).
PAGES = {
    "overview": ("app_pages/tong_quan.py", ":material/dashboard:"),
    "unit": ("app_pages/don_vi.py", ":material/apartment:"),
    "ranking": ("app_pages/xep_hang.py", ":material/leaderboard:"),
    "trends": ("app_pages/xu_huong.py", ":material/trending_up:"),
    "review": ("app_pages/binh_xet.py", ":material/how_to_vote:"),
    "data": ("app_pages/du_lieu.py", ":material/upload_file:"),
    "projector": ("app_pages/trinh_chieu.py", ":material/co_present:"),
}
pages = {
    key: st.Page(
        path,
        title=t(f"page.{key}", lang),
        icon=icon,
        url_path=path.removeprefix("app_pages/").removesuffix(".py"),
        default=key == "overview",
        help=t(f"page.{key}.help", lang),
    )
    for key, (path, icon) in PAGES.items()
}
page = st.navigation(list(pages.values()))

# ?page=trinh_chieu opens a page straight from a link (the meeting laptop needs one click).
wanted = st.query_params.get("page")
if wanted:
    target = next((p for p in pages.values() if p.url_path == wanted), None)
    if target is not None and target.url_path != page.url_path:
        # the page's own parameters (the projector's slides, every) go along with the filters
        keep = {k: v for k, v in st.query_params.to_dict().items() if k != "page"}
        st.switch_page(target, query_params={**keep, **chosen.as_params()})
    del st.query_params["page"]

if page.url_path == pages["projector"].url_path:
    st.set_page_config(initial_sidebar_state="collapsed")
    filters.hide_sidebar()
    filters.show_notices(notices, lang)
else:
    filters.sidebar_filters(notices)

page.run()
heap_settled(page.url_path)
