"""Savings of food lines, resolved through the reference and price catalogs (no storage).

The bridge between a recipe's parsed lines and the pure rules of `domain.savings.calculation`:
it looks each name's footprint and prices up through the ports and leaves every rule (weights,
bases, citations, what is missing) to the domain. Weights per piece are the caller's (USDA
portion weights, when the recipe parser knows them); none is assumed here. Foods the footprint
table lacks go to the fallback (AI estimates, `application.savings.estimates`) in one call.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from decimal import Decimal
from typing import Protocol

from zerowaste.application.ports.prices import PriceCatalog
from zerowaste.application.ports.reference import ReferenceCatalog
from zerowaste.domain.reference import Footprint
from zerowaste.domain.savings.calculation import IngredientLine, Savings, calculate
from zerowaste.domain.shared.text import folded


@dataclass(frozen=True)
class FoodLine:
    """A food, its amount in any unit spelling the domain knows, and its weight per piece."""

    name: str
    quantity: Decimal | None
    unit: str | None
    grams_per_piece: Decimal | None = None


class FootprintFallback(Protocol):
    """Footprints for foods the table lacks, by folded name (AI estimates, marked as such)."""

    def __call__(self, user_uid: str | None, names: Sequence[str]) -> dict[str, Footprint]: ...


class SavingsCalculator:
    def __init__(
        self,
        reference: ReferenceCatalog,
        prices: PriceCatalog,
        fallback: FootprintFallback | None = None,
    ) -> None:
        self._reference = reference
        self._prices = prices
        self._fallback = fallback

    def resolve(self, line: FoodLine) -> IngredientLine:
        return IngredientLine(
            name=line.name,
            quantity=line.quantity,
            unit=line.unit,
            footprint=self._reference.footprint(line.name),
            prices=tuple(self._prices.prices_for(line.name)),
            grams_per_piece=line.grams_per_piece,
        )

    def calculate(self, lines: Sequence[FoodLine], user_uid: str | None = None) -> Savings:
        """kg CO2e, litres of water and MXN of eating `lines` instead of wasting them; foods
        missing from the footprint table are estimated by the fallback when there is one."""
        resolved = [self.resolve(line) for line in lines]
        lacking = [r.name for r in resolved if r.footprint is None and r.quantity is not None]
        if self._fallback is not None and lacking:
            estimates = self._fallback(user_uid, list(dict.fromkeys(lacking)))
            resolved = [_estimated(r, estimates) for r in resolved]
        return calculate(resolved)


def _estimated(line: IngredientLine, estimates: dict[str, Footprint]) -> IngredientLine:
    estimate = estimates.get(folded(line.name)) if line.footprint is None else None
    if estimate is None:
        return line
    return replace(line, footprint=estimate, footprint_estimated=True)
