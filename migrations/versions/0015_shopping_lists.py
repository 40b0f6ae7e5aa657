"""shopping lists and their items

Revision ID: 0015
Revises: 0014
"""

from alembic import op
import sqlalchemy as sa

import zerowaste.infrastructure.db.base  # noqa: F401  (portable column types)
from zerowaste.infrastructure.db.base import JSONType, UTCDateTime

revision = "0015"
down_revision = "0014"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "shopping_lists",
        sa.Column("id", sa.Integer(), primary_key=True, autoincrement=True),
        sa.Column(
            "household_id",
            sa.String(128),
            sa.ForeignKey("households.id", ondelete="CASCADE"),
            nullable=False,
        ),
        sa.Column("name", sa.String(120), nullable=False),
        sa.Column("status", sa.String(10), nullable=False),
        sa.Column(
            "created_by",
            sa.String(128),
            sa.ForeignKey("users.uid", ondelete="SET NULL"),
            nullable=True,
        ),
        sa.Column("created_at", UTCDateTime(), nullable=False),
        sa.Column("start_date", sa.Date(), nullable=True),
        sa.Column("end_date", sa.Date(), nullable=True),
    )
    op.create_index(
        "ix_shopping_lists_household_created", "shopping_lists", ["household_id", "created_at"]
    )
    op.create_table(
        "shopping_list_items",
        sa.Column("id", sa.Integer(), primary_key=True, autoincrement=True),
        sa.Column(
            "list_id",
            sa.Integer(),
            sa.ForeignKey("shopping_lists.id", ondelete="CASCADE"),
            nullable=False,
        ),
        sa.Column("name", sa.String(120), nullable=False),
        sa.Column("food_key", sa.String(120), nullable=False),
        sa.Column("quantity", sa.Numeric(14, 3), nullable=True),
        sa.Column("unit", sa.String(20), nullable=True),
        sa.Column("aisle", sa.String(20), nullable=False),
        sa.Column("source", sa.String(10), nullable=False),
        sa.Column("checked", sa.Boolean(), nullable=False),
        sa.Column("bought_at", UTCDateTime(), nullable=True),
        sa.Column("needed_on", sa.Date(), nullable=True),
        sa.Column("recipes", JSONType, nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("price_mxn", sa.Numeric(12, 2), nullable=True),
        sa.Column("price_source", sa.String(300), nullable=True),
        sa.Column(
            "added_by",
            sa.String(128),
            sa.ForeignKey("users.uid", ondelete="SET NULL"),
            nullable=True,
        ),
    )
    op.create_index("ix_shopping_list_items_list_id", "shopping_list_items", ["list_id"])


def downgrade() -> None:
    op.drop_table("shopping_list_items")
    op.drop_table("shopping_lists")
