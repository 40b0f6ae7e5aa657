"""Making a list item from a name and an amount: the food's master key, its aisle, and a price
estimate from the price port (PROFECO medians in MXN, cited with their dates).

The estimate is what the amount costs at the median price in the basis the amount reaches (per
kg, litre, piece or bunch; pieces weigh their USDA portion weight when the food is priced by
weight): the savings feature's money rule (`domain.savings.calculation`), so a list and a
recipe's savings price the same food alike. No price, or an amount no price basis reaches:
no estimate (None), never a guess.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal

from zerowaste.application.ports.prices import PriceCatalog
from zerowaste.application.ports.recipe_lines import FoodMeasuresSource
from zerowaste.application.ports.reference import ReferenceCatalog
from zerowaste.domain.recipes.conversion import FoodMeasures
from zerowaste.domain.savings.calculation import IngredientLine, calculate
from zerowaste.domain.shopping.aisles import aisle_of
from zerowaste.domain.shopping.lists import ItemSource, ShoppingItem


@dataclass(frozen=True)
class Estimate:
    mxn: Decimal | None
    source: str | None


class ItemFactory:
    def __init__(
        self,
        catalog: ReferenceCatalog,
        prices: PriceCatalog,
        measures: FoodMeasuresSource,
        key_of: Callable[[str], str],
    ) -> None:
        self._catalog = catalog
        self._prices = prices
        self._measures = measures
        self._key_of = key_of

    def key(self, name: str) -> str:
        return self._key_of(name)

    def measures(self, key: str) -> FoodMeasures | None:
        return self._measures.measures(key)

    def make(
        self,
        name: str,
        quantity: Decimal | None,
        unit: str | None,
        *,
        source: ItemSource = "manual",
        added_by: str | None = None,
        note: str = "",
    ) -> ShoppingItem:
        key = self._key_of(name)
        match = self._catalog.match(name)
        estimate = self.estimate(name, key, quantity, unit)
        return ShoppingItem(
            id=None,
            name=name,
            food_key=key,
            quantity=quantity,
            unit=unit,
            aisle=aisle_of(match.category if match else None)[0],
            source=source,
            note=note,
            price_mxn=estimate.mxn,
            price_source=estimate.source,
            added_by=added_by,
        )

    def estimate(self, name: str, key: str, quantity: Decimal | None, unit: str | None) -> Estimate:
        prices = tuple(self._prices.prices_for(name))
        if not prices or quantity is None or unit is None:
            return Estimate(None, None)
        food = self._measures.measures(key)
        piece = food.portion("unit") if food else None
        line = IngredientLine(name, quantity, unit, None, prices, piece.grams if piece else None)
        cost = calculate([line]).cost
        if cost.value is None:
            return Estimate(None, None)
        return Estimate(Decimal(str(cost.value)), cost.source)
