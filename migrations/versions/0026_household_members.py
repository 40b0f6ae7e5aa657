"""household members: users.household_role and single-use invitation codes (issue #14)

Revision ID: 0026
Revises: 0025
"""

from alembic import op
import sqlalchemy as sa

import zerowaste.infrastructure.db.base  # noqa: F401  (portable column types)
from zerowaste.infrastructure.db.base import UTCDateTime

revision = "0026"
down_revision = "0025"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Every existing account owns its household of one. A plain ADD COLUMN (no batch copy of
    # `users` on SQLite: other tables reference it).
    op.add_column(
        "users",
        sa.Column("household_role", sa.String(16), nullable=False, server_default="owner"),
    )
    op.create_table(
        "household_invitations",
        sa.Column("id", sa.Integer(), primary_key=True, autoincrement=True),
        sa.Column(
            "household_id",
            sa.String(128),
            sa.ForeignKey("households.id", ondelete="CASCADE"),
            nullable=False,
        ),
        sa.Column("code_hash", sa.String(64), nullable=False),
        sa.Column("role", sa.String(16), nullable=False),
        sa.Column(
            "created_by",
            sa.String(128),
            sa.ForeignKey("users.uid", ondelete="SET NULL"),
            nullable=True,
        ),
        sa.Column("created_at", UTCDateTime(), nullable=False),
        sa.Column("expires_at", UTCDateTime(), nullable=False),
        sa.Column(
            "used_by",
            sa.String(128),
            sa.ForeignKey("users.uid", ondelete="SET NULL"),
            nullable=True,
        ),
        sa.Column("used_at", UTCDateTime(), nullable=True),
        sa.UniqueConstraint("code_hash", name="uq_household_invitations_code_hash"),
        sqlite_autoincrement=True,
    )
    op.create_index(
        "ix_household_invitations_household", "household_invitations", ["household_id"]
    )


def downgrade() -> None:
    op.drop_table("household_invitations")  # and its indexes (MariaDB keeps one for the FK)
    with op.batch_alter_table("users") as batch:
        batch.drop_column("household_role")
