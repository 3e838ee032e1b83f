"""Candidates beyond the remaining quota, said in one wording wherever it is said (Bình xét's
warning, the nomination list and its cover letter): "vượt hạn mức n người"."""

from __future__ import annotations

import polars as pl

from dashboard import vocabulary
from dashboard.i18n import t
from dashboard.l10n import locale
from dashboard.names import short_names
from data_access.catalog import load_catalog


def over_text(n: int, lang: str) -> str:
    """The one wording of a quota exceeded by `n` people."""
    return t("quota.over_by", lang, n=locale(lang).integer(n))


def pressure(
    elig: pl.DataFrame, quotas: pl.DataFrame, units: pl.DataFrame, *, year: int, lang: str,
    profile: str = "civil",
) -> list[str]:  # fmt: skip
    """One line per unit and capped title whose candidates (eligible, not yet awarded) outnumber
    what its quota has left: "Hà Nam: 4 trường hợp đủ tiêu chuẩn CSTĐCS, hạn mức còn 2 — vượt
    hạn mức 2 người"."""
    caps = {r.code: r.params["award"] for r in load_catalog().rules if "award" in r.params
            and r.kind == "cap"}  # fmt: skip
    q = quotas.filter(pl.col("year") == year, pl.col("rule").cast(pl.String).is_in(list(caps)))
    if q.height == 0 or elig.height == 0:
        return []
    names = dict(short_names(units).select("unit_code", "short_name").iter_rows())
    todo = elig.filter(pl.col("eligible") & ~pl.col("awarded"))
    lines = []
    for r in q.sort("unit_code").iter_rows(named=True):
        award = caps[str(r["rule"])]
        n = todo.filter(
            (pl.col("unit_code").cast(pl.String) == str(r["unit_code"]))
            & (pl.col("award_code") == award)
        ).height
        room = max(int(r["remaining"] or 0), 0)
        if n > room:
            loc = locale(lang)
            unit = names.get(str(r["unit_code"]), r["unit_code"])
            title = vocabulary.label("award", award, lang, profile)
            over = over_text(n - room, lang)
            lines.append(t("review.over_quota", lang, unit=unit, n=loc.integer(n), award=title,
                           room=loc.integer(room), over=over))  # fmt: skip
    return lines
