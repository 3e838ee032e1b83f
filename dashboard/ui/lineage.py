"""The organisation's changes on the pages: a merged unit's predecessors and decision, a
predecessor's last year, the rank change not compared, the merger marks of a trend line. The
answers come from `dashboard.views.lineage` (which asks `dashboard.organisation`)."""

from __future__ import annotations

import polars as pl
import streamlit as st

from dashboard.formatting import fmt_date
from dashboard.i18n import t
from dashboard.names import short_names
from dashboard.ui import loaders, widgets
from dashboard.ui.filters import Filters
from dashboard.views import lineage as view


def _names(codes: tuple[str, ...] | list[str]) -> str:
    """Units' full names (any unit, whatever the scope: a predecessor's name is no secret)."""
    units = loaders.all_options().units
    known = dict(zip(units["unit_code"], units["unit_name"], strict=True))
    return ", ".join(known.get(c, c) for c in codes)


def _short(codes: tuple[str, ...] | list[str]) -> str:
    """Units' short names, for a chart's narrow label."""
    got = short_names(loaders.all_options().units)
    known = dict(zip(got["unit_code"], got["short_name"], strict=True))
    return ", ".join(known.get(c, c) for c in codes)


def _decision(change: view.Change, lang: str) -> str:
    if change.decision:
        return t("lineage.decision", lang, decision=change.decision)
    return t("lineage.no_decision", lang)


def unit_note(f: Filters) -> None:
    """On a unit's page: what it was formed from (from the year of its change on), or, in its
    last year, what it went into."""
    if not f.unit or f.year is None:
        return
    ds = loaders.dataset()
    lang = f.lang
    made = view.formed_from(ds, f.unit)
    if made is not None and f.year >= made.year:
        key = "lineage.formed_from.merge" if made.kind == "merge" else "lineage.formed_from.other"
        body = t(
            key,
            lang,
            date=fmt_date(made.date, lang),
            names=_names(made.codes),
            decision=_decision(made, lang),
            kind=t(f"lineage.kind.{made.kind}", lang),
        )
        st.info(widgets.md_escape(body), icon=":material/call_merge:")
    gone = view.merged_into(ds, f.unit, f.year)
    if gone is not None:
        body = t(
            "lineage.merged_into",
            lang,
            year=loaders.options().year_text(f.year, f.cluster),
            date=fmt_date(gone.date, lang),
            names=_names(gone.codes),
            decision=_decision(gone, lang),
            kind=t(f"lineage.kind.{gone.kind}", lang),
        )
        st.info(widgets.md_escape(body), icon=":material/call_split:")


def rank_note(ranked: pl.DataFrame, year: int, lang: str, *, year_text: str) -> None:
    """Under a ranking: the units whose rank is not compared, and why."""
    codes = view.not_compared(ranked, view.changed_units(loaders.dataset(), year))
    if codes:
        body = t("ranking.not_compared", lang, year=year_text, names=_names(codes))
        st.caption(widgets.md_escape(body))


def rank_note_short(ranked: pl.DataFrame, year: int, lang: str, *, year_text: str) -> str | None:
    """The same note without the names (the projector's chart marks those units), or None."""
    codes = view.not_compared(ranked, view.changed_units(loaders.dataset(), year))
    return t("ranking.not_compared.short", lang, year=year_text) if codes else None


def trend_marks(f: Filters) -> list[tuple[int, str]]:
    """(year, label) of the changes that made the chosen unit, for the trend chart's markers."""
    marks = view.trend_marks(loaders.dataset(), f.unit)
    return [
        (
            m.year,
            t("trends.merged_mark", f.lang, date=fmt_date(m.date, f.lang)) + ": " + _short(m.codes),
        )
        for m in marks
    ]


def pooled_note(f: Filters, trends: pl.DataFrame) -> None:
    """Under Xu hướng: before its merger the unit's line is its predecessors' pooled value. The
    codes come from the trends frame's `pooled_from` when the engine gives it, else from the
    changes themselves."""
    marks = view.trend_marks(loaders.dataset(), f.unit)
    if not marks or f.unit is None:
        return
    for m in marks:
        codes: list[str] = sorted({*m.codes, f.unit})
        if "pooled_from" in trends.columns:
            mine = trends.filter((pl.col("unit_code") == f.unit) & (pl.col("year") < m.year))[
                "pooled_from"
            ].drop_nulls()
            mine = mine.filter(mine != "")
            if mine.len():
                codes = sorted({c for v in mine.to_list() for c in v.split(";") if c})
        body = t(
            "trends.pooled_from",
            f.lang,
            year=loaders.options().year_text(m.year, f.cluster),
            unit=_names([f.unit]),
            names=_names(codes),
            date=fmt_date(m.date, f.lang),
        )
        st.caption(widgets.md_escape(body))
