"""`--out` of export, form, report and template (issue 20): the database file and its SQLite
side files are never written, through a symbolic link or a hard link neither; an existing file
of another kind needs `--force`; a folder, a missing folder, a full disk and a read-only folder
are messages in the command's language with their exit code, never a traceback."""

from __future__ import annotations

import errno
import hashlib
import os
from pathlib import Path

import pytest

from dashboard.cli import main
from dashboard.commands import output
from data_access.engine import make_engine, upgrade


@pytest.fixture(scope="module")
def db(tmp_path_factory) -> Path:
    import seed

    path = tmp_path_factory.mktemp("out") / "thidua.db"
    eng = make_engine(f"sqlite:///{path}")
    upgrade(eng)
    seed.populate(eng, scale="demo", years=(2024, 2024), progress=False)
    eng.dispose()
    return path


@pytest.fixture(autouse=True)
def open_mode(monkeypatch):
    monkeypatch.setenv("THIDUA_AUTH_MODE", "open")


def _argv(command: str, db: Path, out: str, *extra: str) -> list[str]:
    url = f"sqlite:///{db}"
    return {
        "export": ["export", "indicators", "--year", "2024", "--db", url, "--out", out],
        "form": ["form", "0603", "--year", "2024", "--db", url, "--out", out],
        "report": ["report", "--year", "2024", "--cluster", "CUM4_DBSH", "--db", url,
                   "--out", out],
        "template": ["template", "--db", url, "--out", out],
        "document": ["document", "summary", "--year", "2024", "--unit", "BN_TCT", "--db", url,
                     "--out", out],
    }[command] + list(extra)  # fmt: skip


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


COMMANDS = ["export", "form", "report", "template", "document"]


@pytest.mark.parametrize("command", COMMANDS)
@pytest.mark.parametrize("side", ["", "-wal", "-shm", "-journal"])
def test_the_database_and_its_side_files_are_never_written(db, command, side, capsys):
    before = _digest(db)
    assert main(_argv(command, db, f"{db}{side}", "--force")) == 2
    assert "tệp cơ sở dữ liệu" in capsys.readouterr().err
    assert _digest(db) == before


@pytest.mark.parametrize("command", COMMANDS)
def test_a_link_to_the_database_is_refused(db, tmp_path, command, capsys):
    before = _digest(db)
    soft, hard = tmp_path / "report.pdf", tmp_path / "hard.xlsx"
    soft.symlink_to(db)
    os.link(db, hard)
    assert main(_argv(command, db, str(soft))) == 2
    assert main(_argv(command, db, str(hard), "--force")) == 2
    assert capsys.readouterr().err.count("tệp cơ sở dữ liệu") == 2
    assert _digest(db) == before


@pytest.mark.parametrize("command", COMMANDS)
def test_a_folder_and_a_missing_folder_are_messages(db, tmp_path, command, capsys):
    assert main(_argv(command, db, str(tmp_path))) == 2
    assert "đó là một thư mục" in capsys.readouterr().err
    assert main(_argv(command, db, str(tmp_path / "khong_co" / "x.pdf"), "--lang", "en")) == 2
    err = capsys.readouterr().err
    assert "the folder" in err and "does not exist" in err


def test_an_existing_file_of_another_kind_needs_force(db, tmp_path, capsys):
    pdf = tmp_path / "keep.csv"
    pdf.write_bytes(b"%PDF-1.7\n\x00\x01binary")
    assert main(_argv("export", db, str(pdf))) == 2
    assert "không phải tệp CSV" in capsys.readouterr().err
    assert pdf.read_bytes().startswith(b"%PDF")
    assert main(_argv("export", db, str(pdf), "--force")) == 0
    assert pdf.read_bytes().startswith(b"\xef\xbb\xbf")
    # The same kind is overwritten without asking: a second export over the first.
    assert main(_argv("export", db, str(pdf))) == 0


def test_a_full_disk_leaves_the_old_file_and_says_so(db, tmp_path, monkeypatch, capsys):
    target = tmp_path / "old.csv"
    target.write_text("cũ\n", encoding="utf-8")

    def full(*_a, **_k):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(output.os, "fsync", full)
    assert main(_argv("export", db, str(target))) == 1
    err = capsys.readouterr().err
    assert "ổ đĩa" in err and "đã đầy" in err and str(tmp_path) in err and "Traceback" not in err
    assert target.read_text(encoding="utf-8") == "cũ\n"
    assert [p.name for p in tmp_path.iterdir()] == ["old.csv"]  # no temporary file left


def test_a_read_only_folder_is_named(db, tmp_path, monkeypatch, capsys):
    def read_only(*_a, **_k):
        raise OSError(errno.EROFS, "Read-only file system")

    monkeypatch.setattr(output.tempfile, "mkstemp", read_only)
    assert main(_argv("template", db, str(tmp_path / "t.xlsx"), "--lang", "en")) == 1
    err = capsys.readouterr().err
    assert "not writable" in err and str(tmp_path) in err
