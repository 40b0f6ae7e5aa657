"""recipe search: recipe_embeddings (one vector per recipe and model), recipes by created_at

Revision ID: 0022
Revises: 0021
"""

from alembic import op
import sqlalchemy as sa

import zerowaste.infrastructure.db.base  # noqa: F401  (portable column types)
from zerowaste.infrastructure.db.base import UTCDateTime

revision = "0022"
down_revision = "0021"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "recipe_embeddings",
        sa.Column(
            "recipe_uid",
            sa.String(32),
            sa.ForeignKey("recipes.uid", ondelete="CASCADE"),
            primary_key=True,
        ),
        sa.Column("model", sa.String(80), primary_key=True),
        sa.Column("dim", sa.Integer(), nullable=False),
        sa.Column("text_hash", sa.String(32), nullable=False),
        sa.Column("vector", sa.LargeBinary(), nullable=False),
        sa.Column("updated_at", UTCDateTime(), nullable=False),
    )
    op.create_index("ix_recipe_embeddings_updated_at", "recipe_embeddings", ["updated_at"])
    # The search index's version check reads max(created_at) of the recipes on every search.
    op.create_index("ix_recipes_created_at", "recipes", ["created_at"])


def downgrade() -> None:
    op.drop_index("ix_recipes_created_at", table_name="recipes")
    op.drop_index("ix_recipe_embeddings_updated_at", table_name="recipe_embeddings")
    op.drop_table("recipe_embeddings")
