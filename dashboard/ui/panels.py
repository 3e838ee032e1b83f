"""Sections shared by several pages: the early-warning panel (Tổng quan and Đơn vị) and the
notice of a year in progress (every page)."""

from __future__ import annotations

import polars as pl
import streamlit as st

from dashboard.formatting import fmt_int
from dashboard.i18n import t
from dashboard.l10n import locale
from dashboard.names import short_names
from dashboard.ui import filters, loaders, widgets
from dashboard.ui.filters import Filters
from dashboard.views import progress
from dashboard.views import warnings as warnings_view
from dashboard.vocabulary import term


def early_warnings(
    frame: pl.DataFrame,
    names: pl.DataFrame,
    *,
    lang: str,
    key: str,
    cluster: str | None,
    unit: str | None,
    quiet: bool = False,
) -> None:
    """The early warnings of the scope: a one-line summary, then one row per unit and warning
    (the unit first and pinned). `quiet`: no section at all when there is nothing to say."""
    rows = warnings_view.in_scope(frame, cluster=cluster, unit=unit)
    if rows.height == 0 and quiet:
        return  # one unit with nothing to warn about: no section (its monthly chart says more)
    st.subheader(t("warning.title", lang), anchor=False)
    summary = warnings_view.summary_text(rows, lang=lang)
    if rows.height == 0:
        st.success(summary, icon=":material/schedule:")
        return
    # Not st.warning: warnings on a page are the URL notices (tests count them); orange text
    # with its icon says the same without posing as one.
    st.markdown(f":material/notification_important: :orange[**{widgets.md_escape(summary)}**]")
    shown = warnings_view.warning_table(rows, names, lang=lang)
    widgets.table(
        shown,
        lang=lang,
        alt=t("warning.title", lang),
        pinned=("warning_unit",),
        key=key,
        height=min(320, 38 + 35 * shown.height),
    )
    st.caption(t("warning.caption", lang))
    widgets.downloads(
        pl.concat([shown, rows], how="horizontal"),
        name=f"canh-bao-som-{cluster or ''}-{unit or ''}".rstrip("-"),
        lang=lang,
        key=f"dl_{key}",
    )


def scope_warnings(f: Filters, *, lang: str, key: str, quiet: bool = False) -> None:
    """The early-warning panel of the filters' year, cluster and unit."""
    early_warnings(
        loaders.early_warnings(f.year, f.cluster),
        short_names(loaders.options().units),
        lang=lang,
        key=key,
        cluster=f.cluster,
        unit=f.unit,
        quiet=quiet,
    )


def year_in_progress_note(f: Filters) -> bool:
    """A year with no year-end result yet: say so, and which year last has them (instead of
    letting empty charts speak). True when said."""
    if not filters.in_progress(f.year):
        return False
    opts = loaders.options()
    last = progress.default_year(opts.years, opts.in_progress)
    body = (
        t("progress.body", f.lang, last=last)
        if last is not None and last not in opts.in_progress
        else t("progress.body.none", f.lang)
    )
    st.info(
        body,
        icon=":material/pending:",
        title=t("progress.title", f.lang, year=filters.year_text(f.year, f.cluster)),
    )
    return True


def year_in_progress(f: Filters, counts: pl.DataFrame, *, profile: str) -> bool:
    """Tổng quan of a scope whose year is in progress: the notice, then what is known so far
    (`progress_figures`). True when shown: the annual sections would only draw "—"."""
    if f.year is None or not progress.scope_in_progress(
        counts, year=f.year, cluster=f.cluster, unit=f.unit
    ):
        return False
    if not year_in_progress_note(f):
        st.info(t("progress.body.none", f.lang), icon=":material/pending:")
    progress_figures(f, counts, profile=profile)
    return True


def progress_figures(f: Filters, counts: pl.DataFrame, *, profile: str) -> None:
    """What a year in progress knows so far, pooled over the scope: staff, the monthly ratings,
    their HTXSNV share of all ratings, and beside it each rating cap's own ratio (HTXSNV over
    HTTNV), its cap and allowance, so the two percentages cannot be taken for each other."""
    assert f.year is not None
    lang = f.lang
    so_far = progress.monthly_so_far(counts, year=f.year, cluster=f.cluster, unit=f.unit)
    caps = progress.cap_ratio_so_far(
        loaders.cap_so_far(f.year, f.cluster), cluster=f.cluster, unit=f.unit
    )
    loc = locale(lang)
    dash = "—"
    figures: list[tuple[str, object, str | None, str, str]] = [
        (term("kpi.staff", lang, profile), so_far["staff"], None, "int", ""),
        (
            t("progress.months", lang),
            so_far["person_months_rated"],
            "progress.months.help",
            "int",
            "",
        ),
        (t("progress.share", lang), so_far["share_pct"], "progress.share.help", "pct", ""),
    ]
    for cap in caps:
        if f.unit and cap["allowed"] is not None:
            note = t(
                "progress.cap.unit",
                lang,
                cap=loc.pct(float(cap["limit"])),
                allowed=loc.integer(int(cap["allowed"])),
                used=loc.integer(int(cap["used"])),
            )
        else:
            note = t(
                "progress.cap.cluster",
                lang,
                cap=loc.pct(float(cap["limit"])),
                n=loc.integer(int(cap["units_over"])),
            )
        figures.append((t("progress.cap", lang), cap["value"], "progress.cap.help", "pct", note))
    for col, (label, value, help_key, kind, note) in zip(
        st.columns(len(figures)), figures, strict=True
    ):
        with col.container(border=True, height="stretch"):
            if value is None:
                text = dash
            elif kind == "pct":
                text = loc.pct(float(value))
            else:
                text = fmt_int(int(value), lang)
            st.metric(label, text, help=t(help_key, lang) if help_key else None)
            if note:
                st.caption(note)
