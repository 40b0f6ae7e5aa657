"""Inventory use cases that change stock: add, consume, waste, correct, move and remove.

The caller is a user; the stock belongs to their household. Every change first claims the
household (its row lock, and its data version moves on: cached renderings tagged with the old
version are never served again), then writes journal entries with the item in the same
transaction. A transaction that loses a deadlock or a lock wait is run again (see retrying).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date, datetime, timedelta
from decimal import Decimal
from typing import Any

from zerowaste.application.inventory.changes import amount_taken, edit_stacks, free_second, renamed
from zerowaste.application.inventory.intake import Actor, Intake
from zerowaste.application.inventory.model import (
    WASTE_REASONS,
    ItemRef,
    ItemView,
    NewStock,
    StackChanges,
    Usage,
    UsageResult,
)
from zerowaste.application.inventory.ports import (
    AdviceQueue,
    EatenFood,
    ImageLinks,
    InventoryUnitOfWork,
)
from zerowaste.application.inventory.refs import load_item
from zerowaste.application.ports.ai import IngredientAdvisor
from zerowaste.application.ports.clock import Clock
from zerowaste.application.ports.reference import ReferenceCatalog
from zerowaste.application.ports.uow import UnitOfWorkFactory, retrying
from zerowaste.domain.households.roles import POLICY, Action
from zerowaste.domain.intake.log import FoodLogEntry
from zerowaste.domain.inventory.impact import saved_by_eating
from zerowaste.domain.inventory.items import (
    InventoryItem,
    JournalEntry,
    JournalReason,
    Stack,
    normalize_item_name,
)
from zerowaste.domain.shared import units
from zerowaste.domain.shared.errors import InvalidInput, NotFound

CLOCK_SKEW = timedelta(minutes=5)  # a phone's clock may run a little ahead


def _eaten_by_unit(entries: list[JournalEntry]) -> dict[str, Decimal]:
    eaten: dict[str, Decimal] = {}
    for entry in entries:
        eaten[entry.unit] = eaten.get(entry.unit, Decimal(0)) + entry.quantity
    return eaten


class InventoryService:
    def __init__(
        self,
        uow_factory: UnitOfWorkFactory[InventoryUnitOfWork],
        clock: Clock,
        catalog: ReferenceCatalog,
        advisor: IngredientAdvisor,
        images: ImageLinks | None = None,
        remote_advice: AdviceQueue | None = None,
        eaten: EatenFood | None = None,
    ) -> None:
        self._uow_factory = uow_factory
        self._eaten = eaten
        self._clock = clock
        self._catalog = catalog
        self._advisor = advisor
        self._intake = Intake(catalog, images)
        self._remote_advice = remote_advice

    def add(self, user_id: str, lines: list[NewStock]) -> list[ItemView]:
        """Add stock lines in one transaction; an existing ingredient gets a new stack."""
        created: list[InventoryItem] = []
        items = self._add(user_id, lines, created)
        self._store_enrichment(user_id, created)
        return [self._view(item) for item in items]

    @retrying
    def _add(
        self, user_id: str, lines: list[NewStock], created: list[InventoryItem]
    ) -> list[InventoryItem]:
        now = self._clock.now().replace(microsecond=0)
        touched: dict[int, InventoryItem] = {}
        created.clear()  # a retried attempt starts over
        with self._writing(user_id) as (uow, owner):
            for offset, line in enumerate(lines):
                # Stacks are keyed by their second: lines of one request get distinct seconds.
                at = now + timedelta(seconds=offset)
                item = self._add_line(uow, Actor(user_id, owner), line, at, created)
                touched[id(item)] = item
            uow.commit()
        return list(touched.values())

    def use(self, user_id: str, ref: ItemRef, usage: Usage) -> UsageResult:
        """Eat stock, or throw it away when the usage's reason says wasted/expired."""
        return self._use(user_id, ref, usage, waste=usage.reason in WASTE_REASONS)

    def consume(self, user_id: str, ref: ItemRef, usage: Usage) -> UsageResult:
        """Use up stock: the named stack, or first-expired-first-out across the item."""
        return self._use(user_id, ref, usage, waste=False)

    def waste(self, user_id: str, ref: ItemRef, usage: Usage) -> UsageResult:
        """Throw stock away; expired lots are journaled as expired, others as wasted."""
        return self._use(user_id, ref, usage, waste=True)

    @retrying
    def set_quantity(
        self, user_id: str, ref: ItemRef, quantity: Decimal, unit: str | None
    ) -> ItemView:
        """Set a stack's absolute quantity (0 keeps the stack, as the client expects)."""
        now = self._clock.now()
        with self._writing(user_id) as (uow, owner):
            item, stack = load_item(uow.inventory, owner, ref, need_stack=True)
            assert stack is not None and stack.id is not None
            entries = item.set_quantity(stack.id, quantity, now=now, unit=unit)
            self._persist(uow, user_id, item, entries, now)
            uow.commit()
        return self._view(item)

    def update_stack(self, user_id: str, ref: ItemRef, changes: StackChanges) -> ItemView:
        """Edit a stack and its item's details; a new name moves the stack to that item."""
        created: list[InventoryItem] = []
        item = self._update_stack(user_id, ref, changes, created)
        self._store_enrichment(user_id, created)
        return self._view(item)

    @retrying
    def _update_stack(
        self, user_id: str, ref: ItemRef, changes: StackChanges, created: list[InventoryItem]
    ) -> InventoryItem:
        now = self._clock.now()
        created.clear()
        with self._writing(user_id) as (uow, owner):
            need_stack = ref.item_id is None
            item, stack = load_item(uow.inventory, owner, ref, need_stack=need_stack)
            if stack is None and len(item.stacks) == 1:
                stack = item.stacks[0]  # an item id names its only stack
            if stack is None and changes.quantity is not None:
                raise InvalidInput("The item has several stacks: name one", code="stack_required")
            entries = edit_stacks(item, stack, changes, now)
            self._intake.apply_details(item, changes, user_id)
            self._persist(uow, user_id, item, entries, now)
            if stack is not None and changes.name and renamed(item, changes.name):
                item = self._move_stack(uow, user_id, item, stack, changes.name, now, created)
            uow.commit()
        return item

    @retrying
    def assign_image(self, user_id: str, name: str, image_path: str) -> int:
        """Give every item of the household called `name` (ingredient or food) this image
        (image management row 8); how many items changed."""
        now = self._clock.now()
        wanted = normalize_item_name(name)
        with self._writing(user_id) as (uow, owner):
            items = [
                *uow.inventory.find_by_name(owner, "ingredient", wanted),
                *uow.inventory.find_by_name(owner, "food", wanted),
            ]
            for item in items:
                self._intake.apply_details(item, StackChanges(image_path=image_path), user_id)
                uow.inventory.save(item, now)
            uow.commit()
        return len(items)

    @retrying
    def set_expiry(self, user_id: str, ref: ItemRef, expires_on: date) -> ItemView:
        """Set the expiry date of one stack, or of every stack when no stack is named."""
        now = self._clock.now()
        with self._writing(user_id) as (uow, owner):
            item, stack = load_item(uow.inventory, owner, ref, need_stack=False)
            for target in [stack] if stack is not None else item.stacks:
                target.expires_on = expires_on
            self._persist(uow, user_id, item, [], now)
            uow.commit()
        return self._view(item)

    @retrying
    def remove(self, user_id: str, ref: ItemRef, *, whole_item: bool = False) -> ItemView:
        """Remove the stack the reference names, or the whole item (when it names none, or
        `whole_item`: a stack the caller named must still exist), journaled."""
        now, today = self._clock.now(), self._clock.today()
        with self._writing(user_id) as (uow, owner):
            item, stack = load_item(uow.inventory, owner, ref, need_stack=False)
            entries: list[JournalEntry] = []
            one = stack is not None and not whole_item
            for target in [stack] if one and stack is not None else list(item.stacks):
                assert target.id is not None
                entries += item.remove_stack(target.id, today, now=now)
            self._persist(uow, user_id, item, entries, now)
            uow.commit()
        return self._view(item)

    @retrying
    def _use(self, user_id: str, ref: ItemRef, usage: Usage, *, waste: bool) -> UsageResult:
        now = self._clock.now()
        today, at = self._clock.today(), usage.occurred_at or now
        if at > now + CLOCK_SKEW:
            raise InvalidInput("consumed_at cannot be in the future", code="invalid_consumed_at")
        with self._writing(user_id) as (uow, owner):
            item, stack = load_item(uow.inventory, owner, ref, need_stack=False)
            quantity, unit = amount_taken(item, stack, usage)
            stack_id = stack.id if stack is not None else None
            if waste:
                entries = item.waste(
                    quantity, unit, today, now=at, stack_id=stack_id, note=usage.note
                )
            else:
                cooked = usage.reason == JournalReason.COOKED
                entries = item.consume(
                    quantity,
                    unit,
                    today,
                    now=at,
                    stack_id=stack_id,
                    reason=JournalReason.COOKED if cooked else JournalReason.CONSUMED,
                    recipe_used=usage.recipe_used,
                    note=usage.note,
                )
            self._persist(uow, user_id, item, entries, now)
            if not waste and usage.reason != JournalReason.COOKED:
                # Cooked stock is logged by the recipe it went into (one serving to the cook).
                for eaten in self._eaten_entries(item.name, entries, at):
                    uow.food_log.add(user_id, eaten)
            uow.commit()
        stack_removed = stack is not None and stack not in item.stacks
        if stack is not None and not stack_removed:
            remaining = stack.quantity
        else:
            remaining = item.total_quantity() if item.stacks else Decimal(0)
        impact = None if waste else saved_by_eating(entries, self._catalog.footprint(item.name))
        view = self._view(item)
        return UsageResult(view, entries, stack_removed, not item.stacks, remaining, impact)

    def _add_line(
        self,
        uow: InventoryUnitOfWork,
        actor: Actor,
        line: NewStock,
        now: datetime,
        created: list[InventoryItem],
    ) -> InventoryItem:
        existing, now = free_second(uow, actor.household_id, line, now)
        stack = self._intake.new_stack(line, now)
        item = (
            existing if existing is not None else self._intake.new_item(actor, line, stack.storage)
        )
        entries = item.add_stack(stack)
        details = StackChanges(tips=line.tips, image_path=line.image_path, storage=line.storage)
        self._intake.apply_details(item, details, actor.user_id)
        if item.id is None:
            uow.inventory.add(item, now)
            created.append(item)
        else:
            uow.inventory.save(item, now)
        uow.inventory.add_journal(entries, item, actor.user_id)
        return item

    def _move_stack(
        self,
        uow: InventoryUnitOfWork,
        user_id: str,
        item: InventoryItem,
        stack: Stack,
        new_name: str,
        now: datetime,
        created: list[InventoryItem],
    ) -> InventoryItem:
        """Rename by moving one stack to the item called `new_name` (created when missing)."""
        name = normalize_item_name(new_name)
        found = uow.inventory.find_by_name(item.owner_id, item.kind, name)
        target = found[0] if found else None
        if target is not None and not units.are_convertible(stack.unit, target.unit):
            raise InvalidInput(
                f"{stack.unit} does not convert to {target.unit}", code="incompatible_units"
            )
        item.stacks.remove(stack)
        self._persist(uow, user_id, item, [], now)
        moved = Stack(
            quantity=stack.quantity,
            unit=stack.unit,
            added_at=stack.added_at,
            expires_on=stack.expires_on,
            storage=stack.storage,
            expiry_source=stack.expiry_source,
        )
        if target is not None:
            target.stacks.append(moved)
            uow.inventory.save(target, now)
            return target
        line = NewStock(
            name=name,
            quantity=stack.quantity,
            unit=stack.unit,
            kind=item.kind,
            tips=item.tips,
            image_path=item.image_path,
        )
        target = self._intake.new_item(Actor(user_id, item.owner_id), line, stack.storage)
        target.stacks.append(moved)
        uow.inventory.add(target, now)
        created.append(target)
        return target

    @contextmanager
    def _writing(self, user_id: str) -> Iterator[tuple[InventoryUnitOfWork, str]]:
        """A writing unit of work holding the caller's household (its lock, first of all): a
        household's inventory writes run one at a time, so they never deadlock or read stale
        rows. Yields the unit of work and the household's id, the owner of what it touches;
        PermissionDenied for a member whose role may not change stock."""
        with self._uow_factory() as uow:
            member = uow.households.claim_member(user_id)
            if member is None:
                raise NotFound("Household not found", code="household_not_found")
            POLICY.require(member.role, Action.CHANGE_STOCK)  # a viewer reads only
            yield uow, member.household_id

    def _persist(
        self,
        uow: InventoryUnitOfWork,
        user_id: str,
        item: InventoryItem,
        entries: list[JournalEntry],
        now: datetime,
    ) -> None:
        """Save the item (deleted once its last stack is gone) and its journal entries."""
        uow.inventory.add_journal(entries, item, user_id)
        if item.stacks:
            uow.inventory.save(item, now)
        else:
            uow.inventory.delete(item)

    def _store_enrichment(self, user_id: str, items: list[InventoryItem]) -> None:
        """Enrich the items a write created and store it: computed once, after that write
        committed, so no other write of the household waits behind the advisor (local engine or,
        later, a remote model); its own short write moves the household's version on, so no
        rendering without it outlives it. Views read it, never recompute it."""
        found = [(item.id or 0, self._enrich(item)) for item in items]
        if found:
            self._save_enrichment(user_id, found)
            if self._remote_advice is not None:  # a remote model's advice follows in a job
                self._remote_advice.queue(user_id, items)

    @retrying
    def _save_enrichment(self, user_id: str, found: list[tuple[int, dict[str, Any]]]) -> None:
        with self._writing(user_id) as (uow, owner):
            for item_id, enrichment in found:
                uow.inventory.set_enrichment(owner, item_id, enrichment)
            uow.commit()

    def _eaten_entries(
        self, name: str, entries: list[JournalEntry], at: datetime
    ) -> list[FoodLogEntry]:
        """The food-log entries of what a consume ate, one per unit it was taken in."""
        if self._eaten is None:
            return []
        found = (
            self._eaten.entry_for(name, amount, unit_code, at)
            for unit_code, amount in _eaten_by_unit(entries).items()
        )
        return [entry for entry in found if entry is not None]

    def _enrich(self, item: InventoryItem) -> dict[str, Any]:
        return self._advisor.enrich(item.name, kind=item.kind, description=item.description)

    def _view(self, item: InventoryItem) -> ItemView:
        return ItemView(item, image_url=self._intake.display_url(item))
