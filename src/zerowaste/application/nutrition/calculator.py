"""NutritionCalculator: ingredient lines in, SR28 nutrition out (no storage).

The bridge between lines as people write them and the pure rules of domain.nutrition: a name
is mapped to an SR28 food through the ingredient master's link first (its guarded matcher, as
recipe lines use it), then through SR28's own names (domain.nutrition.matching); its amount is
weighed and its nutrients summed by domain.nutrition.calculation. The meal planner reuses it
for a day or a week of planned recipes.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache

from zerowaste.application.nutrition.ports import NutritionData
from zerowaste.application.ports.recipe_lines import IngredientMatcher
from zerowaste.domain.nutrition.calculation import (
    Basis,
    LineNutrition,
    MatchedFood,
    NutritionResult,
    Reason,
    Unmatched,
    Weight,
    check_size,
    line_nutrition,
    summarise,
    weigh,
)
from zerowaste.domain.nutrition.matching import PREPARATIONS
from zerowaste.domain.recipes.notes import take_size
from zerowaste.domain.shared.text import folded

MASTER, SR28_NAME = "ingredient_master", "sr28_name"
CACHE_SIZE = 4096


@dataclass(frozen=True)
class NutritionLine:
    """A food and its amount. `unit` None counts pieces; `basis` says whether a mass was
    weighed as purchased (default) or edible; `ingredient_id` is the master key when known
    (recipe lines); `grams` a weight read earlier, used when the unit cannot be weighed."""

    name: str
    quantity: Decimal | None
    unit: str | None = None
    basis: Basis | None = None
    ingredient_id: str | None = None
    grams: Decimal | None = None


@dataclass(frozen=True)
class NameParts:
    text: str  # the name without size and preparation words
    size: str | None
    preparation: str | None


def name_parts(name: str) -> NameParts:
    """Size and preparation words read apart from the food ("huevos grandes cocidos")."""
    words, size = take_size(name.split())
    kept, preparation = [], None
    for word in words:
        found = PREPARATIONS.get(folded(word).strip(",;."))
        if found is None:
            kept.append(word)
        else:
            preparation = found
    return NameParts(" ".join(kept), size, preparation)


class NutritionCalculator:
    def __init__(self, data: NutritionData, matcher: IngredientMatcher) -> None:
        self._data = data
        self._matcher = matcher
        self._match = lru_cache(maxsize=CACHE_SIZE)(self._match_uncached)

    def match(self, name: str, ingredient_id: str | None = None) -> MatchedFood | None:
        """The SR28 food a name means (master link first, then SR28 names), or None."""
        return self._match(name.strip(), ingredient_id)

    def _match_uncached(self, name: str, ingredient_id: str | None) -> MatchedFood | None:
        parts = name_parts(name)
        if not parts.text:
            return None
        ndb_no = self._linked(parts, ingredient_id)
        via = MASTER
        if ndb_no is None:
            ndb_no, via = self._data.names.best(parts.text, parts.preparation), SR28_NAME
        food = self._data.food(ndb_no) if ndb_no else None
        if food is None or ndb_no is None:
            return None
        return MatchedFood(food, self._data.measures(ndb_no), via)

    def _linked(self, parts: NameParts, ingredient_id: str | None) -> str | None:
        """The master's SR28 link, moved to the asked preparation when the name states one."""
        if ingredient_id is None:
            found = self._matcher.resolve(parts.text, "es") or self._matcher.resolve(
                parts.text, "en"
            )
            ingredient_id = found.ingredient_id if found else None
        linked = self._data.linked(ingredient_id) if ingredient_id else None
        if linked is None or parts.preparation is None:
            return linked
        return self._data.names.variant(linked, parts.preparation)

    def line(self, line: NutritionLine) -> LineNutrition | Unmatched:
        """One line's nutrition, or why it is unmatched."""
        food = self.match(line.name, line.ingredient_id)
        if food is None:
            return Unmatched(line.name, line.quantity, line.unit, Reason.NO_MATCH)
        weight = self._weight(food, line)
        if not isinstance(weight, Weight):
            return Unmatched(line.name, line.quantity, line.unit, weight, food.food.ndb_no)
        quantity = line.quantity if line.quantity is not None else weight.grams
        unit = (line.unit or "unit") if line.quantity is not None else "g"
        return line_nutrition(line.name, quantity, unit, food, weight)

    def _weight(self, food: MatchedFood, line: NutritionLine) -> Weight | Reason:
        found: Weight | Reason = Reason.NO_QUANTITY
        if line.quantity is not None:
            size = name_parts(line.name).size
            found = weigh(food, line.quantity, line.unit or "unit", line.basis, size)
        if not isinstance(found, Weight) and line.grams is not None:
            return weigh(food, line.grams, "g", line.basis)
        return found

    def calculate(
        self, lines: Sequence[NutritionLine], servings: int | None = None
    ) -> NutritionResult:
        """Totals, per serving (when `servings`), per-line breakdown and unmatched lines."""
        check_size(len(lines), servings)
        matched: list[LineNutrition] = []
        unmatched: list[Unmatched] = []
        for line in lines:
            outcome = self.line(line)
            if isinstance(outcome, Unmatched):
                unmatched.append(outcome)
            else:
                matched.append(outcome)
        return summarise(matched, unmatched, servings)
