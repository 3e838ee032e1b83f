"""Dữ liệu: upload CSV/XLSX (preview, progress, row errors), the import template, and a download
of every analytics table (CSV with BOM and XLSX, human headers)."""

import streamlit as st

from dashboard.i18n import t
from dashboard.tables import TABLES
from dashboard.ui import audit, filters, importing, loaders, locks, widgets
from dashboard.ui.files import forms_section  # `files` is the upload's list below

f = filters.current_filters()
lang = f.lang
st.title(t("page.data", lang), anchor=False)

# --- import --------------------------------------------------------------------------------------
with st.container(border=True):
    st.subheader(t("data.import", lang), anchor=False)
    st.caption(t("data.import.caption", lang))
    if not importing.can_upload():  # viewers and unit officers: no uploader at all
        st.info(t("auth.no_import", lang), icon=":material/lock:")
        uploaded = None
    else:
        uploaded = st.file_uploader(
            t("data.upload", lang),
            type=["csv", "xlsx"],
            accept_multiple_files=True,
            key="upload",
        )
    report = st.session_state.pop("_import_report", None)
    if report is not None:
        if report["ok"]:
            st.success(t("data.import.ok", lang), icon=":material/check_circle:")
            widgets.table(
                report["frame"],
                lang=lang,
                alt=t("data.import.summary", lang),
                formats={"inserted": "int", "updated": "int", "unchanged": "int"},
            )
        else:
            st.error(
                t("data.import.failed", lang, n=report["frame"].height), icon=":material/error:"
            )
            widgets.table(
                report["frame"], lang=lang, alt=t("data.import.errors", lang), key="errors"
            )
            widgets.downloads(report["frame"], name="loi-nhap-du-lieu", lang=lang, key="dl_errors")
    if uploaded:
        files = [(u.name, u.getvalue()) for u in uploaded]
        with widgets.guard(lang):
            previews = importing.preview_files(files)
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
        if st.button(
            t("data.import.run", lang), type="primary", icon=":material/upload:", key="run_import"
        ):
            bar = st.progress(0.0, text=t("data.import.start", lang))
            with widgets.guard(lang):
                result = importing.run_import(
                    files, lang=lang, progress=lambda frac, msg: bar.progress(frac, text=msg)
                )
                st.session_state["_import_report"] = {"ok": result.ok, "frame": result.to_frame()}
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
                frame, name=f"{name}-{f.unit or f.cluster}-{f.year}", lang=lang, key=f"dl_{name}"
            )

# --- audit log (administrators) -----------------------------------------------------------------
if audit.audit_visible():  # admins under password/oidc (open mode has nobody to audit)
    with st.expander(t("audit.title", lang), icon=":material/policy:"), widgets.guard(lang):
        st.caption(t("audit.caption", lang, days=audit.retention_days()))
        log = audit.audit_log()
        widgets.table(log, lang=lang, alt=t("audit.title", lang), key="audit_log")
