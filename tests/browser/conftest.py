"""Browser tests: the app started by the test (`streamlit run`, headless, on a free port, on a
temporary seeded SQLite database), driven by Playwright with Debian's Chromium at 1920×1080.

Without /usr/bin/chromium the tests are skipped with the reason; with CI=true they fail.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from data_access.engine import make_engine, upgrade

ROOT = Path(__file__).resolve().parents[2]
SHOTS = Path(__file__).parent / "screenshots"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
VIEWPORT = {"width": 1920, "height": 1080}
IN_CI = os.environ.get("CI", "").lower() == "true"


def _need_chromium() -> None:
    if shutil.which(CHROMIUM) is None and not Path(CHROMIUM).exists():
        msg = f"Chromium not found at {CHROMIUM} (apt-get install chromium)"
        if IN_CI:
            pytest.fail(msg)
        pytest.skip(msg)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextlib.contextmanager
def serve_app(
    db_url: str,
    log_dir: Path,
    *,
    port: int | None = None,
    extra_args: tuple[str, ...] = (),
    env: dict[str, str] | None = None,
) -> Iterator[str]:
    """`streamlit run streamlit_app.py` on `db_url` at a free port (or `port`), with more
    command-line options and environment if given; yields its base URL and stops the process
    group at the end. A start that fails shows the end of the app's log."""
    port = port or _free_port()
    log = (log_dir / "streamlit.log").open("w")
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "streamlit",
            "run",
            str(ROOT / "streamlit_app.py"),
            "--server.headless=true",
            "--server.address=127.0.0.1",
            f"--server.port={port}",
            "--server.fileWatcherType=none",
            "--browser.gatherUsageStats=false",
            *extra_args,
        ],
        cwd=ROOT,
        env={**os.environ, **(env or {}), "THIDUA_DB_URL": db_url},
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(120):
            try:
                if urllib.request.urlopen(f"{base}/_stcore/health", timeout=1).read() == b"ok":
                    break
            except OSError:
                time.sleep(0.5)
        else:
            log.flush()
            tail = Path(log.name).read_text(errors="replace")[-2000:]
            pytest.fail(f"the app did not start on {base}; its log ends with:\n{tail}")
        yield base
    finally:
        os.killpg(proc.pid, signal.SIGTERM)  # the process group we started, nothing else
        proc.wait(timeout=20)
        log.close()


@pytest.fixture(scope="session")
def app_server() -> Callable[[str, Path], contextlib.AbstractContextManager[str]]:
    """`serve_app` for tests that need the app on a database of their own."""
    return serve_app


@pytest.fixture(scope="session")
def app_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The app on a seeded database, served by `streamlit run`; stopped at the end."""
    _need_chromium()
    import seed

    url = f"sqlite:///{tmp_path_factory.mktemp('browser') / 'thidua.db'}"
    eng = make_engine(url)
    upgrade(eng)
    # as the app's first start loads it: 2019–2025, and 2026 in progress (monthly to November)
    seed.populate(eng, scale="demo", years=(2019, 2025), progress=False, in_progress_months=11)
    eng.dispose()
    with serve_app(url, tmp_path_factory.mktemp("log")) as base:
        yield base


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    _need_chromium()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield b
        b.close()


@pytest.fixture
def page(browser, app_url):
    context = browser.new_context(viewport=VIEWPORT, accept_downloads=True, locale="vi-VN")
    pg = context.new_page()
    pg.base_url = app_url  # type: ignore[attr-defined]
    yield pg
    context.close()


def _wait_idle(pg, timeout_s: float = 180) -> None:
    """Until the script has finished and no skeleton is left (charts draw just after)."""
    idle = "[data-testid='stApp'][data-test-script-state='notRunning']"
    pg.wait_for_selector(idle, timeout=timeout_s * 1000)
    calm, deadline = 0, time.monotonic() + timeout_s
    while calm < 4 and time.monotonic() < deadline:
        skeletons = pg.locator("[data-testid='stSkeleton']").count()
        calm = calm + 1 if pg.locator(idle).count() == 1 and skeletons == 0 else 0
        time.sleep(0.25)
    time.sleep(1.0)


@pytest.fixture
def goto(page):
    """`goto("/xep_hang?lang=en")`: open a path of the app and wait until it has rendered."""

    def go(path: str) -> None:
        page.goto(page.base_url + path)
        _wait_idle(page)

    return go


@pytest.fixture
def wait_idle(page):
    return lambda: _wait_idle(page)


@pytest.fixture
def shoot(page):
    """`shoot(name)` saves tests/browser/screenshots/<name>.png (git-ignored)."""

    def take(name: str) -> Path:
        SHOTS.mkdir(exist_ok=True)
        path = SHOTS / f"{name}.png"
        page.screenshot(path=str(path))
        return path

    return take
