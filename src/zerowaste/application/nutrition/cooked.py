"""A cooked recipe in the cook's food log (`RecipeCooking` calls it after `POST
/api/recipes/<uid>/cook`): one serving, with its SR28 figures (a recipe that does not say how
many it serves counts whole, as in plan nutrition), the meal from the recipe's category
(desayuno -> breakfast, postre -> dessert...), else by the hour: before 11:00 breakfast, before
16:00 lunch, else dinner (UTC: the server does not know the cook's time zone yet)."""

from __future__ import annotations

import logging
from datetime import datetime

from zerowaste.application.intake.service import NutritionTracking
from zerowaste.application.nutrition.plans import RecipeServings
from zerowaste.domain.intake.log import FoodLogEntry
from zerowaste.domain.nutrition.nutrients import Nutrients
from zerowaste.domain.recipes.recipe import Recipe
from zerowaste.domain.shared.errors import InvalidInput

log = logging.getLogger(__name__)

CATEGORY_MEALS = {
    "desayuno": "breakfast",
    "almuerzo": "lunch",
    "comida": "lunch",
    "cena": "dinner",
    "postre": "dessert",
    "snack": "snack",
}


class CookedMealLog:
    def __init__(self, servings: RecipeServings, tracking: NutritionTracking) -> None:
        self._servings = servings
        self._tracking = tracking

    def record_cooked(self, user_uid: str, recipe: Recipe, cooked_at: datetime) -> None:
        """Never fails the cook: a serving the log refuses (a recipe without servings whose
        whole weighs more than a day's possible intake) is left out, and logged."""
        serving = self._servings.serving(recipe).nutrients
        try:
            self._record(user_uid, recipe, cooked_at, serving)
        except InvalidInput as refused:
            log.warning("cooked %s not logged: %s", recipe.uid, refused.message)

    def _record(
        self, user_uid: str, recipe: Recipe, cooked_at: datetime, serving: Nutrients
    ) -> None:
        self._tracking.record(
            user_uid,
            FoodLogEntry(
                day=cooked_at.date(),
                meal_type=meal_of(recipe.category, cooked_at),
                name=recipe.title[:200],
                kcal=serving.get("energy_kcal") or 0.0,
                protein_g=serving.get("protein_g") or 0.0,
                fat_g=serving.get("fat_g") or 0.0,
                carbs_g=serving.get("carbs_g") or 0.0,
                recipe_uid=recipe.uid,
                servings=1,
                source="cooked",
            ),
        )


def meal_of(category: str, at: datetime) -> str:
    found = CATEGORY_MEALS.get((category or "").strip().lower())
    if found:
        return found
    return "breakfast" if at.hour < 11 else "lunch" if at.hour < 16 else "dinner"
