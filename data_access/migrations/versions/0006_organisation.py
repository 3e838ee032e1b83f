"""The organisation over time (contract 0.3.0): cluster_members, unit_changes and the emulation
year's first month on clusters and units

Revision ID: 0006_organisation
Revises: 0004_security
"""

import sqlalchemy as sa
from alembic import op

revision = "0006_organisation"
down_revision = "0004_security"
branch_labels = None
depends_on = None


def upgrade() -> None:
    for table in ("clusters", "units"):
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.add_column(sa.Column("period_start_month", sa.Integer(), nullable=True))
            batch_op.create_check_constraint(
                op.f(f"ck_{table}_period_start_month_month"),
                "period_start_month IS NULL OR period_start_month BETWEEN 1 AND 12",
            )
    op.create_table(
        "cluster_members",
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("unit_code", sa.String(length=64), nullable=False),
        sa.Column("cluster_code", sa.String(length=64), nullable=False),
        sa.Column("decision_no", sa.String(length=64), nullable=True),
        sa.Column("decision_date", sa.Date(), nullable=True),
        sa.CheckConstraint(
            "year BETWEEN 1990 AND 2100", name=op.f("ck_cluster_members_year_range")
        ),
        sa.ForeignKeyConstraint(
            ["cluster_code"],
            ["clusters.cluster_code"],
            name=op.f("fk_cluster_members_cluster_code_clusters"),
        ),
        sa.ForeignKeyConstraint(
            ["unit_code"], ["units.unit_code"], name=op.f("fk_cluster_members_unit_code_units")
        ),
        sa.PrimaryKeyConstraint("year", "unit_code", name=op.f("pk_cluster_members")),
    )
    op.create_index(
        op.f("ix_cluster_members_cluster_code"), "cluster_members", ["cluster_code"], unique=False
    )
    op.create_table(
        "unit_changes",
        sa.Column("from_unit_code", sa.String(length=64), nullable=False),
        sa.Column("to_unit_code", sa.String(length=64), nullable=False),
        sa.Column("effective_date", sa.Date(), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("decision_no", sa.String(length=64), nullable=True),
        sa.CheckConstraint(
            "kind IN ('merge', 'split', 'rename')", name=op.f("ck_unit_changes_kind_allowed")
        ),
        sa.ForeignKeyConstraint(
            ["from_unit_code"],
            ["units.unit_code"],
            name=op.f("fk_unit_changes_from_unit_code_units"),
        ),
        sa.ForeignKeyConstraint(
            ["to_unit_code"], ["units.unit_code"], name=op.f("fk_unit_changes_to_unit_code_units")
        ),
        sa.PrimaryKeyConstraint("from_unit_code", "to_unit_code", name=op.f("pk_unit_changes")),
    )


def downgrade() -> None:
    op.drop_table("unit_changes")
    op.drop_index(op.f("ix_cluster_members_cluster_code"), table_name="cluster_members")
    op.drop_table("cluster_members")
    for table in ("units", "clusters"):
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.drop_constraint(op.f(f"ck_{table}_period_start_month_month"), type_="check")
            batch_op.drop_column("period_start_month")
