"""An undo that would not give back the data as they were is refused, names why, changes
nothing and is audited (issue 21)."""

from __future__ import annotations

import pytest
from import_kit import dump, load_base, run

from data_access import changesets, closed_years
from data_access.accounts import read_audit
from data_access.changesets import UndoRefused


def _refused(engine, changeset: int) -> UndoRefused:
    before = dump(engine)
    with pytest.raises(UndoRefused) as caught:
        changesets.undo(engine, changeset, actor="t")
    assert dump(engine) == before  # nothing changed, not even the data version
    return caught.value


def test_a_later_import_of_the_same_rows_is_named_and_must_go_first(engine):
    load_base(engine)  # change set 1
    first = run(engine, {"units.csv": "unit_code,unit_name,cluster_code\nU1,Tên hai,C1\n"})
    later = run(engine, {"units.csv": "unit_code,unit_name,cluster_code\nU1,Tên ba,C1\n"})
    exc = _refused(engine, first.changeset_id)
    assert exc.key == "built_on" and exc.params["later"] == later.changeset_id
    changesets.undo(engine, later.changeset_id, actor="t")
    changesets.undo(engine, first.changeset_id, actor="t")  # now it may
    units = {r[0]: r[1] for r in dump(engine)["units"]}
    assert units["U1"] == "Trường Chính trị tỉnh Phú Thọ"  # BASE's name, as before both


def test_a_later_import_using_a_row_it_added_is_named(engine):
    load_base(engine)
    added = run(engine, {"people.csv": "person_code,full_name\nP9,Lê Văn Chín\n"})
    later = run(engine, {"roster.csv": "year,person_code,unit_code\n2024,P9,U2\n"})
    exc = _refused(engine, added.changeset_id)
    assert exc.key == "used_later" and exc.params["later"] == later.changeset_id
    assert exc.params["detail"] == "roster.person_code = P9"


def test_a_rating_of_a_unit_it_added_is_found_though_no_foreign_key_says_so(engine):
    load_base(engine)
    added = run(engine, {"units.csv": "unit_code,unit_name,cluster_code\nU9,Mới,C1\n"})
    later = run(
        engine, {"ratings.csv": "period,subject_kind,subject_code,rating\n2024,unit,U9,HTXSNV\n"}
    )
    exc = _refused(engine, added.changeset_id)
    assert exc.key == "used_later" and exc.params["later"] == later.changeset_id
    assert exc.params["detail"] == "ratings.subject_code = U9"


def test_a_closed_year_is_refused(engine):
    load_base(engine)
    change = run(engine, {"roster.csv": "year,person_code,unit_code,initiatives\n2023,P1,U1,5\n"})
    closed_years.lock(engine, 2023, None, actor="t")
    exc = _refused(engine, change.changeset_id)
    assert exc.key == "year_closed" and exc.params["detail"] == "2023 (*)"
    closed_years.unlock(engine, 2023, None, reason="sửa sai sót", actor="t")
    changesets.undo(engine, change.changeset_id, actor="t")


def test_a_closed_year_of_another_cluster_does_not_stand_in_the_way(engine):
    load_base(engine)
    change = run(engine, {"roster.csv": "year,person_code,unit_code,initiatives\n2023,P1,U1,5\n"})
    closed_years.lock(engine, 2023, "C2", actor="t")  # U1 is in C1
    changesets.undo(engine, change.changeset_id, actor="t")


def test_twice_and_unknown(engine):
    load_base(engine)
    change = run(engine, {"units.csv": "unit_code,unit_name,cluster_code\nU1,Tên hai,C1\n"})
    changesets.undo(engine, change.changeset_id, actor="t")
    assert _refused(engine, change.changeset_id).key == "already_undone"
    assert _refused(engine, 999).key == "not_found"


def test_a_scope_check_refuses_the_whole_undo(engine):
    load_base(engine)
    change = run(engine, {"units.csv": "unit_code,unit_name,cluster_code\nU3,VP mới,C2\n"})
    with pytest.raises(UndoRefused) as caught:
        changesets.undo(
            engine, change.changeset_id, actor="t", scope_check=lambda hit: hit.clusters <= {"C1"}
        )
    assert caught.value.key == "scope"


def test_undo_and_refusal_are_audited(engine):
    load_base(engine)
    first = run(engine, {"units.csv": "unit_code,unit_name,cluster_code\nU1,Tên hai,C1\n"})
    later = run(engine, {"units.csv": "unit_code,unit_name,cluster_code\nU1,Tên ba,C1\n"})
    _refused(engine, first.changeset_id)
    changesets.undo(engine, later.changeset_id, actor="thu_ky")
    log = read_audit(engine)  # newest first
    assert log.select("username", "action").rows()[:2] == [
        ("thu_ky", "import_undo"),
        ("t", "import_undo_refused"),
    ]
    assert log["detail"][0] == f"id={later.changeset_id} units=-0/~1"
    assert log["detail"][1].startswith(f"id={first.changeset_id} built_on: ")
