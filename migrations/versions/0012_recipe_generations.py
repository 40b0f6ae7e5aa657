"""recipe generations: who asked, which provider answered, the inputs and the recipes stored

Revision ID: 0012
Revises: 0011
"""

from alembic import op
import sqlalchemy as sa

import zerowaste.infrastructure.db.base  # noqa: F401  (portable column types)
from zerowaste.infrastructure.db.base import JSONType, UTCDateTime

revision = "0012"
down_revision = "0011"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "recipe_generations",
        sa.Column("id", sa.String(32), primary_key=True),
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
        sa.Column("kind", sa.String(12), nullable=False),
        sa.Column("provider", sa.String(20), nullable=False),
        sa.Column("degraded", sa.Boolean(), nullable=False),
        sa.Column("pantry_size", sa.Integer(), nullable=False),
        sa.Column("utilization", sa.Integer(), nullable=False),
        sa.Column("inputs", JSONType, nullable=False),
        sa.Column("recipes", JSONType, nullable=False),
        sa.Column("notes", JSONType, nullable=False),
        sa.Column("created_at", UTCDateTime(), nullable=False),
    )
    op.create_index(
        "ix_recipe_generations_household_created",
        "recipe_generations",
        ["household_id", "created_at"],
    )


def downgrade() -> None:
    op.drop_table("recipe_generations")
