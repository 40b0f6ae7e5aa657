"""Cooking a recipe (`POST /api/recipes/<uid>/cook`): take what it needs from the household's
stock (through the inventory's StockCooking: all or nothing, FEFO, journal reason `cooked`) and
record the cook in the household's history, the savings, and one serving in the cook's food
log (the cook ate one serving of what they cooked, whatever the servings: the others may be
anyone's).

Amounts scale with the servings asked for when the recipe says how many it serves. Lines with no
amount ("salt to taste") or an amount in a unit the domain does not know are not deducted; the
answer lists them. Two lines of one food are summed before stock is checked.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal

from zerowaste.application.inventory.cooking import NeededFood, StockCooking
from zerowaste.application.ports.clock import Clock
from zerowaste.application.ports.uow import UnitOfWorkFactory
from zerowaste.application.recipes.ports import (
    CookedMeals,
    CookedSavings,
    CookRecord,
    RecipesUnitOfWork,
)
from zerowaste.domain.inventory.items import JournalEntry
from zerowaste.domain.recipes.recipe import (
    Recipe,
    RecipeIngredient,
    RecipeNotFound,
    is_tap_water,
)
from zerowaste.domain.shared import units
from zerowaste.domain.shared.errors import InvalidInput, NotFound

MAX_SERVINGS = 100


@dataclass(frozen=True)
class Cooked:
    recipe: Recipe
    servings: int | None
    taken: list[JournalEntry]
    not_deducted: list[RecipeIngredient] = field(default_factory=list)
    cooked_at: datetime | None = None
    cook_id: str = ""
    savings: dict[str, float] = field(default_factory=dict)


class RecipeCooking:
    def __init__(
        self,
        uow_factory: UnitOfWorkFactory[RecipesUnitOfWork],
        clock: Clock,
        stock: StockCooking,
        key_of: Callable[[str], str],
        savings: CookedSavings | None = None,
        meals: CookedMeals | None = None,
        new_id: Callable[[], str] = lambda: uuid.uuid4().hex,
    ) -> None:
        self._uow_factory = uow_factory
        self._clock = clock
        self._stock = stock
        self._key_of = key_of
        self._savings = savings
        self._meals = meals
        self._new_id = new_id

    def cook(self, user_uid: str, uid: str, servings: int | None) -> Cooked:
        if servings is not None and not 1 <= servings <= MAX_SERVINGS:
            raise InvalidInput("servings must be between 1 and 100", code="invalid_servings")
        with self._uow_factory.read() as uow:
            user = uow.users.get(user_uid)
            if user is None:
                raise NotFound("Profile not found", code="profile_not_found")
            recipe = uow.recipes.get(uid)
        if recipe is None or not (recipe.is_public or recipe.household_id == user.household_id):
            raise RecipeNotFound("Recipe not found")
        scale = Decimal(servings) / recipe.servings if servings and recipe.servings else Decimal(1)
        needs, skipped = self._needs(recipe, scale)
        taken = self._stock.take(user_uid, needs, recipe.title) if needs else []
        now = self._clock.now()
        record = CookRecord(self._new_id(), recipe.uid, recipe.title, servings, now)
        with self._uow_factory() as uow:
            uow.cooks.add(user.household_id, user_uid, record)
            uow.commit()
        saved = self._savings.record_cooked(user_uid, recipe, scale) if self._savings else {}
        if self._meals is not None:
            self._meals.record_cooked(user_uid, recipe, now)
        return Cooked(recipe, servings, taken, skipped, now, record.id, saved)

    def _needs(
        self, recipe: Recipe, scale: Decimal
    ) -> tuple[list[NeededFood], list[RecipeIngredient]]:
        needs: dict[str, NeededFood] = {}
        skipped: list[RecipeIngredient] = []
        for line in recipe.ingredients:
            # "3 eggs": an amount without a unit counts pieces.
            unit = _unit(line.unit) if line.unit else ("unit" if line.quantity else None)
            if (
                line.optional
                or line.quantity is None
                or line.quantity <= 0
                or unit is None
                or is_tap_water(line.name)
            ):
                skipped.append(line)  # to taste, no amount, or tap water: not from stock
                continue
            key = line.food_key or self._key_of(line.name)
            amount = line.quantity * scale
            known = needs.get(key)
            grams = None if line.grams is None else line.grams * scale
            if known is None:
                needs[key] = NeededFood(key, line.name, amount, unit, grams)
                continue
            try:
                more = units.convert(units.parse_quantity(amount, unit), known.unit).amount
            except InvalidInput:
                skipped.append(line)  # the same food in a unit that does not convert
                continue
            weight = None if known.grams is None or grams is None else known.grams + grams
            needs[key] = NeededFood(key, known.name, known.quantity + more, known.unit, weight)
        return list(needs.values()), skipped


def _unit(raw: str | None) -> str | None:
    if not raw:
        return None
    try:
        return units.normalize_unit(raw)
    except InvalidInput:
        return None
