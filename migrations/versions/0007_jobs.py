"""background jobs

One row per job a request starts and a Celery worker runs (application.jobs): status,
progress, payload, result or error, attempts. Rows go with their owner's account.

Revision ID: 0007
Revises: 0006
"""

from alembic import op
import sqlalchemy as sa
from sqlalchemy.dialects import mysql

import zerowaste.infrastructure.db.base  # noqa: F401  (portable column types)
from zerowaste.infrastructure.db.base import UTCDateTime

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "jobs",
        sa.Column("id", sa.String(length=32), nullable=False),
        sa.Column("type", sa.String(length=64), nullable=False),
        sa.Column("owner_uid", sa.String(length=128), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("progress", sa.Integer(), nullable=False),
        sa.Column("step", sa.String(length=200), nullable=False),
        sa.Column("payload", sa.JSON().with_variant(mysql.JSON(), "mysql"), nullable=False),
        sa.Column("result", sa.JSON().with_variant(mysql.JSON(), "mysql"), nullable=True),
        sa.Column("error", sa.String(length=500), nullable=True),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("created_at", UTCDateTime(), nullable=False),
        sa.Column("started_at", UTCDateTime(), nullable=True),
        sa.Column("completed_at", UTCDateTime(), nullable=True),
        sa.Column("updated_at", UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["owner_uid"], ["users.uid"], name=op.f("fk_jobs_owner_uid_users"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_jobs")),
    )
    op.create_index("ix_jobs_owner_uid_created_at", "jobs", ["owner_uid", "created_at"])
    op.create_index(op.f("ix_jobs_completed_at"), "jobs", ["completed_at"])


def downgrade() -> None:
    # Dropping a table drops its indexes (dropping them first fails on MariaDB, error 1553).
    op.drop_table("jobs")
