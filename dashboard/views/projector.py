"""The projector's slides: which slides and how fast (from the link), the year's highlights for
a cluster, and the pooled trend lines of the headline indicators."""

from __future__ import annotations

from dataclasses import dataclass

import polars as pl

from dashboard.collation import vn_key
from dashboard.l10n import locale
from dashboard.views import progress
from dashboard.vocabulary import term

HEADLINE: tuple[str, ...] = ("LDTT_RATE", "CSTDCS_OF_LDTT", "TTLDXS_OF_TTLDTT", "HIGHER_AWARD_RATE")
SLIDES: tuple[str, ...] = ("ranking", "targets", "trends", "highlights")  # the default show
# Slides a link may ask for besides the default ones: the early warnings (a mid-year meeting
# wants them; at the year-end review they are history).
EXTRA_SLIDES: tuple[str, ...] = ("warnings",)
SECONDS = 15
EVERY_RANGE = (5, 600)  # seconds a slide stays up: long enough to read, short enough to move


@dataclass(frozen=True)
class Show:
    """The slides in the order shown, the seconds each stays up, and what in the link was
    not understood (shown to the presenter; the default is used instead)."""

    slides: tuple[str, ...]
    every: int
    invalid: tuple[str, ...] = ()


def parse_show(slides: str | None, every: str | None) -> Show:
    """`?slides=ranking,targets&every=20` → the show. Names are the slide keys (SLIDES), in the
    order wanted, each once; an unknown or repeated name, or an `every` that is not a whole
    number of seconds in EVERY_RANGE, is reported and the default taken for that parameter.

    >>> parse_show("targets,ranking", "20")
    Show(slides=('targets', 'ranking'), every=20, invalid=())
    >>> show = parse_show("ranking,pie", "2")
    >>> show.slides == SLIDES, show.every, show.invalid
    (True, 15, ('slides=ranking,pie', 'every=2'))
    """
    invalid: list[str] = []
    chosen = SLIDES
    if slides is not None and slides.strip():
        names = [s.strip().lower() for s in slides.split(",") if s.strip()]
        known = (*SLIDES, *EXTRA_SLIDES)
        if names and all(n in known for n in names) and len(set(names)) == len(names):
            chosen = tuple(names)
        else:
            invalid.append(f"slides={slides}")
    seconds = SECONDS
    if every is not None and every.strip():
        text = every.strip()
        lo, hi = EVERY_RANGE
        if text.isdigit() and lo <= int(text) <= hi:
            seconds = int(text)
        else:
            invalid.append(f"every={every}")
    return Show(chosen, seconds, tuple(invalid))


def highlights(
    counts: pl.DataFrame,
    ind: pl.DataFrame,
    ranking: pl.DataFrame,
    *,
    year: int,
    cluster: str,
    lang: str,
    profile: str = "civil",
    warnings: pl.DataFrame | None = None,
) -> list[dict[str, str]]:
    """Big-number cards for the year: staff, the pooled LĐTT rate, persons with CSTĐCS or
    higher, units with every target met, the leading unit and the unit that rose most (by
    their short names when `ranking` has them).
    Each card: key, label, value (text), labelled in the words of the cluster's `profile`
    (quân nhân, CSTT for a military one). A figure the data cannot give is left out, never 0.
    A year in progress for the cluster (no year-end measure, and no ranking row: a final
    score is a year-end result too) gets `progress_highlights` instead: no leader, riser or
    targets met from empty figures."""
    ranked = ranking.filter(pl.col("year") == year, pl.col("cluster_code") == cluster)
    if ranked.height == 0 and progress.scope_in_progress(
        counts, year=year, cluster=cluster, unit=None
    ):
        return progress_highlights(
            counts, warnings, year=year, cluster=cluster, lang=lang, profile=profile
        )
    c = counts.filter(pl.col("year") == year, pl.col("cluster_code") == cluster)
    pooled = ind.filter(
        pl.col("year") == year, pl.col("cluster_code") == cluster, pl.col("unit_code").is_null()
    )
    units = ind.filter(
        pl.col("year") == year,
        pl.col("cluster_code") == cluster,
        pl.col("unit_code").is_not_null(),
        pl.col("status").is_in(["met", "below", "above", "no_data"]),
    )
    per_unit = units.group_by("unit_code").agg(all_met=(pl.col("status") == "met").all())
    rk = ranking.filter(
        pl.col("year") == year, pl.col("cluster_code") == cluster, pl.col("rank").is_not_null()
    )
    loc = locale(lang)
    cards: list[dict[str, str]] = []
    if c.height:
        cards.append({"key": "staff", "value": loc.integer(c["staff"].sum())})
    ldtt = pooled.filter(pl.col("indicator") == "LDTT_RATE")["value_pct"]
    if ldtt.len() and ldtt[0] is not None:
        cards.append({"key": "ldtt", "value": loc.pct(ldtt[0])})
    cstdcs = c["persons_cstdcs_plus"] if "persons_cstdcs_plus" in c.columns else pl.Series([])
    if cstdcs.drop_nulls().len():
        cards.append({"key": "cstdcs", "value": loc.integer(cstdcs.sum())})
    if per_unit.height:
        n_all = int(per_unit["all_met"].sum())
        cards.append(
            {"key": "all_met", "value": f"{loc.integer(n_all)}/{loc.integer(per_unit.height)}"}
        )
    if rk.height:
        name = "short_name" if "short_name" in rk.columns else "unit_name"
        top = rk.sort("rank", vn_key(pl.col("unit_name"))).row(0, named=True)
        cards.append({"key": "leader", "value": str(top[name])})
        risers = rk.filter(pl.col("rank_change") > 0).sort(
            "rank_change", "rank", descending=[True, False]
        )
        if risers.height:
            r = risers.row(0, named=True)
            cards.append({"key": "riser", "value": f"{r[name]} (▲ {r['rank_change']})"})
    for card in cards:
        card["label"] = term(f"projector.hl.{card['key']}", lang, profile, year=year)
    return cards


def progress_highlights(
    counts: pl.DataFrame,
    warnings: pl.DataFrame | None,
    *,
    year: int,
    cluster: str,
    lang: str,
    profile: str = "civil",
) -> list[dict[str, str]]:
    """The cards of a year in progress: what is known so far (staff, the monthly ratings and
    their HTXSNV share, pooled), the units an early warning names (`warnings`:
    views.warnings.warnings, when given), and a card saying the ranking comes with the
    year-end review."""
    so_far = progress.monthly_so_far(counts, year=year, cluster=cluster, unit=None)
    loc = locale(lang)
    cards: list[dict[str, str]] = []
    if so_far["staff"] is not None:
        cards.append({"key": "staff", "value": loc.integer(int(so_far["staff"]))})
    if so_far["person_months_rated"] is not None:
        cards.append({"key": "months", "value": loc.integer(int(so_far["person_months_rated"]))})
    if so_far["share_pct"] is not None:
        cards.append({"key": "share", "value": loc.pct(float(so_far["share_pct"]))})
    if warnings is not None:
        rows = warnings.filter(pl.col("cluster_code") == cluster)
        for key, kind in (("behind", "months_behind"), ("at_risk", "cap_at_risk")):
            n = rows.filter(pl.col("kind") == kind)["unit_code"].n_unique()
            cards.append({"key": key, "value": loc.integer(n)})
    cards.append({"key": "later", "value": term("projector.hl.later.value", lang, profile)})
    for card in cards:
        card["label"] = term(f"projector.hl.{card['key']}", lang, profile, year=year)
    return cards


def headline_trends(trends: pl.DataFrame, *, cluster: str, series: str) -> pl.DataFrame:
    """The cluster's pooled line of each headline indicator, shaped for `charts.trend_chart`
    (the only line, so drawn solid in the first colour)."""
    order = pl.DataFrame({"indicator": list(HEADLINE)}).with_row_index("_o")
    return (
        trends.filter(
            pl.col("cluster_code") == cluster,
            pl.col("unit_code").is_null(),
            pl.col("indicator").is_in(HEADLINE),
        )
        .join(order, on="indicator")
        .sort("_o", "year")
        .select("indicator", "year", "value_pct", series=pl.lit(series), pooled=pl.lit(False))
    )
