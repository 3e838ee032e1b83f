"""The checks of a criteria rule, read from its parameters in rules.toml, and the verdict.

A check is its pass flag and, for where it fails, one phrase with the figures in every
language (`dashboard.rules.reasons`). Person rules: `min_rating`, `max_discipline`,
`requires_award` (held inclusively that year), `min_initiatives`. Collective rules (members =
roster persons of the year with that collective_code): `collective_rating`,
`members_min_rating` (every member), `members_ldtt_min_pct` (≥), `members_ldtt_over_pct` (>),
`members_cstdcs_min`, `members_max_discipline`.
"""

from __future__ import annotations

from typing import NamedTuple

import polars as pl

from dashboard.i18n import LANGS
from dashboard.l10n import Locale, locale
from dashboard.rules.facts import holds
from dashboard.rules.reasons import Texts, param_pct, per_lang, ratio_pct, say, short, title_label
from data_access.catalog import Catalog, Rule


class Check(NamedTuple):
    passes: pl.Expr
    failure: Texts  # read only where the check fails


def _basis_points(pct: float) -> int:
    return round(float(pct) * 100)


def _rating_check(rating: pl.Expr, rank: pl.Expr, level: str, cat: Catalog, who: str) -> Check:
    need = cat.rating_rank("task")[level]
    failure = per_lang(
        lambda loc: (
            pl.when(rating.is_null())
            .then(pl.lit(loc.t(f"reason.{who}.no_rating")))
            .otherwise(loc.t_expr(f"reason.{who}.rated_below", rating=rating, level=level))
        )
    )
    return Check((rank >= need).fill_null(False), failure)


def _count_check(n: pl.Expr, need: int, none_key: str, few_key: str, **params: object) -> Check:
    """At least `need`: "none" words when the count is 0, else the count and the need."""
    failure = per_lang(
        lambda loc: (
            pl.when(n == 0)
            .then(loc.t_expr(none_key, **params))
            .otherwise(loc.t_expr(few_key, count=n, need=need, **params))
        )
    )
    return Check(n >= need, failure)


def person_checks(rule: Rule, cat: Catalog, held: pl.DataFrame, year: int) -> list[Check]:
    p = rule.params
    checks: list[Check] = []
    if "min_rating" in p:
        checks.append(
            _rating_check(pl.col("rating"), pl.col("rating_rank"), p["min_rating"], cat, "person")
        )
    if "max_discipline" in p:
        allowed = cat.discipline_severity()[p["max_discipline"]]
        failure = per_lang(
            lambda loc: loc.t_expr(
                "reason.person.disciplined", discipline=pl.col(f"discipline_{loc.lang}")
            )
        )
        checks.append(Check(pl.col("severity").fill_null(0) <= allowed, failure))
    if "requires_award" in p:
        code = p["requires_award"]
        checks.append(
            Check(
                pl.col("person_code").is_in(holds(held, code, year)["code"].implode()),
                say("reason.person.lacks_title", title=title_label(code, cat)),
            )
        )
    if "min_initiatives" in p:
        checks.append(
            _count_check(
                pl.col("initiatives"),
                int(p["min_initiatives"]),
                "reason.person.no_initiative",
                "reason.person.few_initiatives",
            )
        )
    return checks


def _share(count: str, need: Texts, what: Texts, passes: pl.Expr) -> Check:
    """ "Only x% of members …": judged only when there are members (else "no members" speaks)."""
    n = pl.col("n_members")
    failure = per_lang(
        lambda loc: loc.t_expr(
            "reason.collective.members_share",
            share=ratio_pct(pl.col(count), n, loc),
            what=what[loc.lang],
            need=need[loc.lang],
        )
    )
    return Check((passes | (n == 0)).fill_null(False), failure)


def _threshold(key: str, pct: float) -> Texts:
    return {lang: pl.lit(loc.t(key, pct=param_pct(pct, loc))) for lang, loc in _locales()}


def _locales() -> list[tuple[str, Locale]]:
    return [(lang, locale(lang)) for lang in LANGS]


def collective_checks(rule: Rule, cat: Catalog) -> list[Check]:
    p = rule.params
    n = pl.col("n_members")
    holding_ldtt = say("reason.collective.holding", title=title_label("LDTT", cat))
    checks = [Check(n > 0, say("reason.collective.no_members"))]
    if "collective_rating" in p:
        checks.append(
            _rating_check(
                pl.col("rating"), pl.col("rating_rank"), p["collective_rating"], cat, "collective"
            )
        )
    if "members_min_rating" in p:
        level = p["members_min_rating"]
        checks.append(
            _share(
                "n_rated_ok",
                {lang: pl.lit(param_pct(100, loc)) for lang, loc in _locales()},
                say("reason.collective.rated_at_least", level=level),
                pl.col("n_rated_ok") == n,
            )
        )
    if "members_ldtt_min_pct" in p:
        pct = p["members_ldtt_min_pct"]
        checks.append(
            _share(
                "n_ldtt",
                _threshold("reason.collective.at_least", pct),
                holding_ldtt,
                pl.col("n_ldtt") * 10_000 >= n * _basis_points(pct),
            )
        )
    if "members_ldtt_over_pct" in p:
        pct = p["members_ldtt_over_pct"]
        checks.append(
            _share(
                "n_ldtt",
                _threshold("reason.collective.over", pct),
                holding_ldtt,
                pl.col("n_ldtt") * 10_000 > n * _basis_points(pct),
            )
        )
    if "members_cstdcs_min" in p:
        checks.append(
            _count_check(
                pl.col("n_cstdcs"),
                int(p["members_cstdcs_min"]),
                "reason.collective.no_member_title",
                "reason.collective.few_members_title",
                title=short("CSTDCS", cat),
            )
        )
    if "members_max_discipline" in p:
        severity = cat.discipline_severity()
        allowed = severity[p["members_max_discipline"]]
        worse = [c for c, s in sorted(severity.items(), key=lambda kv: kv[1]) if s > allowed]
        first = cat.disciplines[worse[0]] if worse else {"name_vi": "?", "name_en": "?"}
        k = pl.col("n_disciplined")
        failure = per_lang(
            lambda loc: loc.t_expr(
                "reason.collective.members_disciplined",
                count=k,
                discipline=first[f"name_{loc.lang}"].lower(),
            )
        )
        checks.append(Check(k == 0, failure))
    return checks


def judge(frame: pl.DataFrame, checks: list[Check]) -> pl.DataFrame:
    """Add eligible (all checks pass) and detail_vi/en (the failed checks, joined by "; ")."""
    details = [f"detail_{lang}" for lang in LANGS]
    if not checks:
        return frame.with_columns(
            pl.lit(True).alias("eligible"), *(pl.lit(None, pl.String).alias(d) for d in details)
        )
    # Each check's pass flag once, as a column; the texts are read only where it failed.
    flags = [f"_pass_{i}" for i in range(len(checks))]
    judged = frame.with_columns(
        c.passes.fill_null(False).alias(f) for f, c in zip(flags, checks, strict=True)
    ).with_columns(pl.all_horizontal(flags).alias("eligible"))

    def failures(lang: str) -> pl.Expr:
        texts = [
            pl.when(pl.col(f)).then(None).otherwise(c.failure[lang])
            for f, c in zip(flags, checks, strict=True)
        ]
        return pl.concat_str(texts, separator="; ", ignore_nulls=True)

    return judged.with_columns(
        pl.when(pl.col("eligible")).then(None).otherwise(failures(lang)).alias(f"detail_{lang}")
        for lang in LANGS
    ).drop(flags)
