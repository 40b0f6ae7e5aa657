"""Ports of the shopping feature: the household's lists, and the planned meals a list is
generated from (the meal planner implements `PlannedMeals`)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Protocol

from zerowaste.application.accounts.ports import UserRepository
from zerowaste.application.inventory.ports import InventoryRepository
from zerowaste.application.ports.uow import UnitOfWork
from zerowaste.domain.recipes.recipe import Recipe
from zerowaste.domain.shopping.lists import ShoppingList


class PlannedMeal(Protocol):
    """A recipe planned on a day, for a number of servings (None: as the recipe serves)."""

    @property
    def date(self) -> date: ...

    @property
    def recipe(self) -> Recipe | None: ...

    @property
    def servings(self) -> int | None: ...


class PlannedMeals(Protocol):
    """The meal planner's slots (`application.meal_plans.planner.MealPlanner`)."""

    def slots_between(self, user_uid: str, start: date, end: date) -> Sequence[PlannedMeal]:
        """The caller's household's planned meals between the dates (inclusive)."""
        ...


class ShoppingListRepository(Protocol):
    def add(self, shopping_list: ShoppingList) -> None: ...

    def get(self, household_id: str, list_id: int, *, lock: bool = False) -> ShoppingList | None:
        """The list with its items, when the household owns it (`lock`: held until commit)."""
        ...

    def of_household(self, household_id: str, limit: int, offset: int) -> list[ShoppingList]:
        """Newest first, with their items."""
        ...

    def count(self, household_id: str) -> int: ...

    def save(self, shopping_list: ShoppingList) -> None: ...

    def delete(self, shopping_list: ShoppingList) -> None: ...


class ShoppingUnitOfWork(UnitOfWork, Protocol):
    @property
    def shopping_lists(self) -> ShoppingListRepository: ...

    @property
    def users(self) -> UserRepository: ...

    @property
    def inventory(self) -> InventoryRepository: ...
