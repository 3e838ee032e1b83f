"""A military block in its own words on every page (issue 10): CSTT, ĐVTT/ĐVQT, quân nhân, never
the civil LĐTT, TTLĐTT/TTLĐXS, cán bộ công chức. A hand-made block of two military offices; the
figures are worked out beside each assertion."""

from __future__ import annotations

import polars as pl
import pytest

from tests.pages.roles_kit import rendered_text

YEARS = (2024, 2025)
CIVIL = ("Lao động tiên tiến", "Tập thể lao động", "LĐTT", "TTLĐ", "Cán bộ, công chức")
# M1: P1–P4 with departments M1.A, M1.B; M2: P5, P6 with department M2.A.
STAFF = {"P1": "M1", "P2": "M1", "P3": "M1", "P4": "M1", "P5": "M2", "P6": "M2"}
RATINGS = {
    "P1": "HTXSNV",
    "P2": "HTTNV",
    "P3": "HTTNV",
    "P4": "HTNV",
    "P5": "HTXSNV",
    "P6": "HTTNV",
}
# 2025: P1 CSTĐCS (with an initiative), P2, P4, P6 CSTT (P4 rated only HTNV: to check), P3 rated
# HTTNV without a title (a CSTT candidate); M1.A ĐVQT, M1.B and M2.A ĐVTT. 2024: CSTT for P1,
# P2, P5 and ĐVTT for M1.A.
AWARDS = {
    2025: [
        ("person", "P1", "CSTDCS"),
        ("person", "P2", "CSTT"),
        ("person", "P4", "CSTT"),
        ("person", "P6", "CSTT"),
        ("collective", "M1.A", "TTLDXS"),
        ("collective", "M1.B", "TTLDTT"),
        ("collective", "M2.A", "TTLDTT"),
    ],
    2024: [
        ("person", "P1", "CSTT"),
        ("person", "P2", "CSTT"),
        ("person", "P5", "CSTT"),
        ("collective", "M1.A", "TTLDTT"),
    ],
}


@pytest.fixture
def military_url(make_db):
    people = list(STAFF)
    awards = [(y, *a) for y, rows in AWARDS.items() for a in rows]
    ratings = [(y, p, r) for y in YEARS for p, r in RATINGS.items()]
    targets = [
        (y, ind, lo, hi)
        for y in YEARS
        for ind, lo, hi in (("LDTT_RATE", 90.0, None), ("TTLDXS_OF_TTLDTT", 15.0, 20.0))
    ]
    return make_db(
        {
            "clusters": pl.DataFrame({"cluster_code": ["KM"], "cluster_name": ["Khối thử"]}),
            "units": pl.DataFrame(
                {
                    "unit_code": ["M1", "M2"],
                    "unit_name": ["Phòng Tham mưu", "Phòng Hậu cần"],
                    "cluster_code": ["KM", "KM"],
                    "profile": ["military", "military"],
                }
            ),
            "collectives": pl.DataFrame(
                {
                    "collective_code": ["M1.A", "M1.B", "M2.A"],
                    "unit_code": ["M1", "M1", "M2"],
                    "collective_name": ["Ban Một", "Ban Hai", "Ban Ba"],
                    "kind": ["department"] * 3,
                }
            ),
            "people": pl.DataFrame(
                {"person_code": people, "full_name": [f"Nguyễn Văn {p}" for p in people]}
            ),
            "roster": pl.DataFrame(
                {
                    "year": [y for y in YEARS for _ in people],
                    "person_code": people * len(YEARS),
                    "unit_code": [STAFF[p] for p in people] * len(YEARS),
                    "initiatives": [1 if p in ("P1", "P5") else 0 for p in people] * len(YEARS),
                }
            ),
            "ratings": pl.DataFrame(
                {
                    "period": [str(y) for y, _, _ in ratings],
                    "subject_kind": ["person"] * len(ratings),
                    "subject_code": [p for _, p, _ in ratings],
                    "rating": [r for _, _, r in ratings],
                    "year": [y for y, _, _ in ratings],
                }
            ),
            "awards": pl.DataFrame(
                {
                    "year": [a[0] for a in awards],
                    "recipient_kind": [a[1] for a in awards],
                    "recipient_code": [a[2] for a in awards],
                    "award_code": [a[3] for a in awards],
                }
            ),
            "targets": pl.DataFrame(
                {
                    "year": [t[0] for t in targets],
                    "scope_kind": ["cluster"] * len(targets),
                    "scope_code": ["KM"] * len(targets),
                    "indicator": [t[1] for t in targets],
                    "min_pct": [t[2] for t in targets],
                    "max_pct": [t[3] for t in targets],
                },
                schema_overrides={"max_pct": pl.Float64},
            ),
        }
    )


def _no_civil_words(text: str) -> None:
    found = [w for w in CIVIL if w in text]
    assert not found, found


def _run(app_on, url, page, **params):
    at = app_on(url)(page, year="2025", cluster="KM", **params)
    assert not at.exception, at.exception
    return at


def _chart_labels(at) -> list[str]:
    import json

    out: list[str] = []
    for c in at.get("plotly_chart"):
        for trace in json.loads(c.proto.spec)["data"]:
            out += [str(y) for y in trace.get("y") or [] if isinstance(y, str)]
    return out


def test_unit_page_awards_chart_and_staff_list_say_the_military_titles(app_on, military_url):
    at = _run(app_on, military_url, "unit", unit="M1")
    # M1 in 2025: CSTĐCS 1 (P1), CSTT 2 (P2, P4), ĐVQT 1 (M1.A), ĐVTT 1 (M1.B)
    labels = _chart_labels(at)
    for name in ("Chiến sĩ thi đua cơ sở", "Chiến sĩ tiên tiến", "Đơn vị quyết thắng"):
        assert name in labels, labels
    assert "Đơn vị tiên tiến" in labels
    people = next(d.value for d in at.dataframe if "Họ và tên" in d.value.columns)
    titles = dict(zip(people["Họ và tên"], people["Danh hiệu, khen thưởng trong năm"], strict=True))
    assert titles["Nguyễn Văn P2"] == "Chiến sĩ tiên tiến"
    _no_civil_words(rendered_text(at))


def test_review_tables_say_the_military_titles(app_on, military_url):
    at = _run(app_on, military_url, "review")
    text = rendered_text(at)
    # P3 rated HTTNV, not disciplined, no title: a CSTT candidate; P4 holds CSTT rated HTNV.
    cand = next(d.value for d in at.dataframe if "Tên đối tượng" in d.value.columns)
    rows = set(zip(cand["Tên đối tượng"], cand["Danh hiệu, hình thức khen thưởng"], strict=True))
    assert ("Nguyễn Văn P3", "Chiến sĩ tiên tiến") in rows, rows
    assert "Đơn vị quyết thắng" in text  # the budget by award: M1.A's ĐVQT
    _no_civil_words(text)


@pytest.mark.parametrize("page", ["overview", "ranking", "trends"])
def test_overview_ranking_and_trends_keep_the_military_words(app_on, military_url, page):
    at = _run(app_on, military_url, page)
    text = rendered_text(at)
    if page == "trends":
        assert "Tỷ lệ Chiến sĩ tiên tiến" in text  # the change table's indicator names
        assert "CSTT" in text  # the small multiples' panel titles
    _no_civil_words(text)


def test_projector_highlights_and_trends_in_military_words(app_on, military_url):
    at = _run(app_on, military_url, "projector", slides="highlights")
    cards = {m.label: m.value for m in at.metric}
    # 6 service members on the 2025 roster; CSTT-or-higher 4 of 6 = 66,7 %
    assert cards["Quân nhân"] == "6"
    assert cards["Tỷ lệ Chiến sĩ tiên tiến (toàn khối)"] == "66,7 %"
    _no_civil_words(rendered_text(at))
    at = _run(app_on, military_url, "projector", slides="trends")
    assert "CSTT" in rendered_text(at)
    _no_civil_words(rendered_text(at))
