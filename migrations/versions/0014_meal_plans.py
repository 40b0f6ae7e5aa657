"""meal plans: the one store of slots, named weeks and templates, planner-created recipes

Revision ID: 0014
Revises: 0013
"""

from alembic import op
import sqlalchemy as sa

import zerowaste.infrastructure.db.base  # noqa: F401  (portable column types)
from zerowaste.infrastructure.db.base import UTCDateTime

revision = "0014"
down_revision = "0013"
branch_labels = None
depends_on = None


def _household() -> sa.Column:
    return sa.Column(
        "household_id",
        sa.String(128),
        sa.ForeignKey("households.id", ondelete="CASCADE"),
        nullable=False,
    )


def _recipe() -> sa.Column:
    # CASCADE: deleting a planned recipe clears the slots that named it (no FK failure).
    return sa.Column(
        "recipe_uid",
        sa.String(32),
        sa.ForeignKey("recipes.uid", ondelete="CASCADE"),
        nullable=False,
    )


def _user(name: str) -> sa.Column:
    return sa.Column(
        name, sa.String(128), sa.ForeignKey("users.uid", ondelete="SET NULL"), nullable=True
    )


def upgrade() -> None:
    op.create_table(
        "meal_plan_slots",
        sa.Column("id", sa.Integer(), primary_key=True, autoincrement=True),
        _household(),
        sa.Column("date", sa.Date(), nullable=False),
        sa.Column("meal_type", sa.String(10), nullable=False),
        _recipe(),
        sa.Column("servings", sa.Integer(), nullable=True),
        sa.Column("notes", sa.String(1000), nullable=False),
        _user("added_by"),
        sa.Column("created_at", UTCDateTime(), nullable=False),
        sa.Column("updated_at", UTCDateTime(), nullable=False),
        sa.UniqueConstraint(
            "household_id", "date", "meal_type", name="uq_meal_plan_slots_position"
        ),
        sqlite_autoincrement=True,
    )
    op.create_index("ix_meal_plan_slots_recipe_uid", "meal_plan_slots", ["recipe_uid"])
    op.create_table(
        "meal_plans",
        sa.Column("id", sa.Integer(), primary_key=True, autoincrement=True),
        _household(),
        sa.Column("name", sa.String(120), nullable=False),
        sa.Column("week_start", sa.Date(), nullable=True),
        sa.Column("is_template", sa.Boolean(), nullable=False),
        sa.Column("notes", sa.String(1000), nullable=False),
        _user("created_by"),
        sa.Column("created_at", UTCDateTime(), nullable=False),
        sa.Column("updated_at", UTCDateTime(), nullable=False),
        sa.UniqueConstraint("household_id", "week_start", name="uq_meal_plans_week"),
        sqlite_autoincrement=True,
    )
    op.create_index(
        "ix_meal_plans_household_template", "meal_plans", ["household_id", "is_template"]
    )
    op.create_table(
        "meal_plan_template_slots",
        sa.Column("id", sa.Integer(), primary_key=True, autoincrement=True),
        sa.Column(
            "plan_id",
            sa.Integer(),
            sa.ForeignKey("meal_plans.id", ondelete="CASCADE"),
            nullable=False,
        ),
        sa.Column("weekday", sa.Integer(), nullable=False),
        sa.Column("meal_type", sa.String(10), nullable=False),
        _recipe(),
        sa.Column("servings", sa.Integer(), nullable=True),
        sa.Column("notes", sa.String(1000), nullable=False),
        sa.UniqueConstraint(
            "plan_id", "weekday", "meal_type", name="uq_meal_plan_template_slots"
        ),
        sqlite_autoincrement=True,
    )
    op.create_index(
        "ix_meal_plan_template_slots_recipe_uid", "meal_plan_template_slots", ["recipe_uid"]
    )
    op.create_table(
        "meal_plan_recipes",
        sa.Column(
            "recipe_uid",
            sa.String(32),
            sa.ForeignKey("recipes.uid", ondelete="CASCADE"),
            primary_key=True,
        ),
        _household(),
    )
    op.create_index("ix_meal_plan_recipes_household_id", "meal_plan_recipes", ["household_id"])


def downgrade() -> None:
    op.drop_table("meal_plan_recipes")
    op.drop_table("meal_plan_template_slots")
    op.drop_table("meal_plans")
    op.drop_table("meal_plan_slots")
