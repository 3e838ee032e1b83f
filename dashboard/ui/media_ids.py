"""Unguessable download URLs (issue 20). Streamlit 1.67 names a stored file `/media/<id>` with
the id a hash of its bytes, type and name (`memory_media_file_storage._calculate_file_id`), and
serves it to any request: the same CSV had the same URL in every session, process and copy of
the database, so a URL seen once (a proxy log, a shared screen) fetched it again anywhere.

`install()` (the entry point, every run; idempotent) wraps that function: the id becomes an
HMAC, under a key made at random when the process starts, of the session's id and Streamlit's
hash — stable within one session (the browser may cache its own images), different in every
other session and process, and not computable from the file. A file built by a click runs in a
server thread without a session: it gets a random id, new at every click. Streamlit's own
tests of this module are the guard: tests/browser/test_session_security.py checks the URLs.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from collections.abc import Callable

_KEY = secrets.token_bytes(32)
_MARK = "_thidua_private_ids"


def _private(original: Callable[..., str]) -> Callable[..., str]:
    def file_id(data: bytes, mimetype: str, filename: str | None = None) -> str:
        from streamlit.runtime.scriptrunner_utils.script_run_context import get_script_run_ctx

        ctx = get_script_run_ctx(suppress_warning=True)
        who = ctx.session_id if ctx is not None else secrets.token_hex(16)
        base = original(data, mimetype, filename)
        return hmac.new(_KEY, f"{who}:{base}".encode(), hashlib.sha224).hexdigest()

    setattr(file_id, _MARK, True)
    return file_id


def install() -> None:
    """Make this process's media ids private (once)."""
    from streamlit.runtime import memory_media_file_storage as storage

    if not getattr(storage._calculate_file_id, _MARK, False):
        storage._calculate_file_id = _private(storage._calculate_file_id)
