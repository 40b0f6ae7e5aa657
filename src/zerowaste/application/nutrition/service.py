"""Nutrition use cases: lines, one food, the SR28 database search, a recipe's nutrition.

Figures come from USDA SR28 only (see domain.nutrition.calculation for the rules); a recipe is
read through the recipe book, so a household sees the public catalog and its own recipes and
gets 404 for anyone else's.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from zerowaste.application.nutrition.calculator import (
    NutritionCalculator,
    NutritionLine,
    name_parts,
)
from zerowaste.application.nutrition.plans import RecipeServings
from zerowaste.application.nutrition.ports import NutritionData, PortionWeight
from zerowaste.application.recipes.book import RecipeBook
from zerowaste.domain.nutrition.calculation import MatchedFood, NutritionResult
from zerowaste.domain.nutrition.nutrients import Food, Nutrients, scale
from zerowaste.domain.recipes.measures import read_measure
from zerowaste.domain.recipes.notes import take_size
from zerowaste.domain.recipes.recipe import Recipe
from zerowaste.domain.shared.errors import InvalidInput, NotFound

MAX_PER_PAGE = 100
MAX_PORTION_GRAMS = Decimal(100000)


class FoodNotFound(NotFound):
    code = "nutrition_food_not_found"


@dataclass(frozen=True)
class FoodDetail:
    matched: MatchedFood
    portions: list[PortionWeight]


@dataclass(frozen=True)
class PortionAsked:
    text: str
    amount: Decimal
    unit: str
    size: str | None


@dataclass(frozen=True)
class SearchHit:
    food: Food
    portion_grams: Decimal | None  # edible grams of the asked portion; None: no such measure
    portion_nutrients: Nutrients | None


@dataclass(frozen=True)
class SearchPage:
    hits: list[SearchHit]
    total: int
    page: int
    per_page: int
    portion: str | None


@dataclass(frozen=True)
class RecipeNutrition:
    recipe: Recipe
    result: NutritionResult


class NutritionService:
    def __init__(
        self, calculator: NutritionCalculator, data: NutritionData, recipes: RecipeBook
    ) -> None:
        self._calculator = calculator
        self._data = data
        self._recipes = recipes

    @property
    def calculator(self) -> NutritionCalculator:
        """Lines in, nutrition out: what the meal planner sums per day and week."""
        return self._calculator

    def calculate(self, lines: Sequence[NutritionLine], servings: int | None) -> NutritionResult:
        return self._calculator.calculate(lines, servings)

    def ingredient(self, name: str) -> FoodDetail:
        """Per 100 g and the household measures of the food a name means (404 when none)."""
        matched = self._calculator.match(name)
        if matched is None:
            raise FoodNotFound("No USDA SR28 food matches this name")
        return FoodDetail(matched, self._data.portions(matched.food.ndb_no))

    def search(
        self,
        food_item: str,
        portion_size: str | None,
        preparation: str | None,
        page: int,
        per_page: int,
    ) -> SearchPage:
        """SR28 foods naming every word of `food_item`, narrowed to a preparation, with the
        nutrients of `portion_size` (edible grams, or a household measure like "1 cup"). The
        food the name means (a Spanish name through the ingredient master) comes first."""
        parts = name_parts(food_item)
        portion = read_portion_size(portion_size) if portion_size else None
        wanted = preparation or parts.preparation
        found = self._data.names.search(parts.text, wanted)
        meant = self._calculator.match(f"{parts.text} {wanted or ''}")
        if meant is not None and (wanted is None or wanted in meant.food.name.casefold()):
            found = [meant.food.ndb_no, *(n for n in found if n != meant.food.ndb_no)]
        per_page = min(max(per_page, 1), MAX_PER_PAGE)
        chosen = found[(page - 1) * per_page : page * per_page]
        hits = [hit for hit in (self._hit(ndb_no, portion) for ndb_no in chosen) if hit]
        return SearchPage(hits, len(found), page, per_page, portion_size)

    def _hit(self, ndb_no: str, portion: PortionAsked | None) -> SearchHit | None:
        food = self._data.food(ndb_no)
        if food is None or portion is None:
            return None if food is None else SearchHit(food, None, None)
        grams = self._data.measures(ndb_no).grams(portion.amount, portion.unit, portion.size)
        nutrients = None if grams is None else scale(food.per_100g, grams)
        return SearchHit(food, grams, nutrients)

    def for_recipe(self, user_uid: str, uid: str) -> RecipeNutrition:
        """A recipe the caller may read, its lines as stored, per serving when it says."""
        recipe = self._recipes.get(user_uid, uid)
        return RecipeNutrition(recipe, RecipeServings(self._calculator).result(recipe))


def read_portion_size(text: str) -> PortionAsked:
    """Grams ("150", "150 g": edible) or a household measure ("1 cup", "2 large", "1 tbsp")."""
    clean = text.strip()
    try:
        grams = Decimal(clean.removesuffix("g").strip())
    except InvalidOperation:
        grams = None
    if grams is not None:
        if not grams.is_finite() or not 0 < grams <= MAX_PORTION_GRAMS:
            raise InvalidInput("portion_size must be above 0 g", code="invalid_portion_size")
        return PortionAsked(clean, grams, "g", None)
    measure, rest = read_measure(clean)
    if measure.amount is None or measure.unit is None:
        raise InvalidInput(
            'portion_size is grams ("150") or a measure ("1 cup", "1 large")',
            code="invalid_portion_size",
        )
    _, size = take_size(rest.split())
    return PortionAsked(clean, measure.amount.high, measure.unit, size)
