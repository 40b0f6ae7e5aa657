"""A shopping list from the meal plan (`POST /api/meal-plans/generate-shopping-list`): every
planned recipe's lines scaled to its servings, summed per food across units, minus the stock
still good on the day each is needed, minus what the list already holds
(`domain.shopping.needs`), each item priced from the price port.

Lines the recipe marks optional ("al gusto") count only when the food is not in stock. A plan
window is at most 31 days. Without a list to add to, a new list is made for the window, also
when the stock covers everything (it is empty then, and says so).
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta
from decimal import Decimal

from zerowaste.application.ports.uow import UnitOfWorkFactory
from zerowaste.application.shopping.items import ItemFactory
from zerowaste.application.shopping.ports import PlannedMeal, PlannedMeals, ShoppingUnitOfWork
from zerowaste.application.shopping.service import ShoppingLists
from zerowaste.domain.recipes.recipe import is_tap_water
from zerowaste.domain.shared.errors import InvalidInput
from zerowaste.domain.shopping.lists import ShoppingItem, ShoppingList
from zerowaste.domain.shopping.needs import Listed, Need, StockLot, ToBuy, to_buy

MAX_WINDOW_DAYS = 31


class ListFromPlan:
    def __init__(
        self,
        uow_factory: UnitOfWorkFactory[ShoppingUnitOfWork],
        items: ItemFactory,
        planned: PlannedMeals,
        lists: ShoppingLists,
    ) -> None:
        self._uow_factory = uow_factory
        self._items = items
        self._planned = planned
        self._lists = lists

    def generate(
        self, user_uid: str, start: date, end: date, list_id: int | None = None
    ) -> ShoppingList:
        if end < start or end - start > timedelta(days=MAX_WINDOW_DAYS - 1):
            raise InvalidInput(
                f"The window runs from start_date to end_date, at most {MAX_WINDOW_DAYS} days",
                code="invalid_window",
            )
        planned = self._planned.slots_between(user_uid, start, end)
        needs = [need for meal in planned for need in self._needs(meal)]
        existing = self._lists.get(user_uid, list_id) if list_id is not None else None
        with self._uow_factory.read() as uow:
            user = uow.users.get(user_uid)
            household = user.household_id if user else ""
            stock = [
                StockLot(self._items.key(item.name), s.quantity, s.unit, s.expires_on)
                for item in uow.inventory.list_items(household)
                if item.kind == "ingredient"
                for s in item.stacks
            ]
        listed = [
            Listed(i.food_key, i.quantity, i.unit) for i in (existing.pending if existing else [])
        ]
        keys = {n.key for n in needs}
        found = to_buy(needs, stock, listed, {k: self._items.measures(k) for k in keys})
        made = [self._item(user_uid, line) for line in found]
        if existing is not None:
            return self._lists.add_made(user_uid, existing, made)
        name = f"Compras del {start.isoformat()} al {end.isoformat()}"
        return self._lists.create_made(user_uid, name, made, (start, end))

    def _needs(self, meal: PlannedMeal) -> list[Need]:
        recipe = meal.recipe
        if recipe is None:
            return []
        scale = (
            Decimal(meal.servings) / recipe.servings
            if meal.servings and recipe.servings
            else Decimal(1)
        )
        needs = []
        for line in recipe.ingredients:
            if is_tap_water(line.name):
                continue  # from the tap, never bought
            key = line.food_key or self._items.key(line.name)
            if line.optional or line.quantity is None:
                needs.append(Need(key, line.name, None, None, meal.date, recipe.title))
                continue
            quantity, unit = line.quantity * scale, line.unit
            if line.grams is not None and not unit:
                quantity, unit = line.grams * scale, "g"
            needs.append(Need(key, line.name, quantity, unit, meal.date, recipe.title))
        return needs

    def _item(self, user_uid: str, line: ToBuy) -> ShoppingItem:
        made = self._items.make(
            line.name, line.quantity, line.unit, source="plan", added_by=user_uid
        )
        return replace(made, needed_on=line.needed_on, recipes=list(line.recipes))
