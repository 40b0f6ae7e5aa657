"""households, issue #14 §3 and §5: expiry reminders' sent markers per household, and the
join log (what moved at a join, so its owner may undo it within a day)

Revision ID: 0027
Revises: 0026
"""

from alembic import op
import sqlalchemy as sa

import zerowaste.infrastructure.db.base  # noqa: F401  (portable column types)
from zerowaste.infrastructure.db.base import UTCDateTime

revision = "0027"
down_revision = "0026"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "household_notification_markers",
        sa.Column(
            "household_id",
            sa.String(128),
            sa.ForeignKey("households.id", ondelete="CASCADE"),
            primary_key=True,
        ),
        sa.Column("kind", sa.String(20), primary_key=True),
        sa.Column("ref", sa.Integer(), primary_key=True, autoincrement=False),
        sa.Column("day", sa.Date(), primary_key=True),
    )


    op.create_table(
        "household_joins",
        sa.Column("id", sa.Integer(), primary_key=True, autoincrement=True),
        sa.Column(
            "household_id",
            sa.String(128),
            sa.ForeignKey("households.id", ondelete="CASCADE"),
            nullable=False,
        ),
        sa.Column(
            "user_uid",
            sa.String(128),
            sa.ForeignKey("users.uid", ondelete="CASCADE"),
            nullable=False,
        ),
        sa.Column("previous_household_id", sa.String(128), nullable=False),
        sa.Column("role", sa.String(16), nullable=False),
        sa.Column("joined_at", UTCDateTime(), nullable=False),
        sa.Column("undone_at", UTCDateTime(), nullable=True),
        sqlite_autoincrement=True,
    )
    op.create_index(
        "ix_household_joins_household_joined", "household_joins", ["household_id", "joined_at"]
    )
    op.create_table(
        "household_join_moves",
        sa.Column(
            "join_id",
            sa.Integer(),
            sa.ForeignKey("household_joins.id", ondelete="CASCADE"),
            primary_key=True,
        ),
        sa.Column("kind", sa.String(8), primary_key=True),
        sa.Column("ref", sa.Integer(), primary_key=True, autoincrement=False),
    )


def downgrade() -> None:
    op.drop_table("household_join_moves")
    op.drop_table("household_joins")
    op.drop_table("household_notification_markers")
