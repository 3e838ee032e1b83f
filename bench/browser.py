"""The app as a user meets it: `streamlit run` in its own process, driven by Chromium through
Playwright. Cold start to the first chart, warm year changes (until the app's script state is
`notRunning`), every page visited (the process's peak RSS after that), and an import of a new
roster year until the overview shows it."""

from __future__ import annotations

import contextlib
import os
import re
import signal
import socket
import statistics
import subprocess
import sys
import time
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
CHROMIUM = "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking"]
IDLE = "[data-testid='stApp'][data-test-script-state='notRunning']"
CHART = "[data-testid='stPlotlyChart']"
METRIC = "[data-testid='stMetric']"  # a year in progress shows its staff card, not a chart
PAGES = ("tong_quan", "don_vi", "xep_hang", "xu_huong", "binh_xet", "du_lieu", "trinh_chieu")
TIMEOUT_MS = 600_000  # a national cold page on a loaded machine
WARM_TIMEOUT_MS = 120_000
# Records every change of the app's script state with its time (performance.now, ms).
OBSERVE = """() => {
  window.__states = [];
  const app = document.querySelector("[data-testid='stApp']");
  new MutationObserver(() => window.__states.push(
      [performance.now(), app.getAttribute('data-test-script-state')]))
    .observe(app, {attributes: true, attributeFilter: ['data-test-script-state']});
}"""
DONE_SINCE = """(t0) => window.__states.some(s => s[0] >= t0 && s[1] === 'running')
  && document.querySelector("[data-testid='stApp']")
       .getAttribute('data-test-script-state') === 'notRunning'"""
LAST_IDLE = """(t0) => { const s = window.__states.filter(x => x[0] >= t0 && x[1] === 'notRunning');
  return s.length ? s[s.length - 1][0] : performance.now(); }"""


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def peak_rss_mb(pid: int) -> float:
    """The process's peak resident set (VmHWM) in MB."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def cpu_s(pid: int) -> float:
    """User + system CPU seconds the process has used so far."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


@contextlib.contextmanager
def serve(db_url: str, env: dict[str, str], log: Path) -> Iterator[tuple[str, int, float]]:
    """(base URL, pid, perf_counter at start) of `streamlit run` on `db_url`; stopped (its own
    process group) at the end."""
    port = _free_port()
    out = log.open("w")
    started = time.perf_counter()
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
        ],
        cwd=ROOT,
        env={**env, "THIDUA_DB_URL": db_url, "THIDUA_AUTH_MODE": "open"},
        stdout=out,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(600):
            if proc.poll() is not None:
                raise RuntimeError(f"the app exited: {log.read_text()[-500:]}")
            try:
                if urllib.request.urlopen(f"{base}/_stcore/health", timeout=1).read() == b"ok":
                    break
            except OSError:
                time.sleep(0.1)
        yield base, proc.pid, started
    finally:
        os.killpg(proc.pid, signal.SIGTERM)  # the group started here, nothing else
        try:
            proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()
        out.close()


def _open(page: Any, url: str) -> None:
    page.goto(url)
    page.wait_for_selector(IDLE, timeout=TIMEOUT_MS)


def _year_box(page: Any) -> Any:
    from dashboard.i18n import t

    return page.locator("[data-testid='stSelectbox']").filter(has_text=t("filter.year", "vi")).first


def shown_year(page: Any) -> str:
    """The year the year box holds (its combobox input's value), without the words beside a
    year in progress ("2026 · đang diễn ra" → "2026")."""
    return _year_box(page).get_by_role("combobox").input_value().split(" ", 1)[0]


def change_year(page: Any, year: int) -> float:
    """Pick `year` in the year box; seconds until the rerun it starts is `notRunning`."""
    page.evaluate(OBSERVE)
    _year_box(page).click()
    t0 = page.evaluate("performance.now()")
    # "2024", or "2024 · đang diễn ra" for a year without year-end results yet
    page.get_by_role("option", name=re.compile(rf"^{year}(\s|$)")).click()
    page.wait_for_function(DONE_SINCE, arg=t0, timeout=WARM_TIMEOUT_MS)
    return (page.evaluate(LAST_IDLE, t0) - t0) / 1000


def pct(xs: list[float], q: float) -> float:
    s = sorted(xs)
    return s[min(len(s) - 1, max(0, round(q * (len(s) - 1))))]


def measure(
    db_url: str,
    env: dict[str, str],
    log: Path,
    *,
    years: list[int],
    runs: int = 10,
    pages: tuple[str, ...] = PAGES,
    do_import: Callable[[], float] | None = None,
    new_year: int | None = None,
    say: Callable[[str], None] = lambda s: None,
) -> dict[str, Any]:
    """Every browser figure of one app process (see the module doc). `do_import` writes the new
    roster year and returns perf_counter at its commit; `new_year` is the year it adds."""
    from playwright.sync_api import sync_playwright

    out: dict[str, Any] = {}
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        try:
            ctx = browser.new_context(viewport={"width": 1920, "height": 1080}, locale="vi-VN")
            page = ctx.new_page()
            with serve(db_url, env, log) as (base, pid, started):
                page.goto(base + "/")
                page.wait_for_selector(CHART, state="visible", timeout=TIMEOUT_MS)
                out["cold_s"] = time.perf_counter() - started
                out["cold_cpu_s"] = cpu_s(pid)  # the app's CPU: the load of a shared machine aside
                cold, cpu = out["cold_s"], out["cold_cpu_s"]
                say(f"  cold start → first chart {cold:.2f} s, CPU {cpu:.1f} s")
                page.wait_for_selector(IDLE, timeout=TIMEOUT_MS)
                warm = [
                    change_year(page, years[-2] if i % 2 else years[-1]) for i in range(1, runs + 1)
                ]
                out |= {"warm_runs": warm, "warm_p50": pct(warm, 0.5), "warm_p95": pct(warm, 0.95)}
                say(f"  warm year changes {[round(w, 3) for w in warm]}")
                for slug in pages:
                    _open(page, f"{base}/{slug}")
                out["pages"] = list(pages)
                out["app_peak_mb"] = peak_rss_mb(pid)
                say(f"  app peak after every page {out['app_peak_mb']:.0f} MB")
                if do_import is not None and new_year is not None:
                    committed = do_import()
                    deadline = time.perf_counter() + TIMEOUT_MS / 1000
                    while time.perf_counter() < deadline:
                        # asked for by the link: a roster-only year is a year in progress, and
                        # the app opens on the latest year with year-end results
                        _open(page, f"{base}/?year={new_year}")
                        if shown_year(page) == str(new_year):
                            page.wait_for_selector(METRIC, state="visible", timeout=TIMEOUT_MS)
                            break
                    out["import_visible_s"] = time.perf_counter() - committed
                    out["app_peak_after_import_mb"] = peak_rss_mb(pid)
                    say(
                        f"  import → visible {out['import_visible_s']:.2f} s; app peak now "
                        f"{out['app_peak_after_import_mb']:.0f} MB; CPU {cpu_s(pid):.1f} s"
                    )
        finally:
            browser.close()
    out["warm_median"] = statistics.median(out["warm_runs"]) if out.get("warm_runs") else None
    return out
