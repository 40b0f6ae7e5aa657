"""Which catalog recipes use a food: an inverted index over the public catalog's lines (their
ingredient-master keys) and each recipe's food keys in line order, built once per decoded copy
of the catalog (one thread builds it, the others wait for it) and rebuilt when an import changes
the copy. By-ingredients then scores only the recipes that use at least one of the caller's
foods, from their keys alone (no line is measured for that), instead of all 5,000."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from zerowaste.domain.recipes.recipe import Recipe, RecipeIngredient
from zerowaste.domain.search.documents import SearchDoc, document


@dataclass(frozen=True)
class Candidate:
    recipe: Recipe
    foods: tuple[str, ...]  # its non-optional lines' food keys, in line order ("" unknown)
    doc: SearchDoc  # what the cheap filters read


class FoodIndex:
    """One decoded catalog's candidates and which of them use each food."""

    def __init__(self, candidates: list[Candidate]) -> None:
        self._candidates = candidates
        by_food: dict[str, list[int]] = {}
        for row, candidate in enumerate(candidates):
            for key in set(candidate.foods) - {""}:
                by_food.setdefault(key, []).append(row)
        self._by_food = by_food

    def using(self, foods: Iterable[str]) -> list[Candidate]:
        """The catalog's recipes with a (non-optional) line of one of these foods, in catalog
        order."""
        rows = sorted({row for food in foods for row in self._by_food.get(food, ())})
        return [self._candidates[row] for row in rows]


class RecipesByFood:
    def __init__(self, key_of: Callable[[RecipeIngredient], str | None]) -> None:
        self._key_of = key_of
        self._lock = threading.Lock()
        self._built: tuple[list[Recipe] | None, FoodIndex] = (None, FoodIndex([]))

    def candidate(self, recipe: Recipe) -> Candidate:
        foods = tuple(self._key_of(line) or "" for line in recipe.ingredients if not line.optional)
        return Candidate(recipe, foods, document(recipe, ""))

    def index(self, catalog: list[Recipe]) -> FoodIndex:
        """The index of this decoded catalog (built by the first thread that asks for it)."""
        source, index = self._built
        if catalog is source:
            return index
        with self._lock:
            source, index = self._built
            if catalog is not source:
                index = FoodIndex([self.candidate(r) for r in catalog])
                self._built = (catalog, index)
            return index
