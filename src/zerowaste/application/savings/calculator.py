"""Savings of food lines, resolved through the reference and price catalogs (no storage).

The bridge between a recipe's parsed lines and the pure rules of `domain.savings.calculation`:
it looks each name's footprint and prices up through the ports and leaves every rule (weights,
bases, citations, what is missing) to the domain. Weights per piece are the caller's (USDA
portion weights, when the recipe parser knows them); none is assumed here.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from zerowaste.application.ports.prices import PriceCatalog
from zerowaste.application.ports.reference import ReferenceCatalog
from zerowaste.domain.savings.calculation import IngredientLine, Savings, calculate


@dataclass(frozen=True)
class FoodLine:
    """A food, its amount in any unit spelling the domain knows, and its weight per piece."""

    name: str
    quantity: Decimal | None
    unit: str | None
    grams_per_piece: Decimal | None = None


class SavingsCalculator:
    def __init__(self, reference: ReferenceCatalog, prices: PriceCatalog) -> None:
        self._reference = reference
        self._prices = prices

    def resolve(self, line: FoodLine) -> IngredientLine:
        return IngredientLine(
            name=line.name,
            quantity=line.quantity,
            unit=line.unit,
            footprint=self._reference.footprint(line.name),
            prices=tuple(self._prices.prices_for(line.name)),
            grams_per_piece=line.grams_per_piece,
        )

    def calculate(self, lines: Sequence[FoodLine]) -> Savings:
        """kg CO2e, litres of water and MXN of eating `lines` instead of wasting them."""
        return calculate([self.resolve(line) for line in lines])
