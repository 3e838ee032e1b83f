"""unit_counts: a part above its whole for the same unit and year is an error on its row
(issue 13: staff 10 and persons_ldtt_plus 500 imported and showed "5000.00 … met")."""

from __future__ import annotations

from import_kit import dump, errors, load_base, run

from data_access.catalog import load_catalog
from data_access.importer.consistency import bounds

HEAD = "year,unit_code,measure,value\n"


def test_numerator_above_denominator_in_one_file(engine):
    load_base(engine)
    before = dump(engine)
    report = run(
        engine,
        {
            "unit_counts.csv": HEAD + "2023,U1,staff,10\n2023,U1,persons_ldtt_plus,500\n"
            "2023,U2,party_cells,3\n2023,U2,party_cells_htxsnv,4\n2023,U2,staff,9\n"
        },
    )
    assert errors(report) == [
        (
            "unit_counts.csv",
            3,
            "value",
            "500",
            "persons_ldtt_plus (500) lớn hơn staff (10) của cùng đơn vị, cùng năm",
        ),
        (
            "unit_counts.csv",
            5,
            "value",
            "4",
            "party_cells_htxsnv (4) lớn hơn party_cells (3) của cùng đơn vị, cùng năm",
        ),
    ]
    assert dump(engine) == before


def test_against_what_the_database_holds(engine):
    load_base(engine)
    assert run(engine, {"unit_counts.csv": HEAD + "2023,U1,staff,10\n"}).ok
    report = run(engine, {"unit_counts.csv": HEAD + "2023,U1,persons_ldtt_plus,11\n"})
    assert [(e.row, e.value) for e in report.errors] == [(2, "11")]
    # The whole lowered below a stored part: reported on the whole's row.
    assert run(engine, {"unit_counts.csv": HEAD + "2023,U1,persons_ldtt_plus,8\n"}).ok
    report = run(engine, {"unit_counts.csv": HEAD + "2023,U1,staff,7\n"}, lang="en")
    assert [(e.row, e.reason) for e in report.errors] == [
        (2, "persons_ldtt_plus (8) is greater than staff (7) of the same unit and year")
    ]


def test_equal_and_unknown_wholes_pass(engine):
    load_base(engine)
    # 3 = 2 staff + 0 departments + the unit itself; departments absent elsewhere: unknown.
    body = (
        "2023,U1,staff,2\n2023,U1,departments,0\n2023,U1,higher_award_recipients,3\n"
        "2023,U2,persons_ldtt_plus,40\n"
    )
    assert run(engine, {"unit_counts.csv": HEAD + body}).ok


def test_every_indicator_gives_a_bound():
    """The bounds are derived from the indicators: each numerator is at most its denominator."""
    have = set(bounds())
    for code, ind in load_catalog().indicators.items():
        for part in ind.numerator:
            assert (part, tuple(ind.denominator)) in have, code
