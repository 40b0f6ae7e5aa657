"""Shopping lists (issue #10 §4): a household's lists, items added by hand or from the meal
plan, checked off, edited, and bought straight into the inventory.

Buying is claimed first: the items are marked bought under a lock on the list (a concurrent
purchase of the same items finds them bought: 409), then stocked through the inventory service
(new stacks, default shelf life where the item gives none); when stocking fails, the claim is
undone, so an item is never bought without its stock nor stocked twice. Items without an amount
("sal al gusto"), or in a measure the inventory does not keep ("pizca"), are marked bought and
reported as not stocked.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from zerowaste.application.inventory.model import ItemView, NewStock
from zerowaste.application.inventory.service import InventoryService
from zerowaste.application.ports.clock import Clock
from zerowaste.application.ports.uow import UnitOfWorkFactory
from zerowaste.application.shopping.items import ItemFactory
from zerowaste.application.shopping.ports import ShoppingUnitOfWork
from zerowaste.domain.accounts.users import User
from zerowaste.domain.households.roles import POLICY, Action
from zerowaste.domain.shared import units
from zerowaste.domain.shared.errors import InvalidInput, NotFound
from zerowaste.domain.shopping.lists import (
    MAX_LISTS,
    ShoppingItem,
    ShoppingList,
    ShoppingListNotFound,
)

MAX_PAGE = 100


@dataclass(frozen=True)
class ItemInput:
    name: str
    quantity: Decimal | None = None
    unit: str | None = None
    note: str = ""


@dataclass(frozen=True)
class ItemChanges:
    checked: bool | None = None
    quantity: Decimal | None = None
    unit: str | None = None
    note: str | None = None


@dataclass
class Purchase:
    shopping_list: ShoppingList
    bought: list[ShoppingItem]
    stocked: list[ItemView] = field(default_factory=list)
    not_stocked: list[ShoppingItem] = field(default_factory=list)


class ShoppingLists:
    def __init__(
        self,
        uow_factory: UnitOfWorkFactory[ShoppingUnitOfWork],
        clock: Clock,
        items: ItemFactory,
        inventory: InventoryService,
    ) -> None:
        self._uow_factory = uow_factory
        self._clock = clock
        self._items = items
        self._inventory = inventory

    def create(self, user_uid: str, name: str, lines: list[ItemInput]) -> ShoppingList:
        return self.create_made(user_uid, name, [self._make(user_uid, line) for line in lines])

    def create_made(
        self,
        user_uid: str,
        name: str,
        made: list[ShoppingItem],
        window: tuple[date, date] | None = None,
    ) -> ShoppingList:
        with self._uow_factory() as uow:
            household = _household(uow, user_uid, change=True)
            if uow.shopping_lists.count(household) >= MAX_LISTS:
                raise InvalidInput(
                    f"A household keeps at most {MAX_LISTS} lists; delete old ones",
                    code="too_many_lists",
                )
            created = ShoppingList(
                None,
                household,
                name,
                user_uid,
                self._clock.now(),
                start_date=window[0] if window else None,
                end_date=window[1] if window else None,
            )
            created.add(made)
            uow.shopping_lists.add(created)
            uow.commit()
        return created

    def listed(self, user_uid: str, limit: int, offset: int) -> list[ShoppingList]:
        with self._uow_factory.read() as uow:
            household = _household(uow, user_uid)
            return uow.shopping_lists.of_household(household, min(limit, MAX_PAGE), offset)

    def get(self, user_uid: str, list_id: int) -> ShoppingList:
        with self._uow_factory.read() as uow:
            return _owned(uow, user_uid, list_id)

    def update(
        self, user_uid: str, list_id: int, name: str | None, status: str | None
    ) -> ShoppingList:
        with self._uow_factory() as uow:
            found = _owned(uow, user_uid, list_id, lock=True)
            if name is not None:
                found.name = name
            if status is not None:
                found.status = "archived" if status == "archived" else "active"
            uow.shopping_lists.save(found)
            uow.commit()
        return found

    def delete(self, user_uid: str, list_id: int) -> None:
        with self._uow_factory() as uow:
            uow.shopping_lists.delete(_owned(uow, user_uid, list_id, lock=True))
            uow.commit()

    def add_items(self, user_uid: str, list_id: int, lines: list[ItemInput]) -> ShoppingList:
        made = [self._make(user_uid, line) for line in lines]
        with self._uow_factory() as uow:
            found = _owned(uow, user_uid, list_id, lock=True)
            found.add(made)
            uow.shopping_lists.save(found)
            uow.commit()
        return found

    def add_made(
        self, user_uid: str, shopping_list: ShoppingList, made: list[ShoppingItem]
    ) -> ShoppingList:
        if shopping_list.id is None:
            raise ShoppingListNotFound("Shopping list not found")
        with self._uow_factory() as uow:
            found = _owned(uow, user_uid, shopping_list.id, lock=True)
            found.add(made)
            uow.shopping_lists.save(found)
            uow.commit()
        return found

    def change_item(
        self, user_uid: str, list_id: int, item_id: int, changes: ItemChanges
    ) -> ShoppingItem:
        with self._uow_factory() as uow:
            found = _owned(uow, user_uid, list_id, lock=True)
            item = found.item(item_id)
            item.change(
                checked=changes.checked,
                quantity=changes.quantity,
                unit=changes.unit,
                note=changes.note,
            )
            if changes.quantity is not None or changes.unit is not None:
                estimate = self._items.estimate(item.name, item.food_key, item.quantity, item.unit)
                item.price_mxn, item.price_source = estimate.mxn, estimate.source
            uow.shopping_lists.save(found)
            uow.commit()
        return item

    def remove_item(self, user_uid: str, list_id: int, item_id: int) -> None:
        with self._uow_factory() as uow:
            found = _owned(uow, user_uid, list_id, lock=True)
            found.items.remove(found.item(item_id))
            uow.shopping_lists.save(found)
            uow.commit()

    def purchase(self, user_uid: str, list_id: int, item_ids: list[int] | None) -> Purchase:
        now = self._clock.now()
        with self._uow_factory() as uow:
            found = _owned(uow, user_uid, list_id, lock=True)
            chosen = found.to_buy(item_ids)
            if not chosen:
                raise InvalidInput(
                    "Nothing to buy: check items off or name them", code="nothing_to_buy"
                )
            for item in chosen:
                item.bought_at, item.checked = now, True
            uow.shopping_lists.save(found)
            uow.commit()
        lines, skipped = [], []
        for item in chosen:
            if item.quantity is not None and item.unit is not None and _stockable(item.unit):
                lines.append(NewStock(item.name, item.quantity, item.unit))
            else:
                skipped.append(item)
        try:
            stocked = self._inventory.add(user_uid, lines) if lines else []
        except Exception:
            self._unclaim(user_uid, list_id, [i.id for i in chosen if i.id is not None])
            raise
        return Purchase(found, chosen, stocked, skipped)

    def _unclaim(self, user_uid: str, list_id: int, item_ids: list[int]) -> None:
        with self._uow_factory() as uow:
            found = _owned(uow, user_uid, list_id, lock=True)
            for item in found.items:
                if item.id in item_ids:
                    item.bought_at = None
            uow.shopping_lists.save(found)
            uow.commit()

    def _make(self, user_uid: str, line: ItemInput) -> ShoppingItem:
        return self._items.make(
            line.name, line.quantity, line.unit, added_by=user_uid, note=line.note
        )


def _stockable(unit: str) -> bool:
    """A unit the inventory keeps (a recipe's "pinch" or "sprig" is bought, not stocked)."""
    try:
        units.normalize_unit(unit)
    except units.InvalidUnit:
        return False
    return True


def _member(uow: ShoppingUnitOfWork, user_uid: str) -> User:
    user = uow.users.get(user_uid)
    if user is None:
        raise NotFound("Profile not found", code="profile_not_found")
    return user


def _household(uow: ShoppingUnitOfWork, user_uid: str, *, change: bool = False) -> str:
    """The caller's household; `change`: one whose lists they may change (a viewer may not)."""
    user = _member(uow, user_uid)
    if change:
        POLICY.require(user.household_role, Action.CHANGE_LISTS)
    return user.household_id


def _owned(
    uow: ShoppingUnitOfWork, user_uid: str, list_id: int, *, lock: bool = False
) -> ShoppingList:
    """A list of the caller's household (another household's: not found); `lock` (held until
    commit) is for a change, which the caller's role must allow."""
    user = _member(uow, user_uid)
    found = uow.shopping_lists.get(user.household_id, list_id, lock=lock)
    if found is None:
        raise ShoppingListNotFound("Shopping list not found")
    if lock:
        POLICY.require(user.household_role, Action.CHANGE_LISTS)
    return found
