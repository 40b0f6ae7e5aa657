"""market prices: the PROFECO shelf prices, one row per store, day and presentation

Revision ID: 0024
Revises: 0023
"""

from alembic import op
import sqlalchemy as sa

revision = "0024"
down_revision = "0023"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "ref_market_prices",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("ingredient_id", sa.String(64), nullable=False),
        sa.Column("product", sa.String(160), nullable=False),
        sa.Column("presentation", sa.String(255), nullable=False),
        sa.Column("brand", sa.String(160), nullable=False),
        sa.Column("chain", sa.String(120), nullable=False),
        sa.Column("store_key", sa.String(200), nullable=False),
        sa.Column("store_name", sa.String(255), nullable=False),
        sa.Column("state", sa.String(120), nullable=False),
        sa.Column("municipality", sa.String(120), nullable=False),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("price_mxn", sa.Numeric(12, 2), nullable=False),
        sa.Column("basis", sa.String(8), nullable=False),
        sa.Column("unit_price_mxn", sa.Numeric(14, 4), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index(
        "ix_ref_market_prices_ingredient_day", "ref_market_prices", ["ingredient_id", "day"]
    )


def downgrade() -> None:
    op.drop_index("ix_ref_market_prices_ingredient_day", table_name="ref_market_prices")
    op.drop_table("ref_market_prices")
