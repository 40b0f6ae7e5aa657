"""Shopping lists and their items. A list is read with its items in two queries (the lists, then
every item of those lists), whatever the number of lists or items."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import (
    Boolean,
    Date,
    ForeignKey,
    Index,
    Integer,
    Numeric,
    String,
    Text,
    func,
    insert,
    select,
)
from sqlalchemy.orm import Mapped, Session, mapped_column

from zerowaste.domain.shopping.lists import ShoppingItem, ShoppingList
from zerowaste.infrastructure.db.base import Base, JSONType, UTCDateTime


class ShoppingListRow(Base):
    __tablename__ = "shopping_lists"
    __table_args__ = (Index("ix_shopping_lists_household_created", "household_id", "created_at"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    household_id: Mapped[str] = mapped_column(ForeignKey("households.id", ondelete="CASCADE"))
    name: Mapped[str] = mapped_column(String(120))
    status: Mapped[str] = mapped_column(String(10))
    created_by: Mapped[str | None] = mapped_column(
        ForeignKey("users.uid", ondelete="SET NULL"), nullable=True
    )
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    start_date: Mapped[date | None] = mapped_column(Date, nullable=True)
    end_date: Mapped[date | None] = mapped_column(Date, nullable=True)


class ShoppingItemRow(Base):
    __tablename__ = "shopping_list_items"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    list_id: Mapped[int] = mapped_column(
        ForeignKey("shopping_lists.id", ondelete="CASCADE"), index=True
    )
    name: Mapped[str] = mapped_column(String(120))
    food_key: Mapped[str] = mapped_column(String(120))
    quantity: Mapped[Decimal | None] = mapped_column(Numeric(14, 3, asdecimal=True), nullable=True)
    unit: Mapped[str | None] = mapped_column(String(20), nullable=True)
    aisle: Mapped[str] = mapped_column(String(20))
    source: Mapped[str] = mapped_column(String(10))
    checked: Mapped[bool] = mapped_column(Boolean)
    bought_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)
    needed_on: Mapped[date | None] = mapped_column(Date, nullable=True)
    recipes: Mapped[list[Any]] = mapped_column(JSONType)
    note: Mapped[str] = mapped_column(Text)
    price_mxn: Mapped[Decimal | None] = mapped_column(Numeric(12, 2, asdecimal=True), nullable=True)
    price_source: Mapped[str | None] = mapped_column(String(300), nullable=True)
    added_by: Mapped[str | None] = mapped_column(
        ForeignKey("users.uid", ondelete="SET NULL"), nullable=True
    )


_ITEM_FIELDS = (
    "name",
    "food_key",
    "quantity",
    "unit",
    "aisle",
    "source",
    "checked",
    "bought_at",
    "needed_on",
    "recipes",
    "note",
    "price_mxn",
    "price_source",
    "added_by",
)


def _item(row: ShoppingItemRow) -> ShoppingItem:
    values = {name: getattr(row, name) for name in _ITEM_FIELDS}
    values["recipes"] = list(row.recipes or [])
    return ShoppingItem(id=row.id, **values)


class SqlAlchemyShoppingLists:
    def __init__(self, session: Session) -> None:
        self._s = session

    def add(self, shopping_list: ShoppingList) -> None:
        row = ShoppingListRow(household_id=shopping_list.household_id)
        self._copy(shopping_list, row)
        self._s.add(row)
        self._s.flush()
        shopping_list.id = row.id
        self._sync_items(shopping_list)

    def get(self, household_id: str, list_id: int, *, lock: bool = False) -> ShoppingList | None:
        query = select(ShoppingListRow).where(
            ShoppingListRow.id == list_id, ShoppingListRow.household_id == household_id
        )
        if lock:
            query = query.with_for_update()
        row = self._s.scalars(query).first()
        return self._with_items([row])[0] if row else None

    def of_household(self, household_id: str, limit: int, offset: int) -> list[ShoppingList]:
        rows = self._s.scalars(
            select(ShoppingListRow)
            .where(ShoppingListRow.household_id == household_id)
            .order_by(ShoppingListRow.created_at.desc(), ShoppingListRow.id.desc())
            .limit(limit)
            .offset(offset)
        ).all()
        return self._with_items(list(rows))

    def count(self, household_id: str) -> int:
        found = self._s.scalar(
            select(func.count())
            .select_from(ShoppingListRow)
            .where(ShoppingListRow.household_id == household_id)
        )
        return int(found or 0)

    def save(self, shopping_list: ShoppingList) -> None:
        row = self._s.get(ShoppingListRow, shopping_list.id)
        if row is None:
            raise LookupError(f"shopping list {shopping_list.id} is gone")
        self._copy(shopping_list, row)
        self._sync_items(shopping_list)

    def delete(self, shopping_list: ShoppingList) -> None:
        row = self._s.get(ShoppingListRow, shopping_list.id)
        if row is not None:
            self._s.delete(row)
            self._s.flush()

    def _with_items(self, rows: list[ShoppingListRow]) -> list[ShoppingList]:
        if not rows:
            return []
        items: dict[int, list[ShoppingItem]] = {r.id: [] for r in rows}
        for item in self._s.scalars(
            select(ShoppingItemRow)
            .where(ShoppingItemRow.list_id.in_(list(items)))
            .order_by(ShoppingItemRow.id)
        ):
            items[item.list_id].append(_item(item))
        return [
            ShoppingList(
                id=r.id,
                household_id=r.household_id,
                name=r.name,
                created_by=r.created_by,
                created_at=r.created_at,
                status="archived" if r.status == "archived" else "active",
                start_date=r.start_date,
                end_date=r.end_date,
                items=items[r.id],
            )
            for r in rows
        ]

    @staticmethod
    def _copy(source: ShoppingList, row: ShoppingListRow) -> None:
        row.name = source.name
        row.status = source.status
        row.created_by = source.created_by
        row.created_at = source.created_at
        row.start_date = source.start_date
        row.end_date = source.end_date

    def _sync_items(self, shopping_list: ShoppingList) -> None:
        """Rows follow the list: changed ones updated, new ones inserted, removed ones deleted."""
        rows = {
            r.id: r
            for r in self._s.scalars(
                select(ShoppingItemRow).where(ShoppingItemRow.list_id == shopping_list.id)
            )
        }
        kept = set()
        new: list[ShoppingItem] = []
        for item in shopping_list.items:
            row = rows.get(item.id) if item.id is not None else None
            if row is None:
                new.append(item)
                continue
            kept.add(row.id)
            for name in _ITEM_FIELDS:
                setattr(row, name, getattr(item, name))
        for row_id, row in rows.items():
            if row_id not in kept:
                self._s.delete(row)
        self._s.flush()
        if new:
            # One executemany for every new item (a list from a week's plan holds dozens), then
            # their ids: rows inserted in one statement get ascending ids in the order given.
            values = [
                {"list_id": shopping_list.id, **{n: getattr(i, n) for n in _ITEM_FIELDS}}
                for i in new
            ]
            self._s.connection().execute(insert(ShoppingItemRow), values)  # Core executemany
            ids = self._s.scalars(
                select(ShoppingItemRow.id)
                .where(
                    ShoppingItemRow.list_id == shopping_list.id,
                    ShoppingItemRow.id.not_in(kept),
                )
                .order_by(ShoppingItemRow.id)
            ).all()
            for item, item_id in zip(new, ids, strict=True):
                item.id = item_id
