"""market offers: supermarket shelf prices read by the price scrapers (issue #13)

Revision ID: 0025
Revises: 0024
"""

from alembic import op
import sqlalchemy as sa

import zerowaste.infrastructure.db.base  # noqa: F401  (portable column types)
from zerowaste.infrastructure.db.base import UTCDateTime

revision = "0025"
down_revision = "0024"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "market_offers",
        sa.Column("id", sa.Integer(), primary_key=True, autoincrement=True),
        sa.Column("store_chain", sa.String(40), nullable=False),
        sa.Column("product_name", sa.String(300), nullable=False),
        sa.Column("url", sa.String(2000), nullable=False),
        sa.Column("price", sa.Numeric(12, 2), nullable=False),
        sa.Column("regular_price", sa.Numeric(12, 2), nullable=True),
        sa.Column("currency", sa.String(3), nullable=False),
        sa.Column("availability", sa.String(16), nullable=False),
        sa.Column("pack_amount", sa.Numeric(12, 4), nullable=True),
        sa.Column("pack_basis", sa.String(8), nullable=True),
        sa.Column("unit_price", sa.Numeric(14, 4), nullable=True),
        sa.Column("ingredient_id", sa.String(64), nullable=True),
        sa.Column("fetched_at", UTCDateTime(), nullable=False),
    )
    op.create_index(
        "ix_market_offers_ingredient_fetched", "market_offers", ["ingredient_id", "fetched_at"]
    )
    op.create_index("ix_market_offers_fetched", "market_offers", ["fetched_at"])


def downgrade() -> None:
    op.drop_table("market_offers")
