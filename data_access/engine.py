"""Engine construction and schema upgrade. Nothing here connects at import time."""

from __future__ import annotations

import os
import re
from pathlib import Path

from sqlalchemy import Engine, create_engine, event, select, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import DBAPIError, OperationalError

from data_access.errors import DatabaseUnavailable

DEFAULT_URL = "sqlite:///data/thidua.db"
ENV_VAR = "THIDUA_DB_URL"
MIGRATIONS = Path(__file__).with_name("migrations")


def resolve_url(cli_url: str | None = None) -> str:
    """`--db` first, then THIDUA_DB_URL, then the embedded SQLite file (contract.md)."""
    return cli_url or os.environ.get(ENV_VAR) or DEFAULT_URL


def _sqlite_pragmas(dbapi_conn, _record) -> None:
    cur = dbapi_conn.cursor()
    cur.execute("PRAGMA journal_mode=WAL")  # readers never block the importer's writer
    cur.execute("PRAGMA foreign_keys=ON")
    cur.execute("PRAGMA synchronous=NORMAL")  # durable with WAL, much faster bulk loads
    cur.execute("PRAGMA busy_timeout=30000")
    cur.close()


def make_engine(url: str | None = None, *, echo: bool = False) -> Engine:
    """Build an Engine for `url` (resolved as `resolve_url`). Creates the SQLite folder."""
    sa_url = make_url(resolve_url(url))
    if sa_url.get_backend_name() == "postgresql" and sa_url.drivername == "postgresql":
        sa_url = sa_url.set(drivername="postgresql+psycopg")
    kwargs: dict = {"echo": echo}
    if sa_url.get_backend_name() == "sqlite":
        db = sa_url.database
        if db and db != ":memory:" and not db.startswith("file:"):
            Path(db).parent.mkdir(parents=True, exist_ok=True)
    else:
        kwargs["pool_pre_ping"] = True  # recover by itself after a server restart
    engine = create_engine(sa_url, **kwargs)
    if sa_url.get_backend_name() == "sqlite":
        event.listen(engine, "connect", _sqlite_pragmas)
    return engine


def alembic_config(engine: Engine):
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    cfg.attributes["engine"] = engine
    return cfg


_REVISION = re.compile(r"^(down_revision|revision)\s*=\s*['\"]?([^'\"\s]+)['\"]?", re.MULTILINE)


def head_revision() -> str | None:
    """The newest migration's revision, read from the migration files themselves (the one no
    other migration builds on), without importing Alembic: a start-up check only needs to
    compare it with the database's. None when the files are not a plain chain (a merge, a
    branch): Alembic then decides. tests/data_access/test_schema.py checks it against
    Alembic's own answer."""
    revisions: set[str] = set()
    parents: set[str] = set()
    for path in (MIGRATIONS / "versions").glob("*.py"):
        found = dict(m.groups() for m in _REVISION.finditer(path.read_text(encoding="utf-8")))
        if "revision" not in found:
            return None
        revisions.add(found["revision"])
        parents.add(found.get("down_revision", "None"))
    heads = revisions - parents
    if len(heads) != 1 or len(parents) != len(revisions):  # not one chain
        return None
    return heads.pop()


def schema_current(engine: Engine) -> bool:
    """True when the database is at the newest migration (one small query; False when the
    version table is missing, as in a new database)."""
    try:
        with engine.connect() as conn:
            rows = conn.execute(text("SELECT version_num FROM alembic_version")).scalars().all()
    except DBAPIError:
        return False
    head = head_revision()
    return head is not None and rows == [head]


def upgrade(engine: Engine) -> None:
    """Bring the schema to the latest migration (the app and the CLI call this on start).
    A database already there is left alone without loading Alembic: it and its migration
    scripts cost a noticeable share of an app's cold start."""
    try:
        with engine.connect() as conn:
            conn.execute(text("SELECT 1"))
    except OperationalError as exc:
        raise DatabaseUnavailable(
            f"Cannot reach the database at {engine.url.render_as_string(hide_password=True)}: "
            f"{exc.orig}"
        ) from exc
    if schema_current(engine):
        return
    from alembic import command

    command.upgrade(alembic_config(engine), "head")


def is_empty(engine: Engine) -> bool:
    """True when no unit has been loaded (the app then seeds the demo data)."""
    from data_access.models import Unit

    with engine.connect() as conn:
        return conn.execute(select(Unit.unit_code).limit(1)).first() is None


def data_version(engine: Engine) -> str:
    """A token that changes with every import: part of every cache key."""
    from data_access.models import Meta

    with engine.connect() as conn:
        v = conn.execute(select(Meta.value).where(Meta.key == "data_version")).scalar()
    return v or "0"
