"""Import change sets (issue 21): what each import inserted and the previous values of what it
updated, so that "Hoàn tác" can put the data back exactly as it was

Revision ID: 0007_import_changesets
Revises: 0006_organisation
"""

import sqlalchemy as sa
from alembic import op

revision = "0007_import_changesets"
down_revision = "0006_organisation"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "import_changesets",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.Column("username", sa.String(length=64), nullable=True),
        sa.Column("files", sa.String(length=1000), nullable=False),
        sa.Column("inserted", sa.Integer(), server_default="0", nullable=False),
        sa.Column("updated", sa.Integer(), server_default="0", nullable=False),
        sa.Column("undone_at", sa.DateTime(), nullable=True),
        sa.Column("undone_by", sa.String(length=64), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_import_changesets")),
    )
    op.create_index(op.f("ix_import_changesets_at"), "import_changesets", ["at"], unique=False)
    op.create_table(
        "import_change_tables",
        sa.Column("changeset_id", sa.Integer(), nullable=False),
        sa.Column("table_name", sa.String(length=64), nullable=False),
        sa.Column("inserted", sa.Integer(), nullable=False),
        sa.Column("updated", sa.Integer(), nullable=False),
        sa.Column("columns", sa.String(length=1000), nullable=False),
        sa.ForeignKeyConstraint(
            ["changeset_id"],
            ["import_changesets.id"],
            name=op.f("fk_import_change_tables_changeset_id_import_changesets"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("changeset_id", "table_name", name=op.f("pk_import_change_tables")),
    )
    op.create_table(
        "import_change_rows",
        sa.Column("changeset_id", sa.Integer(), nullable=False),
        sa.Column("table_name", sa.String(length=64), nullable=False),
        sa.Column("row_key", sa.Text(), nullable=False),
        sa.Column("before", sa.Text(), nullable=True),
        sa.ForeignKeyConstraint(
            ["changeset_id"],
            ["import_changesets.id"],
            name=op.f("fk_import_change_rows_changeset_id_import_changesets"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint(
            "changeset_id", "table_name", "row_key", name=op.f("pk_import_change_rows")
        ),
    )
    op.create_index(
        "ix_import_change_rows_key", "import_change_rows", ["table_name", "row_key"], unique=False
    )


def downgrade() -> None:
    op.drop_index("ix_import_change_rows_key", table_name="import_change_rows")
    op.drop_table("import_change_rows")
    op.drop_table("import_change_tables")
    op.drop_index(op.f("ix_import_changesets_at"), table_name="import_changesets")
    op.drop_table("import_changesets")
