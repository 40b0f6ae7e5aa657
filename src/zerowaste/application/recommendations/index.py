"""The public catalog as the recommender reads it, built once per catalog version: each recipe's
foods (the ingredient master's keys of its required lines, tap water left out) and, per food,
the recipes that use it (as an array of catalog rows), so that "which recipes use my stock" adds
up a few arrays instead of matching every line of 5,000 recipes on every request."""

from __future__ import annotations

import itertools
import threading
from collections import defaultdict
from collections.abc import Callable, Hashable
from typing import Generic, TypeVar

import numpy as np

from zerowaste.domain.recipes.engine import (
    PantryFood,
    Ranked,
    best,
    convert_units,
    rank_one,
    stock_of,
    weight,
)
from zerowaste.domain.recipes.recipe import Recipe, RecipeIngredient, is_tap_water
from zerowaste.domain.recommendations.neighbours import distinctive
from zerowaste.domain.shared.lru import BoundedLRU

T = TypeVar("T")

# Rankings kept per process. One is ~75 kB (100 candidates with every line's use: tracemalloc,
# 2026-12-01), so 512 of them grew a worker by ~40 MB under the soak. The answers computed from a
# pantry are kept anyway (RecommendationService's Answers), so a ranking serves only the other
# kind of answer (recipes or foods to buy) of the same stock.
MAX_PANTRIES = 64
# Each recipe's ranking against the stock of its own foods, kept per process: a write changes
# one food of a pantry, so the next ranking of that pantry recomputes only the candidates that
# use it (~750 bytes each; 8,192 are ~6 MB).
MAX_RECIPE_RANKINGS = 8192
_UNRANKED = object()  # kept for a recipe that uses too little of the stock
MAX_FOOD_STATES = 65_536  # numbered food states kept (~10 MB) before the numbering starts over


class CatalogIndex:
    def __init__(self, recipes: list[Recipe], key_of: Callable[[RecipeIngredient], str]) -> None:
        self.recipes = recipes
        self.by_uid = {r.uid: r for r in recipes}
        self.foods: dict[str, frozenset[str]] = {}
        self.names: dict[str, dict[str, str]] = {}  # uid -> food key -> line name
        # uid -> the keys (`key_of(line) or ""`) of its required lines, as the engine reads them
        self.stock_keys: dict[str, tuple[str, ...]] = {}
        using: dict[str, list[Recipe]] = defaultdict(list)
        for recipe in recipes:
            names = {
                key_of(line): line.name
                for line in recipe.ingredients
                if not line.optional and not is_tap_water(line.name)
            }
            self.names[recipe.uid] = names
            self.stock_keys[recipe.uid] = tuple(
                sorted({key_of(line) or "" for line in recipe.ingredients if not line.optional})
            )
            self.foods[recipe.uid] = frozenset(names)
            for key in names:
                using[key].append(recipe)
        self.using = dict(using)
        row = {r.uid: n for n, r in enumerate(recipes)}
        # Per food, the catalog rows of the recipes using it (ascending: the catalog's order);
        # per row, the count of its foods (at least 1: a recipe with none is never touched).
        self._rows = {k: np.array([row[r.uid] for r in rs], np.intp) for k, rs in using.items()}
        self._sizes = np.array([max(1, len(self.foods[r.uid])) for r in recipes], np.float64)
        self._distinctive: dict[str, dict[str, str]] = {}

    def distinctive(self, uid: str) -> dict[str, str]:
        """The recipe's foods less the staples (`neighbours.distinctive`), kept once asked."""
        found = self._distinctive.get(uid)
        if found is None:
            found = self._distinctive[uid] = distinctive(self.names[uid])
        return found

    def most_urgent(self, pantry: list[PantryFood], count: int) -> list[Recipe]:
        """The `count` recipes the stock engine would rank first, found through the index: the
        engine's score (`engine.weight` of each food in stock it uses, times (1 + coverage) / 2)
        from the foods alone, before the engine ranks these few with their amounts. Ties go to
        the recipe a food of the pantry reached first (pantry order, then catalog order)."""
        size = len(self.recipes)
        saved = np.zeros(size)
        covered = np.zeros(size)
        first = np.full(size, np.iinfo(np.int64).max, np.int64)
        for position, food in enumerate(pantry):
            rows = self._rows.get(food.key) if food.days_left >= 0 else None
            if rows is None:
                continue
            saved[rows] += float(weight(food.days_left))
            covered[rows] += 1
            first[rows] = np.minimum(first[rows], position * size + rows)
        touched = np.flatnonzero(covered)
        score = saved[touched] * (1 + covered[touched] / self._sizes[touched])
        order = np.lexsort((first[touched], -score))[:count]
        return [self.recipes[row] for row in touched[order]]


class IndexCache:
    """One index per process, rebuilt when the catalog's decoded copy changes; and the stock
    engine's ranking of the last `MAX_PANTRIES` pantries (a pantry is its foods, amounts and
    days left: the same stock on the same day ranks the same), as stock changes far less often
    than recommendations are read."""

    def __init__(self, key_of: Callable[[RecipeIngredient], str]) -> None:
        self._key_of = key_of
        self._built: tuple[list[Recipe], CatalogIndex] | None = None
        self._ranked: BoundedLRU[tuple[PantryFood, ...], list[Ranked]] = BoundedLRU(MAX_PANTRIES)
        self._one: BoundedLRU[Hashable, object] = BoundedLRU(MAX_RECIPE_RANKINGS)
        # A number per state of a food (never reused), so that a recipe's kept ranking is found
        # by a few small ints instead of hashing and comparing its foods' states each time.
        self._codes: dict[PantryFood, int] = {}
        self._numbers = itertools.count(1)

    def of(self, recipes: list[Recipe]) -> CatalogIndex:
        if self._built is None or self._built[0] is not recipes:
            self._built = (recipes, CatalogIndex(recipes, self._key_of))
            self._ranked.clear()
            self._one.clear()
        return self._built[1]

    def urgent(self, index: CatalogIndex, pantry: list[PantryFood], count: int) -> list[Ranked]:
        """The engine's best `count` recipes for this pantry (`engine.rank`, amounts included),
        each candidate's ranking kept by the stock of its own foods (`engine.rank_one`)."""
        signature = tuple(pantry)
        found = self._ranked.get(signature)
        if found is None:
            stock = stock_of(pantry)
            codes = self._codes_of(stock)
            ranked = (
                self._rank_one(index, r, stock, codes) for r in index.most_urgent(pantry, count)
            )
            found = best([r for r in ranked if r is not None], count)
            self._ranked.put(signature, found)
        return found

    def _codes_of(self, stock: dict[str, PantryFood]) -> dict[str, int]:
        if len(self._codes) > MAX_FOOD_STATES:  # numbers are never reused: old keys just miss
            self._codes = {}
        codes = {}
        for key, food in stock.items():
            number = self._codes.get(food)
            if number is None:
                number = self._codes[food] = next(self._numbers)
            codes[key] = number
        return codes

    def _rank_one(
        self,
        index: CatalogIndex,
        recipe: Recipe,
        stock: dict[str, PantryFood],
        codes: dict[str, int],
    ) -> Ranked | None:
        key = (recipe.uid, tuple([codes.get(k, 0) for k in index.stock_keys[recipe.uid]]))
        kept = self._one.get(key)
        if kept is None:
            kept = rank_one(recipe, stock, self._key_of, convert_units) or _UNRANKED
            self._one.put(key, kept)
        return kept if isinstance(kept, Ranked) else None


class Answers(Generic[T]):
    """Each user's last answer for one catalog, with what it was computed from (`key`): a read
    with the same inputs gets the very same answer object again; any other input replaces it,
    since an answer for a pantry, history or day the user has left is never asked for again. At
    most `size` users are kept (the least recent leave first), so the memory follows the users a
    process serves, not the writes they make; a new catalog forgets them all. (Kept by input,
    1,024 of each kind, a 20-minute soak filled the cache with the answers of every pantry each
    user went through: the workers grew for as long as it ran.)"""

    def __init__(self, size: int) -> None:
        self._catalog: CatalogIndex | None = None  # the catalog the kept answers are for
        # Each entry names its catalog, so a read takes one lock (the LRU's) and checks it.
        self._kept: BoundedLRU[str, tuple[CatalogIndex, Hashable, T]] = BoundedLRU(size)
        self._switch = threading.Lock()  # taken only when a new catalog arrives

    def get(self, catalog: CatalogIndex, user_uid: str, key: Hashable) -> T | None:
        kept = self._kept.get(user_uid)
        if kept is None or kept[0] is not catalog or kept[1] != key:
            return None
        return kept[2]

    def put(self, catalog: CatalogIndex, user_uid: str, key: Hashable, answer: T) -> T:
        if catalog is not self._catalog:
            with self._switch:
                if catalog is not self._catalog:
                    self._catalog = catalog
                    self._kept.clear()  # the old catalog's answers (and arrays) are let go
        self._kept.put(user_uid, (catalog, key, answer))
        return answer

    def __len__(self) -> int:
        return len(self._kept)
