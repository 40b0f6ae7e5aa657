"""nutrition profiles, food log, safety screenings and their audit log (per user)

Revision ID: 0013
Revises: 0012
"""

from alembic import op
import sqlalchemy as sa

import zerowaste.infrastructure.db.base  # noqa: F401  (portable column types)
from zerowaste.infrastructure.db.base import JSONType, UTCDateTime

revision = "0013"
down_revision = "0012"
branch_labels = None
depends_on = None


def _owner() -> sa.Column:
    return sa.Column(
        "user_uid", sa.String(128), sa.ForeignKey("users.uid", ondelete="CASCADE"), nullable=False
    )


def upgrade() -> None:
    op.create_table(
        "nutrition_profiles",
        sa.Column(
            "user_uid",
            sa.String(128),
            sa.ForeignKey("users.uid", ondelete="CASCADE"),
            primary_key=True,
        ),
        sa.Column("age", sa.SmallInteger(), nullable=True),
        sa.Column("birth_date", sa.Date(), nullable=True),
        sa.Column("sex", sa.String(8), nullable=False),
        sa.Column("height_cm", sa.Float(), nullable=False),
        sa.Column("weight_kg", sa.Float(), nullable=False),
        sa.Column("activity", sa.String(16), nullable=False),
        sa.Column("goal", sa.String(10), nullable=False),
        sa.Column("calorie_target", sa.Integer(), nullable=True),
        sa.Column("protein_pct", sa.SmallInteger(), nullable=True),
        sa.Column("fat_pct", sa.SmallInteger(), nullable=True),
        sa.Column("carbs_pct", sa.SmallInteger(), nullable=True),
        sa.Column("updated_at", UTCDateTime(), nullable=False),
    )
    op.create_table(
        "food_log",
        sa.Column("id", sa.Integer(), primary_key=True, autoincrement=True),
        _owner(),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("meal_type", sa.String(12), nullable=False),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("kcal", sa.Float(), nullable=False),
        sa.Column("protein_g", sa.Float(), nullable=False),
        sa.Column("fat_g", sa.Float(), nullable=False),
        sa.Column("carbs_g", sa.Float(), nullable=False),
        sa.Column("recipe_uid", sa.String(32), nullable=True),
        sa.Column("servings", sa.Float(), nullable=True),
        sa.Column("source", sa.String(10), nullable=False),
        sa.Column("created_at", UTCDateTime(), nullable=False),
        sqlite_autoincrement=True,
    )
    op.create_index("ix_food_log_user_day", "food_log", ["user_uid", "day"])
    op.create_table(
        "nutrition_screenings",
        sa.Column("id", sa.Integer(), primary_key=True, autoincrement=True),
        _owner(),
        sa.Column("age", sa.SmallInteger(), nullable=False),
        sa.Column("sex", sa.String(8), nullable=False),
        sa.Column("weight_kg", sa.Float(), nullable=False),
        sa.Column("height_cm", sa.Float(), nullable=False),
        sa.Column("answers", JSONType, nullable=False),
        sa.Column("score", sa.SmallInteger(), nullable=False),
        sa.Column("level", sa.String(10), nullable=False),
        sa.Column("can_proceed", sa.Boolean(), nullable=False),
        sa.Column("warnings", JSONType, nullable=False),
        sa.Column("critical_conditions", JSONType, nullable=False),
        sa.Column("language", sa.String(5), nullable=False),
        sa.Column("created_at", UTCDateTime(), nullable=False),
        sa.Column("valid_until", UTCDateTime(), nullable=False),
        sqlite_autoincrement=True,
    )
    op.create_index(
        "ix_nutrition_screenings_user_created",
        "nutrition_screenings",
        ["user_uid", "created_at"],
    )
    op.create_table(
        "nutrition_audit_log",
        sa.Column("id", sa.Integer(), primary_key=True, autoincrement=True),
        _owner(),
        sa.Column("action", sa.String(20), nullable=False),
        sa.Column("allowed", sa.Boolean(), nullable=False),
        sa.Column("reason", sa.String(500), nullable=False),
        sa.Column("model", sa.String(80), nullable=True),
        sa.Column("estimated_cost_usd", sa.Numeric(12, 6), nullable=False),
        sa.Column("created_at", UTCDateTime(), nullable=False),
        sqlite_autoincrement=True,
    )
    op.create_index(
        "ix_nutrition_audit_log_user_created", "nutrition_audit_log", ["user_uid", "created_at"]
    )


def downgrade() -> None:
    op.drop_table("nutrition_audit_log")
    op.drop_table("nutrition_screenings")
    op.drop_table("food_log")
    op.drop_table("nutrition_profiles")
