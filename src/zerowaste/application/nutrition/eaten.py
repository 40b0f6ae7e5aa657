"""What a user eats from stock, in their food log (`POST .../consume`, not wasted, not cooked:
a cooked recipe logs itself, `cooked.py`).

The amount eaten is weighed and matched to SR28 like a recipe line (`NutritionCalculator.line`):
"200 g de arroz" logs 200 g of rice's figures. A food SR28 cannot match or weigh (a prepared
dish, "3 unidades" of something without a piece weight) is not logged: the log never holds a
guess, and the consume itself never fails for it. The meal is the hour's (before 11:00
breakfast, before 16:00 lunch, else dinner; UTC, as for cooked recipes). The entry is written in
the consume's own transaction (`InventoryService`), so stock and log never disagree.
"""

from __future__ import annotations

import logging
from datetime import datetime
from decimal import Decimal

from zerowaste.application.intake.service import NutritionTracking
from zerowaste.application.nutrition.calculator import NutritionCalculator, NutritionLine
from zerowaste.application.nutrition.cooked import meal_of
from zerowaste.domain.intake.log import FoodLogEntry
from zerowaste.domain.nutrition.calculation import Unmatched
from zerowaste.domain.shared.errors import InvalidInput

log = logging.getLogger(__name__)


class EatenFoodLog:
    def __init__(self, calculator: NutritionCalculator, tracking: NutritionTracking) -> None:
        self._calculator = calculator
        self._tracking = tracking

    def entry_for(
        self, name: str, quantity: Decimal, unit: str, at: datetime
    ) -> FoodLogEntry | None:
        """The checked entry of what was eaten, or None when it is not to be logged."""
        found = self._calculator.line(NutritionLine(name=name, quantity=quantity, unit=unit))
        if isinstance(found, Unmatched):
            log.info("eaten %s not logged: %s", name, found.reason)
            return None
        figures = found.nutrients
        entry = FoodLogEntry(
            day=at.date(),
            meal_type=meal_of("", at),
            name=name[:200],
            kcal=figures.get("energy_kcal") or 0.0,
            protein_g=figures.get("protein_g") or 0.0,
            fat_g=figures.get("fat_g") or 0.0,
            carbs_g=figures.get("carbs_g") or 0.0,
            source="consumed",
        )
        try:
            return self._tracking.checked(entry)
        except InvalidInput as refused:
            log.warning("eaten %s not logged: %s", name, refused.message)
            return None
