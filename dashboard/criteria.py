"""Who meets the criteria of each title in one year: rules of kind "criteria" in rules.toml.

Each rule is read by its parameters, so editing rules.toml (a new threshold, an extra check)
changes the result without code changes:

- person rules: `min_rating`, `max_discipline`, `requires_award` (held inclusively that year),
  `min_initiatives`;
- collective rules (members = roster persons of the year with that collective_code):
  `collective_rating`, `members_min_rating` (every member), `members_ldtt_min_pct` (≥),
  `members_ldtt_over_pct` (>), `members_cstdcs_min`, `members_max_discipline`.

Every failed check gives one phrase with the figures, in Vietnamese and English; `eligibility`
turns them into the reason.
"""

from __future__ import annotations

import polars as pl
import polars.selectors as cs

from data_access.catalog import Catalog, Rule
from data_access.readers import Dataset

# Short names used inside reasons (the catalogue holds the long ones).
SHORT = {
    "LDTT": "LĐTT",
    "CSTT": "CSTT",
    "CSTDCS": "CSTĐCS",
    "CSTD_BO": "CSTĐ cấp bộ, tỉnh",
    "CSTD_TQ": "CSTĐ toàn quốc",
    "TTLDTT": "TTLĐTT",
    "TTLDXS": "TTLĐXS",
}
ROW_COLUMNS = (
    "year",
    "cluster_code",
    "unit_code",
    "subject_kind",
    "subject_code",
    "subject_name",
    "award_code",
    "rule",
    "eligible",
    "awarded",
    "detail_vi",
    "detail_en",
    "note_vi",
    "note_en",
)


# --- shared preparation ----------------------------------------------------------------------
def strings(frame: pl.DataFrame) -> pl.DataFrame:
    """Codes as pl.String (readers give pl.Categorical): joins and outputs use plain strings."""
    return frame.with_columns(cs.categorical().cast(pl.String))


def short(code: str) -> str:
    return SHORT.get(code, code)


def military_forms(cat: Catalog) -> dict[str, str]:
    """{"LDTT": "CSTT"}: the military name of a title, from awards.toml `counts_as`."""
    return {a.counts_as: a.code for a in cat.awards.values() if a.counts_as}


def shown_award(code: str, cat: Catalog) -> pl.Expr:
    """The award code as a unit shows it: LDTT is CSTT in military units."""
    military = military_forms(cat).get(code, code)
    return pl.when(pl.col("profile") == "military").then(pl.lit(military)).otherwise(pl.lit(code))


def title_label(code: str, cat: Catalog) -> pl.Expr:
    military = short(military_forms(cat).get(code, code))
    return (
        pl.when(pl.col("profile") == "military")
        .then(pl.lit(military))
        .otherwise(pl.lit(short(code)))
    )


def held_titles(ds: Dataset, cat: Catalog, *, kind: str, up_to: int) -> pl.DataFrame:
    """(year, code, title): every title a recipient of `kind` holds, inclusively along
    "implies" (a CSTĐCS holds LĐTT), in each year up to `up_to`. Unknown award codes hold
    nothing."""
    closure = pl.DataFrame(
        [(a, t) for a in cat.awards for t in cat.closure(a)],
        schema={"award_code": pl.String, "title": pl.String},
        orient="row",
    )
    return (
        strings(ds.awards)
        .filter((pl.col("recipient_kind") == kind) & (pl.col("year") <= up_to))
        .select(pl.col("year").cast(pl.Int16), pl.col("recipient_code").alias("code"), "award_code")
        .join(closure, on="award_code", how="inner")
        .select("year", "code", "title")
        .unique()
    )


def holds(held: pl.DataFrame, title: str, year: int) -> pl.DataFrame:
    """The codes holding `title` (inclusively) in `year`, one column `code`."""
    return held.filter((pl.col("title") == title) & (pl.col("year") == year)).select("code")


def annual_ratings(ds: Dataset, *, kind: str, year: int) -> pl.DataFrame:
    """(code, rating) of the annual ratings of `kind` in `year` (monthly ones are not a year's
    rating)."""
    return (
        strings(ds.ratings)
        .filter(
            (pl.col("subject_kind") == kind) & (pl.col("year") == year) & pl.col("month").is_null()
        )
        .select(pl.col("subject_code").alias("code"), "rating")
        .unique("code", keep="first")
    )


def _rank_frame(cat: Catalog) -> pl.DataFrame:
    ranks = cat.rating_rank("task")
    return pl.DataFrame(
        {"rating": list(ranks), "rating_rank": list(ranks.values())},
        schema={"rating": pl.String, "rating_rank": pl.Int64},
    )


def _severity_frame(cat: Catalog) -> pl.DataFrame:
    sev = cat.discipline_severity()
    return pl.DataFrame(
        {"discipline": list(sev), "severity": list(sev.values())},
        schema={"discipline": pl.String, "severity": pl.Int64},
    )


def units_frame(ds: Dataset) -> pl.DataFrame:
    return strings(ds.units).select(
        "unit_code", "cluster_code", pl.col("profile").fill_null("civil")
    )


def person_facts(ds: Dataset, cat: Catalog, *, year: int) -> pl.DataFrame:
    """One row per roster person of `year`: unit, cluster, profile, name, collective,
    initiatives, discipline and its severity, annual rating and its rank, ldtt_plus and
    cstdcs_plus (titles held that year, inclusively)."""
    held = held_titles(ds, cat, kind="person", up_to=year)
    roster = strings(ds.roster).filter(pl.col("year") == year)
    return (
        roster.select(
            "person_code",
            "unit_code",
            "collective_code",
            pl.col("initiatives").fill_null(0).cast(pl.Int64),
            pl.col("discipline").fill_null("none"),
        )
        .join(units_frame(ds), on="unit_code", how="left")
        .with_columns(pl.col("profile").fill_null("civil"))
        .join(strings(ds.people).select("person_code", "full_name"), on="person_code", how="left")
        .join(
            annual_ratings(ds, kind="person", year=year).rename({"code": "person_code"}),
            on="person_code",
            how="left",
        )
        .join(_rank_frame(cat), on="rating", how="left")
        .join(_severity_frame(cat), on="discipline", how="left")
        .with_columns(
            pl.lit(year, pl.Int16).alias("year"),
            pl.col("person_code")
            .is_in(holds(held, "LDTT", year)["code"].implode())
            .alias("ldtt_plus"),
            pl.col("person_code")
            .is_in(holds(held, "CSTDCS", year)["code"].implode())
            .alias("cstdcs_plus"),
        )
    )


# --- text helpers ------------------------------------------------------------------------------
def pct_text(num: pl.Expr, den: pl.Expr, lang: str) -> pl.Expr:
    """num/den as a percentage truncated to one decimal ("66,6%"): exact integers, and never
    rounded up to the threshold it failed ("Chỉ 69,9%", not "70%")."""
    tenths = num.cast(pl.Int64) * 1000 // den.cast(pl.Int64)
    whole = (tenths // 10).cast(pl.String)
    frac = tenths % 10
    sep = "," if lang == "vi" else "."
    return pl.when(frac == 0).then(whole).otherwise(
        pl.concat_str(whole, pl.lit(sep), frac.cast(pl.String))
    ) + pl.lit("%")


def param_pct(value: float, lang: str) -> str:
    text = f"{value:.2f}".rstrip("0").rstrip(".")
    return (text.replace(".", ",") if lang == "vi" else text) + "%"


def _basis_points(pct: float) -> int:
    return round(float(pct) * 100)


def _discipline_names(cat: Catalog, lang: str) -> pl.DataFrame:
    key = f"name_{lang}"
    return pl.DataFrame(
        {
            "discipline": list(cat.disciplines),
            f"discipline_{lang}": [d[key].lower() for d in cat.disciplines.values()],
        }
    )


# --- checks ------------------------------------------------------------------------------------
# A check is (passes, failure_vi, failure_en); the failure texts are read only where it fails.
Check = tuple[pl.Expr, pl.Expr, pl.Expr]


def _rating_check(rating: pl.Expr, rank: pl.Expr, level: str, cat: Catalog, who: str) -> Check:
    need = cat.rating_rank("task")[level]
    if who == "person":
        vi, en = ("Chưa có xếp loại", "Xếp loại "), ("No rating yet", "Rated ")
    else:
        vi, en = (
            ("Tập thể chưa có xếp loại", "Tập thể xếp loại "),
            ("Collective not rated yet", "Collective rated "),
        )
    fail_vi = (
        pl.when(rating.is_null())
        .then(pl.lit(vi[0]))
        .otherwise(pl.concat_str(pl.lit(vi[1]), rating, pl.lit(f", chưa đạt {level}")))
    )
    fail_en = (
        pl.when(rating.is_null())
        .then(pl.lit(en[0]))
        .otherwise(pl.concat_str(pl.lit(en[1]), rating, pl.lit(f", below {level}")))
    )
    return (rank >= need).fill_null(False), fail_vi, fail_en


def person_checks(rule: Rule, cat: Catalog, held: pl.DataFrame, year: int) -> list[Check]:
    p = rule.params
    checks: list[Check] = []
    if "min_rating" in p:
        checks.append(
            _rating_check(pl.col("rating"), pl.col("rating_rank"), p["min_rating"], cat, "person")
        )
    if "max_discipline" in p:
        allowed = cat.discipline_severity()[p["max_discipline"]]
        checks.append(
            (
                pl.col("severity").fill_null(0) <= allowed,
                pl.concat_str(pl.lit("Bị kỷ luật ("), pl.col("discipline_vi"), pl.lit(")")),
                pl.concat_str(pl.lit("Disciplined ("), pl.col("discipline_en"), pl.lit(")")),
            )
        )
    if "requires_award" in p:
        code = p["requires_award"]
        label = title_label(code, cat)
        checks.append(
            (
                pl.col("person_code").is_in(holds(held, code, year)["code"].implode()),
                pl.concat_str(pl.lit("Chưa đạt "), label),
                pl.concat_str(pl.lit("Not "), label, pl.lit(" this year")),
            )
        )
    if "min_initiatives" in p:
        need = int(p["min_initiatives"])
        n = pl.col("initiatives")
        checks.append(
            (
                n >= need,
                pl.when(n == 0)
                .then(pl.lit("Không có sáng kiến"))
                .otherwise(pl.format("Có {} sáng kiến (cần ≥ {})", n, pl.lit(need))),
                pl.when(n == 0)
                .then(pl.lit("No initiative"))
                .otherwise(pl.format("{} initiative(s) (needs ≥ {})", n, pl.lit(need))),
            )
        )
    return checks


def collective_checks(rule: Rule, cat: Catalog) -> list[Check]:
    p = rule.params
    n = pl.col("n_members")
    ldtt = title_label("LDTT", cat)
    checks: list[Check] = [
        (n > 0, pl.lit("Không có thành viên trong năm"), pl.lit("No members this year"))
    ]

    def share(
        count: str, need_vi: str, need_en: str, what_vi: pl.Expr, what_en: pl.Expr, passes: pl.Expr
    ) -> Check:
        # Only judged when there are members; the "no members" check speaks otherwise.
        return (
            (passes | (n == 0)).fill_null(False),
            pl.concat_str(
                pl.lit("Chỉ "),
                pct_text(pl.col(count), n, "vi"),
                pl.lit(" thành viên "),
                what_vi,
                pl.lit(f" (cần {need_vi})"),
            ),
            pl.concat_str(
                pl.lit("Only "),
                pct_text(pl.col(count), n, "en"),
                pl.lit(" of members "),
                what_en,
                pl.lit(f" (needs {need_en})"),
            ),
        )

    if "collective_rating" in p:
        checks.append(
            _rating_check(
                pl.col("rating"), pl.col("rating_rank"), p["collective_rating"], cat, "collective"
            )
        )
    if "members_min_rating" in p:
        level = p["members_min_rating"]
        checks.append(
            share(
                "n_rated_ok",
                "100%",
                "100%",
                pl.lit(f"xếp loại {level} trở lên"),
                pl.lit(f"rated {level} or better"),
                pl.col("n_rated_ok") == n,
            )
        )
    if "members_ldtt_min_pct" in p:
        pct = p["members_ldtt_min_pct"]
        checks.append(
            share(
                "n_ldtt",
                f"≥ {param_pct(pct, 'vi')}",
                f"≥ {param_pct(pct, 'en')}",
                pl.concat_str(pl.lit("đạt "), ldtt),
                ldtt,
                pl.col("n_ldtt") * 10_000 >= n * _basis_points(pct),
            )
        )
    if "members_ldtt_over_pct" in p:
        pct = p["members_ldtt_over_pct"]
        checks.append(
            share(
                "n_ldtt",
                f"> {param_pct(pct, 'vi')}",
                f"> {param_pct(pct, 'en')}",
                pl.concat_str(pl.lit("đạt "), ldtt),
                ldtt,
                pl.col("n_ldtt") * 10_000 > n * _basis_points(pct),
            )
        )
    if "members_cstdcs_min" in p:
        need = int(p["members_cstdcs_min"])
        k = pl.col("n_cstdcs")
        checks.append(
            (
                k >= need,
                pl.when(k == 0)
                .then(pl.lit("Không có thành viên đạt CSTĐCS"))
                .otherwise(pl.format("Chỉ {} thành viên đạt CSTĐCS (cần ≥ {})", k, pl.lit(need))),
                pl.when(k == 0)
                .then(pl.lit("No member CSTĐCS"))
                .otherwise(pl.format("Only {} member(s) CSTĐCS (needs ≥ {})", k, pl.lit(need))),
            )
        )
    if "members_max_discipline" in p:
        allowed = cat.discipline_severity()[p["members_max_discipline"]]
        worse = [
            c
            for c, s in sorted(cat.discipline_severity().items(), key=lambda kv: kv[1])
            if s > allowed
        ]
        first = cat.disciplines[worse[0]] if worse else {"name_vi": "?", "name_en": "?"}
        k = pl.col("n_disciplined")
        checks.append(
            (
                k == 0,
                pl.format(
                    "Có {} thành viên bị kỷ luật từ {} trở lên", k, pl.lit(first["name_vi"].lower())
                ),
                pl.format(
                    "{} member(s) disciplined at {} or above", k, pl.lit(first["name_en"].lower())
                ),
            )
        )
    return checks


def judge(frame: pl.DataFrame, checks: list[Check]) -> pl.DataFrame:
    """Add eligible (all checks pass) and detail_vi/en (the failed checks, joined by "; ")."""
    if not checks:
        return frame.with_columns(
            pl.lit(True).alias("eligible"),
            pl.lit(None, pl.String).alias("detail_vi"),
            pl.lit(None, pl.String).alias("detail_en"),
        )
    # Each check's pass flag once, as a column; the texts are read only where it failed.
    flags = [f"_pass_{i}" for i in range(len(checks))]
    judged = frame.with_columns(
        c[0].fill_null(False).alias(f) for f, c in zip(flags, checks, strict=True)
    ).with_columns(pl.all_horizontal(flags).alias("eligible"))

    def failures(i: int) -> pl.Expr:
        texts = [
            pl.when(pl.col(f)).then(None).otherwise(c[i])
            for f, c in zip(flags, checks, strict=True)
        ]
        return pl.concat_str(texts, separator="; ", ignore_nulls=True)

    return judged.with_columns(
        pl.when(pl.col("eligible")).then(None).otherwise(failures(1)).alias("detail_vi"),
        pl.when(pl.col("eligible")).then(None).otherwise(failures(2)).alias("detail_en"),
    ).drop(flags)


# --- rows ----------------------------------------------------------------------------------
def _rules(cat: Catalog, year: int, profiles: list[str], subject: str) -> list[tuple[str, Rule]]:
    return [
        (profile, rule)
        for profile in profiles
        for rule in cat.rules_for(year, profile, "criteria")
        if rule.params.get("subject") == subject
    ]


def _judged_rows(
    part: pl.DataFrame,
    kind: str,
    code_col: str,
    name_col: str,
    rule: Rule,
    cat: Catalog,
    held: pl.DataFrame,
    year: int,
) -> pl.DataFrame:
    """The eligibility row shape (ROW_SCHEMA) of judged persons or departments."""
    award = rule.params["award"]
    return part.select(
        "year",
        "cluster_code",
        "unit_code",
        pl.lit(kind).alias("subject_kind"),
        pl.col(code_col).alias("subject_code"),
        pl.col(name_col).alias("subject_name"),
        shown_award(award, cat).alias("award_code"),
        pl.lit(rule.code).alias("rule"),
        "eligible",
        pl.col(code_col).is_in(holds(held, award, year)["code"].implode()).alias("awarded"),
        "detail_vi",
        "detail_en",
        pl.lit(None, pl.String).alias("note_vi"),
        pl.lit(None, pl.String).alias("note_en"),
    )


def person_rows(ds: Dataset, cat: Catalog, *, year: int) -> pl.DataFrame:
    """One row per roster person of `year` and person criteria rule in force for its unit."""
    facts = (
        person_facts(ds, cat, year=year)
        .join(_discipline_names(cat, "vi"), on="discipline", how="left")
        .join(_discipline_names(cat, "en"), on="discipline", how="left")
    )
    held = held_titles(ds, cat, kind="person", up_to=year)
    parts = []
    for profile, rule in _rules(cat, year, sorted(facts["profile"].unique().to_list()), "person"):
        part = judge(
            facts.filter(pl.col("profile") == profile), person_checks(rule, cat, held, year)
        )
        parts.append(
            _judged_rows(part, "person", "person_code", "full_name", rule, cat, held, year)
        )
    return _concat(parts)


def department_facts(ds: Dataset, cat: Catalog, *, year: int) -> pl.DataFrame:
    """Departments judged in `year` (those of units with a roster that year, and any with a
    rating or award that year) with their members' counts and their own rating."""
    persons = person_facts(ds, cat, year=year)
    at_least = {level: cat.rating_rank("task")[level] for level in cat.rating_rank("task")}
    members = (
        persons.filter(pl.col("collective_code").is_not_null())
        .group_by("collective_code")
        .agg(
            pl.len().cast(pl.Int64).alias("n_members"),
            pl.col("ldtt_plus").sum().cast(pl.Int64).alias("n_ldtt"),
            pl.col("cstdcs_plus").sum().cast(pl.Int64).alias("n_cstdcs"),
            *(
                (pl.col("rating_rank") >= rank).sum().cast(pl.Int64).alias(f"_at_least_{level}")
                for level, rank in at_least.items()
            ),
            *(
                (pl.col("severity") > s).sum().cast(pl.Int64).alias(f"_worse_than_{d}")
                for d, s in cat.discipline_severity().items()
            ),
        )
    )
    ratings = annual_ratings(ds, kind="collective", year=year)
    held = held_titles(ds, cat, kind="collective", up_to=year)
    active_units = persons["unit_code"].unique().implode()
    depts = strings(ds.collectives).filter(pl.col("kind") == "department")
    judged = depts.filter(
        pl.col("unit_code").is_in(active_units)
        | pl.col("collective_code").is_in(ratings["code"].implode())
        | pl.col("collective_code").is_in(held.filter(pl.col("year") == year)["code"].implode())
    )
    return (
        judged.select("collective_code", "unit_code", "collective_name")
        .join(units_frame(ds), on="unit_code", how="left")
        .with_columns(pl.col("profile").fill_null("civil"), pl.lit(year, pl.Int16).alias("year"))
        .join(members, on="collective_code", how="left")
        .with_columns(cs.starts_with("n_", "_at_least_", "_worse_than_").fill_null(0))
        .join(ratings.rename({"code": "collective_code"}), on="collective_code", how="left")
        .join(_rank_frame(cat), on="rating", how="left")
    )


def department_rows(ds: Dataset, cat: Catalog, *, year: int) -> pl.DataFrame:
    """One row per judged department and collective criteria rule in force for its unit."""
    facts = department_facts(ds, cat, year=year)
    held = held_titles(ds, cat, kind="collective", up_to=year)
    parts = []
    for profile, rule in _rules(
        cat, year, sorted(facts["profile"].unique().to_list()), "collective"
    ):
        p = rule.params
        extra = {}
        if "members_min_rating" in p:
            extra["n_rated_ok"] = pl.col(f"_at_least_{p['members_min_rating']}")
        if "members_max_discipline" in p:
            extra["n_disciplined"] = pl.col(f"_worse_than_{p['members_max_discipline']}")
        part = judge(
            facts.filter(pl.col("profile") == profile).with_columns(**extra),
            collective_checks(rule, cat),
        )
        parts.append(
            _judged_rows(
                part, "collective", "collective_code", "collective_name", rule, cat, held, year
            )
        )
    return _concat(parts)


ROW_SCHEMA: dict[str, pl.DataType] = {
    "year": pl.Int16,
    "cluster_code": pl.String,
    "unit_code": pl.String,
    "subject_kind": pl.String,
    "subject_code": pl.String,
    "subject_name": pl.String,
    "award_code": pl.String,
    "rule": pl.String,
    "eligible": pl.Boolean,
    "awarded": pl.Boolean,
    "detail_vi": pl.String,
    "detail_en": pl.String,
    "note_vi": pl.String,
    "note_en": pl.String,
}


def _concat(parts: list[pl.DataFrame]) -> pl.DataFrame:
    typed = [p.select(pl.col(c).cast(t) for c, t in ROW_SCHEMA.items()) for p in parts]
    return pl.concat(typed) if typed else pl.DataFrame(schema=ROW_SCHEMA)


# --- reasons -----------------------------------------------------------------------------------
_HEADS = {
    # (eligible, awarded): (vi, en) head of the reason
    (True, True): ("Đủ tiêu chuẩn", "Meets the criteria"),
    (True, False): ("Đủ tiêu chuẩn, chưa được đề nghị", "Meets the criteria, not yet proposed"),
    (False, True): ("Cần rà soát", "To be checked"),
}


def _reason(lang: str) -> pl.Expr:
    i = 0 if lang == "vi" else 1
    eligible, awarded = pl.col("eligible"), pl.col("awarded")
    detail, note = pl.col(f"detail_{lang}"), pl.col(f"note_{lang}")
    head = (
        pl.when(eligible & awarded)
        .then(pl.lit(_HEADS[True, True][i]))
        .when(eligible)
        .then(pl.lit(_HEADS[True, False][i]))
        .when(awarded)
        .then(pl.lit(_HEADS[False, True][i]))
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
    return rows.with_columns(_reason("vi").alias("reason"), _reason("en").alias("reason_en"))
