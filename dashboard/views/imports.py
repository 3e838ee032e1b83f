"""The imports on Dữ liệu and on the command line: the change sets as a table in local time,
what a preview would create, and why an undo was refused, in the user's language."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from zoneinfo import ZoneInfo

import polars as pl

from dashboard.i18n import t
from dashboard.l10n import locale

# Times are stored in UTC and read where the officers are (issue 21).
TIME_ZONE = "Asia/Ho_Chi_Minh"
CREATED_ORDER = ("clusters", "units")


def local_text(at: dt.datetime | None, lang: str) -> str:
    """A stored UTC time as the local date and time ("07/12/2026 08:25" in vi)."""
    if at is None:
        return ""
    here = at.replace(tzinfo=dt.UTC).astimezone(ZoneInfo(TIME_ZONE))
    return f"{locale(lang).date(here.date())} {here:%H:%M}"


def _tables_text(tables: pl.DataFrame) -> pl.DataFrame:
    """id -> "units +1 ~1 · roster +20" (a count of zero left out)."""
    part = pl.concat_str(
        pl.col("table"),
        pl.when(pl.col("inserted") > 0).then(pl.format(" +{}", "inserted")).otherwise(pl.lit("")),
        pl.when(pl.col("updated") > 0).then(pl.format(" ~{}", "updated")).otherwise(pl.lit("")),
    )
    return tables.group_by("id", maintain_order=True).agg(part.str.join(" · ").alias("tables"))


def history(changes: pl.DataFrame, tables: pl.DataFrame, *, lang: str) -> pl.DataFrame:
    """One row per change set, newest first: id, at, who, files, tables, state (text) and
    undone (bool), times in local time."""
    nobody = t("imports.anonymous", lang)
    rows = []
    for r in changes.iter_rows(named=True):
        state = (
            t(
                "imports.state.undone",
                lang,
                at=local_text(r["undone_at"], lang),
                who=r["undone_by"] or nobody,
            )
            if r["undone_at"] is not None
            else t("imports.state.active", lang)
        )
        rows.append(
            (
                r["id"],
                local_text(r["at"], lang),
                r["username"] or nobody,
                r["files"],
                state,
                r["undone_at"] is not None,
            )
        )
    schema = {
        "id": pl.Int64,
        "at": pl.String,
        "who": pl.String,
        "files": pl.String,
        "state": pl.String,
        "undone": pl.Boolean,
    }
    frame = pl.DataFrame(rows, schema=schema, orient="row")
    frame = frame.join(_tables_text(tables), on="id", how="left", maintain_order="left")
    # The state before the files: the answer stays in view on a narrow screen.
    return frame.select("id", "at", "who", "state", "tables", "files", "undone")


def headers(lang: str) -> dict[str, str]:
    cols = ("id", "at", "who", "state", "tables", "files")
    return {c: t(f"imports.col.{c}", lang) for c in cols}


def created_text(created: Mapping[str, list[str]], lang: str, *, codes: int = 5) -> str:
    """ "1 cụm (CUM04), 1 đơn vị (PT_2)": what an import would create, with the first codes."""
    parts = []
    for name in CREATED_ORDER:
        found = created.get(name) or []
        if found:
            shown = ", ".join(found[:codes]) + (", …" if len(found) > codes else "")
            parts.append(f"{t(f'preview.n.{name}', lang, n=len(found))} ({shown})")
    return ", ".join(parts)


def refusal(key: str, params: Mapping[str, object], lang: str) -> str:
    """Why an undo was refused (data_access.changesets.UndoRefused's key and params)."""
    kw = dict(params)
    if isinstance(kw.get("at"), dt.datetime):
        kw["at"] = local_text(kw["at"], lang)  # type: ignore[arg-type]
    kw["who"] = kw.get("who") or t("imports.anonymous", lang)
    kw.setdefault("detail", "")
    return t(f"imports.refused.{key}", lang, **kw)
