"""The words of eligibility: phrases by key from `dashboard/locales/reasons.toml`, short award
names from awards.toml (`short`), percentages through the locale object, and the reason that
composes them ("Cần rà soát: Không có sáng kiến").
"""

from __future__ import annotations

from collections.abc import Callable

import polars as pl

from dashboard.i18n import LANGS
from dashboard.l10n import Locale, locale
from dashboard.rules.facts import military_forms
from data_access.catalog import Catalog

Texts = dict[str, pl.Expr]  # one text per language


def per_lang(words: Callable[[Locale], pl.Expr]) -> Texts:
    """`words` said in every language: {"vi": …, "en": …}."""
    return {lang: words(locale(lang)) for lang in LANGS}


def say(key: str, **params: object) -> Texts:
    """Message `key` of reasons.toml in every language, with the same parameters."""
    return per_lang(lambda loc: loc.t_expr(key, **params))


def short(code: str, cat: Catalog) -> str:
    """The abbreviation of an award in reasons ("LĐTT"), or its code when it has none."""
    award = cat.awards.get(code)
    return award.short if award is not None and award.short else code


def title_label(code: str, cat: Catalog) -> pl.Expr:
    """The short name of a title as the row's unit calls it: LĐTT is CSTT in military units."""
    military = short(military_forms(cat).get(code, code), cat)
    return (
        pl.when(pl.col("profile") == "military")
        .then(pl.lit(military))
        .otherwise(pl.lit(short(code, cat)))
    )


def ratio_pct(num: pl.Expr, den: pl.Expr, loc: Locale) -> pl.Expr:
    """num/den as a percentage truncated to one decimal ("66,6%"): exact integers, and never
    rounded up to the threshold it failed ("Chỉ 69,9%", not "70%")."""
    tenths = num.cast(pl.Int64) * 1000 // den.cast(pl.Int64)
    whole = (tenths // 10).cast(pl.String)
    frac = tenths % 10
    text = (
        pl.when(frac == 0)
        .then(whole)
        .otherwise(pl.concat_str(whole, pl.lit(loc.decimal), frac.cast(pl.String)))
    )
    return loc.wrap_expr("percent_tight", text)


def param_pct(value: float, loc: Locale) -> str:
    """A threshold of rules.toml as the reason quotes it: 70.0 → "70%", 12.5 → "12,5%" (vi)."""
    text = f"{value:.2f}".rstrip("0").rstrip(".")
    return loc.wrap("percent_tight", loc.point(text))


def _reason(loc: Locale) -> pl.Expr:
    eligible, awarded = pl.col("eligible"), pl.col("awarded")
    detail, note = pl.col(f"detail_{loc.lang}"), pl.col(f"note_{loc.lang}")
    head = (
        pl.when(eligible & awarded)
        .then(pl.lit(loc.t("reason.head.meets")))
        .when(eligible)
        .then(pl.lit(loc.t("reason.head.not_proposed")))
        .when(awarded)
        .then(pl.lit(loc.t("reason.head.to_check")))
    )
    # "Head: detail", or only the detail (a failed check, not awarded), or only the head.
    main = (
        pl.when(head.is_null())
        .then(detail)
        .when(detail.is_null())
        .then(head)
        .otherwise(pl.concat_str(head, pl.lit(": "), detail))
    )
    return pl.when(note.is_null()).then(main).otherwise(pl.concat_str(main, pl.lit("; "), note))


def with_reasons(rows: pl.DataFrame) -> pl.DataFrame:
    """Add `reason` (Vietnamese) and `reason_en` from eligible, awarded, detail and note:
    "Đủ tiêu chuẩn"; "Đủ tiêu chuẩn, chưa được đề nghị"; "Cần rà soát: <failed checks>";
    or the failed checks alone, each with its figures."""
    return rows.with_columns(
        _reason(locale(lang)).alias(locale(lang).column("reason")) for lang in LANGS
    )
