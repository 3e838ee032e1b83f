"""A form as a one-page A4 landscape PDF (Typst), from the same layout as the workbook."""

from __future__ import annotations

import dataclasses
import datetime as dt

from dashboard import clock
from dashboard.forms.layout import Layout, cell_text
from dashboard.i18n import t
from dashboard.typst import render


def to_pdf(lay: Layout, *, lang: str = "vi", exported: dt.date | None = None) -> bytes:
    day = exported or clock.today()
    data = {
        **{k: v for k, v in dataclasses.asdict(lay).items() if k != "body"},
        "body": [
            {"label": label, "code": code, "unit": unit, "bold": bold, "merged": merged,
             "cells": [{"text": cell_text(v, lang), "marker": not isinstance(v, int)}
                       for v in values]}
            for (label, code, unit), values, bold, merged in lay.body
        ],
        "lang": lang,
        "exported": t("files.exported_on", lang,
                      date=day.strftime("%d/%m/%Y" if lang == "vi" else "%Y-%m-%d")),
        "page_word": t("files.page_of", lang, page="", pages="").split()[0],
    }  # fmt: skip
    return render("form.typ", data)
