"""awards.method: the form 0602/0603 method of an award (optional)

Revision ID: 0005_award_method
Revises: 0002
"""

import sqlalchemy as sa
from alembic import op

revision = "0005_award_method"
down_revision = "0003_unit_short_name"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("awards", schema=None) as batch_op:
        batch_op.add_column(sa.Column("method", sa.String(length=16), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("awards", schema=None) as batch_op:
        batch_op.drop_column("method")
