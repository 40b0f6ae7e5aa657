"""recipes (the public catalog, saved and generated recipes), users' favourites and the
households' cook history

Revision ID: 0009
Revises: 0008
"""

from alembic import op
import sqlalchemy as sa

import zerowaste.infrastructure.db.base  # noqa: F401  (portable column types)
from zerowaste.infrastructure.db.base import JSONType, UTCDateTime

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "recipes",
        sa.Column("uid", sa.String(32), primary_key=True),
        sa.Column(
            "household_id",
            sa.String(128),
            sa.ForeignKey("households.id", ondelete="CASCADE"),
            nullable=True,
        ),
        sa.Column(
            "added_by",
            sa.String(128),
            sa.ForeignKey("users.uid", ondelete="SET NULL"),
            nullable=True,
        ),
        sa.Column("source", sa.String(12), nullable=False),
        sa.Column("title", sa.String(200), nullable=False),
        sa.Column("title_key", sa.String(200), nullable=False),
        sa.Column("lang", sa.String(5), nullable=False),
        sa.Column("category", sa.String(40), nullable=False),
        sa.Column("difficulty", sa.String(20), nullable=False),
        sa.Column("duration", sa.String(60), nullable=False),
        sa.Column("minutes", sa.Integer(), nullable=True),
        sa.Column("servings", sa.Integer(), nullable=True),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column("footer", sa.Text(), nullable=False),
        sa.Column("lines", JSONType, nullable=False),
        sa.Column("steps", JSONType, nullable=False),
        sa.Column("tags", JSONType, nullable=False),
        sa.Column("search_text", sa.Text(), nullable=False),
        sa.Column("generation_id", sa.String(32), nullable=True),
        sa.Column("image_key", sa.String(1000), nullable=True),
        sa.Column("attribution", sa.String(300), nullable=False),
        sa.Column("created_at", UTCDateTime(), nullable=False),
    )
    op.create_index(
        "ix_recipes_household_source", "recipes", ["household_id", "source", "created_at"]
    )
    op.create_index("ix_recipes_source_title", "recipes", ["source", "title_key"])
    op.create_index("ix_recipes_generation_id", "recipes", ["generation_id"])
    op.create_table(
        "recipe_favorites",
        sa.Column(
            "user_uid",
            sa.String(128),
            sa.ForeignKey("users.uid", ondelete="CASCADE"),
            primary_key=True,
        ),
        sa.Column(
            "recipe_uid",
            sa.String(32),
            sa.ForeignKey("recipes.uid", ondelete="CASCADE"),
            primary_key=True,
        ),
        sa.Column("rating", sa.Integer(), nullable=True),
        sa.Column("notes", sa.String(1000), nullable=False),
        sa.Column("favorited_at", UTCDateTime(), nullable=False),
    )


    op.create_table(
        "recipe_cooks",
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
        sa.Column("recipe_uid", sa.String(32), nullable=False),
        sa.Column("title", sa.String(200), nullable=False),
        sa.Column("servings", sa.Integer(), nullable=True),
        sa.Column("cooked_at", UTCDateTime(), nullable=False),
    )
    op.create_index(
        "ix_recipe_cooks_household_cooked", "recipe_cooks", ["household_id", "cooked_at"]
    )
    op.create_index("ix_recipe_cooks_recipe_uid", "recipe_cooks", ["recipe_uid"])


def downgrade() -> None:
    op.drop_table("recipe_cooks")
    op.drop_table("recipe_favorites")
    op.drop_table("recipes")
