"""security: login throttle, closed years, usernames' look-alike key

Revision ID: 0004_security
Revises: 0002
Create Date: 2026-12-01 21:50:00
"""

import sqlalchemy as sa
from alembic import op

revision = "0004_security"
down_revision = "0005_award_method"
branch_labels = None
depends_on = None


def _normalise_existing() -> None:
    """Give existing accounts their normalised name and look-alike key; a name that cannot be
    normalised, or collides with another, keeps its row but no key (it cannot log in)."""
    from data_access.usernames import InvalidUsername, normalise, skeleton

    conn = op.get_bind()
    users = sa.table("users", sa.column("username", sa.String), sa.column("skeleton", sa.String))
    rows = conn.execute(sa.select(users.c.username).order_by(users.c.username)).scalars().all()
    taken_names = set(rows)
    taken_keys: set[str] = set()
    for name in rows:
        try:
            clean = normalise(name)
        except InvalidUsername:
            continue
        key = skeleton(clean)
        if key in taken_keys or (clean != name and clean in taken_names):
            continue
        taken_keys.add(key)
        taken_names.add(clean)
        conn.execute(
            users.update().where(users.c.username == name).values(username=clean, skeleton=key)
        )


def upgrade() -> None:
    with op.batch_alter_table("users", schema=None) as batch_op:
        batch_op.add_column(sa.Column("skeleton", sa.String(length=255), nullable=True))
        batch_op.create_unique_constraint(batch_op.f("uq_users_skeleton"), ["skeleton"])
    _normalise_existing()

    op.create_table(
        "login_throttle",
        sa.Column("key", sa.String(length=255), nullable=False),
        sa.Column("failures", sa.Integer(), server_default="0", nullable=False),
        sa.Column("last_failed_at", sa.DateTime(), nullable=False),
        sa.Column("locked_until", sa.DateTime(), nullable=True),
        sa.PrimaryKeyConstraint("key", name=op.f("pk_login_throttle")),
    )
    op.create_table(
        "closed_years",
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("cluster_code", sa.String(length=64), nullable=False),
        sa.Column("closed_by", sa.String(length=64), nullable=True),
        sa.Column("closed_at", sa.DateTime(), server_default=sa.func.now(), nullable=False),
        sa.CheckConstraint("year BETWEEN 1990 AND 2100", name=op.f("ck_closed_years_year_range")),
        sa.PrimaryKeyConstraint("year", "cluster_code", name=op.f("pk_closed_years")),
    )


def downgrade() -> None:
    op.drop_table("closed_years")
    op.drop_table("login_throttle")
    with op.batch_alter_table("users", schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f("uq_users_skeleton"), type_="unique")
        batch_op.drop_column("skeleton")
