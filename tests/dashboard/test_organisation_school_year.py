"""The emulation year (contract 0.3.0): a school-year unit's monthly ratings count in the year of
their month, from September of Y−1 to August of Y, in the counts, the stored counts (whose
ratings are stored by calendar year), the monthly progress and the early warnings.

Worked by hand. Unit Y starts its year in September (period_start_month 9); unit Z in January.
Y1 and Y2 are on Y's staff in 2025 and 2026, Z1 on Z's in 2025; M moves from Z (2025) to Y
(2026).

| person | month   | rating | emulation year (place) |
|--------|---------|--------|------------------------|
| Y1     | 2024-08 | HTXSNV | 2024 (12) — not on 2024's roster: dropped |
| Y1     | 2024-09 | HTTNV  | 2025 (1)               |
| Y1     | 2024-12 | HTXSNV | 2025 (4)               |
| Y2     | 2025-01 | HTXSNV | 2025 (5)               |
| Y1     | 2025-08 | HTXSNV | 2025 (12)              |
| Y1     | 2025-09 | HTTNV  | 2026 (1)               |
| Z1     | 2024-12 | HTXSNV | 2024 — not on 2024's roster: dropped |
| Z1     | 2025-01 | HTTNV  | 2025 (1)               |
| Z1     | 2025-09 | HTXSNV | 2025 (9)               |
| M      | 2025-10 | HTXSNV | Z's 2025 (10) and Y's 2026 (2): each unit's year holds October |

So 2025: Y 4 person-months rated, 3 HTXSNV; Z 3 rated, 2 HTXSNV. 2026: Y 2 rated, 1 HTXSNV.
"""

from __future__ import annotations

import polars as pl
from polars.testing import assert_frame_equal

from dashboard import pipeline
from dashboard.views.unit import monthly_progress
from dashboard.views.warnings import month_of_year, months_behind
from data_access.importer.load import write_tables
from data_access.readers import load_dataset
from data_access.writer import bump_data_version, upsert

RATINGS = [
    ("Y1", "2024-08", "HTXSNV"),
    ("Y1", "2024-09", "HTTNV"),
    ("Y1", "2024-12", "HTXSNV"),
    ("Y2", "2025-01", "HTXSNV"),
    ("Y1", "2025-08", "HTXSNV"),
    ("Y1", "2025-09", "HTTNV"),
    ("Z1", "2024-12", "HTXSNV"),
    ("Z1", "2025-01", "HTTNV"),
    ("Z1", "2025-09", "HTXSNV"),
    ("M", "2025-10", "HTXSNV"),
]


def _ratings(rows: list[tuple[str, str, str]]) -> pl.DataFrame:
    return pl.DataFrame(
        {
            "period": [p for _, p, _ in rows],
            "subject_kind": ["person"] * len(rows),
            "subject_code": [c for c, _, _ in rows],
            "rating": [r for _, _, r in rows],
            "year": [int(p[:4]) for _, p, _ in rows],
            "month": [int(p[5:]) for _, p, _ in rows],
        }
    )


TABLES = {
    "clusters": pl.DataFrame({"cluster_code": ["C1"], "cluster_name": ["Cụm 1"]}),
    "units": pl.DataFrame(
        {
            "unit_code": ["Y", "Z"],
            "unit_name": ["Học viện Y", "Cục Z"],
            "cluster_code": ["C1", "C1"],
            "period_start_month": [9, None],
        },
        schema_overrides={"period_start_month": pl.Int8},
    ),
    "people": pl.DataFrame(
        {"person_code": ["Y1", "Y2", "Z1", "M"], "full_name": ["A", "B", "C", "D"]}
    ),
    "roster": pl.DataFrame(
        {
            "year": [2025, 2025, 2026, 2026, 2025, 2025, 2026],
            "person_code": ["Y1", "Y2", "Y1", "Y2", "Z1", "M", "M"],
            "unit_code": ["Y", "Y", "Y", "Y", "Z", "Z", "Y"],
        }
    ),
    "ratings": _ratings(RATINGS),
}


def _dataset():
    from data_access.readers import Dataset

    return Dataset.empty(**TABLES)


def _months(counts: pl.DataFrame) -> list[tuple]:
    return (
        counts.sort("year", "unit_code")
        .select("year", "unit_code", "person_months_rated", "person_months_htxsnv")
        .rows()
    )


EXPECTED = [(2025, "Y", 4, 3), (2025, "Z", 3, 2), (2026, "Y", 2, 1)]


def test_counts_place_months_in_their_emulation_year():
    assert _months(pipeline.counts_for(_dataset())) == EXPECTED
    # one year alone reads the same (the September–December months come from Y − 1)
    assert _months(pipeline.counts_for(_dataset(), [2025])) == EXPECTED[:2]


def test_monthly_progress_runs_september_to_august():
    got = monthly_progress(_dataset(), year=2025, unit="Y")
    assert got.select("month", "month_label", "rated_cum", "htxsnv_cum").rows() == [
        (1, "09", 1, 0),
        (4, "12", 2, 1),
        (5, "01", 3, 2),
        (12, "08", 4, 3),
    ]


def test_months_behind_in_the_emulation_year_and_its_words():
    # 2025: Y rated places 1, 4, 5, 12 (4 months), Z places 1, 9 and 10 (3 months); the
    # cluster has reached place 12, so Y is 8 months behind and Z 9.
    got = months_behind(_dataset(), year=2025).sort("unit_code")
    assert got.select("unit_code", "used", "base", "gap").rows() == [
        ("Y", 4, 12, 8),
        ("Z", 3, 12, 9),
    ]
    assert month_of_year(3, year=2027, start_month=9, lang="vi") == (
        "tháng 3/12 của năm học 2026–2027"
    )
    assert month_of_year(3, year=2026, start_month=1, lang="en") == "month 3 of 12 of 2026"


def _sorted(frame: pl.DataFrame) -> pl.DataFrame:
    frame = frame.with_columns(pl.col(pl.Categorical).cast(pl.String))
    return frame.sort("year", "unit_code").select(sorted(frame.columns))


def test_stored_counts_read_the_year_before_and_rebuild_the_next(engine, tmp_path, monkeypatch):
    monkeypatch.setenv("THIDUA_SNAPSHOT_DIR", str(tmp_path / "snap"))
    with engine.begin() as conn:
        for name in ("clusters", "units", "people", "roster", "ratings"):
            upsert(conn, name, TABLES[name])
        bump_data_version(conn)
    store = pipeline.build_aggregates(engine)
    assert _months(store.read("counts")) == EXPECTED
    # A rating of October 2025 is stored in the calendar partition 2025 but counts in 2026:
    # importing it rebuilds the 2026 counts too.
    with engine.begin() as conn:
        write_tables(conn, {"ratings": _ratings([("Y2", "2025-10", "HTXSNV")])})
    second = pipeline.build_aggregates(engine)
    assert "derived/counts/2026" in second.manifest["rebuilt"]
    assert _months(second.read("counts")) == [*EXPECTED[:2], (2026, "Y", 3, 2)]
    with engine.connect() as conn:
        ds = load_dataset(conn)
    assert_frame_equal(_sorted(second.read("counts")), _sorted(pipeline.counts_for(ds)))
