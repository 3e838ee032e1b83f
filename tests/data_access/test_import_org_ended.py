"""A unit that a merge ended takes no roster row, annual rating or later award (issue 18 item 6,
contract 0.3.0): refused naming the unit, the change and its date, and nothing written.

The case, worked by hand: U2 (in C1, with department K2) merges into U1 on 01/07/2025; U1
continues (its row to itself). Both are on the calendar year, so the change takes effect in
2025: U2's last year is 2024. From 2025 on U2 takes no roster row or annual rating; its monthly
rating of March 2025 stays its own; an award to it decided on 30/06/2025 is fine, one decided on
01/07/2025 is not; an award without a date counts by its year.
"""

from __future__ import annotations

from import_kit import dump, errors, load_base, run

MERGE = (
    "effective_date,kind,from_unit_code,to_unit_code,decision_no\n"
    "01/07/2025,merge,U2,U1,1234/QĐ-UBND\n"
    "01/07/2025,merge,U1,U1,1234/QĐ-UBND\n"
)
WHY_2025 = (
    "đơn vị «U2» đã sáp nhập vào «U1» từ ngày 01/07/2025 (năm thi đua 2025): từ năm 2025 đơn "
    "vị không còn, không nhận dữ liệu năm {year} của đơn vị này"
)


def test_roster_row_for_a_merged_unit_is_refused_and_nothing_written(engine):
    """On SQLite and PostgreSQL: the change already stored, then a roster naming U2 in 2025."""
    load_base(engine)
    assert run(engine, {"unit_changes.csv": MERGE}).ok
    before = dump(engine)
    report = run(
        engine,
        {
            "people.csv": "person_code,full_name\nP3,Lê Văn Cường\n",
            # 2024 is U2's last year: accepted; 2025 and 2026 are after the merger.
            "roster.csv": "year,person_code,unit_code\n2024,P2,U2\n2025,P2,U2\n2026,P3,U2\n",
        },
    )
    assert errors(report) == [
        ("roster.csv", 3, "unit_code", "U2", WHY_2025.format(year=2025)),
        ("roster.csv", 4, "unit_code", "U2", WHY_2025.format(year=2026)),
    ]
    assert dump(engine) == before


def test_the_change_and_the_rows_in_the_same_import(sqlite_engine):
    load_base(sqlite_engine)
    before = dump(sqlite_engine)
    report = run(
        sqlite_engine,
        {
            "unit_changes.csv": MERGE,
            "roster.csv": "year,person_code,unit_code\n2025,P2,U2\n2025,P1,U1\n",
        },
    )
    assert errors(report) == [("roster.csv", 2, "unit_code", "U2", WHY_2025.format(year=2025))]
    assert dump(sqlite_engine) == before


def test_annual_ratings_of_the_unit_and_its_collectives(sqlite_engine):
    load_base(sqlite_engine)
    assert run(sqlite_engine, {"unit_changes.csv": MERGE}).ok
    report = run(
        sqlite_engine,
        {
            "ratings.csv": "period,subject_kind,subject_code,rating\n"
            "2025,unit,U2,HTXSNV\n"  # refused: annual, 2025
            "2025-03,unit,U2,HTXSNV\n"  # a monthly rating before the date stays its own
            "2024,unit,U2,HTXSNV\n"  # its last year
            "2025,collective,K2,HTXSNV\n"  # K2 belongs to U2: refused
            "2025,person,P2,HTXSNV\n"  # a person follows the person, not the unit
        },
    )
    k2 = (
        "tập thể thuộc đơn vị «U2», đơn vị đã sáp nhập vào «U1» từ ngày 01/07/2025 (năm thi đua "
        "2025): không nhận xếp loại năm 2025 của tập thể này"
    )
    assert errors(report) == [
        ("ratings.csv", 2, "subject_code", "U2", WHY_2025.format(year=2025)),
        ("ratings.csv", 5, "subject_code", "K2", k2),
    ]


def test_awards_decided_on_or_after_the_date(sqlite_engine):
    load_base(sqlite_engine)
    assert run(sqlite_engine, {"unit_changes.csv": MERGE}).ok
    report = run(
        sqlite_engine,
        {
            "awards.csv": "year,recipient_kind,recipient_code,award_code,decision_date\n"
            "2025,unit,U2,BK_BO,30/06/2025\n"  # the day before: fine
            "2025,unit,U2,BK_TTG,01/07/2025\n"  # on the date: refused
            "2024,collective,K2,TTLDTT,15/08/2025\n"  # its department, after: refused
            "2024,unit,U2,GIAY_KHEN,\n"  # no date, year 2024: fine
            "2025,unit,U2,GIAY_KHEN,\n"  # no date, year 2025: refused
        },
    )
    on_date = (
        "khen thưởng quyết định ngày 01/07/2025 cho đơn vị «U2», nhưng đơn vị «U2» đã sáp nhập "
        "vào «U1» từ ngày 01/07/2025: không nhận khen thưởng quyết định từ ngày đó trở đi"
    )
    to_k2 = (
        "khen thưởng quyết định ngày 15/08/2025 cho tập thể «K2», nhưng đơn vị «U2» đã sáp nhập "
        "vào «U1» từ ngày 01/07/2025: không nhận khen thưởng quyết định từ ngày đó trở đi"
    )
    undated = (
        "khen thưởng năm 2025 (không có ngày quyết định) cho đơn vị «U2», nhưng đơn vị «U2» đã "
        "sáp nhập vào «U1» từ ngày 01/07/2025 (năm thi đua 2025)"
    )
    assert errors(report) == [
        ("awards.csv", 3, "decision_date", "2025-07-01", on_date),
        ("awards.csv", 4, "decision_date", "2025-08-15", to_k2),
        ("awards.csv", 6, "year", "2025", undated),
    ]


def test_a_school_year_successor_moves_the_effective_year(sqlite_engine):
    """U1 runs on the school year (start month 9): a merger on 15/09/2025 falls in the school
    year 2025–2026, emulation year 2026, so U2's roster of 2025 is its last and 2026 is refused;
    the same merger on 31/08/2025 falls in 2025."""
    load_base(sqlite_engine)
    units = "unit_code,unit_name,cluster_code,period_start_month\nU1,Học viện,C1,9\n"
    assert run(sqlite_engine, {"units.csv": units}).ok
    late = MERGE.replace("01/07/2025", "15/09/2025")
    report = run(
        sqlite_engine,
        {"unit_changes.csv": late, "roster.csv": "year,person_code,unit_code\n2025,P2,U2\n"},
    )
    assert report.ok, report.lines()
    report = run(sqlite_engine, {"roster.csv": "year,person_code,unit_code\n2026,P2,U2\n"})
    why = (
        "đơn vị «U2» đã sáp nhập vào «U1» từ ngày 15/09/2025 (năm thi đua 2026): từ năm 2026 đơn "
        "vị không còn, không nhận dữ liệu năm 2026 của đơn vị này"
    )
    assert errors(report) == [("roster.csv", 2, "unit_code", "U2", why)]


def test_yearly_tables_of_the_unit_after_the_change(sqlite_engine):
    load_base(sqlite_engine)
    assert run(sqlite_engine, {"unit_changes.csv": MERGE}).ok
    report = run(
        sqlite_engine,
        {
            "cluster_members.csv": "year,cluster_code,unit_code\n2026,C1,U1\n2026,C1,U2\n",
            "unit_counts.csv": "year,unit_code,measure,value\n2025,U2,staff,40\n",
            "targets.csv": "year,scope_kind,scope_code,indicator,min_pct\n"
            "2026,unit,U2,LDTT_RATE,90\n",
        },
    )
    assert [(e.file, e.row, e.column, e.value, e.kind) for e in report.errors] == [
        ("cluster_members.csv", 3, "unit_code", "U2", "ended_unit_year"),
        ("unit_counts.csv", 2, "unit_code", "U2", "ended_unit_year"),
        ("targets.csv", 2, "scope_code", "U2", "ended_unit_year"),
    ]


def test_a_change_refused_while_the_database_holds_later_rows(sqlite_engine):
    """U2 has a 2025 roster row (P2) and a 2025 annual rating stored; recording its merger of
    01/07/2025 would leave them behind: the change row is refused, counting them. Moving P2's
    2025 row to U1 in the same import clears the roster part."""
    load_base(sqlite_engine)
    stored = {
        "roster.csv": "year,person_code,unit_code\n2025,P2,U2\n",
        "ratings.csv": "period,subject_kind,subject_code,rating\n2025,unit,U2,HTTNV\n",
    }
    assert run(sqlite_engine, stored).ok
    before = dump(sqlite_engine)
    report = run(sqlite_engine, {"unit_changes.csv": MERGE})
    roster = (
        "dòng này làm đơn vị «U2» kết thúc từ ngày 01/07/2025 (năm thi đua 2025), nhưng cơ sở dữ "
        "liệu còn 1 dòng Danh sách cán bộ của đơn vị này sau ngày đó (2025); hãy sửa các dòng "
        "đó trước"
    )
    assert errors(report) == [
        ("unit_changes.csv", 2, "from_unit_code", "U2", roster),
        (
            "unit_changes.csv",
            2,
            "from_unit_code",
            "U2",
            roster.replace("Danh sách cán bộ", "Đánh giá xếp loại"),
        ),
    ]
    assert dump(sqlite_engine) == before
    report = run(
        sqlite_engine,
        {"unit_changes.csv": MERGE, "roster.csv": "year,person_code,unit_code\n2025,P2,U1\n"},
    )
    assert [e.reason for e in report.errors] == [
        roster.replace("Danh sách cán bộ", "Đánh giá xếp loại")
    ]


def test_in_english(sqlite_engine):
    load_base(sqlite_engine)
    assert run(sqlite_engine, {"unit_changes.csv": MERGE}).ok
    report = run(
        sqlite_engine, {"roster.csv": "year,person_code,unit_code\n2025,P2,U2\n"}, lang="en"
    )
    assert [e.reason for e in report.errors] == [
        "unit 'U2' was merged into 'U1' on 2025-07-01 (emulation year 2025): it no longer "
        "exists from 2025 on, so it takes no data for 2025"
    ]
