"""Dữ liệu: what is loaded (rows per table and year, the data version, the last import), upload
CSV/XLSX (preview, progress, row errors), the import template, and a download of every
analytics table (CSV with BOM and XLSX, human headers)."""

import streamlit as st

from dashboard.i18n import t
from dashboard.l10n import locale
from dashboard.tables import TABLES
from dashboard.ui import audit, filters, importing, loaders, locks, widgets
from dashboard.ui.files import forms_section  # `files` is the upload's list below
from dashboard.views import loaded as loaded_view
from data_access import settings
from data_access.importer import ImportReport

f = filters.current_filters()
lang = f.lang
st.title(t("page.data", lang), anchor=False)

# --- what is loaded -----------------------------------------------------------------------------
with st.container(border=True), widgets.guard(lang):
    st.subheader(t("loaded.title", lang), anchor=False)
    rows, version, last = loaders.loaded()
    loc = locale(lang)
    with st.container(horizontal=True):
        st.metric(
            t("loaded.version", lang),
            (version or "—")[:8],
            help=t("loaded.version.help", lang),
            border=True,
        )
        if last is None:
            st.metric(t("loaded.last_import", lang), "—", border=True)
        else:
            st.metric(
                t("loaded.last_import", lang),
                f"{loc.date(last.at.date())} {last.at:%H:%M} UTC",
                delta=t(
                    "loaded.last_import.who",
                    lang,
                    who=last.username or t("loaded.anonymous", lang),
                    files=last.detail,
                )
                + (
                    ""
                    if last.rows is None
                    else " · " + t("loaded.last_import.rows", lang, rows=loc.integer(last.rows))
                ),
                delta_color="off",
                delta_arrow="off",
                border=True,
            )
    if last is None:
        st.caption(t("loaded.last_import.none", lang))
    wide = loaded_view.rows_wide(rows, lang=lang)
    widgets.table(
        wide,
        lang=lang,
        alt=t("loaded.title", lang),
        formats={c: "int" for c in wide.columns if c != "loaded_table"},
        pinned=("loaded_table",),
        key="loaded",
        height=38 + 35 * wide.height,
    )
    st.caption(t("loaded.caption", lang))


def problems(report: ImportReport, *, key: str) -> None:
    """An import's or a preview's errors (the first ones on screen with the total, every one in a
    CSV download) and its warnings, in the report's language."""
    if report.error_count:
        shown, note = report.screen()
        importing.report_table(shown, alt=t("data.import.errors", lang), key=f"{key}_err")
        if note:
            st.caption(note)
        st.download_button(
            t("data.import.errors_csv", lang),
            data=report.errors_csv,  # built on the click: a long report is hundreds of MB
            file_name="loi-nhap-du-lieu.csv",
            mime="text/csv",
            on_click="ignore",
            icon=":material/download:",
            key=f"{key}_err_csv",
        )
    if report.warning_frame.height:
        st.warning(
            t("data.import.warnings", lang, n=report.warning_frame.height),
            icon=":material/warning:",
        )
        importing.report_table(
            report.localized(report.warning_frame, warning=True),
            alt=t("data.import.warnings", lang, n=report.warning_frame.height),
            key=f"{key}_warn",
        )


# --- import --------------------------------------------------------------------------------------
with st.container(border=True):
    st.subheader(t("data.import", lang), anchor=False)
    st.caption(t("data.import.caption", lang))
    if not importing.can_upload():  # viewers and unit officers: no uploader at all
        st.info(t("auth.no_import", lang), icon=":material/lock:")
        uploaded = None
    else:
        widgets.upload_box_texts(lang, max_mb=int(settings.get("import_max_file_mb")))
        uploaded = st.file_uploader(
            t("data.upload", lang),
            type=["csv", "xlsx"],
            accept_multiple_files=True,
            key="upload",
        )
    report = st.session_state.pop("_import_report", None)
    if report is not None:
        if report.ok:
            st.success(t("data.import.ok", lang), icon=":material/check_circle:")
            widgets.table(
                report.summary_frame(),
                lang=lang,
                alt=t("data.import.summary", lang),
                formats={"inserted": "int", "updated": "int", "unchanged": "int"},
            )
        else:
            st.error(t("data.import.failed", lang, n=report.error_count), icon=":material/error:")
        problems(report, key="import")
    if uploaded:
        files = [(u.name, u.getvalue()) for u in uploaded]
        unreadable = False  # a file the preview could not read fails the import too
        with widgets.guard(lang):
            previews, found = importing.preview_files(files, lang=lang)
            problems(found, key="preview")
            unreadable = found.error_count > 0
            for i, p in enumerate(previews):
                with st.expander(
                    t(
                        "data.preview",
                        lang,
                        file=widgets.md_escape(p.file),
                        table=p.table,
                        rows=p.rows,
                    ),
                    expanded=i == 0,
                ):
                    st.dataframe(p.head, hide_index=True, alt=t("data.preview.alt", lang))
        if unreadable:
            st.caption(t("data.import.blocked", lang))
        if st.button(
            t("data.import.run", lang),
            type="primary",
            icon=":material/upload:",
            key="run_import",
            disabled=unreadable,
        ):
            bar = st.progress(0.0, text=t("data.import.start", lang))
            with widgets.guard(lang):
                result = importing.run_import(
                    files, lang=lang, progress=lambda frac, msg: bar.progress(frac, text=msg)
                )
                st.session_state["_import_report"] = result
                st.rerun()  # the sidebar and every cached view pick up the new data version

# --- template ------------------------------------------------------------------------------------
with st.container(border=True):
    st.subheader(t("data.template", lang), anchor=False)
    st.caption(t("data.template.caption", lang))
    st.download_button(
        t("data.template.download", lang),
        data=importing.template_bytes,
        file_name="mau-nhap-du-lieu-thi-dua.xlsx",
        on_click="ignore",
        mime=widgets.XLSX_MIME,
        icon=":material/download:",
        key="template",
    )

# --- the Circular 02/2023 forms (0602, 0603) ------------------------------------------------------
forms_section(f.year, f.cluster, f.unit, lang)

# --- closed years (khóa sổ): admins and the cluster's secretary ---------------------------------
locks.lock_section(f.year, f.cluster, filters.cluster_name(f.cluster), lang)

# --- analytics tables ----------------------------------------------------------------------------
st.subheader(t("data.tables", lang), anchor=False)
if f.year is None:
    filters.empty_state(f)
else:
    st.caption(t("data.tables.caption", lang, scope=widgets.md_escape(filters.scope_title(f))))
    for name, cell in zip(TABLES, st.columns(3, border=True) * 2, strict=True):
        with cell, widgets.guard(lang):
            frame = loaders.analytics_table(name, year=f.year, cluster=f.cluster, unit=f.unit)
            st.markdown(f"**{t(f'table.{name}', lang)}**")
            st.caption(t("data.tables.rows", lang, rows=frame.height))
            widgets.downloads(
                frame,
                name=f"{name}-{f.unit or f.cluster}-{filters.file_year(f)}",
                lang=lang,
                key=f"dl_{name}",
            )

# --- audit log (administrators) -----------------------------------------------------------------
if audit.audit_visible():  # admins under password/oidc (open mode has nobody to audit)
    with st.expander(t("audit.title", lang), icon=":material/policy:"), widgets.guard(lang):
        st.caption(t("audit.caption", lang, days=audit.retention_days()))
        log = audit.audit_log()
        widgets.table(log, lang=lang, alt=t("audit.title", lang), key="audit_log")
