"""households own the inventory; ids never reused on SQLite

Every user gets a household of one (its id is the user's uid, so existing rows keep their
owner value); inventory rows move from `owner_uid` (a user, deleted with the account) to
`household_id` (deleted with the household) plus who added them (`added_by`, journal
`user_uid`, set NULL when that member leaves). `households.data_version` tags cached views.
On SQLite the inventory tables are rebuilt with AUTOINCREMENT, so ids of deleted rows are
never handed out again (clients keep item and stack ids).

Revision ID: 0006
Revises: 0005
"""

from alembic import op
import sqlalchemy as sa

import zerowaste.infrastructure.db.base  # noqa: F401  (portable column types)
from zerowaste.infrastructure.db.base import UTCDateTime

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None

SQLITE_AUTOINCREMENT = {"sqlite_autoincrement": True}


def _is_sqlite() -> bool:
    return op.get_bind().dialect.name == "sqlite"


def upgrade() -> None:
    op.create_table(
        "households",
        sa.Column("id", sa.String(length=128), nullable=False),
        sa.Column("name", sa.String(length=120), nullable=False, server_default=""),
        sa.Column("data_version", sa.BigInteger(), nullable=False, server_default="0"),
        sa.Column("created_at", UTCDateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_households")),
    )
    op.execute(
        "INSERT INTO households (id, name, data_version, created_at) "
        "SELECT uid, '', 0, created_at FROM users"
    )
    with op.batch_alter_table("users") as batch:
        batch.add_column(sa.Column("household_id", sa.String(length=128), nullable=True))
    op.execute("UPDATE users SET household_id = uid")
    with op.batch_alter_table("users") as batch:
        batch.alter_column("household_id", existing_type=sa.String(length=128), nullable=False)
        batch.create_index(batch.f("ix_users_household_id"), ["household_id"])
        batch.create_foreign_key(
            batch.f("fk_users_household_id_households"),
            "households",
            ["household_id"],
            ["id"],
            ondelete="RESTRICT",
        )
    _items_upgrade()
    _stacks_upgrade()
    _journal_upgrade()


def _table_kwargs() -> dict[str, object]:
    return {"recreate": "always", "table_kwargs": SQLITE_AUTOINCREMENT} if _is_sqlite() else {}


def _items_upgrade() -> None:
    with op.batch_alter_table("inventory_items", **_table_kwargs()) as batch:
        batch.drop_constraint("fk_inventory_items_owner_uid_users", type_="foreignkey")
        batch.alter_column(
            "owner_uid",
            new_column_name="household_id",
            existing_type=sa.String(length=128),
            existing_nullable=False,
        )
        batch.add_column(sa.Column("added_by", sa.String(length=128), nullable=True))
    with op.batch_alter_table("inventory_items", **_table_kwargs()) as batch:
        batch.create_foreign_key(
            batch.f("fk_inventory_items_household_id_households"),
            "households",
            ["household_id"],
            ["id"],
            ondelete="CASCADE",
        )
        batch.create_foreign_key(
            batch.f("fk_inventory_items_added_by_users"),
            "users",
            ["added_by"],
            ["uid"],
            ondelete="SET NULL",
        )
    op.execute("UPDATE inventory_items SET added_by = household_id")


def _stacks_upgrade() -> None:
    with op.batch_alter_table("inventory_stacks", **_table_kwargs()) as batch:
        batch.alter_column(
            "owner_uid",
            new_column_name="household_id",
            existing_type=sa.String(length=128),
            existing_nullable=False,
        )


def _journal_upgrade() -> None:
    with op.batch_alter_table("inventory_journal", **_table_kwargs()) as batch:
        batch.drop_constraint("fk_inventory_journal_owner_uid_users", type_="foreignkey")
        batch.alter_column(
            "owner_uid",
            new_column_name="household_id",
            existing_type=sa.String(length=128),
            existing_nullable=False,
        )
        batch.add_column(sa.Column("user_uid", sa.String(length=128), nullable=True))
    with op.batch_alter_table("inventory_journal", **_table_kwargs()) as batch:
        batch.create_foreign_key(
            batch.f("fk_inventory_journal_household_id_households"),
            "households",
            ["household_id"],
            ["id"],
            ondelete="CASCADE",
        )
        batch.create_foreign_key(
            batch.f("fk_inventory_journal_user_uid_users"),
            "users",
            ["user_uid"],
            ["uid"],
            ondelete="SET NULL",
        )
    op.execute("UPDATE inventory_journal SET user_uid = household_id")


def downgrade() -> None:
    """Back to user-owned rows: each household's rows go to its first member (households of
    one before this revision, so nothing is lost when no household was shared)."""
    op.execute(
        "UPDATE inventory_items SET household_id = "
        "(SELECT MIN(uid) FROM users WHERE users.household_id = inventory_items.household_id)"
    )
    op.execute(
        "UPDATE inventory_stacks SET household_id = "
        "(SELECT household_id FROM inventory_items WHERE inventory_items.id = inventory_stacks.item_id)"
    )
    op.execute(
        "UPDATE inventory_journal SET household_id = "
        "(SELECT MIN(uid) FROM users WHERE users.household_id = inventory_journal.household_id)"
    )
    op.execute("DELETE FROM inventory_journal WHERE household_id IS NULL")
    op.execute("DELETE FROM inventory_items WHERE household_id IS NULL")
    for table, extra in (("inventory_items", "added_by"), ("inventory_journal", "user_uid")):
        with op.batch_alter_table(table) as batch:
            batch.drop_constraint(f"fk_{table}_household_id_households", type_="foreignkey")
            batch.drop_constraint(f"fk_{table}_{extra}_users", type_="foreignkey")
            batch.drop_column(extra)
            batch.alter_column(
                "household_id",
                new_column_name="owner_uid",
                existing_type=sa.String(length=128),
                existing_nullable=False,
            )
        with op.batch_alter_table(table) as batch:
            batch.create_foreign_key(
                f"fk_{table}_owner_uid_users", "users", ["owner_uid"], ["uid"], ondelete="CASCADE"
            )
    with op.batch_alter_table("inventory_stacks") as batch:
        batch.alter_column(
            "household_id",
            new_column_name="owner_uid",
            existing_type=sa.String(length=128),
            existing_nullable=False,
        )
    with op.batch_alter_table("users") as batch:
        batch.drop_constraint("fk_users_household_id_households", type_="foreignkey")
        batch.drop_index("ix_users_household_id")
        batch.drop_column("household_id")
    op.drop_table("households")
