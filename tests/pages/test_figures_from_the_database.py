"""The figures on the pages are the database's: staff counted straight from the roster, and
the LĐTT rate from the persons holding LĐTT or a title implying it (domain.md), by SQL."""

from sqlalchemy import create_engine, text

from dashboard.formatting import fmt_int, fmt_pct

CLUSTER, YEAR = "CUM4_DBSH", 2025
STAFF = """SELECT count(*) FROM roster r JOIN units u ON u.unit_code = r.unit_code
           WHERE u.cluster_code = :c AND r.year = :y"""
LDTT = """SELECT count(DISTINCT r.person_code) FROM roster r
          JOIN units u ON u.unit_code = r.unit_code
          JOIN awards a ON a.recipient_kind = 'person' AND a.recipient_code = r.person_code
                       AND a.year = r.year
          WHERE u.cluster_code = :c AND r.year = :y
            AND a.award_code IN ('LDTT', 'CSTT', 'CSTDCS', 'CSTD_BO', 'CSTD_TQ')"""


def _sql(url: str, query: str) -> int:
    eng = create_engine(url)
    with eng.connect() as conn:
        value = conn.execute(text(query), {"c": CLUSTER, "y": YEAR}).scalar_one()
    eng.dispose()
    return int(value)


def test_overview_cards_match_the_roster_and_awards(app, seeded_url):
    staff, ldtt = _sql(seeded_url, STAFF), _sql(seeded_url, LDTT)
    cards = {m.label: m.value for m in app("overview", cluster=CLUSTER, year=str(YEAR)).metric}
    assert cards["Cán bộ, công chức, viên chức"] == fmt_int(staff)
    assert cards["Tỷ lệ LĐTT"] == fmt_pct(100 * ldtt / staff)


def test_projector_highlights_match_the_roster(app, seeded_url):
    at = app("projector", cluster=CLUSTER, year=str(YEAR))
    for _ in range(3):
        at.button(key="slide_next").click().run()
    cards = {m.label: m.value for m in at.metric}
    assert cards["Cán bộ, công chức, viên chức"] == fmt_int(_sql(seeded_url, STAFF))
