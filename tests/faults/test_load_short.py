"""A short load run (bench/load.py): 5 sessions on the overview of the demo data, each
opening it and changing year and cluster, while 2 000 people and their roster rows are imported.
No session sees an exception or an error, and nothing is lost: afterwards people and roster
hold exactly 2 000 more rows each and every other table as many as before."""

from __future__ import annotations

import pytest

from bench import load

pytestmark = pytest.mark.slow


def test_five_sessions_during_an_import(tmp_path, monkeypatch):
    url = load.seeded_db("demo", tmp_path / "cache", tmp_path)
    monkeypatch.setenv("THIDUA_DB_URL", url)  # restored afterwards (run() sets it)
    result = load.run(url, sessions=5, import_rows=2000)

    assert result.errors == []
    assert result.inserted == {"people": 2000, "roster": 2000}
    expected = dict(result.before)
    expected["people"] += 2000  # new codes LOAD000001 … LOAD002000
    expected["roster"] += 2000  # one roster row each, in the last year
    assert result.after == expected
    # 5 sessions × 4 interactions (open, year, cluster, year back), all timed
    assert len(result.all_timings()) == 5 * 4
    assert result.overlapped > 0  # the import really ran alongside the sessions
