"""A year in progress (issue 10): monthly ratings so far, no year-end result. The app opens on the
latest year with results, the year selector and every page say the year is in progress, and
Tổng quan shows what is known so far and the early warnings (the HTXSNV cap is in force from
2026) instead of empty or 0 % figures. A hand-made cluster, figures worked out beside each
assertion; then the demo data as the app's first start loads it."""

from __future__ import annotations

import re

import polars as pl
import pytest

from tests.pages.roles_kit import rendered_text

STAFF = {"P1": "U1", "P2": "U1", "P3": "U1", "P4": "U2", "P5": "U2"}
# 2026, U1 months 1–3 for P1–P3: P1 HTXSNV every month, P2 in month 1 → 4 HTXSNV, 5 HTTNV.
# U2 month 1 only: P4, P5 HTTNV.
MONTHLY = [
    (p, m, "HTXSNV" if p == "P1" or (p == "P2" and m == 1) else "HTTNV")
    for m in (1, 2, 3)
    for p in ("P1", "P2", "P3")
] + [("P4", 1, "HTTNV"), ("P5", 1, "HTTNV")]


@pytest.fixture
def progress_url(make_db):
    people = list(STAFF)
    annual = [("2025", p, "HTXSNV" if p == "P1" else "HTTNV", 2025, None) for p in people]
    monthly = [(f"2026-{m:02d}", p, r, 2026, m) for p, m, r in MONTHLY]
    ratings = annual + monthly
    return make_db(
        {
            "clusters": pl.DataFrame({"cluster_code": ["C1"], "cluster_name": ["Cụm thử"]}),
            "units": pl.DataFrame(
                {
                    "unit_code": ["U1", "U2"],
                    "unit_name": ["Trường Một", "Trường Hai"],
                    "cluster_code": ["C1", "C1"],
                    "profile": ["civil", "civil"],
                }
            ),
            "people": pl.DataFrame({"person_code": people, "full_name": people}),
            "roster": pl.DataFrame(
                {
                    "year": [2025] * 5 + [2026] * 5,
                    "person_code": people * 2,
                    "unit_code": [STAFF[p] for p in people] * 2,
                }
            ),
            "ratings": pl.DataFrame(
                {
                    "period": [r[0] for r in ratings],
                    "subject_kind": ["person"] * len(ratings),
                    "subject_code": [r[1] for r in ratings],
                    "rating": [r[2] for r in ratings],
                    "year": [r[3] for r in ratings],
                    "month": [r[4] for r in ratings],
                },
                schema_overrides={"month": pl.Int64},
            ),
            "awards": pl.DataFrame(
                {
                    "year": [2025] * 5,
                    "recipient_kind": ["person"] * 5,
                    "recipient_code": people,
                    "award_code": ["LDTT"] * 5,
                }
            ),
            "targets": pl.DataFrame(
                {
                    "year": [2025, 2026],
                    "scope_kind": ["cluster"] * 2,
                    "scope_code": ["C1"] * 2,
                    "indicator": ["LDTT_RATE"] * 2,
                    "min_pct": [90.0, 90.0],
                    "max_pct": [None, None],
                },
                schema_overrides={"max_pct": pl.Float64},
            ),
        }
    )


def _plain(md: str) -> str:
    prefix = ":material/notification_important: :orange[**"
    return md.removeprefix(prefix).removesuffix("**]").replace("\\", "")


def test_the_app_opens_on_the_latest_year_with_results(app_on, progress_url):
    at = app_on(progress_url)("overview")
    assert not at.exception, at.exception
    year = at.sidebar.selectbox(key="w_year")
    assert year.value == 2025
    assert year.options == ["2026 · đang diễn ra", "2025"]
    # 2025 is a closed year: its KPI cards as usual (5 LĐTT of 5 staff = 100 %)
    assert next(m for m in at.metric if m.label == "Tỷ lệ LĐTT").value == "100,0 %"


def test_overview_of_the_year_in_progress_says_so_and_shows_the_warnings(app_on, progress_url):
    at = app_on(progress_url)("overview", year="2026", cluster="C1")
    assert not at.exception, at.exception
    assert any(c.value == "Cụm thử · 2026 · đang diễn ra" for c in at.caption)
    note = at.info[0]
    assert "Chưa có kết quả cả năm" in note.value and "năm 2025" in note.value
    cards = {m.label: m.value for m in at.metric}
    # so far: 5 staff; 9 + 2 = 11 person-months, 4 HTXSNV → 36,4 % of all ratings; beside it
    # the cap's own ratio, pooled: 4 HTXSNV / (5 + 2) HTTNV = 57,1 %; no annual card at all
    assert cards == {
        "Cán bộ, công chức, viên chức": "5",
        "Lượt bình xét hằng tháng đến nay": "11",
        "Lượt HTXSNV / tổng lượt bình xét đến nay": "36,4 %",
        "Lượt HTXSNV / lượt HTTNV đến nay": "57,1 %",
    }
    # the cap holds unit by unit: U1 is over (4 > 1 allowed), U2 is not (0 of 0)
    assert any(c.value == "Trần 20,0 % tính cho từng đơn vị · 1 đơn vị vượt" for c in at.caption)
    summary = "1 đơn vị chậm bình xét tháng · 1 đơn vị có nguy cơ vượt trần HTXSNV"
    assert any(_plain(m.value) == summary for m in at.markdown), [m.value for m in at.markdown]
    rows = next(d.value for d in at.dataframe if "Cảnh báo" in d.value.columns)
    # U2 rated month 1 of the cluster's 3: 2 behind. U1: 4 HTXSNV / 5 HTTNV = 80 % > 20 %,
    # allowed floor(20 % × 5) = 1 → 3 over.
    assert rows.to_dict("records") == [
        {
            "Đơn vị": "Hai",
            "Cảnh báo": "Chậm bình xét 2 tháng",
            "Chi tiết": "đã bình xét 1/3 tháng (cụm đã đến tháng 3)",
        },
        {
            "Đơn vị": "Một",
            "Cảnh báo": "Có nguy cơ vượt trần HTXSNV (3 lượt)",
            "Chi tiết": "4 lượt HTXSNV / 5 lượt HTTNV = 80,0 % > trần 20,0 % (được 1 lượt)",
        },
    ]
    text = rendered_text(at)
    assert not re.search(r"(?<![\d,])0,0 %", text)  # no annual rate drawn as zero
    assert "Tỷ lệ LĐTT" not in text  # nor any annual indicator


@pytest.mark.parametrize("page", ["unit", "ranking", "trends", "review"])
def test_every_page_says_the_year_is_in_progress(app_on, progress_url, page):
    at = app_on(progress_url)(page, year="2026", cluster="C1")
    assert not at.exception, at.exception
    assert any(i.value.startswith("Chưa có kết quả cả năm") for i in at.info), [
        i.value for i in at.info
    ]
    assert any("2026 · đang diễn ra" in c.value for c in at.caption)


# --- the demo data, as the app's first start loads it ----------------------------------------
def test_demo_opens_on_2025_and_offers_2026_in_progress(app):
    at = app("overview")
    assert not at.exception, at.exception
    year = at.sidebar.selectbox(key="w_year")
    assert year.value == 2025 and year.options[0] == "2026 · đang diễn ra"


def test_demo_military_block_in_2026_shows_both_early_warnings(app):
    at = app("overview", year="2026", cluster="KHOI_HVCT")
    assert not at.exception, at.exception
    summary = "1 đơn vị chậm bình xét tháng · 1 đơn vị có nguy cơ vượt trần HTXSNV"
    assert any(_plain(m.value) == summary for m in at.markdown), [m.value for m in at.markdown]
    rows = next(d.value for d in at.dataframe if "Cảnh báo" in d.value.columns)
    what = rows["Cảnh báo"].tolist()
    assert what[0] == "Chậm bình xét 2 tháng"  # 9 of 11 months (seed/in_progress.py)
    assert what[1].startswith("Có nguy cơ vượt trần HTXSNV")
    assert "Quân nhân" in {m.label for m in at.metric}


def test_demo_projector_warnings_slide_in_2026(app):
    at = app("projector", year="2026", cluster="CUM4_DBSH", slides="warnings")
    assert not at.exception, at.exception
    assert "· 2026 · đang diễn ra · 1/1" in at.caption[0].value
    heads = [s.value for s in at.subheader]
    assert "1 đơn vị chậm bình xét tháng · 1 đơn vị có nguy cơ vượt trần HTXSNV" in heads, heads


def test_demo_unit_page_2026_shows_the_units_cap_warning(app):
    at = app("unit", year="2026", cluster="KHOI_HVCT", unit="PKHQS_HVCT")
    assert not at.exception, at.exception
    assert any(_plain(m.value) == "1 đơn vị có nguy cơ vượt trần HTXSNV" for m in at.markdown)
    assert any(i.value.startswith("Chưa có kết quả cả năm") for i in at.info)


# --- Đơn vị of a year in progress: what is known so far, not rows of "—" ----------------------
def _cards(at) -> dict[str, str]:
    return {m.label: m.value for m in at.metric}


def test_unit_page_in_progress_answers_with_the_months_so_far(app_on, progress_url):
    at = app_on(progress_url)("unit", year="2026", cluster="C1", unit="U1")
    assert not at.exception, at.exception
    assert at.info[0].value.startswith("Chưa có kết quả cả năm")
    # U1: 3 staff; 3 months × 3 = 9 person-months, 4 HTXSNV (P1 × 3, P2 in month 1) → 44,4 %
    # of all ratings; the cap counts HTXSNV over HTTNV: 4 / 5 = 80,0 %, allowed floor(20 % × 5)
    # = 1.
    assert _cards(at) == {
        "Cán bộ, công chức, viên chức": "3",
        "Lượt bình xét hằng tháng đến nay": "9",
        "Lượt HTXSNV / tổng lượt bình xét đến nay": "44,4 %",
        "Lượt HTXSNV / lượt HTTNV đến nay": "80,0 %",
    }
    assert any(c.value == "Trần 20,0 %: được 1 lượt, đã có 4 lượt" for c in at.caption)
    assert any(_plain(m.value) == "1 đơn vị có nguy cơ vượt trần HTXSNV" for m in at.markdown)
    # the indicators with a value so far: the monthly share, 4 of 9 person-months
    known = next(d.value for d in at.dataframe if "Tên chỉ số" in d.value.columns)
    assert known.shape[0] == 1
    row = known.iloc[0]
    assert row["Tên chỉ số"] == "Tỷ lệ lượt cá nhân HTXSNV (hằng tháng)"
    assert (row["Tử số"], row["Mẫu số"]) == (4, 9)
    assert round(float(row["Tỷ lệ (%)"]), 1) == 44.4
    # the annual sections are left out, with one line saying when they come
    text = rendered_text(at)
    assert "có sau tổng kết năm" in text
    for gone in ("Khen thưởng theo loại", "Hạn mức", "Danh sách cán bộ", "Tỷ lệ LĐTT"):
        assert gone not in text, gone


def test_unit_page_in_progress_behind_unit_under_the_cap(app_on, progress_url):
    at = app_on(progress_url)("unit", year="2026", cluster="C1", unit="U2")
    assert not at.exception, at.exception
    # U2: 2 staff rated in month 1 only, both HTTNV: 2 person-months, 0 HTXSNV → 0,0 % of all
    # and 0 / 2 = 0,0 % against HTTNV, allowed floor(20 % × 2) = 0.
    assert _cards(at) == {
        "Cán bộ, công chức, viên chức": "2",
        "Lượt bình xét hằng tháng đến nay": "2",
        "Lượt HTXSNV / tổng lượt bình xét đến nay": "0,0 %",
        "Lượt HTXSNV / lượt HTTNV đến nay": "0,0 %",
    }
    assert any(c.value == "Trần 20,0 %: được 0 lượt, đã có 0 lượt" for c in at.caption)
    assert any(_plain(m.value) == "1 đơn vị chậm bình xét tháng" for m in at.markdown)


def test_unit_page_in_progress_in_english(app_on, progress_url):
    at = app_on(progress_url)("unit", year="2026", cluster="C1", unit="U1", lang="en")
    assert not at.exception, at.exception
    # the same figures as above, in English words and number format
    cards = _cards(at)
    assert cards["HTXSNV of all monthly ratings so far"] == "44.4%"
    assert cards["HTXSNV ÷ HTTNV ratings so far"] == "80.0%"
    assert any(c.value == "Cap 20.0%: 1 allowed, 4 so far" for c in at.caption)
    assert "come with the year-end review" in rendered_text(at)
