-- Row-level security for a shared PostgreSQL deployment (issue 14, SECURITY.md).
--
-- The command line trusts whoever holds the database URL: a cluster secretary who is given a
-- URL must get a PostgreSQL login that can read its own cluster only. Run this file as the
-- owner of the schema after `alembic upgrade` (the app does that on start), then for each
-- such login:
--
--   CREATE ROLE thu_ky_cum4 LOGIN PASSWORD '…' IN ROLE thidua_scoped;
--   INSERT INTO db_scope (db_role, cluster_code) VALUES ('thu_ky_cum4', 'CUM4_DBSH');
--
-- The owner and superusers bypass these policies; the app's own login should be the owner's
-- reader role (SECURITY.md), which sees everything and cuts by account in the app.
-- Guarded by tests/deploy/test_postgres_scope.py.

DO $$
BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'thidua_scoped') THEN
    CREATE ROLE thidua_scoped NOLOGIN;
  END IF;
END
$$;

CREATE TABLE IF NOT EXISTS db_scope (
  db_role name NOT NULL,
  cluster_code varchar(64) NOT NULL REFERENCES clusters (cluster_code),
  PRIMARY KEY (db_role, cluster_code)
);

-- What the login may see, computed with the owner's rights (so the lists are not themselves
-- filtered), for the login that opened the session.
CREATE OR REPLACE FUNCTION thidua_clusters() RETURNS SETOF varchar
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS
  $$ SELECT cluster_code FROM db_scope WHERE db_role = session_user $$;
CREATE OR REPLACE FUNCTION thidua_units() RETURNS SETOF varchar
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS
  $$ SELECT unit_code FROM units WHERE cluster_code IN (SELECT thidua_clusters()) $$;
CREATE OR REPLACE FUNCTION thidua_people() RETURNS SETOF varchar
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS
  $$ SELECT DISTINCT person_code FROM roster WHERE unit_code IN (SELECT thidua_units()) $$;
-- A person's ratings and awards are the cluster's only for the years the person was on one of
-- its rosters (issue 20: someone on the 2019 roster, elsewhere 2020-2026, showed all 51 later
-- ratings and 8 awards, decision numbers included).
CREATE OR REPLACE FUNCTION thidua_person_years() RETURNS TABLE (person_code varchar, year int)
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS
  $$ SELECT DISTINCT person_code, year FROM roster WHERE unit_code IN (SELECT thidua_units()) $$;
CREATE OR REPLACE FUNCTION thidua_collectives() RETURNS SETOF varchar
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS
  $$ SELECT collective_code FROM collectives WHERE unit_code IN (SELECT thidua_units()) $$;
REVOKE ALL ON FUNCTION thidua_clusters(), thidua_units(), thidua_people(), thidua_collectives(),
  thidua_person_years() FROM PUBLIC;
GRANT EXECUTE ON FUNCTION thidua_clusters(), thidua_units(), thidua_people(),
  thidua_collectives(), thidua_person_years() TO thidua_scoped;
-- (thidua_is_scoped, below, stays executable by everyone: every login's policy calls it.)

-- Read the data tables (filtered below); append to the audit log (exports are audited); read
-- nothing of accounts, throttling, locks or other logins' audit entries.
GRANT USAGE ON SCHEMA public TO thidua_scoped;
GRANT SELECT ON clusters, units, collectives, people, roster, ratings, awards, targets,
  cluster_roles, scores, unit_counts, cluster_members, unit_changes, meta, alembic_version
  TO thidua_scoped;
-- The audit log is appended to through thidua_audit() only (issue 20: with INSERT on the table
-- a scoped login wrote rows dated 2099 as `admin|year_unlock|…`): the function stamps the time
-- and the database login itself, and takes only the actions a scoped login performs.
REVOKE INSERT, SELECT ON audit_log FROM thidua_scoped;
CREATE OR REPLACE FUNCTION thidua_audit(p_action text, p_detail text, p_user text)
  RETURNS void LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = public AS $$
BEGIN
  IF p_action NOT IN ('download', 'export_denied', 'login_ok', 'login_failed',
                      'login_refused') THEN
    RAISE EXCEPTION 'thidua_audit: action % is not for a scoped login', p_action
      USING ERRCODE = 'insufficient_privilege';
  END IF;
  INSERT INTO audit_log (at, username, action, detail)
  VALUES (now() AT TIME ZONE 'UTC', left('db:' || session_user, 64), p_action,
          left(coalesce('as ' || p_user || ': ', '') || coalesce(p_detail, ''), 1000));
END
$$;
REVOKE ALL ON FUNCTION thidua_audit(text, text, text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION thidua_audit(text, text, text) TO thidua_scoped;

CREATE OR REPLACE FUNCTION thidua_is_scoped() RETURNS boolean
  LANGUAGE sql STABLE SET search_path = public AS
  $$ SELECT pg_has_role(session_user, 'thidua_scoped', 'MEMBER') $$;

-- Row-level security on every data table; every other login (the app's reader, the importer's
-- writer) keeps seeing and writing all rows through the "unscoped" policy.
DO $$
DECLARE t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['clusters', 'units', 'collectives', 'people', 'roster', 'ratings',
                           'awards', 'targets', 'cluster_roles', 'scores', 'unit_counts',
                           'cluster_members', 'unit_changes'] LOOP
    EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
    EXECUTE format('DROP POLICY IF EXISTS unscoped ON %I', t);
    EXECUTE format('CREATE POLICY unscoped ON %I USING (NOT thidua_is_scoped()) '
                   'WITH CHECK (NOT thidua_is_scoped())', t);
  END LOOP;
END
$$;

DROP POLICY IF EXISTS scoped ON clusters;
CREATE POLICY scoped ON clusters FOR SELECT TO thidua_scoped
  USING (cluster_code IN (SELECT thidua_clusters()));
DROP POLICY IF EXISTS scoped ON units;
CREATE POLICY scoped ON units FOR SELECT TO thidua_scoped
  USING (cluster_code IN (SELECT thidua_clusters()));
DROP POLICY IF EXISTS scoped ON cluster_roles;
CREATE POLICY scoped ON cluster_roles FOR SELECT TO thidua_scoped
  USING (cluster_code IN (SELECT thidua_clusters()));
DROP POLICY IF EXISTS scoped ON cluster_members;
CREATE POLICY scoped ON cluster_members FOR SELECT TO thidua_scoped
  USING (cluster_code IN (SELECT thidua_clusters()));
DROP POLICY IF EXISTS scoped ON unit_changes;
CREATE POLICY scoped ON unit_changes FOR SELECT TO thidua_scoped
  USING (from_unit_code IN (SELECT thidua_units()) OR to_unit_code IN (SELECT thidua_units()));
DROP POLICY IF EXISTS scoped ON collectives;
CREATE POLICY scoped ON collectives FOR SELECT TO thidua_scoped
  USING (unit_code IN (SELECT thidua_units()));
DROP POLICY IF EXISTS scoped ON roster;
CREATE POLICY scoped ON roster FOR SELECT TO thidua_scoped
  USING (unit_code IN (SELECT thidua_units()));
DROP POLICY IF EXISTS scoped ON scores;
CREATE POLICY scoped ON scores FOR SELECT TO thidua_scoped
  USING (unit_code IN (SELECT thidua_units()));
DROP POLICY IF EXISTS scoped ON unit_counts;
CREATE POLICY scoped ON unit_counts FOR SELECT TO thidua_scoped
  USING (unit_code IN (SELECT thidua_units()));
DROP POLICY IF EXISTS scoped ON people;
CREATE POLICY scoped ON people FOR SELECT TO thidua_scoped
  USING (person_code IN (SELECT thidua_people()));
DROP POLICY IF EXISTS scoped ON targets;
CREATE POLICY scoped ON targets FOR SELECT TO thidua_scoped
  USING ((scope_kind = 'cluster' AND scope_code IN (SELECT thidua_clusters()))
      OR (scope_kind = 'unit' AND scope_code IN (SELECT thidua_units())));
DROP POLICY IF EXISTS scoped ON ratings;
CREATE POLICY scoped ON ratings FOR SELECT TO thidua_scoped
  USING ((subject_kind = 'unit' AND subject_code IN (SELECT thidua_units()))
      OR (subject_kind = 'person'
          AND (subject_code, year) IN (SELECT person_code, year FROM thidua_person_years()))
      OR (subject_kind = 'collective' AND subject_code IN (SELECT thidua_collectives())));
DROP POLICY IF EXISTS scoped ON awards;
CREATE POLICY scoped ON awards FOR SELECT TO thidua_scoped
  USING ((recipient_kind = 'unit' AND recipient_code IN (SELECT thidua_units()))
      OR (recipient_kind = 'person'
          AND (recipient_code, year) IN (SELECT person_code, year FROM thidua_person_years()))
      OR (recipient_kind = 'collective' AND recipient_code IN (SELECT thidua_collectives())));
