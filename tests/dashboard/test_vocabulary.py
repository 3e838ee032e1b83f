"""dashboard.vocabulary: a military scope speaks in its own words (CSTT, ĐVTT/ĐVQT, quân nhân),
looked up by profile; a civil or mixed scope keeps the civil words."""

import polars as pl

from dashboard.charts.bullet import bullet_chart
from dashboard.views.overview import kpi_cards, status_wide
from dashboard.vocabulary import label, scope_profile, term

UNITS = pl.DataFrame(
    {
        "unit_code": ["M1", "M2", "C1", "X1"],
        "cluster_code": ["KM", "KM", "KX", "KX"],
        "profile": ["military", "military", "civil", "military"],
    }
)


def test_scope_profile_is_military_only_when_every_unit_is():
    assert scope_profile(UNITS, cluster="KM", unit=None) == "military"
    assert scope_profile(UNITS, cluster="KX", unit=None) == "civil"  # mixed: the law's words
    assert scope_profile(UNITS, cluster="KX", unit="X1") == "military"
    assert scope_profile(UNITS.drop("profile"), cluster="KM", unit=None) == "civil"


def test_military_words_for_titles_indicators_and_staff():
    assert term("kpi.staff", "vi", "military") == "Quân nhân"
    assert term("kpi.staff", "vi") == "Cán bộ, công chức, viên chức"
    assert label("indicator_short", "LDTT_RATE", "vi", "military") == "CSTT"
    assert label("indicator_short", "TTLDXS_OF_TTLDTT", "vi", "military") == "ĐVQT/ĐVTT"
    assert label("indicator_short", "LDTT_RATE", "vi") == "LĐTT"
    assert label("award", "TTLDTT", "vi", "military") == "Đơn vị tiên tiến"
    assert label("award", "TTLDXS", "en", "military") == "Determined-to-Win Unit"
    # a key the profile does not redefine keeps its civil word
    assert label("indicator_short", "HIGHER_AWARD_RATE", "vi", "military") == (
        label("indicator_short", "HIGHER_AWARD_RATE", "vi")
    )


def test_kpi_cards_chart_and_status_table_follow_the_profile():
    kpis = pl.DataFrame(
        {
            "kpi": ["staff", "LDTT_RATE"],
            "value": [201.0, 95.0],
            "prev": [None, None],
            "total": [None, None],
            "prev_total": [None, None],
            "target_min": [None, 90.0],
            "target_max": [None, None],
            "status": [None, "met"],
        }
    )
    labels = [c["label"] for c in kpi_cards(kpis, lang="vi", profile="military")]
    assert labels == ["Quân nhân", "Tỷ lệ CSTT"]
    rows = pl.DataFrame(
        {
            "indicator": ["LDTT_RATE"],
            "value_pct": [95.0],
            "target_min": [90.0],
            "target_max": [None],
            "status": ["met"],
        },
        schema_overrides={"target_max": pl.Float64},
    )
    fig = bullet_chart(rows, lang="vi", profile="military")
    assert list(fig.data[-1].y) == ["CSTT"]
    matrix = pl.DataFrame(
        {
            "unit_code": ["M1"],
            "unit_name": ["Phòng A"],
            "indicator": ["TTLDXS_OF_TTLDTT"],
            "value_pct": [11.1],
            "status": ["below"],
        }
    )
    assert "ĐVQT/ĐVTT" in status_wide(matrix, lang="vi", profile="military").columns


def test_row_label_expr_names_each_row_in_its_own_units_words():
    from dashboard.vocabulary import row_label_expr

    f = pl.DataFrame(
        {"code": ["TTLDXS", "TTLDXS", "LDTT", "NOPE"], "p": ["military", "civil", "military", None]}
    )
    got = f.select(row_label_expr(pl.col("code"), pl.col("p"), "award", "vi"))["code"].to_list()
    assert got == ["Đơn vị quyết thắng", "Tập thể lao động xuất sắc", "Chiến sĩ tiên tiến", "NOPE"]


def test_unit_profiles_give_a_cluster_its_shared_profile_or_civil():
    from dashboard.vocabulary import unit_profiles

    got = unit_profiles(UNITS).select("unit_code", "cluster_profile").rows()
    assert got == [("M1", "military"), ("M2", "military"), ("C1", "civil"), ("X1", "civil")]


def test_exported_names_follow_each_rows_unit_profile():
    from dashboard.naming import with_names

    units = UNITS.with_columns(unit_name=pl.col("unit_code"))
    frame = pl.DataFrame(
        {
            "cluster_code": ["KM", "KM", "KX", "KX"],
            "unit_code": ["M1", None, "C1", None],
            "award_code": ["TTLDXS", "LDTT", "TTLDXS", "TTLDTT"],
        }
    )
    out = with_names(frame, units=units, lang="vi")
    assert out.columns == ["cluster_code", "unit_code", "unit_name", "award_code", "award_name"]
    # M1 is military; KM's pooled row shares its units' profile; KX is mixed: civil words
    assert out["award_name"].to_list() == [
        "Đơn vị quyết thắng",
        "Chiến sĩ tiên tiến",
        "Tập thể lao động xuất sắc",
        "Tập thể lao động tiên tiến",
    ]


def test_review_rows_and_highlights_in_military_words():
    from dashboard.views import projector, review

    elig = pl.DataFrame(
        {
            "unit_code": ["M1", "M1"],
            "subject_kind": ["collective", "person"],
            "subject_name": ["Ban Một", "An"],
            "award_code": ["TTLDXS", "CSTT"],
            "eligible": [True, False],
            "awarded": [False, True],
            "reason": ["", "Chưa đạt HTTNV"],
        }
    )
    assert review.candidates(elig, lang="vi", profile="military")["award_name"].to_list() == [
        "Đơn vị quyết thắng"
    ]
    assert review.to_check(elig, lang="vi", profile="military")["award_name"].to_list() == [
        "Chiến sĩ tiên tiến"
    ]
    quotas = pl.DataFrame(
        {
            "unit_code": ["M1"],
            "rule": ["TTLDXS_CRITERIA"],
            "rule_text_vi": ["…"],
            "source": ["Luật"],
        }
    )
    assert review.rule_notes(quotas, lang="vi", profile="military") == [
        "Tiêu chuẩn Đơn vị quyết thắng: … (Luật)"
    ]
    counts = pl.DataFrame(
        {"year": [2025], "cluster_code": ["KM"], "staff": [6], "persons_cstdcs_plus": [1]}
    )
    empty = pl.DataFrame(
        schema={
            "year": pl.Int64,
            "cluster_code": pl.String,
            "unit_code": pl.String,
            "indicator": pl.String,
            "value_pct": pl.Float64,
            "status": pl.String,
            "rank": pl.Int64,
        }
    )
    cards = projector.highlights(
        counts, empty, empty, year=2025, cluster="KM", lang="vi", profile="military"
    )
    assert [c["label"] for c in cards] == ["Quân nhân", "Chiến sĩ thi đua cơ sở trở lên"]
