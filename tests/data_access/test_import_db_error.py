"""A database failure while writing rolls back the whole import and is reported as an error."""

from __future__ import annotations

from import_kit import BASE, dump, load_base, run
from sqlalchemy.exc import IntegrityError

from data_access.importer import load


def test_failure_mid_write_rolls_everything_back(engine, monkeypatch):
    load_base(engine)
    before = dump(engine)
    real = load.upsert

    def failing(conn, name, frame, **kw):
        if name == "roster":  # clusters, units, ... people were already written by now
            raise IntegrityError("INSERT INTO roster", {}, Exception("ổ đĩa đầy"))
        return real(conn, name, frame, **kw)

    monkeypatch.setattr(load, "upsert", failing)
    files = {
        "units.csv": "unit_code,unit_name,cluster_code\nU1,Tên mới,C1\n",
        "people.csv": "person_code,full_name\nP3,Lê Văn Cường\n",
        "roster.csv": "year,person_code,unit_code\n2024,P3,U1\n",
    }
    report = run(engine, files)
    reason = "lỗi cơ sở dữ liệu khi ghi bảng roster; không có dữ liệu nào được ghi: ổ đĩa đầy"
    assert [(e.file, e.row, e.reason) for e in report.errors] == [(None, None, reason)]
    assert report.summary == ()
    assert dump(engine) == before


def test_missing_schema_is_an_error_not_a_traceback(tmp_path):
    from data_access.engine import make_engine

    engine = make_engine(f"sqlite:///{tmp_path / 'leer.db'}")  # never upgraded: no tables
    # clusters.csv references nothing; the closed years are read before any write (issue 20)
    report = run(engine, {"clusters.csv": BASE["clusters.csv"]})
    assert [e.kind for e in report.errors] == ["db_error"]
    assert report.errors[0].reason.startswith("lỗi cơ sở dữ liệu; không có dữ liệu nào được ghi: ")
    # units.csv references clusters: the failure comes from looking them up, before any write.
    report = run(engine, {"units.csv": "unit_code,unit_name,cluster_code\nU1,A,C1\n"})
    assert [e.kind for e in report.errors] == ["db_error"]
    assert report.errors[0].reason.startswith("lỗi cơ sở dữ liệu; không có dữ liệu nào được ghi: ")
