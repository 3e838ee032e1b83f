"""The documented nginx (deploy/nginx.conf.template) in front of one app process, so the browser
stage downloads what a deployed browser downloads: compressed where the proxy compresses. The
template is filled in the way tests/deploy/test_two_apps_behind_nginx.py fills it."""

from __future__ import annotations

import contextlib
import os
import shutil
import socket
import subprocess
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from string import Template

ROOT = Path(__file__).resolve().parents[1]
NGINX = os.environ.get("THIDUA_NGINX", "/usr/sbin/nginx")
TEMPLATE = ROOT / "deploy" / "nginx.conf.template"


def available() -> bool:
    """nginx is installed where the deploy test looks for it."""
    return os.path.exists(NGINX) and os.access(NGINX, os.X_OK)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def config(listen: int, upstream: int, prefix: Path) -> str:
    """The template filled in for one upstream on this machine."""
    return Template(TEMPLATE.read_text()).safe_substitute(
        LISTEN=f"127.0.0.1:{listen}",
        UPSTREAMS=f"        server 127.0.0.1:{upstream};",
        PIDFILE=str(prefix / "nginx.pid"),
        PREFIX=str(prefix),
    )


@contextlib.contextmanager
def in_front(upstream: int, folder: Path) -> Iterator[str]:
    """The base URL of nginx proxying to 127.0.0.1:`upstream`; stopped at the end."""
    prefix = folder / f"nginx-{upstream}"
    prefix.mkdir(parents=True, exist_ok=True)
    listen = _free_port()
    (prefix / "nginx.conf").write_text(config(listen, upstream, prefix))
    cmd = [NGINX, "-p", str(prefix), "-c", str(prefix / "nginx.conf"),
           "-e", str(prefix / "error.log"), "-g", "daemon off;"]  # fmt: skip
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{listen}"
    try:
        for _ in range(300):
            if proc.poll() is not None:
                raise RuntimeError(f"nginx exited: {(prefix / 'error.log').read_text()[-500:]}")
            try:
                if urllib.request.urlopen(f"{base}/_stcore/health", timeout=1).read() == b"ok":
                    break
            except OSError:
                time.sleep(0.05)
        yield base
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
        shutil.rmtree(prefix, ignore_errors=True)
