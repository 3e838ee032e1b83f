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
