"""A target has a minimum, a maximum or both, and the minimum is not above the maximum."""

from __future__ import annotations

from import_kit import errors, load_base, run

HEAD = "year,scope_kind,scope_code,indicator,min_pct,max_pct\n"


def test_target_without_bounds(engine):
    load_base(engine)
    report = run(engine, {"targets.csv": HEAD + "2023,unit,U1,LDTT_RATE,,\n"})
    reason = "chỉ tiêu cần ít nhất một trong hai giá trị: tối thiểu (%) hoặc tối đa (%)"
    assert errors(report) == [("targets.csv", 2, "min_pct", None, reason)]


def test_minimum_above_maximum(engine):
    load_base(engine)
    report = run(engine, {"targets.csv": HEAD + "2023,unit,U1,CSTDCS_OF_LDTT,15,10\n"})
    reason = "tối thiểu (15) lớn hơn tối đa (10)"
    assert errors(report) == [("targets.csv", 2, "min_pct", "15", reason)]


def test_malformed_bound_is_not_also_missing(engine):
    # "x" is reported as a bad percentage, not as a target without bounds.
    load_base(engine)
    report = run(engine, {"targets.csv": HEAD + "2023,unit,U1,LDTT_RATE,x,\n"})
    assert [e.kind for e in report.errors] == ["not_pct"]


def test_equal_bounds_and_single_bounds_are_fine(engine):
    load_base(engine)
    report = run(
        engine,
        {
            "targets.csv": HEAD + "2023,unit,U1,PARTY_CELL_HTTNV_PLUS_RATE,100,100\n"
            "2023,cluster,C1,LDTT_RATE,90,\n"
            "2023,cluster,C1,CSTDCS_OF_LDTT,,15\n"
        },
    )
    assert report.ok, report.lines()
