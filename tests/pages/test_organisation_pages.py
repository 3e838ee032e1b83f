"""The pages through the 2025 reorganisation and the school year (issue 18), on the seeded
demo: the year as a school year ("2025–2026") for the military block, the unit selector
offering a merged-away unit only for the years it existed, a merged unit's page naming its
predecessors and the decision, a predecessor's last year saying what it went into, the merger
marked on Xu hướng, and the rank change not compared for a unit merged that year."""

from __future__ import annotations

import datetime as dt
import json

import polars as pl

from dashboard.charts.trend import trend_chart
from dashboard.views import lineage
from data_access.readers import Dataset


def _texts(at) -> str:
    parts = [e.value for e in (*at.info, *at.caption, *at.markdown)]
    return "\n".join(str(p) for p in parts).replace("\\", "")  # Markdown escapes


def _options(at, label: str) -> list[str]:
    box = next(s for s in at.sidebar.selectbox if s.label == label)
    return list(box.options)


# --- the unit selector --------------------------------------------------------------------------
def test_a_merged_away_unit_is_offered_only_while_it_existed(app):
    at = app("unit", year="2024", cluster="CUM4_DBSH")
    assert not at.exception
    units_2024 = _options(at, "Đơn vị")
    assert "Trường Chính trị tỉnh Hà Nam" in units_2024
    assert "Trường Chính trị thành phố Hải Phòng" not in units_2024  # not there before 2025
    at = app("unit", year="2025", cluster="CUM4_DBSH")
    units_2025 = _options(at, "Đơn vị")
    # the five schools of 2025 and "the whole cluster"
    assert len(units_2025) == 1 + 5
    assert "Trường Chính trị tỉnh Hà Nam" not in units_2025
    assert "Trường Chính trị thành phố Hải Phòng" in units_2025


def test_a_link_to_a_merged_away_unit_after_its_last_year_goes_to_its_successor(app):
    at = app("unit", year="2025", cluster="CUM4_DBSH", unit="HN_TCT")
    assert not at.exception
    # HN_TCT is not offered in 2025: the link's unit is said to be invalid, and the page falls
    # back to the unit it merged into
    warned = [w.value for w in at.warning if "HN\\_TCT" in w.value]
    assert warned and "đã sáp nhập" in warned[0]
    assert "Trường Chính trị tỉnh Ninh Bình" in warned[0]
    assert at.query_params["unit"] == "NB_TCT"


# --- the year as a school year ------------------------------------------------------------------
def test_the_school_year_block_shows_its_years_as_school_years(app):
    at = app("overview", year="2025", cluster="KHOI_HVCT")
    assert not at.exception
    years = next(s for s in at.sidebar.selectbox if s.label == "Năm")
    shown = list(years.options)  # as the selector shows them
    assert "2024–2025" in shown  # year 2025 runs September 2024 – August 2025
    assert all("–" in y for y in shown)
    assert "2024–2025" in at.caption[0].value  # the title's caption
    at = app("overview", year="2025", cluster="CUM4_DBSH")
    years = next(s for s in at.sidebar.selectbox if s.label == "Năm")
    assert "2025" in years.options  # a calendar cluster keeps its years


# --- Đơn vị: predecessors, decision, last year ---------------------------------------------------
def test_the_merged_unit_names_its_predecessors_and_the_decision(app):
    at = app("unit", year="2025", cluster="CUM4_DBSH", unit="NB_TCT")
    assert not at.exception
    text = _texts(at)
    assert "Trường Chính trị tỉnh Hà Nam, Trường Chính trị tỉnh Nam Định" in text
    assert "01/07/2025" in text and "202/2025/QH15" in text
    # before its merger it was just itself: no note in 2024
    at = app("unit", year="2024", cluster="CUM4_DBSH", unit="NB_TCT")
    assert "202/2025/QH15" not in _texts(at)


def test_a_predecessor_says_what_it_merged_into_in_its_last_year(app):
    at = app("unit", year="2024", cluster="CUM4_DBSH", unit="VP_TCT")
    assert not at.exception
    text = _texts(at)
    assert "Năm 2024 là năm cuối của đơn vị" in text
    assert "Trường Chính trị tỉnh Phú Thọ" in text
    at = app("unit", year="2023", cluster="CUM4_DBSH", unit="VP_TCT")
    assert "năm cuối" not in _texts(at)


def test_in_english_too(app):
    at = app("unit", year="2025", cluster="CUM4_DBSH", unit="HP_TCT", lang="en")
    assert not at.exception
    assert "merged into this unit" in _texts(at)
    assert "Trường Chính trị tỉnh Hải Dương" in _texts(at)


# --- Xu hướng: the line through the merger --------------------------------------------------------
def test_the_trend_of_the_merged_unit_marks_the_merger(app):
    at = app("trends", year="2025", cluster="CUM4_DBSH", unit="NB_TCT")
    assert not at.exception
    fig = json.loads(at.get("plotly_chart")[0].proto.spec)
    assert "Sáp nhập 01/07/2025: Hà Nam, Nam Định" in [d.get("name") for d in fig["data"]]
    # one dotted line between 2024 and 2025 in each of the indicators' panels (their titles)
    lines = [s for s in fig["layout"]["shapes"] if s.get("x0") == 2024.5]
    assert len(lines) == len(fig["layout"]["annotations"])
    text = _texts(at)
    # pooled_from from the engine when it gives it, else the change rows: the three schools
    assert "Trước năm 2025" in text and "Trường Chính trị tỉnh Nam Định" in text


def test_trend_marks_in_the_chart():
    frame = pl.DataFrame(
        {
            "indicator": ["LDTT_RATE"] * 3,
            "year": [2024, 2025, 2026],
            "value_pct": [90.0, 92.0, 93.0],
            "series": ["NB"] * 3,
            "pooled": [False] * 3,
        }
    )
    fig = trend_chart(frame, lang="vi", marks=[(2025, "Sáp nhập 01/07/2025: A, B")]).to_dict()
    lines = [s for s in fig["layout"]["shapes"] if s["type"] == "line"]
    assert [(s["x0"], s["x1"]) for s in lines] == [(2024.5, 2024.5)]  # between 2024 and 2025
    named = [d for d in fig["data"] if d.get("name") == "Sáp nhập 01/07/2025: A, B"]
    assert len(named) == 1 and named[0]["line"]["dash"] == "dot"
    assert "shapes" not in trend_chart(frame, lang="vi").to_dict()["layout"]


# --- rank change not compared -------------------------------------------------------------------
def test_the_rank_change_of_a_unit_merged_that_year_is_empty_with_a_note(app):
    at = app("ranking", year="2025", cluster="CUM4_DBSH")
    assert not at.exception
    table = at.dataframe[0].value
    text = _texts(at)
    assert "Đơn vị mới sáp nhập năm 2025: không so thứ hạng" in text
    # Ninh Bình, Hưng Yên and Hải Phòng (merged 2025): no rank change; the others have one
    change = table["Thay đổi thứ hạng"]
    names = table["Tên đơn vị"]
    assert sorted(names[change.isna()]) == ["Hưng Yên", "Hải Phòng", "Ninh Bình"]
    assert change.notna().sum() == 2 and len(table) == 5
    note = next(line for line in text.splitlines() if "không so thứ hạng" in line)
    for name in (
        "Trường Chính trị thành phố Hải Phòng",
        "Trường Chính trị tỉnh Ninh Bình",
        "Trường Chính trị tỉnh Hưng Yên",
    ):
        assert name in note
    assert "Bắc Ninh" not in note and "Quảng Ninh" not in note


def test_the_note_names_the_changed_units_without_a_rank_change():
    # as the engine gives it: B changed this year, so no previous rank and no change
    got = pl.DataFrame(
        {"unit_code": ["A", "B"], "rank": [1, 2], "rank_prev": [2, None], "rank_change": [1, None]}
    )
    assert lineage.not_compared(got, ["B"]) == ["B"]
    assert lineage.not_compared(got, []) == []


def test_years_and_file_names():
    assert lineage.year_text(2026, 9) == "2025–2026"
    assert lineage.year_text(2026, None) == "2026"
    assert lineage.file_year(2026, 9) == "2025-2026"


def test_members_leave_out_ended_units_without_membership_rows():
    # no cluster_members rows: every unit in its current cluster, less A after its last year
    ds = Dataset.empty(
        units=pl.DataFrame({"unit_code": ["A", "B"], "cluster_code": ["C", "C"]}),
        unit_changes=pl.DataFrame(
            {
                "from_unit_code": ["A", "B"],
                "to_unit_code": ["B", "B"],
                "kind": ["merge", "merge"],
                "effective_date": [dt.date(2025, 7, 1)] * 2,
                "decision_no": ["1/QĐ"] * 2,
            }
        ),
    )
    got = lineage.members(ds, [2024, 2025])
    assert got.select("year", "unit_code").rows() == [(2024, "A"), (2024, "B"), (2025, "B")]


def test_options_answer_by_year():
    from dashboard.ui.loaders import Options

    units = pl.DataFrame(
        {"unit_code": ["A", "B", "N"], "unit_name": ["a", "b", "n"], "cluster_code": ["C"] * 3}
    )
    members = pl.DataFrame(
        {"year": [2024, 2024, 2025, 2025], "unit_code": ["A", "B", "B", "N"]}
    ).with_columns(cluster_code=pl.lit("C"))
    opts = Options(
        years=(2024, 2025),
        clusters=pl.DataFrame({"cluster_code": ["C"], "cluster_name": ["c"]}),
        units=units,
        whole=frozenset({"C"}),
        members=members,
        starts={"C": 9},
        successors={"A": "B"},
    )
    assert opts.units_of("C", 2024) == ["A", "B"]
    assert opts.units_of("C", 2025) == ["B", "N"]
    assert opts.units_of("C") == ["A", "B", "N"]  # no year: every unit of the cluster
    assert opts.units_of("C", 2030) == ["A", "B", "N"]  # a year without membership rows
    assert opts.year_text(2025, "C") == "2024–2025"
    assert opts.file_year(2025, "C") == "2024-2025"
    assert opts.year_text(2025, "D") == "2025"


def test_the_projector_notes_the_merged_units_in_its_ranking(app):
    at = app("projector", year="2025", cluster="CUM4_DBSH", slides="ranking")
    assert not at.exception
    fig = json.loads(at.get("plotly_chart")[0].proto.spec)
    notes = [a.get("text") for a in fig["layout"].get("annotations", [])]
    assert "★ Đơn vị mới sáp nhập năm 2025: không so thứ hạng" in notes
    at = app("projector", year="2024", cluster="CUM4_DBSH", slides="ranking")
    fig = json.loads(at.get("plotly_chart")[0].proto.spec)
    assert not any("sáp nhập" in str(a.get("text")) for a in fig["layout"].get("annotations", []))
