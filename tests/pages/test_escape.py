"""No user text is ever rendered as HTML: a unit named <script>… shows as text on every page."""

import json

import polars as pl
import pytest

EVIL = "<script>alert('x')</script>"
BOLD = "Trường <b>B</b> **đậm**"


@pytest.fixture
def evil_url(make_db):
    people = pl.DataFrame(
        {
            "person_code": ["P1", "P2", "P3"],
            "full_name": ["<img src=x onerror=alert(1)>", "Trần Thị Bình", "Lê An"],
        }
    )
    roster = pl.DataFrame(
        {
            "year": [2023, 2023, 2023, 2024, 2024, 2024],
            "person_code": ["P1", "P2", "P3"] * 2,
            "unit_code": ["U1", "U1", "U2"] * 2,
        }
    )
    return make_db(
        {
            "clusters": pl.DataFrame({"cluster_code": ["C1"], "cluster_name": ["Cụm <i>1</i>"]}),
            "units": pl.DataFrame(
                {
                    "unit_code": ["U1", "U2"],
                    "unit_name": [EVIL, BOLD],
                    "cluster_code": ["C1", "C1"],
                    "profile": ["civil", "civil"],
                }
            ),
            "people": people,
            "roster": roster,
            "ratings": pl.DataFrame(
                {
                    "period": ["2024"] * 3,
                    "subject_kind": ["person"] * 3,
                    "subject_code": ["P1", "P2", "P3"],
                    "rating": ["HTXSNV", "HTTNV", "HTTNV"],
                    "year": [2024] * 3,
                    "month": [None] * 3,
                }
            ),
            "awards": pl.DataFrame(
                {
                    "year": [2023, 2024, 2024],
                    "recipient_kind": ["person"] * 3,
                    "recipient_code": ["P2", "P1", "P2"],
                    "award_code": ["LDTT", "LDTT", "CSTDCS"],
                }
            ),
            "targets": pl.DataFrame(
                {
                    "year": [2023, 2024],
                    "scope_kind": ["cluster"] * 2,
                    "scope_code": ["C1"] * 2,
                    "indicator": ["LDTT_RATE"] * 2,
                    "min_pct": [90.0, 90.0],
                    "max_pct": [None, None],
                }
            ),
        }
    )


def _no_html_with_data(at):
    for md in [*at.markdown, *at.caption]:
        assert not md.allow_html or "alert" not in md.value, md.value
    for el in at.get("html"):
        assert "<script>alert" not in el.value and "<img" not in el.value


@pytest.mark.parametrize("page", ["overview", "unit", "ranking", "trends", "review", "projector"])
def test_page_shows_names_as_text(app_on, evil_url, page):
    at = app_on(evil_url)(page, year="2024", cluster="C1", unit="U1")
    assert not at.exception, at.exception
    _no_html_with_data(at)
    for chart in at.get("plotly_chart"):
        spec = json.loads(chart.proto.spec)
        assert "<script>" not in json.dumps(spec, ensure_ascii=False)


def test_unit_name_in_a_caption_is_escaped_markdown(app_on, evil_url):
    from dashboard.ui.widgets import md_escape

    at = app_on(evil_url)("overview", year="2024", cluster="C1", unit="U2")
    # "**đậm**" and "<b>" would otherwise be read as Markdown/HTML: every special character is
    # backslash-escaped, so the browser shows the name exactly as typed.
    assert any(c.value.startswith(md_escape(BOLD)) for c in at.caption)
    assert "\\*\\*đậm\\*\\*" in md_escape(BOLD)


def test_warnings_slide_table_shows_a_name_as_typed(app_on, make_db):
    """The projector's warnings table is HTML (st.table reads Markdown in its cells): the
    unit's name comes escaped, so "**đậm**" is not bold and "<b>" is not a tag."""
    from dashboard.ui.widgets import md_escape

    # U1 rated months 1–2, U2 month 1 only: U2 is one month behind.
    monthly = [("P1", 1), ("P1", 2), ("P2", 1)]
    url = make_db(
        {
            "clusters": pl.DataFrame({"cluster_code": ["C1"], "cluster_name": ["Cụm 1"]}),
            "units": pl.DataFrame(
                {
                    "unit_code": ["U1", "U2"],
                    "unit_name": ["Một", BOLD],
                    "cluster_code": ["C1", "C1"],
                    "profile": ["civil", "civil"],
                }
            ),
            "people": pl.DataFrame({"person_code": ["P1", "P2"], "full_name": ["A", "B"]}),
            "roster": pl.DataFrame(
                {"year": [2024] * 2, "person_code": ["P1", "P2"], "unit_code": ["U1", "U2"]}
            ),
            "ratings": pl.DataFrame(
                {
                    "period": [f"2024-{m:02d}" for _, m in monthly],
                    "subject_kind": ["person"] * 3,
                    "subject_code": [p for p, _ in monthly],
                    "rating": ["HTTNV"] * 3,
                    "year": [2024] * 3,
                    "month": [m for _, m in monthly],
                }
            ),
        }
    )
    at = app_on(url)("projector", year="2024", cluster="C1", slides="warnings", every="600")
    assert not at.exception, at.exception
    cells = at.table[0].value["Đơn vị"].to_list()
    assert cells == [md_escape(BOLD)]
