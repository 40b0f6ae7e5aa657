"""notifications: push subscriptions, preferences, the inbox and sent markers

Revision ID: 0017
Revises: 0016
"""

from alembic import op
import sqlalchemy as sa
from sqlalchemy.dialects import mysql

import zerowaste.infrastructure.db.base  # noqa: F401  (portable column types)
from zerowaste.infrastructure.db.base import JSONType, UTCDateTime

revision = "0017"
down_revision = "0016"
branch_labels = None
depends_on = None

TOKEN = sa.String(512).with_variant(
    mysql.VARCHAR(512, charset="ascii", collation="ascii_bin"), "mysql", "mariadb"
)


def _user(primary_key: bool = False) -> sa.Column:
    return sa.Column(
        "user_uid",
        sa.String(128),
        sa.ForeignKey("users.uid", ondelete="CASCADE"),
        nullable=False,
        primary_key=primary_key,
    )


def upgrade() -> None:
    op.create_table(
        "push_subscriptions",
        sa.Column("id", sa.Integer(), primary_key=True, autoincrement=True),
        sa.Column("token", TOKEN, nullable=False),
        _user(),
        sa.Column("platform", sa.String(10), nullable=False),
        sa.Column("app_version", sa.String(40), nullable=False),
        sa.Column("created_at", UTCDateTime(), nullable=False),
        sa.Column("updated_at", UTCDateTime(), nullable=False),
        sa.UniqueConstraint("token", name="uq_push_subscriptions_token"),
        sqlite_autoincrement=True,
    )
    op.create_index("ix_push_subscriptions_user_uid", "push_subscriptions", ["user_uid"])
    op.create_table(
        "notification_preferences",
        _user(primary_key=True),
        *[
            sa.Column(name, sa.Boolean(), nullable=False)
            for name in (
                "expiry_reminders",
                "recipe_suggestions",
                "images_ready",
                "trending_recipes",
                "plan_reminders",
            )
        ],
        sa.Column("quiet_start", sa.String(5), nullable=True),
        sa.Column("quiet_end", sa.String(5), nullable=True),
        sa.Column("time_zone", sa.String(64), nullable=False),
        sa.Column("language", sa.String(5), nullable=False),
        sa.Column("lead_days", sa.Integer(), nullable=False),
        sa.Column("updated_at", UTCDateTime(), nullable=False),
    )
    op.create_table(
        "notifications",
        sa.Column("id", sa.Integer(), primary_key=True, autoincrement=True),
        _user(),
        sa.Column("type", sa.String(32), nullable=False),
        sa.Column("title", sa.String(200), nullable=False),
        sa.Column("body", sa.Text(), nullable=False),
        sa.Column("data", JSONType, nullable=False),
        sa.Column("created_at", UTCDateTime(), nullable=False),
        sa.Column("read_at", UTCDateTime(), nullable=True),
        sa.Column("push_state", sa.String(10), nullable=False),
        sa.Column("deliver_after", UTCDateTime(), nullable=True),
        sqlite_autoincrement=True,
    )
    op.create_index("ix_notifications_user_created", "notifications", ["user_uid", "created_at"])
    op.create_index("ix_notifications_push_due", "notifications", ["push_state", "deliver_after"])
    op.create_table(
        "notification_markers",
        _user(primary_key=True),
        sa.Column("kind", sa.String(20), primary_key=True),
        sa.Column("ref", sa.Integer(), primary_key=True, autoincrement=False),
        sa.Column("day", sa.Date(), primary_key=True),
    )


def downgrade() -> None:
    op.drop_table("notification_markers")
    op.drop_table("notifications")
    op.drop_table("notification_preferences")
    op.drop_table("push_subscriptions")
