"""The public catalog as the recommender reads it, built once per catalog version: each recipe's
foods (the ingredient master's keys of its required lines, tap water left out) and, per food,
the recipes that use it, so that "which recipes use my stock" reads a few lists instead of
matching every line of 5,000 recipes on every request."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable

from zerowaste.domain.recipes.recipe import Recipe, RecipeIngredient, is_tap_water


class CatalogIndex:
    def __init__(self, recipes: list[Recipe], key_of: Callable[[RecipeIngredient], str]) -> None:
        self.recipes = recipes
        self.by_uid = {r.uid: r for r in recipes}
        self.foods: dict[str, frozenset[str]] = {}
        self.names: dict[str, dict[str, str]] = {}  # uid -> food key -> line name
        using: dict[str, list[Recipe]] = defaultdict(list)
        for recipe in recipes:
            names = {
                key_of(line): line.name
                for line in recipe.ingredients
                if not line.optional and not is_tap_water(line.name)
            }
            self.names[recipe.uid] = names
            self.foods[recipe.uid] = frozenset(names)
            for key in names:
                using[key].append(recipe)
        self.using = dict(using)

    def using_any(self, keys: list[str]) -> list[Recipe]:
        """The recipes that use at least one of these foods, in catalog order."""
        wanted = {r.uid for key in keys for r in self.using.get(key, ())}
        return [r for r in self.recipes if r.uid in wanted]


class IndexCache:
    """One index per process, rebuilt when the catalog's decoded copy changes."""

    def __init__(self, key_of: Callable[[RecipeIngredient], str]) -> None:
        self._key_of = key_of
        self._built: tuple[list[Recipe], CatalogIndex] | None = None

    def of(self, recipes: list[Recipe]) -> CatalogIndex:
        if self._built is None or self._built[0] is not recipes:
            self._built = (recipes, CatalogIndex(recipes, self._key_of))
        return self._built[1]
