"""generated meal plans (plan history)

Revision ID: 0016
Revises: 0015
"""

from alembic import op
import sqlalchemy as sa

import zerowaste.infrastructure.db.base  # noqa: F401  (portable column types)
from zerowaste.infrastructure.db.base import JSONType, UTCDateTime

revision = "0016"
down_revision = "0015"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "plan_generations",
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
            sa.ForeignKey("users.uid", ondelete="SET NULL"),
            nullable=True,
        ),
        sa.Column("start_date", sa.Date(), nullable=False),
        sa.Column("days", sa.Integer(), nullable=False),
        sa.Column("servings", sa.Integer(), nullable=False),
        sa.Column("calories_per_day", sa.Integer(), nullable=True),
        sa.Column("solver", sa.String(20), nullable=False),
        sa.Column("status", sa.String(20), nullable=False),
        sa.Column("seconds", sa.Float(), nullable=False),
        sa.Column("urgency_saved", sa.Float(), nullable=False),
        sa.Column("request", JSONType, nullable=False),
        sa.Column("chosen", JSONType, nullable=False),
        sa.Column("created_at", UTCDateTime(), nullable=False),
    )
    op.create_index(
        "ix_plan_generations_household_created",
        "plan_generations",
        ["household_id", "created_at"],
    )


def downgrade() -> None:
    op.drop_table("plan_generations")
