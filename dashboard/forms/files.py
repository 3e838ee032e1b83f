"""A form's file, ready to download: what the command line writes and the Dữ liệu page offers."""

from __future__ import annotations

import polars as pl

from dashboard.forms.compute import form_table
from dashboard.forms.header import receiving_body, reporting_body
from dashboard.forms.layout import Layout, layout
from dashboard.i18n import t
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
    """Form `form` ("0602" | "0603") of report year `year` for a unit, a cluster or all, as XLSX
    or PDF. `ds` holds the awards of `year - 1` and `year` (the period starts in December)."""
    if fmt not in FORMATS:
        raise ValueError(t("files.unknown_format", lang, fmt=fmt, known=", ".join(FORMATS)))
    lay = form_layout(form, ds, year=year, cluster=cluster, unit=unit, lang=lang)
    if fmt == "pdf":
        from dashboard.forms.pdf import to_pdf

        return to_pdf(lay, lang=lang)
    from dashboard.forms.xlsx import to_xlsx

    return to_xlsx(lay, sheet=t("forms.sheet", lang, number=form), lang=lang)


def form_layout(
    form: str,
    ds: Dataset,
    *,
    year: int,
    cluster: str | None = None,
    unit: str | None = None,
    lang: str = "vi",
) -> Layout:
    """The form computed and laid out with its header bodies, as both file formats draw it."""
    table = form_table(form, ds, year=year, cluster=cluster, unit=unit)
    people = ds.people.select(pl.col("person_code").cast(pl.String), "full_name")
    return layout(
        table,
        reporting_unit=reporting_body(ds, year=year, cluster=cluster, unit=unit, lang=lang),
        receiver=receiving_body(ds, year=year, cluster=cluster, unit=unit, lang=lang),
        names=dict(people.iter_rows()),
        lang=lang,
    )


def file_name(form: str, year: int, fmt: str) -> str:
    return f"Bieu{form}_{year}.{fmt}"
