"""Helpers for the role tests: an AppTest run as a given principal under password mode, and
the texts an AppTest rendered (tables, captions, metrics, charts, sidebar options)."""

from __future__ import annotations

import json
import os
from pathlib import Path

import polars as pl
from streamlit.testing.v1 import AppTest

from dashboard.access import Principal
from data_access import accounts
from data_access.engine import make_engine

PASSWORD = "mật-khẩu-thử-nghiệm"  # test accounts on scratch databases

APP = str(Path(__file__).resolve().parents[2] / "streamlit_app.py")
SLUGS = {
    "overview": "tong_quan",
    "unit": "don_vi",
    "ranking": "xep_hang",
    "trends": "xu_huong",
    "review": "binh_xet",
    "data": "du_lieu",
    "projector": "trinh_chieu",
}


def run_as(principal: Principal | None, page: str = "overview", **params: str) -> AppTest:
    """The app, signed in as `principal` (None: anonymous), on `page` with URL `params`."""
    at = AppTest.from_file(APP, default_timeout=120)
    if principal is not None:
        ensure_account(principal)
        at.session_state["_principal"] = principal
    for k, v in params.items():
        at.query_params[k] = v
    if page != "overview":
        at.query_params["page"] = SLUGS[page]
    return at.run()


def ensure_account(p: Principal, url: str | None = None) -> None:
    """A real, enabled account for `p` in the app's database: every run re-reads the account,
    so a principal without one would be signed out at once."""
    eng = make_engine(url or os.environ["THIDUA_DB_URL"])
    try:
        have = {a.username: a for a in accounts.list_users(eng)}.get(p.username or "")
        if have is None:
            accounts.add_user(eng, p.username, PASSWORD, role=p.role, scope_code=p.scope_code)
            return
        if (have.role, have.scope_code) != (p.role, None if p.role == "admin" else p.scope_code):
            accounts.change_user(eng, p.username, role=p.role, scope_code=p.scope_code)
        if have.disabled:
            accounts.set_disabled(eng, p.username, False)
    finally:
        eng.dispose()


def rendered_text(at: AppTest) -> str:
    """Everything the page put on screen as text, tables and chart data included."""
    parts: list[str] = []
    for df in at.dataframe:
        parts.append(df.value.to_string())
    for kind in ("markdown", "caption", "title", "subheader", "warning", "info", "error"):
        parts += [str(e.value) for e in at.get(kind)]
    for m in at.metric:
        parts += [m.label, str(m.value)]
    for c in at.get("plotly_chart"):
        parts.append(json.dumps(json.loads(c.proto.spec), ensure_ascii=False))
    for sb in at.selectbox:
        parts += [str(o) for o in sb.options]
    for pills in at.get("button_group"):
        parts.append(str(pills.proto))
    return "\n".join(parts)


def units_frame(url: str) -> pl.DataFrame:
    eng = make_engine(url)
    try:
        return pl.read_database("SELECT unit_code, unit_name, cluster_code FROM units", eng)
    finally:
        eng.dispose()


def person_names(url: str) -> list[str]:
    eng = make_engine(url)
    try:
        return pl.read_database("SELECT full_name FROM people", eng)["full_name"].to_list()
    finally:
        eng.dispose()


def forbidden_units(url: str, visible: set[str]) -> list[str]:
    """Codes and names of units outside `visible` that no visible unit's name contains."""
    units = units_frame(url)
    seen_names = units.filter(pl.col("unit_code").is_in(list(visible)))["unit_name"].to_list()
    hidden = units.filter(~pl.col("unit_code").is_in(list(visible)))
    names = [n for n in hidden["unit_name"].to_list() if not any(n in s for s in seen_names)]
    return hidden["unit_code"].to_list() + names
