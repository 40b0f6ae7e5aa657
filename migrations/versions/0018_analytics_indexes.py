"""analytics indexes: the journal's (owner, time) index widened to cover the usage sums, cooked savings
by user and day

Revision ID: 0018
Revises: 0017
"""

from alembic import op

revision = "0018"
down_revision = "0017"
branch_labels = None
depends_on = None

USAGE_COLUMNS = ["household_id", "occurred_at", "reason", "unit", "quantity", "item_id", "item_name"]


def upgrade() -> None:
    # Same leading columns as the index it replaces, so the journal's reads keep their order;
    # with both, MariaDB picks the narrower one and reads every row of the window.
    op.create_index("ix_inventory_journal_usage", "inventory_journal", USAGE_COLUMNS)
    op.drop_index("ix_inventory_journal_owner_occurred", table_name="inventory_journal")
    op.create_index(
        "ix_environmental_savings_user_cooked", "environmental_savings", ["user_uid", "cooked_at"]
    )


def downgrade() -> None:
    op.drop_index("ix_environmental_savings_user_cooked", table_name="environmental_savings")
    op.create_index(
        "ix_inventory_journal_owner_occurred", "inventory_journal", ["household_id", "occurred_at"]
    )
    op.drop_index("ix_inventory_journal_usage", table_name="inventory_journal")
