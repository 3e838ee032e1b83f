"""A form's file, ready to download: what the command line writes and the Dữ liệu page offers."""

from __future__ import annotations

from dashboard.forms.compute import form_table
from dashboard.forms.layout import layout
from dashboard.i18n import t
from dashboard.naming import scope_name
from data_access.readers import Dataset

FORMATS = ("xlsx", "pdf")
MIME = {
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "pdf": "application/pdf",
}


def form_file(
    form: str,
    ds: Dataset,
    *,
    year: int,
    cluster: str | None = None,
    unit: str | None = None,
    fmt: str = "xlsx",
    lang: str = "vi",
) -> bytes:
    """Form `form` ("0602" | "0603") of `year` for a unit, a cluster or all, as XLSX or PDF."""
    if fmt not in FORMATS:
        raise ValueError(t("files.unknown_format", lang, fmt=fmt, known=", ".join(FORMATS)))
    table = form_table(form, ds, year=year, cluster=cluster, unit=unit)
    where = scope_name(ds, cluster=cluster, unit=unit, lang=lang)
    lay = layout(table, reporting_unit=where, lang=lang)
    if fmt == "pdf":
        from dashboard.forms.pdf import to_pdf

        return to_pdf(lay, lang=lang)
    from dashboard.forms.xlsx import to_xlsx

    return to_xlsx(lay, sheet=t("forms.sheet", lang, number=form), lang=lang)


def file_name(form: str, year: int, fmt: str) -> str:
    return f"Bieu{form}_{year}.{fmt}"
