"""SQLAlchemy 2.x schema for every table in contract.md, plus bookkeeping tables.

Codes are strings as the contract gives them; polymorphic references (ratings.subject_code,
awards.recipient_code, targets.scope_code) cannot be foreign keys, so the importer checks them.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import (
    CheckConstraint,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Text,
    func,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

YEAR_MIN, YEAR_MAX = 1990, 2100
CODE = String(64)
NAME = String(255)
SHORT_NAME_LENGTH = 64


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)


def _year_check(col: str = "year") -> CheckConstraint:
    return CheckConstraint(f"{col} BETWEEN {YEAR_MIN} AND {YEAR_MAX}", name=f"{col}_range")


def _in_check(col: str, values: tuple[str, ...]) -> CheckConstraint:
    listed = ", ".join(f"'{v}'" for v in values)
    return CheckConstraint(f"{col} IN ({listed})", name=f"{col}_allowed")


def _nonneg(col: str) -> CheckConstraint:
    return CheckConstraint(f"{col} >= 0", name=f"{col}_nonneg")


def _month_check(col: str) -> CheckConstraint:
    return CheckConstraint(f"{col} IS NULL OR {col} BETWEEN 1 AND 12", name=f"{col}_month")


def _nonempty(col: str) -> CheckConstraint:
    return CheckConstraint(f"length({col}) > 0", name=f"{col}_nonempty")


PROFILES = ("civil", "military")
COLLECTIVE_KINDS = ("department", "party_cell", "mass_org")
SUBJECT_KINDS = ("person", "collective", "unit")
DISCIPLINES = ("none", "khien_trach", "canh_cao", "cach_chuc", "buoc_thoi_viec")
SCOPE_KINDS = ("cluster", "unit")
CLUSTER_ROLES = ("leader", "deputy")
CHANGE_KINDS = ("merge", "split", "rename")


class Cluster(Base):
    __tablename__ = "clusters"
    cluster_code: Mapped[str] = mapped_column(CODE, primary_key=True)
    cluster_name: Mapped[str] = mapped_column(NAME)
    organizer: Mapped[str | None] = mapped_column(NAME)
    # First month of the cluster's emulation year (1 = the calendar year; 9 = the school year).
    period_start_month: Mapped[int | None] = mapped_column(Integer)
    __table_args__ = (_nonempty("cluster_code"), _month_check("period_start_month"))


class Unit(Base):
    __tablename__ = "units"
    unit_code: Mapped[str] = mapped_column(CODE, primary_key=True)
    unit_name: Mapped[str] = mapped_column(NAME)
    cluster_code: Mapped[str] = mapped_column(ForeignKey("clusters.cluster_code"), index=True)
    profile: Mapped[str] = mapped_column(String(16), default="civil", server_default="civil")
    # The projector's name ("Sơn La"); when empty, dashboard.names derives one from unit_name.
    short_name: Mapped[str | None] = mapped_column(String(SHORT_NAME_LENGTH))
    # Overrides the cluster's period_start_month (an academy office on the school year).
    period_start_month: Mapped[int | None] = mapped_column(Integer)
    __table_args__ = (
        _nonempty("unit_code"),
        _in_check("profile", PROFILES),
        _month_check("period_start_month"),
    )


class Collective(Base):
    __tablename__ = "collectives"
    collective_code: Mapped[str] = mapped_column(CODE, primary_key=True)
    unit_code: Mapped[str] = mapped_column(ForeignKey("units.unit_code"), index=True)
    collective_name: Mapped[str] = mapped_column(NAME)
    kind: Mapped[str] = mapped_column(String(16))
    __table_args__ = (_nonempty("collective_code"), _in_check("kind", COLLECTIVE_KINDS))


class Person(Base):
    __tablename__ = "people"
    person_code: Mapped[str] = mapped_column(CODE, primary_key=True)
    full_name: Mapped[str] = mapped_column(NAME)
    __table_args__ = (_nonempty("person_code"),)


class Roster(Base):
    __tablename__ = "roster"
    year: Mapped[int] = mapped_column(Integer, primary_key=True)
    person_code: Mapped[str] = mapped_column(ForeignKey("people.person_code"), primary_key=True)
    unit_code: Mapped[str] = mapped_column(ForeignKey("units.unit_code"))
    collective_code: Mapped[str | None] = mapped_column(ForeignKey("collectives.collective_code"))
    initiatives: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    discipline: Mapped[str] = mapped_column(String(16), default="none", server_default="none")
    __table_args__ = (
        _year_check(),
        _nonneg("initiatives"),
        _in_check("discipline", DISCIPLINES),
        Index("ix_roster_unit_year", "unit_code", "year"),
    )


class Rating(Base):
    __tablename__ = "ratings"
    period: Mapped[str] = mapped_column(String(7), primary_key=True)  # "2023" or "2023-03"
    subject_kind: Mapped[str] = mapped_column(String(16), primary_key=True)
    subject_code: Mapped[str] = mapped_column(CODE, primary_key=True)
    rating: Mapped[str] = mapped_column(String(16))
    # Derived from period at import, so readers filter by year without string functions.
    year: Mapped[int] = mapped_column(Integer)
    month: Mapped[int | None] = mapped_column(Integer)
    __table_args__ = (
        _year_check(),
        CheckConstraint("month IS NULL OR month BETWEEN 1 AND 12", name="month_range"),
        _in_check("subject_kind", SUBJECT_KINDS),
        Index("ix_ratings_year_kind", "year", "subject_kind"),
    )


class Award(Base):
    __tablename__ = "awards"
    year: Mapped[int] = mapped_column(Integer, primary_key=True)
    recipient_kind: Mapped[str] = mapped_column(String(16), primary_key=True)
    recipient_code: Mapped[str] = mapped_column(CODE, primary_key=True)
    award_code: Mapped[str] = mapped_column(String(32), primary_key=True)
    decision_no: Mapped[str | None] = mapped_column(String(64))
    decision_date: Mapped[dt.date | None] = mapped_column(Date)
    # form 0603/0602 method (regular, thematic, ad hoc, …: forms.toml [methods]); optional
    method: Mapped[str | None] = mapped_column(String(16))
    __table_args__ = (
        _year_check(),
        _in_check("recipient_kind", SUBJECT_KINDS),
        Index("ix_awards_year_kind", "year", "recipient_kind"),
    )


class Target(Base):
    __tablename__ = "targets"
    year: Mapped[int] = mapped_column(Integer, primary_key=True)
    scope_kind: Mapped[str] = mapped_column(String(16), primary_key=True)
    scope_code: Mapped[str] = mapped_column(CODE, primary_key=True)
    indicator: Mapped[str] = mapped_column(String(64), primary_key=True)
    min_pct: Mapped[float | None] = mapped_column(Float)
    max_pct: Mapped[float | None] = mapped_column(Float)
    __table_args__ = (
        _year_check(),
        _in_check("scope_kind", SCOPE_KINDS),
        CheckConstraint("min_pct IS NOT NULL OR max_pct IS NOT NULL", name="has_bound"),
        CheckConstraint("min_pct IS NULL OR (min_pct >= 0 AND min_pct <= 100)", name="min_pct"),
        CheckConstraint("max_pct IS NULL OR (max_pct >= 0 AND max_pct <= 100)", name="max_pct"),
        CheckConstraint(
            "min_pct IS NULL OR max_pct IS NULL OR min_pct <= max_pct", name="min_le_max"
        ),
    )


class ClusterRole(Base):
    __tablename__ = "cluster_roles"
    year: Mapped[int] = mapped_column(Integer, primary_key=True)
    cluster_code: Mapped[str] = mapped_column(ForeignKey("clusters.cluster_code"), primary_key=True)
    unit_code: Mapped[str] = mapped_column(ForeignKey("units.unit_code"), primary_key=True)
    role: Mapped[str] = mapped_column(String(16))
    __table_args__ = (_year_check(), _in_check("role", CLUSTER_ROLES))


class Score(Base):
    __tablename__ = "scores"
    year: Mapped[int] = mapped_column(Integer, primary_key=True)
    unit_code: Mapped[str] = mapped_column(ForeignKey("units.unit_code"), primary_key=True)
    criterion: Mapped[str] = mapped_column(NAME, primary_key=True)
    max_points: Mapped[float] = mapped_column(Float)
    self_points: Mapped[float | None] = mapped_column(Float)
    final_points: Mapped[float | None] = mapped_column(Float)
    __table_args__ = (
        _year_check(),
        _nonneg("max_points"),
        CheckConstraint("self_points IS NULL OR self_points >= 0", name="self_nonneg"),
        CheckConstraint("final_points IS NULL OR final_points >= 0", name="final_nonneg"),
    )


class UnitCount(Base):
    __tablename__ = "unit_counts"
    year: Mapped[int] = mapped_column(Integer, primary_key=True)
    unit_code: Mapped[str] = mapped_column(ForeignKey("units.unit_code"), primary_key=True)
    measure: Mapped[str] = mapped_column(String(64), primary_key=True)
    value: Mapped[int] = mapped_column(Integer)
    __table_args__ = (_year_check(), _nonneg("value"))


class ClusterMember(Base):
    """Who was in which cluster in a year (0.3.0). A year with rows here has exactly these
    members; a year without any falls back to units.cluster_code (contract.md)."""

    __tablename__ = "cluster_members"
    year: Mapped[int] = mapped_column(Integer, primary_key=True)
    unit_code: Mapped[str] = mapped_column(ForeignKey("units.unit_code"), primary_key=True)
    cluster_code: Mapped[str] = mapped_column(ForeignKey("clusters.cluster_code"), index=True)
    decision_no: Mapped[str | None] = mapped_column(String(64))
    decision_date: Mapped[dt.date | None] = mapped_column(Date)
    __table_args__ = (_year_check(),)


class UnitChange(Base):
    """A merge, split or rename taking effect on a date (0.3.0; the record systems'
    `donvisapnhap`): merge = rows sharing to_unit_code, split = rows sharing from_unit_code."""

    __tablename__ = "unit_changes"
    from_unit_code: Mapped[str] = mapped_column(ForeignKey("units.unit_code"), primary_key=True)
    to_unit_code: Mapped[str] = mapped_column(ForeignKey("units.unit_code"), primary_key=True)
    effective_date: Mapped[dt.date] = mapped_column(Date)
    kind: Mapped[str] = mapped_column(String(16))
    decision_no: Mapped[str | None] = mapped_column(String(64))
    # A row from a unit to itself is allowed: it says the unit continues through the change.
    __table_args__ = (_in_check("kind", CHANGE_KINDS),)


class Meta(Base):
    """Key/value bookkeeping; `data_version` is bumped by every import so caches invalidate."""

    __tablename__ = "meta"
    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    value: Mapped[str] = mapped_column(String(255))
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime, server_default=func.now())


# Import order that satisfies foreign keys (contract tables only).
CONTRACT_TABLES: tuple[type[Base], ...] = (
    Cluster,
    Unit,
    Collective,
    Person,
    Roster,
    Rating,
    Award,
    Target,
    ClusterRole,
    Score,
    UnitCount,
    ClusterMember,
    UnitChange,
)
TABLE_BY_NAME: dict[str, type[Base]] = {m.__tablename__: m for m in CONTRACT_TABLES}


ROLES = ("viewer", "unit_officer", "cluster_secretary", "admin")


class User(Base):
    """Accounts for THIDUA_AUTH_MODE=password (argon2 hashes; never the password itself)."""

    __tablename__ = "users"
    username: Mapped[str] = mapped_column(String(64), primary_key=True)  # normalised (usernames)
    # Look-alike key (usernames.skeleton): unique, so "admin" and "аdmin" cannot both exist.
    skeleton: Mapped[str | None] = mapped_column(String(255), unique=True)
    password_hash: Mapped[str | None] = mapped_column(String(255))
    role: Mapped[str] = mapped_column(String(32))
    scope_code: Mapped[str | None] = mapped_column(CODE)  # cluster or unit code; NULL for admin
    disabled: Mapped[bool] = mapped_column(default=False, server_default="0")
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, server_default=func.now())
    __table_args__ = (_in_check("role", ROLES), _nonempty("username"))


class AuditLog(Base):
    """Who did what, when: logins, imports, person-level views, downloads (Decree 13/2023)."""

    __tablename__ = "audit_log"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    at: Mapped[dt.datetime] = mapped_column(DateTime, server_default=func.now(), index=True)
    username: Mapped[str | None] = mapped_column(String(64))
    action: Mapped[str] = mapped_column(String(32))
    detail: Mapped[str | None] = mapped_column(String(1000))


class LoginThrottle(Base):
    """Failed logins per account and client ("pair:NAME|CLIENT"), per client ("client:…"), per
    account ("user:NAME"), and clients known to an account ("known:NAME|CLIENT", the time of
    the last sign-in in last_failed_at), shared by every app process through the database
    (issues 14 and 20; data_access/throttle.py)."""

    __tablename__ = "login_throttle"
    key: Mapped[str] = mapped_column(String(255), primary_key=True)
    failures: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    last_failed_at: Mapped[dt.datetime] = mapped_column(DateTime)
    locked_until: Mapped[dt.datetime | None] = mapped_column(DateTime)


ALL_CLUSTERS = "*"  # closed_years.cluster_code for a year closed for every cluster


class ClosedYear(Base):
    """Years closed after the year-end review (khóa sổ): imports may not change them."""

    __tablename__ = "closed_years"
    year: Mapped[int] = mapped_column(Integer, primary_key=True)
    cluster_code: Mapped[str] = mapped_column(CODE, primary_key=True)
    closed_by: Mapped[str | None] = mapped_column(String(64))
    closed_at: Mapped[dt.datetime] = mapped_column(DateTime, server_default=func.now())
    __table_args__ = (_year_check(),)


# --- import change sets (issue 21): what each import wrote, so that it can be undone ------------


class ImportChangeset(Base):
    """One import that changed something: who, when (UTC), which files; `undone_at` once undone."""

    __tablename__ = "import_changesets"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    at: Mapped[dt.datetime] = mapped_column(DateTime, index=True)
    username: Mapped[str | None] = mapped_column(String(64))
    files: Mapped[str] = mapped_column(String(1000))
    inserted: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    updated: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    undone_at: Mapped[dt.datetime | None] = mapped_column(DateTime)
    undone_by: Mapped[str | None] = mapped_column(String(64))


class ImportChangeTable(Base):
    """Per change set and table: rows inserted and updated, and the value columns the import
    wrote (the ones an undo puts back)."""

    __tablename__ = "import_change_tables"
    changeset_id: Mapped[int] = mapped_column(
        ForeignKey("import_changesets.id", ondelete="CASCADE"), primary_key=True
    )
    table_name: Mapped[str] = mapped_column(String(64), primary_key=True)
    inserted: Mapped[int] = mapped_column(Integer)
    updated: Mapped[int] = mapped_column(Integer)
    columns: Mapped[str] = mapped_column(String(1000))


class ImportChangeRow(Base):
    """One row an import inserted (`before` NULL) or updated (`before` = the stored values of
    the columns it wrote, JSON). `row_key` is the row's primary key as JSON, the same text for
    the same row in every change set, so a later import touching it is found by an index."""

    __tablename__ = "import_change_rows"
    changeset_id: Mapped[int] = mapped_column(
        ForeignKey("import_changesets.id", ondelete="CASCADE"), primary_key=True
    )
    table_name: Mapped[str] = mapped_column(String(64), primary_key=True)
    row_key: Mapped[str] = mapped_column(Text, primary_key=True)
    before: Mapped[str | None] = mapped_column(Text)
    __table_args__ = (Index("ix_import_change_rows_key", "table_name", "row_key"),)
