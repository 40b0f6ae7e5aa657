"""environmental savings per user and recipe

Revision ID: 0011
Revises: 0010
"""

from alembic import op
import sqlalchemy as sa

import zerowaste.infrastructure.db.base  # noqa: F401  (portable column types)
from zerowaste.infrastructure.db.base import JSONType, UTCDateTime

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "environmental_savings",
        sa.Column(
            "user_uid",
            sa.String(128),
            sa.ForeignKey("users.uid", ondelete="CASCADE"),
            primary_key=True,
        ),
        sa.Column("recipe_uid", sa.String(32), primary_key=True),
        sa.Column(
            "household_id",
            sa.String(128),
            sa.ForeignKey("households.id", ondelete="CASCADE"),
            nullable=False,
        ),
        sa.Column("recipe_title", sa.String(200), nullable=False),
        sa.Column("recipe_source", sa.String(12), nullable=False),
        sa.Column("carbon_kg_co2e", sa.Float(), nullable=False),
        sa.Column("water_l", sa.Float(), nullable=False),
        sa.Column("energy_mj", sa.Float(), nullable=False),
        sa.Column("cost_mxn", sa.Float(), nullable=False),
        sa.Column("is_cooked", sa.Boolean(), nullable=False),
        sa.Column("saved_at", UTCDateTime(), nullable=False),
        sa.Column("cooked_at", UTCDateTime(), nullable=True),
        sa.Column("details", JSONType, nullable=False),
    )
    op.create_index(
        "ix_environmental_savings_user_saved", "environmental_savings", ["user_uid", "saved_at"]
    )
    op.create_index(
        "ix_environmental_savings_household_id", "environmental_savings", ["household_id"]
    )


def downgrade() -> None:
    op.drop_table("environmental_savings")
