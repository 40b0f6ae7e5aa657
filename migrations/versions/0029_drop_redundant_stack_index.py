"""inventory_stacks: drop ix_inventory_stacks_item_id, a prefix of the unique key
uq_inventory_stacks_item_added (item_id, added_at), which serves the same lookups and the
foreign key; every stack insert and delete maintained both

Revision ID: 0029
Revises: 0028
"""

from alembic import op

revision = "0029"
down_revision = "0028"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("inventory_stacks") as batch_op:
        batch_op.drop_index("ix_inventory_stacks_item_id")


def downgrade() -> None:
    with op.batch_alter_table("inventory_stacks") as batch_op:
        batch_op.create_index("ix_inventory_stacks_item_id", ["item_id"], unique=False)
