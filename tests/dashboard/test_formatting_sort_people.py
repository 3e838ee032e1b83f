"""`sort_people`: by given name (the last word), then full name, the Vietnamese way."""

from __future__ import annotations

import polars as pl

from dashboard.formatting import sort_people


def test_given_name_first_then_full_name():
    frame = pl.DataFrame({"full_name": ["Trần Thị Bình", "Trịnh An", "Nguyễn Văn An", "Trần An"]})
    # An < Bình; among the three "An": Nguyễn < Trần < Trịnh ("Trần" before "Trịnh")
    assert sort_people(frame)["full_name"].to_list() == [
        "Nguyễn Văn An", "Trần An", "Trịnh An", "Trần Thị Bình",
    ]  # fmt: skip


def test_d_stroke_after_d_and_grouping_columns_first():
    frame = pl.DataFrame(
        {"unit_code": ["U2", "U1", "U1"], "subject_name": ["Lê Đức", "Lê Đức", "Lê Dũng"]}
    )
    got = sort_people(frame, "subject_name", by=["unit_code"])
    assert got.rows() == [("U1", "Lê Dũng"), ("U1", "Lê Đức"), ("U2", "Lê Đức")]
