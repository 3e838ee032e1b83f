"""The documents as files, ready to download: what the command line writes and the pages offer
(one function for both, so the app's file is the command line's)."""

from __future__ import annotations

import datetime as dt

from dashboard.documents import nominations as nom
from dashboard.documents import summary as summ
from dashboard.documents.render import MIME, docx_to_pdf
from data_access.readers import Dataset

NOMINATION_FORMATS = ("docx", "xlsx")
SUMMARY_FORMATS = ("docx", "pdf")
__all__ = ["MIME", "file_name", "nominations_file", "summary_file"]


def nominations_file(
    ds: Dataset,
    *,
    year: int,
    unit: str,
    award: str,
    fmt: str = "docx",
    lang: str = "vi",
    today: dt.date | None = None,
) -> bytes:
    n = nom.nominations(ds, year=year, unit=unit, award=award, lang=lang)
    if fmt == "xlsx":
        return nom.to_xlsx(n, lang=lang, exported=today)
    return nom.to_docx(ds, n, lang=lang, today=today)


def summary_file(
    ds: Dataset,
    *,
    year: int,
    cluster: str | None = None,
    unit: str | None = None,
    fmt: str = "docx",
    lang: str = "vi",
    today: dt.date | None = None,
) -> bytes:
    data = summ.to_docx(ds, year=year, cluster=cluster, unit=unit, lang=lang, today=today)
    return docx_to_pdf(data) if fmt == "pdf" else data


def file_name(kind: str, scope: str, year: int, fmt: str, award: str | None = None) -> str:
    """ "DeNghi_CSTDCS_NB_TCT_2024.docx", "TongKet_NB_TCT_2024.pdf"."""
    if kind == "nominations":
        return f"DeNghi_{award}_{scope}_{year}.{fmt}"
    return f"TongKet_{scope}_{year}.{fmt}"
