"""The words of a unit profile: a military cluster or unit says CSTT, ĐVTT/ĐVQT and quân nhân
where a civil one says LĐTT, TTLĐTT/TTLĐXS and cán bộ, công chức, viên chức.

One lookup, `term` (messages) and `label` (catalogue names), both keyed by profile: the words
are data (locales/profiles.toml, `[term.<profile>]`, and awards.toml `name_vi_military`); a key
the profile does not redefine falls back to the civil word.
"""

from __future__ import annotations

import polars as pl

from dashboard import i18n
from data_access.catalog import load_catalog

CIVIL = "civil"


def scope_profile(frame: pl.DataFrame, *, cluster: str | None, unit: str | None) -> str:
    """The profile whose words a scope uses: the unit's, or the cluster's when every unit of it
    shares one profile; civil for a mixed or unknown scope (the civil words are the law's).
    `frame` has cluster_code, unit_code and profile (units or counts)."""
    if "profile" not in frame.columns or cluster is None:
        return CIVIL
    rows = frame.filter(pl.col("cluster_code").cast(pl.String) == cluster)
    if unit:
        rows = rows.filter(pl.col("unit_code").cast(pl.String) == unit)
    found = rows["profile"].cast(pl.String).drop_nulls().unique().to_list()
    return found[0] if len(found) == 1 else CIVIL


def _key(profile: str, key: str) -> str:
    return f"term.{profile}.{key}"


def term(key: str, lang: str = "vi", profile: str = CIVIL, **kwargs: object) -> str:
    """Message `key` in the words of `profile` (the civil message when the profile keeps it)."""
    own = _key(profile, key)
    return i18n.t(own if profile != CIVIL and i18n.has(own) else key, lang, **kwargs)


def label(kind: str, code: object, lang: str = "vi", profile: str = CIVIL) -> str:
    """`i18n.label` in the words of `profile`: "indicator_short"/"LDTT_RATE" is "CSTT" and
    "award"/"TTLDXS" is "Đơn vị quyết thắng" for a military scope."""
    if profile != CIVIL:
        own = _key(profile, f"{kind}.{code}")
        if i18n.has(own):
            return i18n.t(own, lang)
        if kind == "award" and lang == "vi" and profile == "military":
            name = load_catalog().award(str(code)).name_vi_military
            if name:
                return name
    return i18n.label(kind, code, lang)


def label_expr(expr: pl.Expr, kind: str, lang: str = "vi", profile: str = CIVIL) -> pl.Expr:
    """Expression twin of `label` (a code without a label is kept as it is)."""
    if profile == CIVIL:
        return i18n.label_expr(expr, kind, lang)
    names = {code: label(kind, code, lang, profile) for code in i18n.labels(kind, lang)}
    return expr.cast(pl.String).replace(names)


def profiles() -> tuple[str, ...]:
    """The profiles with words of their own (`[term.<profile>]` of profiles.toml)."""
    return tuple(sorted({k.split(".", 2)[1] for k in i18n.catalogue() if k.startswith("term.")}))


def row_label_expr(expr: pl.Expr, profile: pl.Expr, kind: str, lang: str = "vi") -> pl.Expr:
    """`label_expr` row by row: each row's code in the words of that row's `profile` (a table
    of several units, one of them military); a null or unknown profile says the civil word."""
    out = i18n.label_expr(expr, kind, lang)
    for own in profiles():
        out = (
            pl.when(profile.cast(pl.String) == own)
            .then(label_expr(expr, kind, lang, own))
            .otherwise(out)
        )
    return out


def unit_profiles(units: pl.DataFrame) -> pl.DataFrame:
    """unit_code, cluster_code, profile of `units`, and each cluster's own profile
    (`cluster_profile`: the one every unit of it shares, else civil), for `row_label_expr`."""
    if "profile" not in units.columns:
        return units.select(
            pl.col("unit_code").cast(pl.String),
            pl.col("cluster_code").cast(pl.String),
            profile=pl.lit(CIVIL),
            cluster_profile=pl.lit(CIVIL),
        )
    u = units.select(
        pl.col("unit_code").cast(pl.String),
        pl.col("cluster_code").cast(pl.String),
        pl.col("profile").cast(pl.String).fill_null(CIVIL),
    )
    shared = pl.when(pl.col("profile").n_unique().over("cluster_code") == 1)
    return u.with_columns(cluster_profile=shared.then(pl.col("profile")).otherwise(pl.lit(CIVIL)))
