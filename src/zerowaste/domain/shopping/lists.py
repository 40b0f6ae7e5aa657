"""A household's shopping list and its items (pure): what may change and how.

An item comes from a plan (`source` "plan", with the dates and recipes that need it) or is added
by hand ("manual"). Checking an item off marks it in the cart; buying it (`purchase`) moves it
into the inventory once: a bought item cannot be bought again, edited or checked back, so a
retried purchase never stocks the food twice. A list is `active` until archived.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from typing import Literal

from zerowaste.domain.shared.errors import Conflict, InvalidInput, NotFound

ItemSource = Literal["plan", "manual"]
ListStatus = Literal["active", "archived"]
MAX_ITEMS = 500
MAX_LISTS = 100


class ShoppingListNotFound(NotFound):
    code = "shopping_list_not_found"


class ShoppingItemNotFound(NotFound):
    code = "shopping_item_not_found"


class AlreadyBought(Conflict):
    code = "already_bought"


@dataclass
class ShoppingItem:
    id: int | None
    name: str
    food_key: str
    quantity: Decimal | None
    unit: str | None
    aisle: str
    source: ItemSource = "manual"
    checked: bool = False
    bought_at: datetime | None = None
    needed_on: date | None = None
    recipes: list[str] = field(default_factory=list)
    note: str = ""
    price_mxn: Decimal | None = None  # the estimate when the item was listed
    price_source: str | None = None
    added_by: str | None = None

    @property
    def bought(self) -> bool:
        return self.bought_at is not None

    def change(
        self,
        *,
        checked: bool | None = None,
        quantity: Decimal | None = None,
        unit: str | None = None,
        note: str | None = None,
    ) -> None:
        if self.bought:
            raise AlreadyBought(f"{self.name} was already bought")
        if checked is not None:
            self.checked = checked
        if quantity is not None:
            self.quantity = quantity
        if unit is not None:
            self.unit = unit
        if note is not None:
            self.note = note


@dataclass
class ShoppingList:
    id: int | None
    household_id: str
    name: str
    created_by: str | None
    created_at: datetime
    status: ListStatus = "active"
    start_date: date | None = None  # the plan window it was generated for
    end_date: date | None = None
    items: list[ShoppingItem] = field(default_factory=list)

    def item(self, item_id: int) -> ShoppingItem:
        for item in self.items:
            if item.id == item_id:
                return item
        raise ShoppingItemNotFound("Item not found on this list")

    def add(self, items: list[ShoppingItem]) -> None:
        if len(self.items) + len(items) > MAX_ITEMS:
            raise InvalidInput(f"A list holds at most {MAX_ITEMS} items", code="too_many_items")
        self.items.extend(items)

    def to_buy(self, item_ids: list[int] | None) -> list[ShoppingItem]:
        """The items a purchase moves to the inventory: those named, else the checked ones."""
        if item_ids:
            chosen = [self.item(i) for i in dict.fromkeys(item_ids)]
            bought = [i.name for i in chosen if i.bought]
            if bought:
                raise AlreadyBought("Some items were already bought", details={"bought": bought})
            return chosen
        return [i for i in self.items if i.checked and not i.bought]

    @property
    def pending(self) -> list[ShoppingItem]:
        return [i for i in self.items if not i.bought]
