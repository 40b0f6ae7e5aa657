"""AI usage per call, remote advice per ingredient name and language, stored recognitions with feedback, name corrections, the barcode table,
uploads by item name and the shared generated pictures

Revision ID: 0008
Revises: 0007
"""

from alembic import op
import sqlalchemy as sa

import zerowaste.infrastructure.db.base  # noqa: F401  (portable column types)
from zerowaste.infrastructure.db.base import JSONType, UTCDateTime

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "ai_usage",
        sa.Column("id", sa.Integer(), primary_key=True, autoincrement=True),
        sa.Column(
            "user_uid",
            sa.String(128),
            sa.ForeignKey("users.uid", ondelete="SET NULL"),
            nullable=True,
        ),
        sa.Column("provider", sa.String(20), nullable=False),
        sa.Column("model", sa.String(80), nullable=False),
        sa.Column("operation", sa.String(40), nullable=False),
        sa.Column("tokens_in", sa.Integer(), nullable=False),
        sa.Column("tokens_out", sa.Integer(), nullable=False),
        sa.Column("images", sa.Integer(), nullable=False),
        sa.Column("cost_usd", sa.Numeric(12, 6), nullable=False),
        sa.Column("degraded", sa.Boolean(), nullable=False),
        sa.Column("created_at", UTCDateTime(), nullable=False),
        sqlite_autoincrement=True,
    )
    op.create_index("ix_ai_usage_created_at", "ai_usage", ["created_at"])
    op.create_index("ix_ai_usage_user_created", "ai_usage", ["user_uid", "created_at"])
    op.create_table(
        "ai_advice",
        sa.Column("name_key", sa.String(200), primary_key=True),
        sa.Column("language", sa.String(5), primary_key=True),
        sa.Column("provider", sa.String(20), nullable=False),
        sa.Column("advice", JSONType, nullable=False),
        sa.Column("updated_at", UTCDateTime(), nullable=False),
    )
    op.create_table(
        "recognitions",
        sa.Column("id", sa.String(32), primary_key=True),
        sa.Column(
            "user_uid",
            sa.String(128),
            sa.ForeignKey("users.uid", ondelete="CASCADE"),
            nullable=False,
        ),
        sa.Column("kind", sa.String(20), nullable=False),
        sa.Column("provider", sa.String(20), nullable=False),
        sa.Column("degraded", sa.Boolean(), nullable=False),
        sa.Column("findings", JSONType, nullable=False),
        sa.Column("barcodes", JSONType, nullable=False),
        sa.Column("notes", JSONType, nullable=False),
        sa.Column("image_keys", JSONType, nullable=False),
        sa.Column("images_job_id", sa.String(32), nullable=True),
        sa.Column("created_at", UTCDateTime(), nullable=False),
    )
    op.create_index("ix_recognitions_user_created", "recognitions", ["user_uid", "created_at"])
    op.create_table(
        "recognition_feedback",
        sa.Column("id", sa.Integer(), primary_key=True, autoincrement=True),
        sa.Column(
            "recognition_id",
            sa.String(32),
            sa.ForeignKey("recognitions.id", ondelete="CASCADE"),
            nullable=False,
        ),
        sa.Column("feedback", JSONType, nullable=False),
        sa.Column("created_at", UTCDateTime(), nullable=False),
        sqlite_autoincrement=True,
    )
    op.create_index(
        "ix_recognition_feedback_recognition_id", "recognition_feedback", ["recognition_id"]
    )
    op.create_table(
        "recognition_corrections",
        sa.Column(
            "user_uid",
            sa.String(128),
            sa.ForeignKey("users.uid", ondelete="CASCADE"),
            primary_key=True,
        ),
        sa.Column("wrong_name", sa.String(200), primary_key=True),
        sa.Column("right_name", sa.String(200), nullable=False),
        sa.Column("updated_at", UTCDateTime(), nullable=False),
    )
    op.create_table(
        "barcode_confirmations",
        sa.Column("code", sa.String(20), primary_key=True),
        sa.Column(
            "user_uid",
            sa.String(128),
            sa.ForeignKey("users.uid", ondelete="CASCADE"),
            primary_key=True,
        ),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("updated_at", UTCDateTime(), nullable=False),
    )
    op.create_table(
        "uploaded_images",
        sa.Column("id", sa.String(32), primary_key=True),
        sa.Column(
            "owner_uid",
            sa.String(128),
            sa.ForeignKey("users.uid", ondelete="CASCADE"),
            nullable=False,
        ),
        sa.Column("storage_key", sa.String(300), nullable=False),
        sa.Column("item_name", sa.String(200), nullable=False),
        sa.Column("image_type", sa.String(20), nullable=False),
        sa.Column("created_at", UTCDateTime(), nullable=False),
    )
    op.create_index(
        "ix_uploaded_images_owner_created", "uploaded_images", ["owner_uid", "created_at"]
    )
    op.create_table(
        "generated_pictures",
        sa.Column("kind", sa.String(20), primary_key=True),
        sa.Column("name_key", sa.String(200), primary_key=True),
        sa.Column("status", sa.String(20), nullable=False),
        sa.Column("storage_key", sa.String(300), nullable=True),
        sa.Column("updated_at", UTCDateTime(), nullable=False),
    )


def downgrade() -> None:
    for table in (
        "generated_pictures",
        "uploaded_images",
        "barcode_confirmations",
        "recognition_corrections",
        "recognition_feedback",
        "recognitions",
        "ai_advice",
        "ai_usage",
    ):
        op.drop_table(table)
