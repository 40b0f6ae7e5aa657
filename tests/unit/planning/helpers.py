"""Small builders for the optimiser's tests: recipes with food-keyed lines, pantry lots, kcal."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from zerowaste.application.planning.generation import convert
from zerowaste.domain.planning.optimiser import optimise
from zerowaste.domain.planning.plan import Candidate, Nutrition, Plan, PlanRequest
from zerowaste.domain.recipes.engine import PantryFood
from zerowaste.domain.recipes.recipe import Recipe, RecipeIngredient

START = date(2026, 12, 1)


def recipe(
    uid: str, category: str, *lines: str | tuple[str, str, str], servings: int | None = None
) -> Recipe:
    """Lines: "food" (no amount) or ("food", "200", "g")."""
    ingredients = []
    for line in lines:
        if isinstance(line, str):
            ingredients.append(RecipeIngredient(name=line, food_key=line))
        else:
            food, quantity, unit = line
            ingredients.append(
                RecipeIngredient(name=food, food_key=food, quantity=Decimal(quantity), unit=unit)
            )
    return Recipe(
        uid=uid,
        title=uid,
        source="catalog",
        category=category,
        servings=servings,
        ingredients=ingredients,
    )


def candidate(recipe: Recipe, kcal: int | None = None, macros: tuple[int, int, int] | None = None):
    if kcal is None:
        return Candidate(recipe)
    protein, fat, carbs = macros or (None, None, None)
    return Candidate(
        recipe,
        Nutrition(
            Decimal(kcal),
            None if protein is None else Decimal(protein),
            None if fat is None else Decimal(fat),
            None if carbs is None else Decimal(carbs),
        ),
    )


def lot(key: str, days: int, quantity: str = "0", unit: str = "g") -> PantryFood:
    return PantryFood(key, key.capitalize(), Decimal(quantity), unit, days)


def by_key(line: RecipeIngredient) -> str | None:
    return line.food_key


def plan(
    candidates: list[Candidate],
    pantry: list[PantryFood],
    days: int = 1,
    meals: tuple[str, ...] = ("dinner",),
    **options,
) -> Plan:
    use_solver = options.pop("use_solver", True)
    request = PlanRequest(START, days, meals, **options)
    return optimise(candidates, pantry, by_key, convert, request, use_solver=use_solver)


def chosen(found: Plan) -> list[tuple[int, str, str]]:
    """(day number from 1, meal, recipe uid) of each filled slot."""
    return [((s.day - START).days + 1, s.meal_type, s.recipe_uid) for s in found.slots]
