"""Port of the nutrition feature: USDA SR28 foods, their household measures, the ingredient
master's links and the substitutions, read once per process from the data pack.

Adapter: `zerowaste.infrastructure.reference.sr28.Sr28Nutrition`.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Protocol

from zerowaste.domain.nutrition.matching import Sr28Names
from zerowaste.domain.nutrition.nutrients import Food
from zerowaste.domain.nutrition.swaps import Substitution
from zerowaste.domain.recipes.conversion import FoodMeasures


@dataclass(frozen=True)
class PortionWeight:
    """One SR28 household measure as published: "1 cup, chopped" = 160 g (edible portion)."""

    amount: Decimal
    description: str
    grams: Decimal


class NutritionData(Protocol):
    def food(self, ndb_no: str) -> Food | None:
        """The SR28 food with this NDB number, or None."""
        ...

    def measures(self, ndb_no: str) -> FoodMeasures:
        """The food's household measures as canonical units (empty for an unknown food)."""
        ...

    def portions(self, ndb_no: str) -> list[PortionWeight]:
        """The food's SR28 portion weights, in SR28's order."""
        ...

    def linked(self, ingredient_id: str) -> str | None:
        """The ingredient master's `usda_sr28_ndb_no` link of an entry, or None."""
        ...

    @property
    def names(self) -> Sr28Names:
        """SR28 names indexed for matching and search."""
        ...

    def substitutions(self) -> list[Substitution]:
        """Every substitution rule of the data pack."""
        ...
