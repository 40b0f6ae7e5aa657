"""Ports of the shopping feature: the household's lists, and the planned meals a list is
generated from (the meal planner implements `PlannedMeals`)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Protocol

from zerowaste.application.accounts.ports import UserRepository
from zerowaste.application.inventory.ports import InventoryRepository
from zerowaste.application.ports.uow import UnitOfWork
from zerowaste.domain.recipes.recipe import Recipe
from zerowaste.domain.shopping.lists import ShoppingList


@dataclass(frozen=True)
class PlannedRecipe:
    """A recipe planned on a day, for a number of servings (None: as the recipe serves)."""

    on: date
    recipe: Recipe
    servings: int | None = None


class PlannedMeals(Protocol):
    def planned(self, user_uid: str, start: date, end: date) -> list[PlannedRecipe]:
        """The caller's household's planned recipes between the dates (inclusive)."""
        ...


class ShoppingListRepository(Protocol):
    def add(self, shopping_list: ShoppingList) -> None: ...

    def get(self, household_id: str, list_id: int, *, lock: bool = False) -> ShoppingList | None:
        """The list with its items, when the household owns it (`lock`: held until commit)."""
        ...

    def of_household(self, household_id: str, limit: int, offset: int) -> list[ShoppingList]:
        """Newest first, with their items."""
        ...

    def save(self, shopping_list: ShoppingList) -> None: ...

    def delete(self, shopping_list: ShoppingList) -> None: ...


class ShoppingUnitOfWork(UnitOfWork, Protocol):
    @property
    def shopping_lists(self) -> ShoppingListRepository: ...

    @property
    def users(self) -> UserRepository: ...

    @property
    def inventory(self) -> InventoryRepository: ...
