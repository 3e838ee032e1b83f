"""Dữ liệu's list of imports (change sets) and their undo ("Hoàn tác"): for those who may
import; a cluster secretary's undo is held to their cluster as their import is."""

from __future__ import annotations

import streamlit as st

from dashboard.i18n import t
from dashboard.ui import audit, importing, session, widgets
from dashboard.views import imports as view
from data_access import changesets

LIMIT = 100  # the latest change sets listed


def history_section(lang: str) -> None:
    """The imports that changed data, newest first, and the undo of one of them."""
    if not importing.can_upload():
        return
    with st.container(border=True):
        st.subheader(t("imports.title", lang), anchor=False)
        st.caption(t("imports.caption", lang))
        said = st.session_state.pop("_undo_said", None)
        if said is not None:
            ok, message = said
            if ok:
                st.success(message, icon=":material/undo:")
            else:
                st.error(message, icon=":material/block:")
        with widgets.guard(lang):
            engine = session.get_engine()
            changes = changesets.list_changesets(engine, limit=LIMIT)
            if changes.is_empty():
                st.info(t("imports.none", lang), icon=":material/history:")
                return
            tables = changesets.changeset_tables(engine, changes["id"].to_list())
            frame = view.history(changes, tables, lang=lang)
            widgets.table(
                frame,
                lang=lang,
                alt=t("imports.title", lang),
                headers=view.headers(lang),
                hidden=("undone",),
                pinned=("id",),
                key="imports_table",
            )
            active = frame.filter(~frame["undone"])
            if active.is_empty():
                return
            label = {r["id"]: t("imports.option", lang, **r) for r in active.iter_rows(named=True)}
            # Keyed on the newest import: after an import (or an undo) the choice starts on the
            # newest again, never on one the browser still remembers from before.
            pick = st.selectbox(
                t("imports.pick", lang),
                options=list(label),
                format_func=lambda i: label[i],
                key=f"undo_pick_{int(frame['id'][0])}",
            )
            if st.button(
                t("imports.undo", lang),
                help=t("imports.undo.help", lang),
                icon=":material/undo:",
                key="undo_import",
            ):
                _undo(int(pick), lang)


def _undo(changeset: int, lang: str) -> None:
    p = session.principal_or_anonymous()
    try:
        res = changesets.undo(
            session.get_engine(),
            changeset,
            actor=audit.actor(),
            scope_check=importing.scope_check(p),
        )
    except changesets.UndoRefused as exc:
        st.session_state["_undo_said"] = (False, view.refusal(exc.key, exc.params, lang))
    else:
        deleted, restored = sum(res.deleted.values()), sum(res.restored.values())
        text = t("imports.undone", lang, id=changeset, deleted=deleted, restored=restored)
        st.session_state["_undo_said"] = (True, text)
    st.rerun()  # the sidebar and every cached view pick up the new data version
