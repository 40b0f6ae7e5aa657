"""The household-scoped inventory repository (tables in tables.py): `owner_id` is the id of the
household that owns the rows; the service resolves it from the caller and holds its lock.

Listing loads items and all their stacks in two queries whatever the inventory size. Reads take
no row locks: writers serialise on the household row (HouseholdRepository.claim, the first
statement of every inventory write), so a FOR UPDATE here would only add InnoDB gap locks that
deadlock different households' first adds of a name.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import (
    Row,
    bindparam,
    delete,
    select,
)
from sqlalchemy.orm import Session, joinedload

from zerowaste.domain.inventory.items import InventoryItem, JournalEntry, Stack, StockLine
from zerowaste.domain.shared import units
from zerowaste.domain.shared.text import name_key
from zerowaste.infrastructure.db.inventory.tables import (
    ItemRow,
    JournalRow,
    StackRow,
)

_ITEMS, _STACKS = ItemRow.__table__, StackRow.__table__
# What `_to_item` reads, nothing more: not the enrichment (kilobytes of JSON per item, deferred
# on the ORM row too), nor the two timestamps (each a datetime parsed in Python per row).
_LISTED_ITEM_COLUMNS = [
    _ITEMS.c[name]
    for name in (
        "id",
        "household_id",
        "added_by",
        "name",
        "kind",
        "unit",
        "storage",
        "tips",
        "image_path",
        "main_ingredients",
        "category",
        "calories",
        "description",
        "allergens",
    )
]
# Built once: composing the statements costs as much as a small list's rows.
_LIST_ITEMS = (
    select(*_LISTED_ITEM_COLUMNS)
    .where(_ITEMS.c.household_id == bindparam("owner"))
    .order_by(_ITEMS.c.kind, _ITEMS.c.name_key, _ITEMS.c.id)
)
_LIST_STACKS = (
    select(_STACKS)
    .where(_STACKS.c.household_id == bindparam("owner"))
    .order_by(_STACKS.c.expires_on, _STACKS.c.added_at, _STACKS.c.id)
)


def _to_stack(row: StackRow | Row[Any]) -> Stack:
    return Stack(
        id=row.id,
        quantity=row.quantity,
        unit=row.unit,
        added_at=row.added_at,
        expires_on=row.expires_on,
        storage=row.storage,  # type: ignore[arg-type]
        expiry_source=row.expiry_source,
    )


def _to_item(
    row: ItemRow | Row[Any], stacks: list[StackRow] | list[Row[Any]] | None = None
) -> InventoryItem:
    item = InventoryItem(
        id=row.id,
        owner_id=row.household_id,
        added_by=row.added_by,
        name=row.name,
        kind=row.kind,  # type: ignore[arg-type]
        unit=row.unit,
        storage=row.storage,  # type: ignore[arg-type]
        tips=row.tips or "",
        image_path=row.image_path or "",
        main_ingredients=list(row.main_ingredients or []),
        category=row.category,
        calories=row.calories,
        description=row.description,
    )
    listed = row.stacks if stacks is None else stacks
    item.stacks = [_to_stack(s) for s in listed]
    item.allergens = list(row.allergens or [])
    return item


def _fill(row: ItemRow, item: InventoryItem) -> None:
    row.name, row.name_key, row.kind = item.name, name_key(item.name), item.kind
    row.unit, row.storage = item.unit, str(item.storage)
    row.tips, row.image_path = item.tips, item.image_path
    row.category, row.description, row.calories = item.category, item.description, item.calories
    row.main_ingredients = list(item.main_ingredients)
    row.allergens = list(item.allergens)


def _assign(row: StackRow, **values: Any) -> None:
    """Set the columns whose value changed, only: every assignment is an attribute event and
    makes the flush compare the row, and an add or a consume changes one stack of many."""
    state = row.__dict__
    for name, value in values.items():
        if name not in state or state[name] != value:
            setattr(row, name, value)


def _slot(item: InventoryItem) -> str:
    if item.kind != "food" or not item.stacks:
        return ""
    return item.stacks[0].added_at.strftime("%Y%m%dT%H%M%S")


class SqlAlchemyInventoryRepository:
    def __init__(self, session: Session) -> None:
        self._s = session
        self._rows: dict[int, ItemRow] = {}

    def stock_lines(self, owner_id: str) -> list[StockLine]:
        """One Core query, no ORM objects, in `list_items`' order (item by item, soonest first)."""
        rows = self._s.execute(
            select(
                ItemRow.name, ItemRow.unit, StackRow.quantity, StackRow.unit, StackRow.expires_on
            )
            .join(StackRow, StackRow.item_id == ItemRow.id)
            .where(ItemRow.household_id == owner_id, ItemRow.kind == "ingredient")
            .order_by(ItemRow.name_key, ItemRow.id, StackRow.expires_on, StackRow.id)
        )
        return [
            StockLine(name, units.normalize_unit(unit), quantity, units.normalize_unit(s_unit), day)
            for name, unit, quantity, s_unit, day in rows
        ]

    def list_items(self, owner_id: str) -> list[InventoryItem]:
        """Two queries whatever the size: selectinload would split past 500 items.

        Core rows, not ORM objects: the list is the most read thing in the app, and the identity
        map and instance state cost more than the rows (50 items and their stacks: 9.3 ms of
        CPU as ORM objects, ~4.9 ms as these rows). What a write saves is loaded through `get`,
        `find_by_name` or `find_by_stack`, never from here (`save` refuses an item it did not
        load as a row)."""
        rows = self._s.execute(_LIST_ITEMS, {"owner": owner_id}).all()
        stacks: dict[int, list[Row[Any]]] = {row.id: [] for row in rows}
        for stack_row in self._s.execute(_LIST_STACKS, {"owner": owner_id}):
            stacks.setdefault(stack_row.item_id, []).append(stack_row)
        return [_to_item(r, stacks[r.id]) for r in rows]

    def get(self, owner_id: str, item_id: int) -> InventoryItem | None:
        return self._one(
            select(ItemRow).where(ItemRow.household_id == owner_id, ItemRow.id == item_id)
        )

    def find_by_name(self, owner_id: str, kind: str, name: str) -> list[InventoryItem]:
        """Items of this kind and name (one for ingredients; foods may repeat by added_at)."""
        query = select(ItemRow).where(
            ItemRow.household_id == owner_id,
            ItemRow.kind == kind,
            ItemRow.name_key == name_key(name),
        )
        return self._many(query)

    def find_by_stack(
        self, owner_id: str, kind: str, name: str, added_at: datetime
    ) -> InventoryItem | None:
        """The item whose stack was added at that second (the client's legacy identity)."""
        item_ids = select(StackRow.item_id).where(
            StackRow.household_id == owner_id, StackRow.added_at == added_at
        )
        query = select(ItemRow).where(
            ItemRow.household_id == owner_id,
            ItemRow.kind == kind,
            ItemRow.name_key == name_key(name),
            ItemRow.id.in_(item_ids),
        )
        found = self._many(query)
        return found[0] if found else None

    def item_of_stack(self, owner_id: str, stack_id: int) -> InventoryItem | None:
        item_id = select(StackRow.item_id).where(
            StackRow.household_id == owner_id, StackRow.id == stack_id
        )
        return self._one(
            select(ItemRow).where(ItemRow.household_id == owner_id, ItemRow.id.in_(item_id))
        )

    def add(self, item: InventoryItem, now: datetime) -> None:
        row = ItemRow(household_id=item.owner_id, added_by=item.added_by, slot=_slot(item))
        _fill(row, item)
        row.created_at = row.updated_at = now
        self._s.add(row)
        self._sync_stacks(row, item)
        self._s.flush()
        item.id = row.id
        self._rows[row.id] = row
        self._assign_stack_ids(row, item)

    def save(self, item: InventoryItem, now: datetime) -> None:
        if item.id is None or item.id not in self._rows:
            raise LookupError("save() needs an item loaded by this repository")
        row = self._rows[item.id]
        _fill(row, item)
        if self._s.is_modified(row, include_collections=False):
            # The item's own fields changed. A stack-only change (an add, a consume) leaves the
            # row alone: its stacks and the journal say when, and one UPDATE fewer per write.
            row.updated_at = now
        self._sync_stacks(row, item)
        self._s.flush()
        self._assign_stack_ids(row, item)

    def delete(self, item: InventoryItem) -> None:
        if item.id is not None:
            self._s.execute(
                delete(ItemRow).where(ItemRow.household_id == item.owner_id, ItemRow.id == item.id)
            )
            self._rows.pop(item.id, None)

    def set_enrichment(self, owner_id: str, item_id: int, enrichment: dict[str, Any]) -> None:
        row = self._s.scalar(
            select(ItemRow).where(ItemRow.household_id == owner_id, ItemRow.id == item_id)
        )
        if row is not None:
            row.enrichment = enrichment
            self._s.flush()

    def enrichments(self, owner_id: str, item_ids: list[int]) -> dict[int, dict[str, Any]]:
        if not item_ids:
            return {}
        rows = self._s.execute(
            select(ItemRow.id, ItemRow.enrichment).where(
                ItemRow.household_id == owner_id, ItemRow.id.in_(item_ids)
            )
        ).all()
        return {r[0]: r[1] for r in rows if r[1]}

    def add_journal(
        self, entries: list[JournalEntry], item: InventoryItem, actor: str | None
    ) -> None:
        for e in entries:
            self._s.add(
                JournalRow(
                    household_id=e.owner_id,
                    user_uid=actor,
                    item_id=item.id,
                    item_name=e.item_name,
                    kind=item.kind,
                    stack_added_at=e.stack_added_at,
                    quantity=e.quantity,
                    unit=e.unit,
                    reason=str(e.reason),
                    occurred_at=e.occurred_at,
                    recipe_used=e.recipe_used,
                    note=e.note,
                )
            )
        self._s.flush()

    def journal(
        self,
        owner_id: str,
        *,
        reasons: list[str] | None = None,
        since: datetime | None = None,
        limit: int = 100,
        offset: int = 0,
    ) -> list[dict[str, Any]]:
        query = select(JournalRow).where(JournalRow.household_id == owner_id)
        if reasons:
            query = query.where(JournalRow.reason.in_(reasons))
        if since is not None:
            query = query.where(JournalRow.occurred_at >= since)
        rows = self._s.scalars(
            query.order_by(JournalRow.occurred_at.desc(), JournalRow.id.desc())
            .limit(limit)
            .offset(offset)
        )
        return [_journal_dict(r) for r in rows]

    def _one(self, query: Any) -> InventoryItem | None:
        found = self._many(query)
        return found[0] if found else None

    def _many(self, query: Any) -> list[InventoryItem]:
        """Items by id with their stacks, in one round trip (a write loads one or a few)."""
        rows = (
            self._s.scalars(query.options(joinedload(ItemRow.stacks)).order_by(ItemRow.id))
            .unique()
            .all()
        )
        for row in rows:
            self._rows[row.id] = row
        return [_to_item(r) for r in rows]

    def _sync_stacks(self, row: ItemRow, item: InventoryItem) -> None:
        by_id = {s.id: s for s in row.stacks}
        keep = {s.id for s in item.stacks if s.id is not None}
        for stack_row in list(row.stacks):
            if stack_row.id not in keep:
                row.stacks.remove(stack_row)
        for stack in item.stacks:
            target = by_id.get(stack.id) if stack.id is not None else None
            if target is None:
                target = StackRow(household_id=item.owner_id, added_at=stack.added_at)
                row.stacks.append(target)
            _assign(
                target,
                quantity=stack.quantity,
                unit=stack.unit,
                expires_on=stack.expires_on,
                storage=str(stack.storage),
                added_at=stack.added_at,
                expiry_source=stack.expiry_source,
            )

    @staticmethod
    def _assign_stack_ids(row: ItemRow, item: InventoryItem) -> None:
        by_added = {s.added_at: s.id for s in row.stacks}
        for stack in item.stacks:
            if stack.id is None:
                stack.id = by_added.get(stack.added_at)


def _journal_dict(r: JournalRow) -> dict[str, Any]:
    return {
        "id": r.id,
        "item_id": r.item_id,
        "item_name": r.item_name,
        "kind": r.kind,
        "stack_added_at": r.stack_added_at,
        "quantity": r.quantity,
        "unit": r.unit,
        "reason": r.reason,
        "occurred_at": r.occurred_at,
        "recipe_used": r.recipe_used,
        "note": r.note,
        "user_uid": r.user_uid,
    }
