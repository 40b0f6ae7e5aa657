"""recommendations: explicit feedback, recipe views and the trained recommender model

Revision ID: 0023
Revises: 0022
"""

from alembic import op
import sqlalchemy as sa

import zerowaste.infrastructure.db.base  # noqa: F401  (portable column types)
from zerowaste.infrastructure.db.base import BlobType, UTCDateTime

revision = "0023"
down_revision = "0022"
branch_labels = None
depends_on = None


def _user() -> sa.Column:
    return sa.Column(
        "user_uid",
        sa.String(128),
        sa.ForeignKey("users.uid", ondelete="CASCADE"),
        nullable=False,
    )


def upgrade() -> None:
    op.create_table(
        "recipe_feedback",
        _user(),
        sa.Column("recipe_uid", sa.String(32), nullable=False),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("reason", sa.String(300), nullable=False),
        sa.Column("created_at", UTCDateTime(), nullable=False),
        sa.PrimaryKeyConstraint("user_uid", "recipe_uid"),
    )
    op.create_index("ix_recipe_feedback_created", "recipe_feedback", ["created_at"])
    op.create_table(
        "recipe_views",
        sa.Column("id", sa.Integer(), primary_key=True, autoincrement=True),
        _user(),
        sa.Column("recipe_uid", sa.String(32), nullable=False),
        sa.Column("viewed_at", UTCDateTime(), nullable=False),
    )
    op.create_index("ix_recipe_views_user_viewed", "recipe_views", ["user_uid", "viewed_at"])
    op.create_index("ix_recipe_views_recipe", "recipe_views", ["recipe_uid"])
    op.create_table(
        "recommender_models",
        sa.Column("version", sa.String(40), primary_key=True),
        sa.Column("created_at", UTCDateTime(), nullable=False),
        sa.Column("blob", BlobType, nullable=False),
    )
    op.create_index("ix_recommender_models_created", "recommender_models", ["created_at"])


def downgrade() -> None:
    op.drop_table("recommender_models")
    op.drop_table("recipe_views")
    op.drop_table("recipe_feedback")
