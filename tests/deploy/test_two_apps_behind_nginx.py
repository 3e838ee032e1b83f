"""Two `streamlit run` processes behind nginx (deploy/nginx.conf.template) on one database:
health through the proxy, sticky routing per browser (X-Upstream), and the websocket upgrade
to /_stcore/stream. Everything started here is stopped at the end."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from string import Template

import pytest
import requests

ROOT = Path(__file__).resolve().parents[2]
NGINX = os.environ.get("THIDUA_NGINX", "/usr/sbin/nginx")
IN_CI = os.environ.get("CI", "").lower() == "true"
START_TIMEOUT = 90  # seconds for a Streamlit process to answer its health check


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_healthy(url: str, proc: subprocess.Popen, what: str) -> None:
    deadline = time.monotonic() + START_TIMEOUT
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            pytest.fail(f"{what} exited with {proc.returncode}")
        try:
            if requests.get(url, timeout=2).status_code == 200:
                return
        except requests.RequestException:
            pass
        time.sleep(0.3)
    pytest.fail(f"{what} did not answer {url} within {START_TIMEOUT} s")


def stop(proc: subprocess.Popen) -> None:
    if proc.poll() is None:
        proc.terminate()
        try:
            proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


@pytest.fixture(scope="module")
def nginx_bin() -> str:
    if not (os.path.exists(NGINX) and os.access(NGINX, os.X_OK)):
        if IN_CI:
            pytest.fail(f"nginx required in CI but not found at {NGINX}")
        pytest.skip(f"nginx not installed at {NGINX} (set THIDUA_NGINX to its path)")
    return NGINX


@pytest.fixture(scope="module")
def cluster(nginx_bin: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict]:
    """{"url": nginx base URL, "upstreams": {"127.0.0.1:port", …}} with everything running."""
    from data_access.engine import make_engine, upgrade
    from seed import populate

    tmp = tmp_path_factory.mktemp("deploy")
    db_url = f"sqlite:///{tmp / 'thidua.db'}"
    eng = make_engine(db_url)
    upgrade(eng)
    populate(eng, scale="demo", years=(2024, 2025), progress=False)
    eng.dispose()

    env = dict(os.environ, THIDUA_DB_URL=db_url, THIDUA_SNAPSHOT_DIR=str(tmp / "snapshots"))
    procs: list[subprocess.Popen] = []
    try:
        ports = [free_port(), free_port()]
        for port in ports:
            procs.append(
                subprocess.Popen(
                    [sys.executable, "-m", "streamlit", "run", "streamlit_app.py",
                     "--server.port", str(port), "--server.address", "127.0.0.1",
                     "--server.headless", "true", "--browser.gatherUsageStats", "false"],
                    cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                )
            )  # fmt: skip
        for port, proc in zip(ports, procs, strict=True):
            wait_healthy(f"http://127.0.0.1:{port}/_stcore/health", proc, f"streamlit :{port}")

        prefix = tmp / "nginx"
        prefix.mkdir()
        listen = free_port()
        conf = Template((ROOT / "deploy" / "nginx.conf.template").read_text()).safe_substitute(
            LISTEN=f"127.0.0.1:{listen}",
            UPSTREAMS="\n".join(f"        server 127.0.0.1:{p};" for p in ports),
            PIDFILE=str(prefix / "nginx.pid"),
            PREFIX=str(prefix),
        )
        (prefix / "nginx.conf").write_text(conf)
        cmd = [nginx_bin, "-p", str(prefix), "-c", str(prefix / "nginx.conf"),
               "-e", str(prefix / "error.log"), "-g", "daemon off;"]  # fmt: skip
        check = subprocess.run([*cmd, "-t"], capture_output=True, text=True, check=False)
        assert check.returncode == 0, check.stderr
        procs.append(subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL))
        url = f"http://127.0.0.1:{listen}"
        wait_healthy(f"{url}/_stcore/health", procs[-1], "nginx")
        yield {"url": url, "upstreams": {f"127.0.0.1:{p}" for p in ports}, "prefix": prefix}
    finally:
        for proc in reversed(procs):  # nginx first, then the apps
            stop(proc)
        shutil.rmtree(tmp / "nginx" / "proxy", ignore_errors=True)


def test_health_answers_through_the_proxy(cluster):
    r = requests.get(f"{cluster['url']}/_stcore/health", timeout=10)
    assert (r.status_code, r.text) == (200, "ok")
    assert r.headers["X-Upstream"] in cluster["upstreams"]


def test_the_same_browser_always_reaches_the_same_process(cluster):
    browser = requests.Session()
    first = browser.get(f"{cluster['url']}/_stcore/health", timeout=10)
    assert "thidua_route" in browser.cookies  # set on the first visit only
    seen = {
        browser.get(f"{cluster['url']}/_stcore/health", timeout=10).headers["X-Upstream"]
        for _ in range(10)
    }
    assert seen == {first.headers["X-Upstream"]}
    assert "Set-Cookie" not in browser.get(f"{cluster['url']}/", timeout=10).headers


def test_new_browsers_spread_over_both_processes(cluster):
    # Each new browser gets a random key; 20 of them all on one of 2 processes would be a
    # chance of 2 × 2^-20, so seeing both means the key, not the address, routes.
    seen = {
        requests.get(f"{cluster['url']}/_stcore/health", timeout=10).headers["X-Upstream"]
        for _ in range(20)
    }
    assert seen == cluster["upstreams"]


def test_websocket_upgrade_reaches_the_browsers_process(cluster):
    from websockets.sync.client import connect

    browser = requests.Session()
    upstream = browser.get(f"{cluster['url']}/", timeout=10).headers["X-Upstream"]
    cookie = f"thidua_route={browser.cookies['thidua_route']}"
    ws_url = cluster["url"].replace("http://", "ws://") + "/_stcore/stream"
    with connect(ws_url, additional_headers={"Cookie": cookie}, open_timeout=10) as ws:
        assert ws.response.status_code == 101
        assert ws.response.headers["X-Upstream"] == upstream


def test_media_urls_are_not_in_the_access_log(cluster):
    # Issue 20: the download's URL is its only key; the proxy must not keep it.
    secret = "0123456789abcdef0123456789abcdef0123456789abcdef01234567"
    requests.get(f"{cluster['url']}/media/{secret}.csv", timeout=10)
    requests.get(f"{cluster['url']}/_stcore/health?marker=logged", timeout=10)
    log = cluster["prefix"] / "access.log"
    deadline = time.monotonic() + 5
    while "marker=logged" not in log.read_text() and time.monotonic() < deadline:
        time.sleep(0.1)  # nginx writes its log line after the response
    text = log.read_text()
    assert "marker=logged" in text
    assert secret not in text and "/media/" not in text


def _front_end_bundle(url: str) -> str:
    """The path of the front end's entry bundle, read from the app's HTML."""
    import re

    html = requests.get(f"{url}/", timeout=10).text
    found = re.search(r'src="\./(static/js/index\.[^"]+\.js)"', html)
    assert found, "no entry bundle in the app's HTML"
    return found.group(1)


def test_the_front_end_comes_compressed_and_cacheable(cluster):
    bundle = _front_end_bundle(cluster["url"])
    plain = requests.get(f"{cluster['url']}/{bundle}", headers={"Accept-Encoding": "identity"},
                         timeout=10)  # fmt: skip
    assert "Content-Encoding" not in plain.headers
    raw = len(plain.content)
    zipped = requests.get(f"{cluster['url']}/{bundle}", headers={"Accept-Encoding": "gzip"},
                          timeout=10, stream=True)  # fmt: skip
    on_the_wire = zipped.raw.read(decode_content=False)
    assert zipped.headers["Content-Encoding"] == "gzip"
    assert zipped.headers["Vary"] == "Accept-Encoding"
    assert len(on_the_wire) < raw / 2  # minified JavaScript shrinks several times over
    import gzip

    assert gzip.decompress(on_the_wire) == plain.content
    # content-hashed: a browser keeps it; the HTML and the /_stcore/ answers it asks again
    assert "immutable" in zipped.headers["Cache-Control"]
    assert "max-age=31536000" in zipped.headers["Cache-Control"]
    for path in ("/", "/_stcore/health", "/_stcore/host-config"):
        assert requests.get(f"{cluster['url']}{path}", timeout=10).headers["Cache-Control"] == (
            "no-cache"
        ), path
