"""Inventory use cases that change stock: add, consume, waste, correct, move and remove.

Every change writes journal entries in the same transaction and invalidates the user's
cached inventory after commit, so a read after a write is never stale.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from decimal import Decimal
from typing import Literal

from zerowaste.application.inventory.model import (
    ItemRef,
    NewStock,
    Number,
    StackChanges,
    Usage,
    UsageResult,
    inventory_cache_key,
)
from zerowaste.application.inventory.support import InventorySupport, guess_storage
from zerowaste.application.ports import UnitOfWork
from zerowaste.domain.inventory.expiry import estimate_expiry
from zerowaste.domain.inventory.items import InventoryItem, JournalEntry, JournalReason, Stack
from zerowaste.domain.shared import units
from zerowaste.domain.shared.errors import InvalidInput
from zerowaste.domain.shared.storage import normalize_storage

UseReason = Literal[JournalReason.CONSUMED, JournalReason.COOKED]
CLOCK_SKEW = timedelta(minutes=5)  # a phone's clock may run a little ahead


class InventoryService(InventorySupport):
    def add(self, owner_id: str, lines: list[NewStock]) -> list[InventoryItem]:
        """Add stock lines in one transaction; an existing ingredient gets a new stack."""
        now = self._clock.now().replace(microsecond=0)
        touched: dict[int, InventoryItem] = {}
        with self._writing(owner_id) as uow:
            for offset, line in enumerate(lines):
                # Stacks are keyed by their second: lines of one request get distinct seconds.
                item = self._add_line(uow, owner_id, line, now + timedelta(seconds=offset))
                touched[id(item)] = item
            uow.commit()
        self._invalidate(owner_id)
        return list(touched.values())

    def consume(self, owner_id: str, ref: ItemRef, usage: Usage) -> UsageResult:
        """Use up stock: the named stack, or first-expired-first-out across the item."""
        return self._use(owner_id, ref, usage, waste=False)

    def waste(self, owner_id: str, ref: ItemRef, usage: Usage) -> UsageResult:
        """Throw stock away; expired lots are journaled as expired, others as wasted."""
        return self._use(owner_id, ref, usage, waste=True)

    def set_quantity(
        self, owner_id: str, ref: ItemRef, quantity: Decimal, unit: str | None
    ) -> InventoryItem:
        """Set a stack's absolute quantity (0 keeps the stack, as the client expects)."""
        now = self._clock.now()
        with self._writing(owner_id) as uow:
            item, stack = self._load(uow, owner_id, ref, lock=True, need_stack=True)
            assert stack is not None and stack.id is not None
            entries = item.set_quantity(stack.id, quantity, now=now, unit=unit)
            self._persist(uow, item, entries, now)
            uow.commit()
        self._invalidate(owner_id)
        return item

    def update_stack(self, owner_id: str, ref: ItemRef, changes: StackChanges) -> InventoryItem:
        """Edit a stack and its item's details; a new name moves the stack to that item."""
        now = self._clock.now()
        with self._writing(owner_id) as uow:
            item, stack = self._load(uow, owner_id, ref, lock=True, need_stack=ref.item_id is None)
            if stack is None and len(item.stacks) == 1:
                stack = item.stacks[0]  # an item id names its only stack
            if stack is None and changes.quantity is not None:
                raise InvalidInput("The item has several stacks: name one", code="stack_required")
            entries: list[JournalEntry] = []
            if stack is not None and stack.id is not None:
                if changes.quantity is not None:
                    entries += item.set_quantity(
                        stack.id, changes.quantity, now=now, unit=changes.unit
                    )
                if changes.expires_on is not None:
                    stack.expires_on = changes.expires_on
                if changes.storage is not None:
                    stack.storage = normalize_storage(changes.storage)
            elif changes.expires_on is not None:
                for each in item.stacks:
                    each.expires_on = changes.expires_on
            self._apply_details(item, changes)
            self._persist(uow, item, entries, now)
            if (
                stack is not None
                and changes.name
                and changes.name.strip().casefold() != item.name.casefold()
            ):
                item = self._move_stack(uow, item, stack, changes.name, now)
            uow.commit()
        self._invalidate(owner_id)
        return item

    def set_expiry(self, owner_id: str, ref: ItemRef, expires_on: date) -> InventoryItem:
        """Set the expiry date of one stack, or of every stack when no stack is named."""
        now = self._clock.now()
        with self._writing(owner_id) as uow:
            item, stack = self._load(uow, owner_id, ref, lock=True, need_stack=False)
            for target in [stack] if stack is not None else item.stacks:
                target.expires_on = expires_on
            self._persist(uow, item, [], now)
            uow.commit()
        self._invalidate(owner_id)
        return item

    def remove(self, owner_id: str, ref: ItemRef) -> InventoryItem:
        """Remove one stack (when the reference names one) or the whole item, journaled."""
        now, today = self._clock.now(), self._clock.today()
        with self._writing(owner_id) as uow:
            item, stack = self._load(uow, owner_id, ref, lock=True, need_stack=False)
            targets = [stack] if stack is not None else list(item.stacks)
            entries: list[JournalEntry] = []
            for target in targets:
                assert target.id is not None
                entries += item.remove_stack(target.id, today, now=now)
            self._persist(uow, item, entries, now)
            uow.commit()
        self._invalidate(owner_id)
        return item

    def _use(self, owner_id: str, ref: ItemRef, usage: Usage, *, waste: bool) -> UsageResult:
        now = self._clock.now()
        today, at = self._clock.today(), usage.occurred_at or now
        if at > now + CLOCK_SKEW:
            raise InvalidInput("consumed_at cannot be in the future", code="invalid_consumed_at")
        with self._writing(owner_id) as uow:
            item, stack = self._load(uow, owner_id, ref, lock=True, need_stack=False)
            quantity, unit = _amount(item, stack, usage)
            stack_id = stack.id if stack is not None else None
            if waste:
                entries = item.waste(
                    quantity, unit, today, now=at, stack_id=stack_id, note=usage.note
                )
            else:
                cooked = usage.reason == "cooked"
                reason: UseReason = JournalReason.COOKED if cooked else JournalReason.CONSUMED
                entries = item.consume(
                    quantity,
                    unit,
                    today,
                    now=at,
                    stack_id=stack_id,
                    reason=reason,
                    recipe_used=usage.recipe_used,
                    note=usage.note,
                )
            self._persist(uow, item, entries, now)
            uow.commit()
        self._invalidate(owner_id)
        stack_removed = stack is not None and stack not in item.stacks
        if stack is not None and not stack_removed:
            remaining = stack.quantity
        else:
            remaining = item.total_quantity() if item.stacks else Decimal(0)
        impact = None if waste else self._impact(item, entries)
        return UsageResult(item, entries, stack_removed, not item.stacks, remaining, impact)

    def _add_line(
        self, uow: UnitOfWork, owner_id: str, line: NewStock, now: datetime
    ) -> InventoryItem:
        shelf = self._catalog.shelf_life(line.name)
        storage = normalize_storage(line.storage) if line.storage else guess_storage(shelf)
        estimate = estimate_expiry(
            now.date(),
            storage=storage,
            kind=line.kind,
            expires_on=line.expires_on,
            expiration_time=line.expiration_time,
            time_unit=line.time_unit,
            shelf_life=shelf,
        )
        existing, now = _free_second(uow, owner_id, line, now)
        item = existing if existing is not None else self._new_item(owner_id, line, storage)
        unit = "serving" if line.kind == "food" else line.unit
        amount = units.parse_quantity(line.quantity, unit)
        stack = Stack(
            quantity=amount.amount,
            unit=amount.unit,
            added_at=now,
            expires_on=estimate.expires_on,
            storage=storage,
            expiry_source=estimate.source,
        )
        entries = item.add_stack(stack)
        self._apply_details(
            item, StackChanges(tips=line.tips, image_path=line.image_path, storage=line.storage)
        )
        if item.id is None:
            uow.inventory.add(item, now)
            uow.inventory.set_enrichment(owner_id, item.id or 0, self._enrich(item))
        else:
            uow.inventory.save(item, now)
        uow.inventory.add_journal(entries, item)
        return item

    def _invalidate(self, owner_id: str) -> None:
        self._cache.delete(inventory_cache_key(owner_id))


def _free_second(
    uow: UnitOfWork, owner_id: str, line: NewStock, now: datetime
) -> tuple[InventoryItem | None, datetime]:
    """The ingredient to add to (locked), and the first second at or after `now` that no stack
    of that name uses: stacks (and foods) are keyed by name + second, so a second add within
    the same second (double tap, concurrent requests) gets the next second instead of a 409."""
    found = uow.inventory.find_by_name(owner_id, line.kind, line.name, lock=True)
    taken = {stack.added_at for each in found for stack in each.stacks}
    while now in taken:
        now += timedelta(seconds=1)
    return (found[0] if found and line.kind != "food" else None), now


def _amount(item: InventoryItem, stack: Stack | None, usage: Usage) -> tuple[Number, str]:
    """The amount to take: as asked, or everything the stack (or the whole item) holds."""
    if usage.quantity is not None:
        return usage.quantity, usage.unit or (stack.unit if stack is not None else item.unit)
    if stack is not None:
        return stack.quantity, stack.unit
    return item.total_quantity(), item.unit
