"""AppTest fixtures: the app on a temporary SQLite database seeded once per session with the
demo data (seed.populate), and a small hand-made one for empty states and escaping."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import polars as pl
import pytest
from streamlit.testing.v1 import AppTest

from data_access.engine import make_engine, upgrade

ROOT = Path(__file__).resolve().parents[2]
APP = str(ROOT / "streamlit_app.py")
# key -> the page's URL slug. Tests open a page with ?page=<slug>, as a shared link does.
PAGES = {
    "overview": "tong_quan",
    "unit": "don_vi",
    "ranking": "xep_hang",
    "trends": "xu_huong",
    "review": "binh_xet",
    "data": "du_lieu",
    "projector": "trinh_chieu",
}


@pytest.fixture(scope="session")
def seeded_url(tmp_path_factory: pytest.TempPathFactory) -> str:
    """A SQLite file with the demo data, shared by the session's page tests."""
    import seed

    populate = getattr(seed, "populate", None)
    if populate is None:
        pytest.skip("seed.populate is not available in this checkout")
    url = f"sqlite:///{tmp_path_factory.mktemp('app') / 'thidua.db'}"
    eng = make_engine(url)
    upgrade(eng)
    # as the app's first start loads it: 2019–2025, and 2026 in progress (monthly to November)
    populate(eng, scale="demo", years=(2019, 2025), progress=False, in_progress_months=11)
    eng.dispose()
    return url


@pytest.fixture
def make_db(tmp_path: Path) -> Callable[[dict[str, pl.DataFrame]], str]:
    """`make_db(tables)` → the URL of a new SQLite database holding just those tables."""

    def make(tables: dict[str, pl.DataFrame]) -> str:
        url = f"sqlite:///{tmp_path / 'small.db'}"
        _write_tables(url, tables)
        return url

    return make


def _write_tables(url: str, tables: dict[str, pl.DataFrame]) -> None:
    from data_access.writer import bulk_insert, bump_data_version

    eng = make_engine(url)
    upgrade(eng)
    with eng.begin() as conn:
        for name, frame in tables.items():
            bulk_insert(conn, name, frame)
        bump_data_version(conn)
    eng.dispose()


AppFactory = Callable[..., AppTest]


def _factory(url: str, monkeypatch: pytest.MonkeyPatch) -> AppFactory:
    monkeypatch.setenv("THIDUA_DB_URL", url)

    def make(page: str | None = None, **params: str) -> AppTest:
        at = AppTest.from_file(APP, default_timeout=120)
        for key, value in params.items():
            at.query_params[key] = value
        if page and page != "overview":
            at.query_params["page"] = PAGES[page]
        return at.run()

    return make


@pytest.fixture
def app(seeded_url: str, monkeypatch: pytest.MonkeyPatch) -> Iterator[AppFactory]:
    """`app(page, **query)` → an AppTest that has run the page on the seeded database."""
    yield _factory(seeded_url, monkeypatch)


@pytest.fixture
def app_on(monkeypatch: pytest.MonkeyPatch) -> Callable[[str], AppFactory]:
    """`app_on(url)(page, **query)`: the app on another database (empty states, escaping)."""
    return lambda url: _factory(url, monkeypatch)
