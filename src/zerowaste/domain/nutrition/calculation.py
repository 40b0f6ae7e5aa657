"""Nutrition of ingredient lines: grams of each line, its nutrients, totals and per serving.

Rules (USDA SR28 gives nutrients per 100 g of the *edible* portion):
- Nutrients of a line = per-100 g value x edible grams / 100.
- Grams of a line:
  * a mass unit (g, kg, oz, lb...) states the weight **as purchased** by default, the way stock
    and shopping amounts are weighed, so the food's refuse (peel, bones, shell, stems) is taken
    off: edible = grams x (1 - refuse_pct / 100). A line marked `basis: edible` was weighed
    already trimmed and is used as it is. "200 g de espinaca" is 144 g of leaves (28 % refuse).
  * any other unit goes through the food's own SR28 household measures (domain.recipes.
    conversion.FoodMeasures): "1 cup" of cooked rice = 158 g, "2 large eggs" = 2 x 50 g. SR28
    weighs those measures as the edible portion (an egg without its shell), so no refuse is
    taken off, whatever the basis. A volume the food has no measure for goes through the
    density of its first SR28 volume measure; nothing else is assumed: no water density, no
    average piece. A unit without an SR28 measure of that food is `no_weight`.
- Unmatched lines are listed with a reason and never counted as zero:
  `no_match` (no SR28 food for the name), `no_quantity`, `unknown_unit`, `no_weight`.
- Totals are sums over the matched lines. A nutrient SR28 did not analyse for a food is unknown
  (None) for that line; the total sums the lines that know it and `incomplete` names the lines
  that do not (the total is then a lower bound). Per serving = totals / servings.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from enum import StrEnum

from zerowaste.domain.nutrition.nutrients import (
    NUTRIENTS,
    SOURCE_CITATION,
    Food,
    Nutrients,
    add,
    divide,
    scale,
)
from zerowaste.domain.recipes.conversion import FoodMeasures
from zerowaste.domain.shared.errors import InvalidInput
from zerowaste.domain.shared.units import Dimension, dimension_of, normalize_measure, unit_factor

MAX_LINES = 200  # a recipe has at most 60 lines; a day of a plan a few hundred grams of them
MAX_SERVINGS = 1000
_HUNDRED = Decimal(100)


class Basis(StrEnum):
    AS_PURCHASED = "as_purchased"
    EDIBLE = "edible"


class Reason(StrEnum):
    NO_MATCH = "no_match"
    NO_QUANTITY = "no_quantity"
    UNKNOWN_UNIT = "unknown_unit"
    NO_WEIGHT = "no_weight"


@dataclass(frozen=True)
class MatchedFood:
    """The SR28 food a name resolved to, its household measures, and how it was found."""

    food: Food
    measures: FoodMeasures
    via: str  # "ingredient_master" (the master's usda_sr28_ndb_no link) | "sr28_name"


@dataclass(frozen=True)
class Weight:
    grams: Decimal  # as the line states it (as purchased for a mass, edible for a measure)
    edible_grams: Decimal
    basis: Basis


@dataclass(frozen=True)
class LineNutrition:
    name: str
    quantity: Decimal
    unit: str
    matched: MatchedFood
    weight: Weight
    nutrients: Nutrients


@dataclass(frozen=True)
class Unmatched:
    name: str
    quantity: Decimal | None
    unit: str | None
    reason: Reason
    ndb_no: str | None = None  # set when the food matched but the amount did not weigh


@dataclass(frozen=True)
class NutritionResult:
    servings: int | None
    totals: Nutrients
    per_serving: Nutrients | None
    lines: list[LineNutrition]
    unmatched: list[Unmatched]
    incomplete: dict[str, list[str]] = field(default_factory=dict)
    source: str = SOURCE_CITATION


def weigh(
    food: MatchedFood,
    quantity: Decimal,
    unit: str,
    basis: Basis | None = None,
    size: str | None = None,
) -> Weight | Reason:
    """The line's grams and edible grams (see the module's rules), or why it cannot weigh."""
    try:
        code = normalize_measure(unit)
    except InvalidInput:
        return Reason.UNKNOWN_UNIT
    if dimension_of(code) is Dimension.MASS:
        grams = quantity * unit_factor(code)
        if basis is Basis.EDIBLE:
            return Weight(grams, grams, Basis.EDIBLE)
        refuse = Decimal(str(food.food.refuse_pct))
        return Weight(grams, grams * (_HUNDRED - refuse) / _HUNDRED, Basis.AS_PURCHASED)
    grams_found = food.measures.grams(quantity, code, size)
    if grams_found is None:
        return Reason.NO_WEIGHT
    return Weight(grams_found, grams_found, Basis.EDIBLE)


def line_nutrition(
    name: str, quantity: Decimal, unit: str, food: MatchedFood, weight: Weight
) -> LineNutrition:
    nutrients = scale(food.food.per_100g, weight.edible_grams)
    return LineNutrition(name, quantity, unit, food, weight, nutrients)


def check_size(count: int, servings: int | None) -> None:
    """Bad input, before any work: too many lines, or servings that are not positive."""
    if count > MAX_LINES:
        raise InvalidInput(
            f"At most {MAX_LINES} ingredient lines",
            code="too_many_lines",
            details={"max": MAX_LINES},
        )
    if servings is not None and not 0 < servings <= MAX_SERVINGS:
        raise InvalidInput(f"servings must be 1 to {MAX_SERVINGS}", code="invalid_servings")


def summarise(
    lines: Sequence[LineNutrition], unmatched: Sequence[Unmatched], servings: int | None
) -> NutritionResult:
    """Totals of the matched lines, per serving, and which lines lack which nutrient."""
    check_size(len(lines) + len(unmatched), servings)
    totals, _ = add(line.nutrients for line in lines)
    incomplete = {
        key: [line.name for line in lines if line.nutrients.get(key) is None]
        for key in NUTRIENTS
        if any(line.nutrients.get(key) is None for line in lines)
    }
    per_serving = divide(totals, servings) if servings else None
    return NutritionResult(servings, totals, per_serving, list(lines), list(unmatched), incomplete)
