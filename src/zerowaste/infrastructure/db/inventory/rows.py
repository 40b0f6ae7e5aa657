"""Inventory rows and the domain: the prebuilt statements the repository runs, how a row
becomes an item or a stack, and the column values a write sets (`Loaded` keeps what was read,
so a save writes only the difference)."""

from __future__ import annotations

import json
from typing import Any, cast

from sqlalchemy import Row, Table, Text, bindparam, delete, insert, select, type_coerce, update

from zerowaste.domain.inventory.items import InventoryItem, Stack
from zerowaste.domain.shared.text import name_key
from zerowaste.infrastructure.db.inventory.tables import ItemRow, JournalRow, StackRow

ITEMS = cast(Table, ItemRow.__table__)
STACKS = cast(Table, StackRow.__table__)
JOURNAL = cast(Table, JournalRow.__table__)
# What `to_item` reads, nothing more: not the enrichment (kilobytes of JSON per item, deferred
# on the ORM row too), nor the two timestamps (each a datetime parsed in Python per row).
_LISTED_ITEM_COLUMNS = [
    ITEMS.c[name]
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
# A stack's columns, labelled `s_<name>` in every statement that reads stacks (`to_stack`).
_STACK_COLUMNS = ("quantity", "unit", "added_at", "expires_on", "storage", "expiry_source")
_LOADED_STACK_COLUMNS = [STACKS.c[name].label(f"s_{name}") for name in ("id", *_STACK_COLUMNS)]
# Built once: composing the statements costs as much as a small list's rows.
LIST_ITEMS = (
    select(*_LISTED_ITEM_COLUMNS)
    .where(ITEMS.c.household_id == bindparam("owner"))
    .order_by(ITEMS.c.kind, ITEMS.c.name_key, ITEMS.c.id)
)
LIST_STACKS = (
    select(STACKS.c.item_id, *_LOADED_STACK_COLUMNS)
    .where(STACKS.c.household_id == bindparam("owner"))
    .order_by(STACKS.c.expires_on, STACKS.c.added_at, STACKS.c.id)
)

# What a write loads: an item's columns (its snapshot too) and its stacks', one joined query.
# The item's columns repeat on each of its stack rows, so its JSON lists come as text and are
# decoded once per item (`_json_list`), not once per stack row by the column type.
_JSON_LISTS = ("main_ingredients", "allergens")
LOADED = select(
    *(
        type_coerce(column, Text).label(column.name) if column.name in _JSON_LISTS else column
        for column in _LISTED_ITEM_COLUMNS
    ),
    ITEMS.c.name_key,
    *_LOADED_STACK_COLUMNS,
).select_from(ITEMS.outerjoin(STACKS, STACKS.c.item_id == ITEMS.c.id))
LOADED_ORDER = (ITEMS.c.id, STACKS.c.expires_on, STACKS.c.added_at, STACKS.c.id)
_OWNED = ITEMS.c.household_id == bindparam("owner")
LOAD_ITEM = LOADED.where(_OWNED, ITEMS.c.id == bindparam("item_id")).order_by(*LOADED_ORDER)
LOAD_BY_NAME = LOADED.where(
    _OWNED, ITEMS.c.kind == bindparam("kind"), ITEMS.c.name_key == bindparam("key")
).order_by(*LOADED_ORDER)
# What a write sends, built once and run with its values as parameters: building a statement
# per call (`.values(...)`, `.where(...)`) cost about as much Python as running it (argument
# coercion, and a cache key computed anew for each statement object). An UPDATE's SET clause is
# the columns its parameters name; `w_id` and `w_owner` name the row it changes.
INSERT_ITEM = insert(ITEMS)
INSERT_STACK = insert(STACKS)
INSERT_JOURNAL = insert(JOURNAL)
UPDATE_ITEM = update(ITEMS).where(
    ITEMS.c.id == bindparam("w_id"), ITEMS.c.household_id == bindparam("w_owner")
)
UPDATE_STACK = update(STACKS).where(
    STACKS.c.id == bindparam("w_id"), STACKS.c.household_id == bindparam("w_owner")
)
DELETE_ITEM = delete(ITEMS).where(
    ITEMS.c.household_id == bindparam("w_owner"), ITEMS.c.id == bindparam("w_id")
)
DELETE_STACKS = delete(STACKS).where(
    STACKS.c.household_id == bindparam("w_owner"),
    STACKS.c.id.in_(bindparam("w_ids", expanding=True)),
)
_SNAPSHOT_ITEM_COLUMNS = (
    "name",
    "name_key",
    "kind",
    "unit",
    "storage",
    "tips",
    "image_path",
    "category",
    "description",
    "calories",
    "main_ingredients",
    "allergens",
)


class Loaded:
    """What the database holds of an item this repository loaded or added: the columns a write
    sets, and each stack's, by stack id. `save` writes the difference, and nothing else."""

    __slots__ = ("item", "stacks")

    def __init__(self, item: dict[str, Any], stacks: dict[int, dict[str, Any]]) -> None:
        self.item = item
        self.stacks = stacks


def snapshot(row: Row[Any], stack_rows: list[Row[Any]]) -> Loaded:
    """What the database holds of an item loaded by `LOADED` with these stack rows, as read
    (a value the domain normalises, a legacy unit alias, is rewritten by the next save)."""
    item = {name: row._mapping[name] for name in _SNAPSHOT_ITEM_COLUMNS}
    for name in _JSON_LISTS:
        item[name] = _json_list(item[name])
    return Loaded(
        item,
        {s.s_id: {name: s._mapping[f"s_{name}"] for name in _STACK_COLUMNS} for s in stack_rows},
    )


def _json_list(value: Any) -> list[Any] | None:
    """A JSON list column's value: decoded by its type (`LIST_ITEMS`), or its text (`LOADED`)."""
    decoded = json.loads(value) if isinstance(value, str) else value
    return cast(list[Any] | None, decoded)


def to_item(row: Row[Any], stacks: list[Stack]) -> InventoryItem:
    item = InventoryItem(
        id=row.id,
        owner_id=row.household_id,
        added_by=row.added_by,
        name=row.name,
        kind=row.kind,
        unit=row.unit,
        storage=row.storage,
        tips=row.tips or "",
        image_path=row.image_path or "",
        main_ingredients=list(_json_list(row.main_ingredients) or []),
        category=row.category,
        calories=row.calories,
        description=row.description,
    )
    item.stacks = stacks
    item.allergens = list(_json_list(row.allergens) or [])
    return item


def item_values(item: InventoryItem) -> dict[str, Any]:
    """The item columns a write sets (not its owner, creator, slot or timestamps)."""
    return {
        "name": item.name,
        "name_key": name_key(item.name),
        "kind": item.kind,
        "unit": item.unit,
        "storage": str(item.storage),
        "tips": item.tips,
        "image_path": item.image_path,
        "category": item.category,
        "description": item.description,
        "calories": item.calories,
        "main_ingredients": list(item.main_ingredients),
        "allergens": list(item.allergens),
    }


def stack_values(stack: Stack) -> dict[str, Any]:
    return {
        "quantity": stack.quantity,
        "unit": stack.unit,
        "expires_on": stack.expires_on,
        "storage": str(stack.storage),
        "added_at": stack.added_at,
        "expiry_source": stack.expiry_source,
    }


def changed_values(before: dict[str, Any], after: dict[str, Any]) -> dict[str, Any]:
    return {name: value for name, value in after.items() if before.get(name) != value}


def slot_of(item: InventoryItem) -> str:
    if item.kind != "food" or not item.stacks:
        return ""
    return item.stacks[0].added_at.strftime("%Y%m%dT%H%M%S")


def to_stack(row: Row[Any]) -> Stack:
    """A stack from a row of `LIST_STACKS` or `LOADED` (its columns labelled `s_<name>`)."""
    return Stack(
        id=row.s_id,
        quantity=row.s_quantity,
        unit=row.s_unit,
        added_at=row.s_added_at,
        expires_on=row.s_expires_on,
        storage=row.s_storage,
        expiry_source=row.s_expiry_source,
    )


def journal_dict(r: JournalRow) -> dict[str, Any]:
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
