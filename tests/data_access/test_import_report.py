"""The report the app shows: to_frame() of errors or of the summary, and progress callbacks."""

from __future__ import annotations

import polars as pl
from import_kit import BASE, csv, run
from polars.testing import assert_frame_equal

from data_access.importer import import_files


def test_error_frame(engine):
    report = run(engine, {"people.csv": "person_code,full_name\nP1,\n"})
    expected = pl.DataFrame(
        {
            "file": ["people.csv"],
            "row": [2],
            "column": ["full_name"],
            "value": [None],
            "reason": ["thiếu giá trị bắt buộc"],
        },
        schema={
            "file": pl.String,
            "row": pl.Int64,
            "column": pl.String,
            "value": pl.String,
            "reason": pl.String,
        },
    )
    assert not report.ok
    assert_frame_equal(report.to_frame(), expected)


def test_summary_frame(engine):
    report = run(engine, {"clusters.csv": BASE["clusters.csv"]})
    expected = pl.DataFrame(
        {"table": ["clusters"], "inserted": [2], "updated": [0], "unchanged": [0]},
        schema={
            "table": pl.String,
            "inserted": pl.Int64,
            "updated": pl.Int64,
            "unchanged": pl.Int64,
        },
    )
    assert report.ok
    assert_frame_equal(report.to_frame(), expected)
    assert report.lines() == [
        "Cụm thi đua (clusters): 2 dòng thêm mới, 0 dòng cập nhật, 0 dòng không đổi",
        "Nhập dữ liệu thành công.",
    ]


def test_progress_runs_from_zero_to_one(engine):
    calls: list[tuple[float, str]] = []
    files = [("clusters.csv", csv(BASE["clusters.csv"])), ("units.csv", csv(BASE["units.csv"]))]
    import_files(engine, files, progress=lambda f, msg: calls.append((f, msg)))
    fractions = [f for f, _ in calls]
    assert fractions[0] == 0.0
    assert fractions == sorted(fractions)
    assert calls[-1] == (1.0, "Hoàn tất")
    assert "Đang đọc units.csv" in {m for _, m in calls}
    assert "Đang ghi bảng units" in {m for _, m in calls}


def test_progress_on_failure(engine):
    calls: list[tuple[float, str]] = []
    import_files(
        engine,
        [("people.csv", b"person_code\nP1\n")],
        lang="en",
        progress=lambda f, msg: calls.append((f, msg)),
    )
    assert calls[-1] == (1.0, "Errors found, nothing written")
