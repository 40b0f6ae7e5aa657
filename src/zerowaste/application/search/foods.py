"""Which catalog recipes use a food: an inverted index over the public catalog's lines (their
ingredient-master keys), rebuilt when the catalog's decoded copy changes. By-ingredients then
measures only the recipes that use at least one of the caller's foods (the engine would drop
the others anyway), instead of all 5,000."""

from __future__ import annotations

from collections.abc import Callable, Iterable

from zerowaste.domain.recipes.recipe import Recipe, RecipeIngredient


class RecipesByFood:
    def __init__(self, key_of: Callable[[RecipeIngredient], str | None]) -> None:
        self._key_of = key_of
        self._source: list[Recipe] | None = None
        self._by_food: dict[str, list[int]] = {}

    def using(self, catalog: list[Recipe], foods: Iterable[str]) -> list[Recipe]:
        """The catalog's recipes with a (non-optional) line of one of these foods, in catalog
        order."""
        if catalog is not self._source:
            self._build(catalog)
        rows = sorted({row for food in foods for row in self._by_food.get(food, [])})
        return [catalog[row] for row in rows]

    def _build(self, catalog: list[Recipe]) -> None:
        by_food: dict[str, list[int]] = {}
        for row, recipe in enumerate(catalog):
            keys = {self._key_of(line) for line in recipe.ingredients if not line.optional}
            for key in keys - {None}:
                by_food.setdefault(str(key), []).append(row)
        self._by_food, self._source = by_food, catalog
