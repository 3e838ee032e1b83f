"""The app as a user meets it: `streamlit run` in its own process, driven by Chromium through
Playwright. Cold start to the first chart, warm year changes (until the app's script state is
`notRunning`), every page visited (the process's peak RSS after that), and an import of a new
roster year until the overview shows it.

Beside it, in the same run, the floor (bench/floor_app.py: a bare Streamlit app with one select
box and one Plotly chart): its cold start first, then the app's, then warm changes alternating
between the two, so both are measured at the same load. When nginx is installed each process is
reached through the documented proxy (bench/proxy.py), so the bytes before the first chart are
those a deployed browser downloads."""

from __future__ import annotations

import contextlib
import os
import re
import signal
import socket
import statistics
import subprocess
import sys
import threading
import time
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
APP = ROOT / "streamlit_app.py"
FLOOR = ROOT / "bench" / "floor_app.py"
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
# The floor's rerun is too short to be drawn as "running": it is done when its chart shows the
# year picked (the chart's title) and the script is idle.
FLOOR_DONE = """(year) => {
  const title = document.querySelector("[data-testid='stPlotlyChart'] .gtitle");
  return title !== null && title.textContent === year
    && document.querySelector("[data-testid='stApp']")
         .getAttribute('data-test-script-state') === 'notRunning'; }"""
# Bytes over HTTP since the page was opened, as transferred (headers and the body as sent,
# compressed or not; a file from the browser's cache counts 0). The websocket's messages are
# not resources and are not counted.
TRANSFERRED = """() => performance.getEntriesByType('navigation')
  .concat(performance.getEntriesByType('resource'))
  .reduce((n, e) => n + (e.transferSize || 0), 0)"""
MORE_ENTRIES = "performance.setResourceTimingBufferSize(5000)"  # the front end is ~100 files
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
def serve(
    db_url: str,
    env: dict[str, str],
    log: Path,
    *,
    script: Path = APP,
    front: Path | None = None,
    warm_up: bool = False,
) -> Iterator[tuple[str, int, float]]:
    """(base URL, pid, perf_counter at start) of `streamlit run SCRIPT` on `db_url`; stopped
    (its own process group) at the end. With `front` (a folder), the base URL is nginx's
    (deploy/nginx.conf.template) in front of the process. With `warm_up`, as soon as the server
    answers, its script health check (`/_stcore/script-health-check`) is asked for in the
    background: Streamlit runs the script once in a session of its own, which imports the app
    and fills the first data version's caches while the browser loads the front end."""
    port = _free_port()
    out = log.open("w")
    started = time.perf_counter()
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "streamlit",
            "run",
            str(script),
            "--server.headless=true",
            "--server.address=127.0.0.1",
            f"--server.port={port}",
            "--server.fileWatcherType=none",
            "--browser.gatherUsageStats=false",
            *(["--server.scriptHealthCheckEnabled=true"] if warm_up else []),
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
        if warm_up:
            threading.Thread(target=_script_health_check, args=(base,), daemon=True).start()
        if front is None:
            yield base, proc.pid, started
        else:
            from bench import proxy

            with proxy.in_front(port, front) as proxied:
                yield proxied, proc.pid, started
    finally:
        os.killpg(proc.pid, signal.SIGTERM)  # the group started here, nothing else
        try:
            proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()
        out.close()


def _script_health_check(base: str) -> None:
    with contextlib.suppress(OSError):
        urllib.request.urlopen(f"{base}/_stcore/script-health-check", timeout=TIMEOUT_MS / 1000)


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


def change_floor(page: Any, year: int) -> float:
    """Pick `year` in the floor app's box; seconds until its chart shows that year."""
    _year_box(page).click()
    t0 = page.evaluate("performance.now()")
    page.get_by_role("option", name=re.compile(rf"^{year}(\s|$)")).click()
    done = page.wait_for_function(
        f"(year) => ({FLOOR_DONE})(year) && performance.now()",
        arg=str(year),
        timeout=WARM_TIMEOUT_MS,
    )
    return (done.json_value() - t0) / 1000


def pct(xs: list[float], q: float) -> float:
    s = sorted(xs)
    return s[min(len(s) - 1, max(0, round(q * (len(s) - 1))))]


def _cold(browser: Any, base: str, pid: int, started: float) -> tuple[Any, dict[str, float]]:
    """A fresh browser context (empty cache) opens `base`: (its page, {cold_s: process start →
    first chart visible, cold_page_s: the page requested → first chart visible, cold_cpu_s:
    the process's CPU then, first_bytes: HTTP bytes the browser downloaded until then})."""
    ctx = browser.new_context(viewport={"width": 1920, "height": 1080}, locale="vi-VN")
    ctx.add_init_script(MORE_ENTRIES)
    page = ctx.new_page()
    page.goto(base + "/")
    page.wait_for_selector(CHART, state="visible", timeout=TIMEOUT_MS)
    got = {"cold_s": time.perf_counter() - started, "cold_cpu_s": cpu_s(pid)}
    got["first_bytes"] = page.evaluate(TRANSFERRED)
    got["cold_page_s"] = page.evaluate("performance.now()") / 1000  # from the page's request
    page.wait_for_selector(IDLE, timeout=TIMEOUT_MS)
    return page, got


def _warm_figures(runs: list[float], cpu: float) -> dict[str, Any]:
    n = max(1, len(runs))
    return {"warm_runs": runs, "warm_p50": pct(runs, 0.5), "warm_p95": pct(runs, 0.95),
            "warm_cpu_s": cpu / n}  # fmt: skip


def floor_figures(app: dict[str, Any], floor: dict[str, Any]) -> dict[str, float | None]:
    """The app's figures against the floor's of the same run: ratios of the warm change (p50,
    p95, CPU per change) and of the cold start, and what the cold start costs above the floor
    (wall and CPU). None where either side is missing."""

    def ratio(a: float | None, b: float | None) -> float | None:
        return a / b if a is not None and b else None

    def over(a: float | None, b: float | None) -> float | None:
        return a - b if a is not None and b is not None else None

    return {
        "floor_cold_s": floor.get("cold_s"),
        "floor_warm_s": floor.get("warm_p50"),
        "warm_ratio": ratio(app.get("warm_p50"), floor.get("warm_p50")),
        "warm_p95_ratio": ratio(app.get("warm_p95"), floor.get("warm_p95")),
        "warm_cpu_ratio": ratio(app.get("warm_cpu_s"), floor.get("warm_cpu_s")),
        "cold_ratio": ratio(app.get("cold_s"), floor.get("cold_s")),
        "cold_over_s": over(app.get("cold_s"), floor.get("cold_s")),
        "cold_cpu_over_s": over(app.get("cold_cpu_s"), floor.get("cold_cpu_s")),
    }


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
    floor: bool = True,
    nginx: bool = True,
    warm_up: bool = False,
    say: Callable[[str], None] = lambda s: None,
) -> dict[str, Any]:
    """Every browser figure of one app process, and with `floor` the floor app's beside it
    (under "floor"; see the module doc). `do_import` writes the new roster year and returns
    perf_counter at its commit; `new_year` is the year it adds. With `nginx` (and nginx
    installed) both are reached through the documented proxy."""
    from playwright.sync_api import sync_playwright

    from bench import proxy
    from dashboard.i18n import t

    front = log.parent / "proxy" if nginx and proxy.available() else None
    out: dict[str, Any] = {"behind_nginx": front is not None}
    fl: dict[str, Any] = {}
    floor_env = dict(env, BENCH_FLOOR_LABEL=t("filter.year", "vi"),
                     BENCH_FLOOR_YEARS=f"{years[-2]},{years[-1]}")  # fmt: skip
    with sync_playwright() as p, contextlib.ExitStack() as floor_stack:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        try:
            fpage = None
            if floor:  # the floor first, then the app: each with an empty browser cache
                fbase, fpid, fstarted = floor_stack.enter_context(
                    serve(db_url, floor_env, log.with_name(log.stem + "-floor.log"),
                          script=FLOOR, front=front)
                )  # fmt: skip
                fpage, got = _cold(browser, fbase, fpid, fstarted)
                fl |= got
                say(f"  floor: cold start → first chart {got['cold_s']:.2f} s, CPU "
                    f"{got['cold_cpu_s']:.1f} s, {got['first_bytes']:,} bytes")  # fmt: skip
            with serve(db_url, env, log, front=front, warm_up=warm_up) as (base, pid, started):
                page, got = _cold(browser, base, pid, started)
                out |= got
                say(f"  cold start → first chart {got['cold_s']:.2f} s, CPU "
                    f"{got['cold_cpu_s']:.1f} s, {got['first_bytes']:,} bytes")  # fmt: skip
                warm, fwarm, cpu, fcpu = [], [], 0.0, 0.0
                for i in range(1, runs + 1):  # alternating: both at the same load
                    year = years[-2] if i % 2 else years[-1]
                    c0 = cpu_s(pid)
                    warm.append(change_year(page, year))
                    cpu += cpu_s(pid) - c0
                    if fpage is not None:
                        c0 = cpu_s(fpid)
                        fwarm.append(change_floor(fpage, year))
                        fcpu += cpu_s(fpid) - c0
                out |= _warm_figures(warm, cpu)
                say(f"  warm year changes {[round(w, 3) for w in warm]}")
                if fpage is not None:
                    fl |= _warm_figures(fwarm, fcpu)
                    say(f"  floor: warm year changes {[round(w, 3) for w in fwarm]}")
                    floor_stack.close()  # the floor is not needed for the pages and the import
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
    if fl:
        out["floor"] = fl
        out |= floor_figures(out, fl)
    return out
