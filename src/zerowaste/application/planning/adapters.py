"""Plan generation's ports implemented by the features beside it: nutrition per serving from
USDA SR28, the meal planner's slots, the safety screening's guard and its audit log.

Nutrition rules for the optimiser: a recipe counts when it says how many it serves and SR28
matches at least two thirds of its lines (an energy figure missing a third of the food would
pass a calorie band it does not meet); otherwise its nutrition is unknown (left out under a
calorie target, counted in the plan's `excluded`). Catalog recipes do not change between
imports, so their figures are kept per process (bounded).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from decimal import Decimal

from zerowaste.application.meal_plans.planner import MealPlanner
from zerowaste.application.nutrition.plans import RecipeServings
from zerowaste.application.screening.audit import AuditLog
from zerowaste.application.screening.service import SafetyScreening
from zerowaste.domain.meal_plans.slots import Slot
from zerowaste.domain.planning.plan import Nutrition, PlannedSlot
from zerowaste.domain.recipes.recipe import Recipe
from zerowaste.domain.screening.restrictive import medical_diet

MIN_MATCHED_SHARE = Decimal(2) / 3
KEPT_CATALOG_FIGURES = 5000


class Sr28PerServing:
    def __init__(self, servings: RecipeServings) -> None:
        self._servings = servings
        self._catalog: dict[str, Nutrition | None] = {}

    def per_serving(self, recipes: Sequence[Recipe]) -> Mapping[str, Nutrition | None]:
        found: dict[str, Nutrition | None] = {}
        for recipe in recipes:
            if recipe.source == "catalog" and recipe.uid in self._catalog:
                found[recipe.uid] = self._catalog[recipe.uid]
                continue
            found[recipe.uid] = self._one(recipe)
            if recipe.source == "catalog" and len(self._catalog) < KEPT_CATALOG_FIGURES:
                self._catalog[recipe.uid] = found[recipe.uid]
        return found

    def _one(self, recipe: Recipe) -> Nutrition | None:
        if not recipe.servings or not recipe.ingredients:
            return None
        result = self._servings.result(recipe)
        matched = Decimal(len(result.lines)) / len(recipe.ingredients)
        per = result.per_serving
        if per is None or matched < MIN_MATCHED_SHARE or per.get("energy_kcal") is None:
            return None
        return Nutrition(
            kcal=_decimal(per["energy_kcal"]) or Decimal(0),
            protein=_decimal(per.get("protein_g")),
            fat=_decimal(per.get("fat_g")),
            carbs=_decimal(per.get("carbs_g")),
        )


def _decimal(value: float | None) -> Decimal | None:
    return None if value is None else Decimal(str(round(value, 1)))


class PlannerSlots:
    def __init__(self, planner: MealPlanner) -> None:
        self._planner = planner

    def fill(self, user_uid: str, slots: Sequence[PlannedSlot]) -> int:
        written = [Slot(s.day, s.meal_type, s.recipe_uid, s.servings) for s in slots]
        return len(self._planner.fill(user_uid, written))


class ScreeningGuard:
    def __init__(self, screening: SafetyScreening) -> None:
        self._screening = screening

    def require(self, user_uid: str, daily_kcal: int | None, diets: Sequence[str]) -> None:
        """The guard looks at one diet: the first medical one the user follows, if any."""
        diet = next((d for d in diets if medical_diet(d)), None)
        self._screening.require_screening(user_uid, daily_kcal, diet)


class ScreeningAudit:
    def __init__(self, audit: AuditLog) -> None:
        self._audit = audit

    def record(
        self, user_uid: str, action: str, allowed: bool, reason: str, model: str, cost_usd: float
    ) -> None:
        self._audit.record(
            user_uid,
            action,
            allowed=allowed,
            reason=reason,
            model=model,
            estimated_cost_usd=Decimal(str(cost_usd)),
        )
