"""Weekly optimisation suggestions (issue #10 §6): for a planned week and the caller's daily
energy target, which meal to change on each day that misses it (`domain.planning.suggestions`),
among the catalog and household recipes that suit the caller (and every member's allergies:
`recipes.suitability.diners`) and fit that meal.

Figures are per person: one serving of each planned meal, SR28 per serving
(`adapters.Sr28PerServing`); the target is the nutrition profile's (`GET
/api/nutrition/targets`), so without an adult profile there is nothing to aim at (422 from the
targets rule).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Protocol

from zerowaste.application.nutrition.plans import PlanReader
from zerowaste.application.planning.ports import RecipeNutrition
from zerowaste.application.ports.uow import UnitOfWorkFactory
from zerowaste.application.recipes.catalog import PublicCatalog
from zerowaste.application.recipes.ports import RecipeFilter, RecipesUnitOfWork
from zerowaste.application.recipes.suitability import diners
from zerowaste.domain.accounts.users import User
from zerowaste.domain.planning.plan import Nutrition, fits
from zerowaste.domain.planning.suggestions import MealKcal, Option, Suggestion, suggest
from zerowaste.domain.recipes.recipe import Recipe

SAVED_CANDIDATES = 500


class DailyTarget(Protocol):
    def __call__(self, user_uid: str) -> int:
        """The caller's daily energy target, kcal."""
        ...


@dataclass(frozen=True)
class PlanAdvice:
    plan_id: int
    start: date
    end: date
    target_kcal: int
    suggestions: list[Suggestion]
    days_not_judged: list[date]  # a meal's kcal is unknown


class PlanSuggestions:
    def __init__(
        self,
        uow_factory: UnitOfWorkFactory[RecipesUnitOfWork],
        plans: PlanReader,
        target: DailyTarget,
        nutrition: RecipeNutrition,
        suitable: Callable[[list[Recipe], User], list[Recipe]],
        public: PublicCatalog,
    ) -> None:
        self._uow_factory = uow_factory
        self._plans = plans
        self._target = target
        self._nutrition = nutrition
        self._suitable = suitable
        self._public = public

    def for_plan(self, user_uid: str, plan_id: int) -> PlanAdvice:
        week = self._plans.plan(user_uid, plan_id)
        target = self._target(user_uid)
        planned = [s for s in week.slots if s.recipe is not None]
        recipes = {s.recipe.uid: s.recipe for s in planned if s.recipe is not None}
        candidates = self._candidates(user_uid)
        per_serving = self._nutrition.per_serving([*recipes.values(), *candidates])
        meals = [
            MealKcal(
                s.date, s.meal_type, s.recipe.uid, s.recipe.title, _kcal(per_serving, s.recipe)
            )
            for s in planned
            if s.recipe is not None
        ]
        options = [
            Option(r.uid, r.title, fits(r), kcal)
            for r in candidates
            if (kcal := _kcal(per_serving, r)) is not None
        ]
        found = suggest(meals, options, Decimal(target))
        unknown = sorted({m.day for m in meals if m.kcal is None})
        return PlanAdvice(plan_id, week.start, week.end, target, found, unknown)

    def _candidates(self, user_uid: str) -> list[Recipe]:
        with self._uow_factory.read() as uow:
            user = diners(uow.users, user_uid).user
            saved = uow.recipes.visible(
                user.household_id, RecipeFilter(sources=("saved",)), SAVED_CANDIDATES, 0
            ).recipes
            catalog = self._public.recipes(uow)
        return self._suitable([*saved, *catalog], user)


def _kcal(per_serving: Mapping[str, Nutrition | None], recipe: Recipe) -> Decimal | None:
    found = per_serving.get(recipe.uid)
    return None if found is None else found.kcal
