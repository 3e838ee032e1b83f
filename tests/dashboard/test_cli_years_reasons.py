"""Command-line inputs bounded before they reach the engine (issue 20): a year outside
1900-2100 is argparse's usage error (exit 2), not a Polars traceback; an unlock reason needs
letters, not five zero-width spaces."""

from __future__ import annotations

import pytest

from dashboard.cli import main
from data_access import closed_years
from data_access.engine import make_engine, upgrade


@pytest.fixture(scope="module")
def db(tmp_path_factory) -> str:
    import seed

    url = f"sqlite:///{tmp_path_factory.mktemp('years') / 'thidua.db'}"
    eng = make_engine(url)
    upgrade(eng)
    seed.populate(eng, scale="demo", years=(2024, 2024), progress=False)
    eng.dispose()
    return url


@pytest.mark.parametrize("year", ["32768", "-1", "1899", "2101", "99999999999999999999", "x"])
@pytest.mark.parametrize(
    "command",
    [
        ["report", "--cluster", "CUM4_DBSH", "--out", "r.pdf"],
        ["export", "rankings"],
        ["export", "eligibility"],
        ["form", "0602"],
        ["lock"],
        ["unlock", "--reason", "sai số liệu"],
        ["document", "summary", "--unit", "BN_TCT", "--out", "d.docx"],
    ],
    ids=["report", "rankings", "eligibility", "form", "lock", "unlock", "document"],
)
def test_a_year_out_of_range_is_a_usage_error(db, command, year, capsys, monkeypatch):
    monkeypatch.setenv("THIDUA_AUTH_MODE", "open")
    with pytest.raises(SystemExit) as stop:
        main([*command, "--db", db, "--year", year])
    assert stop.value.code == 2
    err = capsys.readouterr().err
    assert "--year" in err and "Traceback" not in err


@pytest.mark.parametrize("edge", ["1900", "2100"])
def test_the_edges_are_years(db, edge, capsys, monkeypatch, tmp_path):
    monkeypatch.setenv("THIDUA_AUTH_MODE", "open")
    out = tmp_path / "x.csv"
    assert main(["export", "rankings", "--db", db, "--year", edge, "--out", str(out)]) == 0


@pytest.mark.parametrize(
    "reason",
    ["\u200b" * 5, "\u200b\u200c\u200d\u2060\ufeff\u200b", "12345", "... !!", "  \t  ", "ab"],
    ids=["zero-width", "format-chars", "digits", "punctuation", "blank", "short"],
)
def test_an_unlock_reason_needs_letters(db, reason, capsys):
    assert main(["lock", "--db", db, "--year", "2024"]) == 0
    assert main(["unlock", "--db", db, "--year", "2024", "--reason", reason]) == 2
    assert "cần lý do" in capsys.readouterr().err
    assert closed_years.locked_years(make_engine(db)) == [2024]  # still closed


def test_a_reason_in_words_reopens_and_is_stored_clean(db):
    assert main(["lock", "--db", db, "--year", "2024"]) in (0,)
    assert main(["unlock", "--db", db, "--year", "2024", "--reason", "sai\u200b số liệu"]) == 0
    assert closed_years.reason_text("sai\u200b số  liệu") == "sai số liệu"
