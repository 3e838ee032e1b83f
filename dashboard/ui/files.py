"""Issue 11's files in the app: the Circular 02/2023 forms (0602, 0603; XLSX and PDF) on Dữ
liệu and the cluster meeting pack (PDF) on Xếp hạng and Trình chiếu. Every file is built when
its button is clicked (not on each run) and audited with the user who drew the button."""

from __future__ import annotations

from collections.abc import Callable

import streamlit as st

from dashboard import access
from dashboard.forms.files import FORMATS, MIME, file_name, form_file
from dashboard.i18n import t
from dashboard.report.pdf import meeting_pack
from dashboard.ui import audit, loaders, session
from data_access.catalog.forms import FORMS


def _form_scope(cluster: str | None, unit: str | None) -> tuple[str | None, str | None] | None:
    """(cluster, unit) of the form this session may file: its unit, or a cluster it sees whole;
    None when neither (forms count awards, so a viewer of the cluster gets them too)."""
    p = session.principal_or_anonymous()
    units = loaders.all_options().units
    if unit:
        return (None, unit) if unit in access.visible_units(p, units) else None
    if cluster and cluster in access.visible_clusters(p, units):
        return (cluster, None)
    return None


def _build(
    form: str, fmt: str, year: int, cluster: str | None, unit: str | None, lang: str
) -> Callable[[], bytes]:
    # the scope is taken now: the click runs in a server thread without the session
    read = loaders.scope_reader(year, cluster=cluster, unit=unit)
    return lambda: form_file(
        form, read(), year=year, cluster=cluster, unit=unit, fmt=fmt, lang=lang
    )


def forms_section(year: int | None, cluster: str | None, unit: str | None, lang: str) -> None:
    """The forms 0602 and 0603 of the chosen unit (or whole cluster), XLSX and PDF."""
    scope = _form_scope(cluster, unit)
    if year is None or scope is None:
        return
    c, u = scope
    with st.container(border=True):
        st.subheader(t("files.forms_section", lang), anchor=False)
        for form in FORMS:
            with st.container(horizontal=True):
                for fmt in FORMATS:
                    name = file_name(form, year, fmt)
                    st.download_button(
                        t(f"files.download_form_{fmt}", lang, form=form),
                        data=audit.audited(_build(form, fmt, year, c, u, lang), name),
                        file_name=name,
                        mime=MIME[fmt],
                        on_click="ignore",
                        icon=":material/description:",
                        key=f"form_{form}_{fmt}",
                    )


def may_have_pack(cluster: str | None) -> bool:
    """The meeting pack names people (candidates, holders to check): an admin, or the
    secretary of that cluster."""
    p = session.principal_or_anonymous()
    if cluster is None or not access.can_see_persons(p):
        return False
    return p.is_admin or (p.role == "cluster_secretary" and p.scope_code == cluster)


def meeting_pack_button(
    year: int | None, cluster: str | None, lang: str, key: str, *, compact: bool = False
) -> None:
    """The cluster meeting pack (PDF), for those who may see its lists; `compact`: a short
    label (the projector's control row), the full one as its tooltip."""
    if year is None or not may_have_pack(cluster):
        return
    read = loaders.scope_reader(year, cluster=cluster)
    # the year as the cluster shows it: "2024-2025" for one on the school year
    name = f"tai-lieu-hop-cum-{cluster}-{loaders.options().file_year(year, cluster)}.pdf"
    st.download_button(
        t("files.download_report_short" if compact else "files.download_report", lang),
        help=t("files.download_report", lang) if compact else None,
        data=audit.audited(
            lambda: meeting_pack(read(), year=year, cluster=str(cluster), lang=lang), name
        ),
        file_name=name,
        mime="application/pdf",
        on_click="ignore",
        icon=":material/picture_as_pdf:",
        key=key,
    )
