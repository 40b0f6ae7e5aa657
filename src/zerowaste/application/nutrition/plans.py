"""Nutrition of recipes as planned: one serving of a recipe, and a planned week
(`POST /api/nutrition/meal-plan/<plan_id>`), read from the meal planner through a port.

Rules: a slot is one serving of its recipe per person; a recipe that does not say how many it
serves counts whole as one serving (`servings_known` false, so the figure is an upper bound).
A day per person is the sum of its slots' servings; the household's day multiplies each by the
servings the slot plans (one when it does not say). A week's daily average divides by the days
that have at least one slot. Lines SR28 cannot match are named per meal, never counted as zero.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Protocol

from zerowaste.application.nutrition.calculator import NutritionCalculator, NutritionLine
from zerowaste.domain.nutrition.calculation import NutritionResult
from zerowaste.domain.nutrition.nutrients import DIGITS, SOURCE_CITATION, Nutrients, add, divide
from zerowaste.domain.recipes.recipe import Recipe


class PlannedSlot(Protocol):
    @property
    def date(self) -> date: ...

    @property
    def meal_type(self) -> str: ...

    @property
    def recipe(self) -> Recipe | None: ...

    @property
    def servings(self) -> int | None: ...


class PlannedWeek(Protocol):
    @property
    def start(self) -> date: ...

    @property
    def end(self) -> date: ...

    @property
    def slots(self) -> Sequence[PlannedSlot]: ...


class PlanReader(Protocol):
    """The meal planner (`application.meal_plans.planner.MealPlanner`)."""

    def plan(self, user_uid: str, plan_id: int) -> PlannedWeek: ...


@dataclass(frozen=True)
class Serving:
    """One serving of a recipe: its nutrients, whether the recipe said its servings, and the
    lines SR28 could not match."""

    nutrients: Nutrients
    servings_known: bool
    unmatched: list[str]


@dataclass(frozen=True)
class PlannedMeal:
    slot: PlannedSlot
    serving: Serving


@dataclass(frozen=True)
class PlanDay:
    date: date
    meals: list[PlannedMeal]
    per_person: Nutrients
    household: Nutrients


@dataclass(frozen=True)
class PlanNutrition:
    plan_id: int
    start: date
    end: date
    days: list[PlanDay]
    per_person: Nutrients  # the week, one serving of every slot
    daily_average: Nutrients  # per person, over the days with a meal
    source: str = SOURCE_CITATION


class RecipeServings:
    """Per-serving nutrients of a recipe (also what plan generation weighs calories by)."""

    def __init__(self, calculator: NutritionCalculator) -> None:
        self._calculator = calculator

    def result(self, recipe: Recipe) -> NutritionResult:
        lines = [
            NutritionLine(
                name=line.name,
                quantity=line.quantity,
                unit=line.unit,
                ingredient_id=line.food_key,
                grams=line.grams,
            )
            for line in recipe.ingredients
        ]
        servings = recipe.servings if recipe.servings and recipe.servings > 0 else None
        return self._calculator.calculate(lines, servings)

    def serving(self, recipe: Recipe) -> Serving:
        found = self.result(recipe)
        per_serving = found.per_serving if found.per_serving is not None else found.totals
        return Serving(
            per_serving, found.per_serving is not None, [u.name for u in found.unmatched]
        )


class PlanNutritionReport:
    def __init__(self, servings: RecipeServings, plans: PlanReader) -> None:
        self._servings = servings
        self._plans = plans

    def of_plan(self, user_uid: str, plan_id: int) -> PlanNutrition:
        week = self._plans.plan(user_uid, plan_id)
        known: dict[str, Serving] = {}
        by_day: dict[date, list[PlannedMeal]] = {}
        for slot in week.slots:
            if slot.recipe is None:
                continue
            uid = slot.recipe.uid
            if uid not in known:
                known[uid] = self._servings.serving(slot.recipe)
            by_day.setdefault(slot.date, []).append(PlannedMeal(slot, known[uid]))
        days = [_day(on, meals) for on, meals in sorted(by_day.items())]
        week_total, _ = add(d.per_person for d in days)
        average = divide(week_total, len(days)) if days else week_total
        return PlanNutrition(plan_id, week.start, week.end, days, week_total, average)


def _day(on: date, meals: list[PlannedMeal]) -> PlanDay:
    per_person, _ = add(m.serving.nutrients for m in meals)
    household, _ = add(_times(m.serving.nutrients, m.slot.servings or 1) for m in meals)
    return PlanDay(on, meals, per_person, household)


def _times(nutrients: Nutrients, servings: int) -> Nutrients:
    return {k: None if v is None else round(v * servings, DIGITS) for k, v in nutrients.items()}
