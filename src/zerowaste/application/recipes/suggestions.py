"""Catalog recipes for what a household has about to expire: the local recipe engine
(`domain.recipes.engine.rank`, then `domain.recipes.preferences.preferred_first`), with no AI
call and no AI budget, for the daily suggestion notification.

Only the public catalog is offered, filtered by the user's allergies, diet and cooking level
(`Suitability`). The catalog is indexed once per version (food key -> recipes using it), so a
user's candidates are only the recipes using one of their expiring foods: the cost per user
follows what they have expiring, not the catalog's size. The recipes using the most of the
expiring foods come first; among those, the engine's order (most urgent food saved, least
shopping) with the user's language and liked foods boosted.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from zerowaste.application.ports.uow import UnitOfWorkFactory
from zerowaste.application.recipes.catalog import PublicCatalog
from zerowaste.application.recipes.foods import FoodKeys
from zerowaste.application.recipes.ports import RecipesUnitOfWork
from zerowaste.application.recipes.suitability import Suitability
from zerowaste.domain.accounts.users import User
from zerowaste.domain.recipes.engine import PantryFood, Ranked, convert_units, rank
from zerowaste.domain.recipes.preferences import Likes, preferred_first
from zerowaste.domain.recipes.recipe import Recipe, RecipeIngredient


@dataclass(frozen=True)
class ExpiringFood:
    name: str
    days_left: int  # 0: expires today


class ExpirySuggestions:
    def __init__(
        self,
        uow_factory: UnitOfWorkFactory[RecipesUnitOfWork],
        keys: FoodKeys,
        public: PublicCatalog,
        suitable: Suitability,
    ) -> None:
        self._uow_factory = uow_factory
        self._keys = keys
        self._public = public
        self._suitable = suitable
        self._indexed: list[Recipe] | None = None
        self._by_food: dict[str, list[Recipe]] = {}

    def refresh(self) -> None:
        """Read the catalog (one version query while it is unchanged); re-index a new one."""
        with self._uow_factory.read() as uow:
            catalog = self._public.recipes(uow)
        if catalog is self._indexed:
            return
        by_food: dict[str, list[Recipe]] = {}
        for recipe in catalog:
            keys = {self._line_key(line) for line in recipe.ingredients if not line.optional}
            for key in keys - {None}:
                by_food.setdefault(str(key), []).append(recipe)
        self._indexed, self._by_food = catalog, by_food

    def suggest(
        self, user: User, foods: Iterable[ExpiringFood], language: str, count: int
    ) -> list[Ranked]:
        """The best `count` catalog recipes for these expiring foods (call `refresh` first)."""
        pantry: dict[str, PantryFood] = {}
        for food in sorted(foods, key=lambda f: (f.days_left, f.name.casefold())):
            key = self._keys(food.name)
            if key not in pantry:  # a food's soonest stack counts
                pantry[key] = PantryFood(key, food.name, Decimal(0), "", food.days_left)
        seen: dict[str, Recipe] = {}
        for key in pantry:
            for recipe in self._by_food.get(key, []):
                seen.setdefault(recipe.uid, recipe)
        allowed = self._suitable(list(seen.values()), user)
        ranked = rank(
            allowed, list(pantry.values()), self._line_key, convert_units, limit=len(allowed)
        )
        likes = Likes.of(language, user.profile.preferred_food_types, self._keys)
        ordered = preferred_first(ranked, likes, self._line_key, len(ranked))
        ordered.sort(key=lambda r: -len({u.food.key for u in r.covered if u.food}))  # stable
        return ordered[:count]

    def _line_key(self, line: RecipeIngredient) -> str | None:
        return line.food_key or self._keys(line.name)
