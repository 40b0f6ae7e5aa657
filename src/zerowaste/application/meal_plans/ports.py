"""Ports of the meal planner: the store of slots and the plan rows (named weeks, templates).

Reads return slots with their recipes loaded in one query (`between`, `on_days`), so a week, a
month or a page of daily plans costs the same few statements whatever it holds.
"""

from __future__ import annotations

from collections.abc import Collection
from datetime import date
from typing import Protocol

from zerowaste.application.accounts.ports import UserRepository
from zerowaste.application.ports.uow import UnitOfWork
from zerowaste.application.recipes.ports import RecipeRepository
from zerowaste.domain.meal_plans.plans import MealPlan
from zerowaste.domain.meal_plans.slots import Slot
from zerowaste.domain.recipes.recipe import Recipe


class SlotRepository(Protocol):
    """A household's slots; every method is scoped by the household id."""

    def between(self, household_id: str, start: date, end: date) -> list[Slot]:
        """Slots from `start` to `end` (inclusive) with their recipes, by date and meal."""
        ...

    def on_days(self, household_id: str, days: list[date]) -> list[Slot]: ...

    def dates(
        self, household_id: str, start: date | None, end: date | None, limit: int, offset: int
    ) -> tuple[list[date], int]:
        """Planned dates (ascending), a page of them and how many there are in all."""
        ...

    def get(self, household_id: str, slot_id: int) -> Slot | None: ...

    def put(self, household_id: str, slots: list[Slot]) -> list[str]:
        """Write slots at their positions (replacing what they held); the recipe uids that
        were replaced."""
        ...

    def clear(
        self, household_id: str, days: list[date], keep: Collection[tuple[date, str]] = ()
    ) -> list[str]:
        """Remove the slots of these days but the positions in `keep`; the recipe uids they
        referred to."""
        ...

    def update(self, household_id: str, slot: Slot) -> None:
        """Store a slot's servings and notes."""
        ...

    def recipes(self, uids: list[str]) -> list[Recipe]:
        """Recipes by uid, in one query (owner checks are the caller's)."""
        ...

    def referenced(self, recipe_uids: list[str]) -> set[str]:
        """Those of the recipes that a slot, a template, a favourite or a cook still names."""
        ...


class MealPlanRepository(Protocol):
    def add(self, plan: MealPlan) -> MealPlan: ...

    def get(self, household_id: str, plan_id: int, template: bool) -> MealPlan | None:
        """A week plan (`template` False) or a template with its slots and their recipes."""
        ...

    def of_week(self, household_id: str, week_start: date) -> MealPlan | None: ...

    def of_weeks(self, household_id: str, starts: list[date]) -> list[MealPlan]: ...

    def templates(self, household_id: str) -> list[MealPlan]: ...

    def update(self, plan: MealPlan) -> None: ...

    def mark_created(self, household_id: str, recipe_uids: list[str]) -> None:
        """Remember recipes the planner created from a client's payload (pruned when unused)."""
        ...

    def created(self, household_id: str, recipe_uids: list[str]) -> list[str]:
        """Those of the recipes the planner created."""
        ...


class MealPlansUnitOfWork(UnitOfWork, Protocol):
    @property
    def meal_slots(self) -> SlotRepository: ...

    @property
    def meal_plans(self) -> MealPlanRepository: ...

    @property
    def recipes(self) -> RecipeRepository: ...

    @property
    def users(self) -> UserRepository: ...
