"""Đơn vị: one unit's indicators against targets, early warnings, ratings, awards, monthly
evaluation progress, quota headroom and the list of people (rating, titles, eligibility),
filterable. With no unit chosen: the cluster's units side by side (indicator × unit with
status); a click on a row opens that unit."""

import polars as pl
import streamlit as st

from dashboard import vocabulary
from dashboard.charts import awards, bullet, layout, monthly, ratings
from dashboard.i18n import t
from dashboard.names import short_names
from dashboard.naming import with_names
from dashboard.ui import filters, lineage, loaders, panels, session, widgets
from dashboard.views import overview as ov
from dashboard.views import progress
from dashboard.views import unit as view

f = filters.current_filters()
lang = f.lang
st.title(t("page.unit", lang), anchor=False)
st.caption(widgets.md_escape(filters.scope_title(f)))
if f.year is None or f.cluster is None:
    filters.empty_state(f)
    st.stop()
# The scope's words: a military cluster or unit says CSTT, ĐVQT/ĐVTT, quân nhân.
profile = vocabulary.scope_profile(loaders.options().units, cluster=f.cluster, unit=f.unit)
panels.year_in_progress_note(f)  # a year in progress: its year-end figures are not in yet
lineage.unit_note(f)  # a merged unit's predecessors and decision; a predecessor's last year
if not f.unit:
    # Never an empty page: the cluster's units side by side, a click drills down.
    with widgets.guard(lang):
        units = loaders.options().units
        matrix = ov.status_matrix(
            loaders.indicators(years=(f.year,)), units, year=f.year, cluster=f.cluster
        )
        st.subheader(t("unit.side_by_side", lang), anchor=False)
        if matrix.height == 0:
            st.info(t("overview.no_targets", lang), icon=":material/flag:")
            filters.unit_picker(f)
        else:
            named = matrix.join(
                short_names(units).select("unit_code", "short_name"), on="unit_code", how="left"
            ).with_columns(unit_name=pl.coalesce("short_name", "unit_name"))
            wide = ov.status_wide(named, lang=lang, with_code=True, profile=profile)
            status_cols = {
                c: f"{c}__status" for c in wide.columns if f"{c}__status" in wide.columns
            }
            event = widgets.table(
                wide,
                lang=lang,
                alt=t("unit.side_by_side", lang),
                status_cols=status_cols,
                pinned=("unit_name",),
                hidden=("unit_code",),
                on_select="rerun",
                key="unit_matrix",
            )
            st.caption(t("unit.side_by_side.caption", lang))
            picked = event.selection.rows if event is not None else []
            if picked:
                filters.choose_unit(wide["unit_code"][picked[0]])
    with widgets.guard(lang):
        panels.early_warnings(
            loaders.early_warnings(f.year, f.cluster),
            short_names(loaders.options().units),
            lang=lang,
            key="warnings_cluster",
            cluster=f.cluster,
            unit=None,
        )
    st.stop()

cap_pct: float | None = None
with widgets.guard(lang):
    counts = loaders.counts()
    if counts.filter(pl.col("year") == f.year, pl.col("unit_code") == f.unit).height == 0:
        filters.empty_state(f)
        st.stop()
    # The cap the monthly chart measures against (a rating cap in force for the unit that year).
    caps = loaders.cap_so_far(f.year, f.cluster).filter(pl.col("unit_code") == f.unit)
    cap_pct = float(caps["limit"][0]) if caps.height else None


def monthly_section() -> None:
    with st.container(border=True), widgets.guard(lang):
        widgets.chart_with_downloads(
            loaders.unit_monthly(f.year, f.unit),
            lambda d: monthly.monthly_progress_chart(d, lang=lang, cap_pct=cap_pct),
            name=f"binh-xet-thang-{f.unit}-{filters.file_year(f)}",
            alt=t("chart.monthly.title", lang),
            empty=t("unit.no_monthly", lang),
            lang=lang,
            key="dl_monthly",
        )


if progress.scope_in_progress(counts, year=f.year, cluster=None, unit=f.unit):
    # A year in progress: what is known so far, its early warnings and the monthly evaluation;
    # the annual sections (ratings, awards, quotas, eligibility) would only draw "—".
    with widgets.guard(lang):
        panels.progress_figures(f, counts, profile=profile)
    with widgets.guard(lang):
        panels.scope_warnings(f, lang=lang, key="warnings_unit")
    monthly_section()
    with st.container(border=True), widgets.guard(lang):
        st.subheader(t("unit.progress.indicators", lang), anchor=False)
        known = loaders.indicators(years=(f.year,)).filter(
            pl.col("unit_code") == f.unit, pl.col("value_pct").is_not_null()
        )
        widgets.table(
            known.select(
                indicator_name=vocabulary.label_expr(
                    pl.col("indicator"), "indicator", lang, profile
                ),
                value_pct="value_pct",
                numerator="numerator",
                denominator="denominator",
            ),
            lang=lang,
            alt=t("unit.progress.indicators", lang),
            formats={"numerator": "int", "denominator": "int", "value_pct": "pct"},
            pinned=("indicator_name", "value_pct"),
            key="unit_ind_so_far",
            height=38 + 35 * max(known.height, 1),
        )
    st.caption(t("unit.progress.later", lang))
    st.stop()

# --- indicators against targets ------------------------------------------------------------------
with st.container(border=True), widgets.guard(lang):
    ind = loaders.indicators()
    rows = ov.scope_bullet(counts, ind, year=f.year, cluster=f.cluster, unit=f.unit)
    widgets.chart(
        bullet.bullet_chart(
            rows,
            lang=lang,
            title=t("chart.bullet.title", lang),
            subtitle=filters.scope_title(f),
            profile=profile,
        ),
        name=f"chi-tieu-{f.unit}-{filters.file_year(f)}",
        alt=t("overview.bullet.alt", lang),
    )
    table = ind.filter(pl.col("year") == f.year, pl.col("unit_code") == f.unit).with_columns(
        indicator_name=vocabulary.label_expr(pl.col("indicator"), "indicator", lang, profile)
    )
    # The answer first: the indicator, its value and status, then the target and the counts.
    shown = table.select(
        "indicator_name",
        "value_pct",
        layout.status_label_expr(pl.col("status"), lang),
        "target_min",
        "target_max",
        "numerator",
        "denominator",
        status__code=pl.col("status"),
    )
    widgets.table(
        shown,
        lang=lang,
        alt=t("unit.indicators", lang),
        formats={
            "numerator": "int",
            "denominator": "int",
            "value_pct": "pct",
            "target_min": "pct",
            "target_max": "pct",
        },
        status_cols={"status": "status__code"},
        pinned=("indicator_name", "value_pct", "status"),
        key="unit_ind",
        height=38 + 35 * shown.height,
    )
    widgets.downloads(
        table.select(
            "year",
            "unit_code",
            "indicator",
            "indicator_name",
            "numerator",
            "denominator",
            "value_pct",
            "target_min",
            "target_max",
            "status",
        ),
        name=f"chi-so-{f.unit}-{filters.file_year(f)}",
        lang=lang,
        key="dl_unit_ind",
    )

with widgets.guard(lang):
    panels.scope_warnings(f, lang=lang, key="warnings_unit", quiet=True)

# --- ratings and awards --------------------------------------------------------------------------
left, right = st.columns(2, border=True)
with left, widgets.guard(lang):
    widgets.chart_with_downloads(
        view.rating_distribution(counts, year=f.year, unit=f.unit),
        lambda d: ratings.rating_distribution_chart(d, lang=lang),
        name=f"xep-loai-{f.unit}-{filters.file_year(f)}",
        alt=t("chart.ratings.title", lang),
        empty=t("unit.no_ratings", lang),
        lang=lang,
        key="dl_dist",
    )
with right, widgets.guard(lang):
    widgets.chart_with_downloads(
        # named in the unit's words (the download too): a military unit's TTLDXS is ĐVQT
        loaders.unit_awards(f.year, f.unit).with_columns(
            award_name=vocabulary.label_expr(pl.col("award_code"), "award", lang, profile)
        ),
        lambda d: awards.awards_chart(d, lang=lang, profile=profile),
        name=f"khen-thuong-{f.unit}-{filters.file_year(f)}",
        alt=t("chart.awards.title", lang),
        empty=t("unit.no_awards", lang),
        lang=lang,
        key="dl_awards",
    )

# --- monthly evaluation progress -----------------------------------------------------------------
monthly_section()

# --- quota headroom ------------------------------------------------------------------------------
with st.container(border=True), widgets.guard(lang):
    st.subheader(t("unit.quotas", lang), anchor=False)
    q = loaders.quotas().filter(pl.col("year") == f.year, pl.col("unit_code") == f.unit)
    if q.height == 0:
        st.caption(t("unit.no_quotas", lang))
    else:
        with st.container(horizontal=True):
            for r in q.to_dicts():  # one card per cap rule (two or three)
                st.metric(
                    vocabulary.label("rule", r["rule"], lang, profile),
                    # one wording of a quota exceeded everywhere, never "Còn -1"
                    t("unit.quota_remaining", lang, n=r["remaining"])
                    if r["remaining"] is None or r["remaining"] >= 0
                    else t("unit.quota_over", lang, n=-r["remaining"]),
                    help=r[f"rule_text_{lang}"] + " — " + r["source"],
                    border=True,
                    delta=t("unit.quota_used", lang, used=r["used"], allowed=r["allowed"]),
                    delta_color="off",
                    delta_arrow="off",
                )
        widgets.downloads(
            with_names(
                q.drop("rule_text_vi", "rule_text_en"), units=loaders.options().units, lang=lang
            ),
            name=f"han-muc-{f.unit}-{filters.file_year(f)}",
            lang=lang,
            key="dl_quotas",
        )


# --- people --------------------------------------------------------------------------------------
@st.fragment
def people() -> None:
    """The search box and the filter rerun this section alone: nothing above depends on them,
    and a whole-page rerun rebuilt the page's charts on every search or click."""
    session.recheck_fragment()  # a fragment's own runs re-read the account too (issue 14)
    with st.container(border=True), widgets.guard(lang):
        st.subheader(t("unit.people", lang), anchor=False)
        everyone = loaders.unit_people(f.year, f.unit, lang)
        with st.container(horizontal=True, vertical_alignment="bottom"):
            query = st.text_input(
                t("unit.search", lang), key="people_q", placeholder=t("unit.search.hint", lang)
            )
            show = st.segmented_control(
                t("unit.show", lang),
                ["all", "candidates", "to_check"],
                default="all",
                required=True,
                format_func=lambda s: t(f"unit.show.{s}", lang),
                key="people_show",
            )
        listed = view.filter_people(everyone, query=query or "", show=show or "all")
        st.caption(t("unit.people.count", lang, shown=listed.height, total=everyone.height))
        # Name first, then the verdicts the list is read for (eligibility), then the facts.
        widgets.table(
            listed.select(view.PEOPLE_SHOWN),
            lang=lang,
            alt=t("unit.people", lang),
            key="people",
            pinned=("full_name",),
        )
        widgets.downloads(
            listed, name=f"danh-sach-{f.unit}-{filters.file_year(f)}", lang=lang, key="dl_people"
        )


people()
