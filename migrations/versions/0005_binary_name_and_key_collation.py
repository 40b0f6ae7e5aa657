"""binary collation for inventory name keys and idempotency keys (MySQL/MariaDB only)

The server collation (utf8mb4_unicode_ci) ignores accents, case and trailing spaces, so
"año" and "ano" were one item on MariaDB but two on SQLite, and idempotency keys "K1" and
"k1" were one key. `name_key` is already case-folded by the application; comparing it
byte for byte gives both backends the same identity. SQLite compares bytes already.

Revision ID: 0005
Revises: 0004
"""

from alembic import op
import sqlalchemy as sa
from sqlalchemy.dialects import mysql

revision = '0005'
down_revision = '0004'
branch_labels = None
depends_on = None

COLUMNS = (("inventory_items", "name_key", 120), ("idempotency_keys", "key", 100))


def _alter(collation: str | None) -> None:
    if op.get_bind().dialect.name not in ("mysql", "mariadb"):
        return
    for table, column, length in COLUMNS:
        op.alter_column(
            table,
            column,
            existing_type=sa.String(length),
            type_=mysql.VARCHAR(length, charset="utf8mb4", collation=collation),
            existing_nullable=False,
        )


def upgrade() -> None:
    _alter("utf8mb4_bin")


def downgrade() -> None:
    _alter("utf8mb4_unicode_ci")
