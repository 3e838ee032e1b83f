"""Issue 19's documents in the app: the nomination list with its cover letter on Bình xét, the
annual summary report on Tổng quan and Xếp hạng. Each file is made by the same function as the
command line's (`dashboard.documents.files`), built when its button is clicked and audited."""

from __future__ import annotations

import polars as pl
import streamlit as st

from dashboard import access, organisation, vocabulary
from dashboard.documents import files
from dashboard.i18n import t
from dashboard.ui import audit, loaders, session
from dashboard.ui.files import _form_scope
from data_access.catalog import load_catalog

ICONS = {"docx": ":material/description:", "xlsx": ":material/table:",
         "pdf": ":material/picture_as_pdf:"}  # fmt: skip


def _awards(profile: str, year: int) -> list[str]:
    """The titles the rule book judges (criteria or streak rules) for the profile and year."""
    rules = load_catalog().rules_for(year, profile)
    codes = [r.params["award"] for r in rules if r.kind in ("criteria", "streak")
             and "award" in r.params]  # fmt: skip
    return list(dict.fromkeys(codes))


def nominations_section(year: int | None, unit: str | None, lang: str, profile: str) -> None:
    """A title to choose and the list with its cover letter, Word or Excel (a unit only)."""
    if year is None:
        return
    p = session.principal_or_anonymous()
    with st.container(border=True):
        st.subheader(t("documents.download_nominations", lang), anchor=False)
        if not unit:
            st.caption(t("documents.choose_unit_first", lang))
            return
        units = loaders.all_options().units
        if unit not in access.visible_units(p, units) or not access.can_see_persons(p):
            return
        codes = _awards(profile, year)
        award = st.selectbox(
            t("documents.choose_award", lang), codes, key="nomination_award",
            format_func=lambda c: vocabulary.label("award", c, lang, profile),
        )  # fmt: skip
        read = loaders.scope_reader(year, unit=unit)
        with st.container(horizontal=True):
            for fmt in files.NOMINATION_FORMATS:
                name = files.file_name("nominations", unit, year, fmt, award=award)
                st.download_button(
                    t(f"documents.download_{fmt}", lang),
                    help=t("documents.download_nominations_help", lang),
                    data=audit.audited(
                        lambda fmt=fmt, award=award: files.nominations_file(
                            read(), year=year, unit=unit, award=award, fmt=fmt, lang=lang
                        ),
                        name,
                    ),
                    file_name=name,
                    mime=files.MIME[fmt],
                    on_click="ignore",
                    icon=ICONS[fmt],
                    key=f"nominations_{fmt}",
                )


def summary_buttons(
    year: int | None, cluster: str | None, unit: str | None, lang: str, key: str
) -> None:
    """The annual summary report of the unit (or the whole cluster), Word and PDF."""
    scope = _form_scope(cluster, unit)
    if year is None or scope is None:
        return
    c, u = scope
    # a unit's report ranks it in its cluster: read that year's cluster of the unit whole
    own = c
    if own is None:
        m = organisation.membership(loaders.dataset(), [year]).filter(pl.col("unit_code") == u)
        own = str(m["cluster_code"][0]) if m.height else None
    read = loaders.scope_reader(year, cluster=own) if own else loaders.scope_reader(year, unit=u)
    with st.container(horizontal=True):
        for fmt in files.SUMMARY_FORMATS:
            name = files.file_name("summary", u or str(c), year, fmt)
            st.download_button(
                f"{t('documents.summary_section', lang)} ({t(f'documents.download_{fmt}', lang)})",
                help=t("documents.summary_help", lang),
                data=audit.audited(
                    lambda fmt=fmt: files.summary_file(
                        read(), year=year, cluster=c, unit=u, fmt=fmt, lang=lang
                    ),
                    name,
                ),
                file_name=name,
                mime=files.MIME[fmt],
                on_click="ignore",
                icon=ICONS[fmt],
                key=f"{key}_{fmt}",
            )
