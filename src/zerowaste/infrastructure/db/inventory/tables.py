"""Inventory tables: items (one per ingredient name; foods by name + added_at), their stacks
(lots) and the journal of every change. Rows belong to a household (`household_id`, deleted
with it) and remember the member who added them or made the change (NULL once they left).
Ids are never reused (AUTOINCREMENT on SQLite; InnoDB's counter on MySQL): clients keep them."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import Date, ForeignKey, Index, Integer, Numeric, String, Text, UniqueConstraint
from sqlalchemy.dialects import mysql
from sqlalchemy.orm import Mapped, mapped_column, relationship

from zerowaste.infrastructure.db.base import Base, JSONType, UTCDateTime

# MySQL's server collation ignores accents and case: "año" would be "ano" (migration 0005).
BINARY_STRING_120 = String(120).with_variant(
    mysql.VARCHAR(120, charset="utf8mb4", collation="utf8mb4_bin"), "mysql", "mariadb"
)


class ItemRow(Base):
    __tablename__ = "inventory_items"
    __table_args__ = (
        # `slot` is "" for ingredients (one item per name) and the added_at for foods, which
        # the client identifies by name + added_at.
        UniqueConstraint(
            "household_id", "kind", "name_key", "slot", name="uq_inventory_items_identity"
        ),
        {"sqlite_autoincrement": True},
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    household_id: Mapped[str] = mapped_column(ForeignKey("households.id", ondelete="CASCADE"))
    added_by: Mapped[str | None] = mapped_column(ForeignKey("users.uid", ondelete="SET NULL"))
    kind: Mapped[str] = mapped_column(String(12))
    name: Mapped[str] = mapped_column(String(120))
    name_key: Mapped[str] = mapped_column(BINARY_STRING_120)  # byte identity on MySQL too
    slot: Mapped[str] = mapped_column(String(32), default="")
    unit: Mapped[str] = mapped_column(String(16))
    storage: Mapped[str] = mapped_column(String(10))
    tips: Mapped[str] = mapped_column(Text, default="")
    image_path: Mapped[str] = mapped_column(String(1000), default="")
    category: Mapped[str | None] = mapped_column(String(60))
    description: Mapped[str | None] = mapped_column(Text)
    calories: Mapped[int | None] = mapped_column(Integer)
    main_ingredients: Mapped[list[str]] = mapped_column(JSONType, default=list)
    allergens: Mapped[list[str]] = mapped_column(JSONType, default=list)
    enrichment: Mapped[dict[str, Any] | None] = mapped_column(JSONType, deferred=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime)

    stacks: Mapped[list[StackRow]] = relationship(
        back_populates="item", cascade="all, delete-orphan", order_by="StackRow.expires_on"
    )


class StackRow(Base):
    __tablename__ = "inventory_stacks"
    __table_args__ = (
        # Also the index of item_id (its first column): for the foreign key and an item's stacks.
        UniqueConstraint("item_id", "added_at", name="uq_inventory_stacks_item_added"),
        Index("ix_inventory_stacks_owner_expires", "household_id", "expires_on"),
        {"sqlite_autoincrement": True},
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    item_id: Mapped[int] = mapped_column(ForeignKey("inventory_items.id", ondelete="CASCADE"))
    household_id: Mapped[str] = mapped_column(String(128))
    quantity: Mapped[Decimal] = mapped_column(Numeric(14, 3, asdecimal=True))
    unit: Mapped[str] = mapped_column(String(16))
    added_at: Mapped[datetime] = mapped_column(UTCDateTime)
    expires_on: Mapped[date] = mapped_column(Date)
    storage: Mapped[str] = mapped_column(String(10))
    expiry_source: Mapped[str] = mapped_column(String(12), default="explicit")

    item: Mapped[ItemRow] = relationship(back_populates="stacks")


class JournalRow(Base):
    __tablename__ = "inventory_journal"
    __table_args__ = (
        Index("ix_inventory_journal_owner_reason", "household_id", "reason"),
        # (owner, time) first, as the journal's reads want; the other columns cover the analytics
        # sums (migration 0018 replaced the two-column index): a window is read from the index.
        Index(
            "ix_inventory_journal_usage",
            "household_id",
            "occurred_at",
            "reason",
            "unit",
            "quantity",
            "item_id",
            "item_name",
        ),
        {"sqlite_autoincrement": True},
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    household_id: Mapped[str] = mapped_column(ForeignKey("households.id", ondelete="CASCADE"))
    user_uid: Mapped[str | None] = mapped_column(ForeignKey("users.uid", ondelete="SET NULL"))
    item_id: Mapped[int | None] = mapped_column(
        ForeignKey("inventory_items.id", ondelete="SET NULL")
    )
    item_name: Mapped[str] = mapped_column(String(120))
    kind: Mapped[str] = mapped_column(String(12))
    stack_added_at: Mapped[datetime] = mapped_column(UTCDateTime)
    quantity: Mapped[Decimal] = mapped_column(Numeric(14, 3, asdecimal=True))
    unit: Mapped[str] = mapped_column(String(16))
    reason: Mapped[str] = mapped_column(String(12))
    occurred_at: Mapped[datetime] = mapped_column(UTCDateTime)
    recipe_used: Mapped[str | None] = mapped_column(String(200))
    note: Mapped[str | None] = mapped_column(String(500))
