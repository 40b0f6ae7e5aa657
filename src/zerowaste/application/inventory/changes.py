"""What the inventory's write use cases do to stacks, apart from loading and saving: edits of a
named stack, renames, the free second of a new stack, the amount a usage takes."""

from __future__ import annotations

from datetime import datetime, timedelta

from zerowaste.application.inventory.model import NewStock, Number, StackChanges, Usage
from zerowaste.application.inventory.ports import InventoryUnitOfWork
from zerowaste.domain.inventory.items import InventoryItem, JournalEntry, Stack
from zerowaste.domain.shared.storage import normalize_storage
from zerowaste.domain.shared.text import name_key


def edit_stacks(
    item: InventoryItem, stack: Stack | None, changes: StackChanges, now: datetime
) -> list[JournalEntry]:
    """Quantity, expiry and place of the named stack; without one, expiry of every stack."""
    entries: list[JournalEntry] = []
    if stack is not None and stack.id is not None:
        if changes.quantity is not None:
            entries += item.set_quantity(stack.id, changes.quantity, now=now, unit=changes.unit)
        if changes.expires_on is not None:
            stack.expires_on = changes.expires_on
        if changes.storage is not None:
            stack.storage = normalize_storage(changes.storage)
    elif changes.expires_on is not None:
        for each in item.stacks:
            each.expires_on = changes.expires_on
    return entries


def renamed(item: InventoryItem, new_name: str) -> bool:
    return name_key(new_name) != name_key(item.name)


def free_second(
    uow: InventoryUnitOfWork, owner_id: str, line: NewStock, now: datetime
) -> tuple[InventoryItem | None, datetime]:
    """The ingredient to add to, and the first second at or after `now` that no stack
    of that name uses: stacks (and foods) are keyed by name + second, so a second add within
    the same second (double tap, concurrent requests) gets the next second instead of a 409."""
    found = uow.inventory.find_by_name(owner_id, line.kind, line.name)
    taken = {stack.added_at for each in found for stack in each.stacks}
    while now in taken:
        now += timedelta(seconds=1)
    return (found[0] if found and line.kind != "food" else None), now


def amount_taken(item: InventoryItem, stack: Stack | None, usage: Usage) -> tuple[Number, str]:
    """The amount to take: as asked, or everything the stack (or the whole item) holds."""
    if usage.quantity is not None:
        return usage.quantity, usage.unit or (stack.unit if stack is not None else item.unit)
    if stack is not None:
        return stack.quantity, stack.unit
    return item.total_quantity(), item.unit
