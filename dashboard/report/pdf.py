"""The meeting pack as an A4 landscape PDF (Typst): vector charts, Noto Sans embedded."""

from __future__ import annotations

import datetime as dt

from dashboard.report.data import report_data
from dashboard.typst import render
from data_access.readers import Dataset


def meeting_pack(
    ds: Dataset, *, year: int, cluster: str, lang: str = "vi", today: dt.date | None = None
) -> bytes:
    """The PDF bytes of the cluster's meeting pack for `year`."""
    return render("report.typ", report_data(ds, year=year, cluster=cluster, lang=lang,
                                            today=today))  # fmt: skip
