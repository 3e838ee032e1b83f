"""`python -m dashboard imports list` and `imports undo ID`: the change sets in local time,
undo with its refusals, in Vietnamese and English."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import update

from dashboard.cli import main
from data_access import models as m
from tests.data_access.import_kit import load_base, run


def _url(engine) -> str:
    return engine.url.render_as_string(hide_password=False)


def test_list_shows_local_time_who_files_and_rows(sqlite_engine, capsys):
    load_base(sqlite_engine)
    report = run(sqlite_engine, {"units.csv": "unit_code,unit_name,cluster_code\nU1,Tên mới,C1\n"})
    with sqlite_engine.begin() as conn:  # 16:42 UTC is 23:42 in Hà Nội (UTC+7)
        conn.execute(update(m.ImportChangeset).values(at=dt.datetime(2026, 12, 6, 16, 42)))
    assert main(["imports", "list", "--db", _url(sqlite_engine)]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].split("\t") == [
        "Số", "Thời gian", "Người nhập", "Trạng thái", "Số dòng theo bảng (+ thêm, ~ sửa)",
        "Tệp", "(giờ Việt Nam, UTC+7)",
    ]  # fmt: skip
    assert lines[1].split("\t") == [
        f"#{report.changeset_id}", "06/12/2026 23:42", "không rõ", "Đang áp dụng", "units ~1",
        "units.csv",
    ]  # fmt: skip
    assert len(lines) == 3  # the base import below it


def test_undo_then_refused_twice_in_english(sqlite_engine, capsys):
    load_base(sqlite_engine)
    report = run(sqlite_engine, {"people.csv": "person_code,full_name\nP9,Lê Chín\n"})
    cs = str(report.changeset_id)
    # --db and --lang accepted before the action too
    assert main(["imports", "--db", _url(sqlite_engine), "--lang", "en", "undo", cs]) == 0
    assert capsys.readouterr().out.strip() == (
        f"Undid import #{cs}: deleted 1 added rows, restored 0 changed rows."
    )
    assert main(["imports", "undo", cs, "--db", _url(sqlite_engine)]) == 1
    assert capsys.readouterr().err.strip() == f"Lần nhập #{cs} đã được hoàn tác từ trước."


def test_refused_names_the_later_import(sqlite_engine, capsys):
    load_base(sqlite_engine)
    first = run(sqlite_engine, {"units.csv": "unit_code,unit_name,cluster_code\nU1,Hai,C1\n"})
    later = run(sqlite_engine, {"units.csv": "unit_code,unit_name,cluster_code\nU1,Ba,C1\n"})
    code = main(["imports", "undo", str(first.changeset_id), "--db", _url(sqlite_engine)])
    err = capsys.readouterr().err
    assert code == 1
    assert f"lần nhập #{later.changeset_id} (không rõ, " in err
    assert f"Hãy hoàn tác #{later.changeset_id} trước." in err


def test_the_import_command_prints_its_number(sqlite_engine, tmp_path, capsys):
    path = tmp_path / "clusters.csv"
    path.write_text("cluster_code,cluster_name\nC1,Cụm 1\n", encoding="utf-8")
    assert main(["import", str(path), "--db", _url(sqlite_engine)]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[-1] == "Lần nhập #1; hoàn tác bằng: python -m dashboard imports undo 1"
