"""`python -m dashboard import PATH`: exit 0 and a summary on stdout, or exit 1 with every error
on stderr (file:row:column: value — reason) and nothing written. `template` writes the workbook."""

from __future__ import annotations

import io
import re

import openpyxl
from import_kit import BASE, csv, dump

from dashboard.cli import main


def _url(engine) -> str:
    return engine.url.render_as_string(hide_password=False)


def test_import_ok(engine, tmp_path, capsys):
    for name in ("clusters.csv", "units.csv"):
        (tmp_path / name).write_bytes(csv(BASE[name]))
    code = main(["import", str(tmp_path), "--db", _url(engine)])
    out = capsys.readouterr()
    assert code == 0
    # 2 clusters and 3 units in BASE.
    *lines, recorded = out.out.splitlines()
    assert lines == [
        "Cụm thi đua (clusters): 2 dòng thêm mới, 0 dòng cập nhật, 0 dòng không đổi",
        "Đơn vị (units): 3 dòng thêm mới, 0 dòng cập nhật, 0 dòng không đổi",
        "Nhập dữ liệu thành công.",
    ]
    # its change set: the number the database gave it (PostgreSQL's sequence is the module's)
    assert re.fullmatch(
        r"Lần nhập #(\d+); hoàn tác bằng: python -m dashboard imports undo \1", recorded
    )
    assert out.err == ""


def test_import_errors(engine, tmp_path, capsys):
    (tmp_path / "people.csv").write_bytes(csv("person_code,full_name\nP1,\nP2,Bình\nP2,Bính\n"))
    before = dump(engine)
    code = main(["import", str(tmp_path / "people.csv"), "--db", _url(engine)])
    out = capsys.readouterr()
    assert code == 1
    assert out.out == ""
    assert out.err.splitlines() == [
        "people.csv:2:full_name:  — thiếu giá trị bắt buộc",
        "people.csv:4:full_name: Bính — dữ liệu mâu thuẫn với dòng 3 (people.csv): cùng khóa "
        "«P2» nhưng ở dòng đó là «Bình»",
        "Có 2 lỗi; không có dữ liệu nào được ghi.",
    ]
    assert dump(engine) == before


def test_import_errors_in_english(engine, tmp_path, capsys):
    (tmp_path / "people.csv").write_bytes(csv("person_code,full_name\nP1,\n"))
    code = main(["import", str(tmp_path / "people.csv"), "--lang", "en", "--db", _url(engine)])
    assert code == 1
    assert capsys.readouterr().err.splitlines() == [
        "people.csv:2:full_name:  — a required value is empty",
        "1 errors; nothing was written.",
    ]


def test_import_upgrades_a_new_database(tmp_path, capsys):
    (tmp_path / "clusters.csv").write_bytes(csv(BASE["clusters.csv"]))
    url = f"sqlite:///{tmp_path / 'moi.db'}"  # does not exist yet
    assert main(["import", str(tmp_path / "clusters.csv"), "--db", url]) == 0
    assert capsys.readouterr().out.startswith("Cụm thi đua (clusters): 2 dòng thêm mới")


def test_template_command(tmp_path, capsys):
    out = tmp_path / "mau.xlsx"
    assert main(["template", "--out", str(out)]) == 0
    assert capsys.readouterr().out.strip() == str(out)
    wb = openpyxl.load_workbook(io.BytesIO(out.read_bytes()))
    assert wb.sheetnames[0] == "Hướng dẫn"


def test_template_default_name(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert main(["template"]) == 0
    assert (tmp_path / "thidua_mau_nhap_lieu.xlsx").stat().st_size > 0


def test_import_summary_names_the_organisation_tables(sqlite_engine, tmp_path, capsys):
    """0.3.0: membership by year and the changes, named in Vietnamese beside their codes."""
    for name in ("clusters.csv", "units.csv"):
        (tmp_path / name).write_bytes(csv(BASE[name]))
    (tmp_path / "cluster_members.csv").write_bytes(
        csv("year,cluster_code,unit_code\n2024,C1,U1\n2024,C1,U2\n")
    )
    (tmp_path / "unit_changes.csv").write_bytes(
        csv("effective_date,kind,from_unit_code,to_unit_code\n01/07/2025,merge,U2,U1\n")
    )
    assert main(["import", str(tmp_path), "--db", _url(sqlite_engine)]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[2:] == [
        "Thành viên cụm theo năm (cluster_members): 2 dòng thêm mới, 0 dòng cập nhật, 0 dòng "
        "không đổi",
        "Sáp nhập, chia tách (unit_changes): 1 dòng thêm mới, 0 dòng cập nhật, 0 dòng không đổi",
        "Nhập dữ liệu thành công.",
        "Lần nhập #1; hoàn tác bằng: python -m dashboard imports undo 1",
    ]
