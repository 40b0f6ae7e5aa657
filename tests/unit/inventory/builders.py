"""Builders for inventory domain tests."""

from datetime import UTC, date, datetime
from decimal import Decimal

from zerowaste.domain.inventory.expiry import ItemKind
from zerowaste.domain.inventory.items import (
    InventoryItem,
    Stack,
)
from zerowaste.domain.shared.storage import StoragePlace

TODAY = date(2025, 1, 10)
NOW = datetime(2025, 1, 10, 15, 30, tzinfo=UTC)
PANTRY = StoragePlace.PANTRY


def stack(
    stack_id: int,
    quantity: str,
    expires_on: date,
    *,
    unit: str = "kg",
    added_day: int | None = None,
) -> Stack:
    added = datetime(2025, 1, added_day or stack_id, 9, 0, tzinfo=UTC)
    return Stack(
        id=stack_id,
        quantity=Decimal(quantity),
        unit=unit,
        added_at=added,
        expires_on=expires_on,
        storage=PANTRY,
    )


def item(*stacks: Stack, unit: str = "kg", kind: ItemKind = "ingredient") -> InventoryItem:
    result = InventoryItem(
        id=7,
        owner_id="user-1",
        name="Arroz",
        kind=kind,
        unit=unit,
        storage=PANTRY,
    )
    for s in stacks:
        result.add_stack(s)
    return result


def three_stacks() -> InventoryItem:
    """Stack 1 expires last, stack 2 first, stack 3 in between."""
    return item(
        stack(1, "1", date(2025, 1, 20)),
        stack(2, "1", date(2025, 1, 12)),
        stack(3, "1", date(2025, 1, 15)),
    )


def snapshot(i: InventoryItem) -> list[tuple[int | None, Decimal, str]]:
    return [(s.id, s.quantity, s.unit) for s in i.stacks]
