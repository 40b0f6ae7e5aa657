"""households, issue #14 §3: the shared rows a join hands over (saved recipes, cook and
generation history, generated plans, savings, shopping lists, the journal of gone stock),
written down under the join so its undo gives back exactly those

Revision ID: 0028
Revises: 0027
"""

from alembic import op
import sqlalchemy as sa

import zerowaste.infrastructure.db.base  # noqa: F401  (portable column types)

revision = "0028"
down_revision = "0027"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "household_join_rows",
        sa.Column(
            "join_id",
            sa.Integer(),
            sa.ForeignKey("household_joins.id", ondelete="CASCADE"),
            primary_key=True,
        ),
        sa.Column("kind", sa.String(12), primary_key=True),
        sa.Column("ref", sa.String(128), primary_key=True),
        sa.Column("user_uid", sa.String(128), primary_key=True),
    )


def downgrade() -> None:
    op.drop_table("household_join_rows")
