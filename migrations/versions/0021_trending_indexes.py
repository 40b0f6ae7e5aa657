"""trending indexes: recipe events by time (cooks, favourites, saved copies), so the week's
trending counts read the window only (domain.recipes.trending)

Revision ID: 0021
Revises: 0019
"""

from alembic import op

revision = "0021"
down_revision = "0019"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Covering: the window's range, grouped by recipe, distinct households, from the index.
    op.create_index(
        "ix_recipe_cooks_cooked_recipe",
        "recipe_cooks",
        ["cooked_at", "recipe_uid", "household_id"],
    )
    op.create_index(
        "ix_recipe_favorites_favorited", "recipe_favorites", ["favorited_at", "recipe_uid"]
    )
    op.create_index(
        "ix_recipes_source_created",
        "recipes",
        ["source", "created_at", "title_key", "household_id"],
    )


def downgrade() -> None:
    op.drop_index("ix_recipes_source_created", table_name="recipes")
    op.drop_index("ix_recipe_favorites_favorited", table_name="recipe_favorites")
    op.drop_index("ix_recipe_cooks_cooked_recipe", table_name="recipe_cooks")
