"""reference prices: PROFECO medians per ingredient of the master (ref_prices)

Revision ID: 0010
Revises: 0009
"""

from alembic import op
import sqlalchemy as sa

import zerowaste.infrastructure.db.base  # noqa: F401  (portable column types)
from zerowaste.infrastructure.db.base import JSONType

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "ref_prices",
        sa.Column("ingredient_id", sa.String(64), nullable=False),
        sa.Column("basis", sa.String(8), nullable=False),
        sa.Column("median_mxn", sa.Double(), nullable=False),
        sa.Column("observations", sa.Integer(), nullable=False),
        sa.Column("stores", sa.Integer(), nullable=False),
        sa.Column("first_date", sa.Date(), nullable=False),
        sa.Column("last_date", sa.Date(), nullable=False),
        sa.Column("products", JSONType, nullable=False),
        sa.Column("citation", sa.String(400), nullable=False),
        sa.PrimaryKeyConstraint("ingredient_id", "basis", name=op.f("pk_ref_prices")),
    )


def downgrade() -> None:
    op.drop_table("ref_prices")
