"""Taking what a recipe needs out of the household's stock, all or nothing.

Each line names a food; it is matched to the household's ingredients by the ingredient master's
key (so the catalog's "eggs" finds the stock's "Huevo"), converted to the stock's unit where the
units convert, and taken first-expired-first-out with the journal reason `cooked`. When any line
is short, missing or not convertible, nothing changes and the caller learns exactly what is
missing (409 `insufficient_stock`).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal

from zerowaste.application.inventory.ports import InventoryUnitOfWork
from zerowaste.application.ports.clock import Clock
from zerowaste.application.ports.uow import UnitOfWorkFactory, retrying
from zerowaste.domain.households.roles import POLICY, Action
from zerowaste.domain.inventory.items import InventoryItem, JournalEntry, JournalReason
from zerowaste.domain.shared import units
from zerowaste.domain.shared.errors import Conflict, InvalidInput, NotFound


@dataclass(frozen=True)
class NeededFood:
    key: str  # the ingredient master's id (else the folded name)
    name: str
    quantity: Decimal
    unit: str
    grams: Decimal | None = None  # the same amount weighed, for stock kept by weight

    def in_unit_of(self, item: InventoryItem) -> NeededFood:
        """This need in a unit the item's stock converts to: its own, else its weight."""
        if units.are_convertible(self.unit, item.unit) or self.grams is None:
            return self
        return NeededFood(self.key, self.name, self.grams, "g")


@dataclass(frozen=True)
class Shortage:
    name: str
    needed: Decimal
    unit: str
    available: Decimal | None  # None: not in stock, or in a unit that does not convert


class InsufficientStock(Conflict):
    code = "insufficient_stock"


class StockCooking:
    def __init__(
        self,
        uow_factory: UnitOfWorkFactory[InventoryUnitOfWork],
        clock: Clock,
        key_of: Callable[[str], str],
    ) -> None:
        self._uow_factory = uow_factory
        self._clock = clock
        self._key_of = key_of

    @retrying
    def take(self, user_id: str, needs: list[NeededFood], recipe_title: str) -> list[JournalEntry]:
        """Take every need from stock in one transaction, or raise InsufficientStock."""
        now, today = self._clock.now(), self._clock.today()
        with self._uow_factory() as uow:
            member = uow.households.claim_member(user_id)
            if member is None:
                raise NotFound("Household not found", code="household_not_found")
            POLICY.require(member.role, Action.CHANGE_STOCK)  # a viewer cooks nothing from stock
            owner = member.household_id
            names = {
                self._key_of(i.name): i.name
                for i in uow.inventory.list_items(owner)
                if i.kind == "ingredient"
            }
            stock = {}  # loaded again through find_by_name: the items this write may save
            for need in needs:
                if need.key in names and need.key not in stock:
                    found = uow.inventory.find_by_name(owner, "ingredient", names[need.key])
                    if found:
                        stock[need.key] = found[0]
            needs = [n.in_unit_of(stock[n.key]) if n.key in stock else n for n in needs]
            shortages = [s for s in (_shortage(n, stock.get(n.key)) for n in needs) if s]
            if shortages:
                raise InsufficientStock(
                    "Not enough stock to cook this recipe",
                    details={"missing": [_missing(s) for s in shortages]},
                )
            entries: list[JournalEntry] = []
            touched: dict[int, InventoryItem] = {}
            for need in needs:
                item = stock[need.key]
                entries += item.consume(
                    need.quantity,
                    need.unit,
                    today,
                    now=now,
                    reason=JournalReason.COOKED,
                    recipe_used=recipe_title[:200],
                )
                touched[id(item)] = item
            for item in touched.values():
                # The journal first: an item whose last stack was eaten is deleted next, and
                # its entries keep its name (their item id is set to NULL with it).
                mine = [e for e in entries if e.item_name == item.name]
                uow.inventory.add_journal(mine, item, user_id)
                if item.stacks:
                    uow.inventory.save(item, now)
                else:
                    uow.inventory.delete(item)
            uow.commit()
        return entries


def _shortage(need: NeededFood, item: InventoryItem | None) -> Shortage | None:
    """What is lacking for one need (one need per food: the caller sums lines first)."""
    if item is None:
        return Shortage(need.name, need.quantity, need.unit, None)
    try:
        stacks = item.stacks
        have = sum((units.convert(s.as_quantity(), need.unit).amount for s in stacks), Decimal(0))
    except InvalidInput:
        return Shortage(need.name, need.quantity, need.unit, None)
    return None if have >= need.quantity else Shortage(need.name, need.quantity, need.unit, have)


def _missing(shortage: Shortage) -> dict[str, object]:
    lacking = shortage.needed - (shortage.available or 0)
    return {
        "name": shortage.name,
        "needed": float(shortage.needed),
        "available": None if shortage.available is None else float(shortage.available),
        "missing": float(lacking),
        "unit": shortage.unit,
    }
