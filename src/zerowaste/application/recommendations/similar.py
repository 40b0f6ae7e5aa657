"""Recipes similar to one (`GET /api/recommendations/recipe/<uid>`): from the search vectors and
the foods in common, blended as `domain.recommendations.neighbours` defines.

The recipe asked about must be one the caller can see (the public catalog or their household's
own); anything else is "not found", as an unknown uid. Candidates are the recipes the search
index finds nearest to its vector and the recipes that share one of its (non-staple) foods,
among the public catalog and the caller's household's own recipes only (the index's
visibility mask; the household's `OWN_RECIPES` newest saved and generated ones). Left out: the
recipe itself and its copies (the same title stem, `similarity.title_stem`), what the caller
said they dislike or are not interested in (recommendation feedback), and whatever the profile's
allergies, diets and cooking level rule out (`recipes.suitability`, as every picker).

Thousands of candidates (a common food is in a fifth of a 5,000-recipe catalog) are scored from
the blend's parts first: the idf² of the foods each shares, summed over each food's recipe list,
the cosines of the candidates only (those below the index's similarity floor count 0, as
unrelated text), and each catalog recipe's food vector kept per catalog; the best `SHORTLIST`
are then ranked exactly (`neighbours.ranked`), their shared foods named, and checked against the
profile. Only when the profile rules out nearly all of them is every candidate ranked.
"""

from __future__ import annotations

import heapq
from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass

from zerowaste.application.ports.uow import UnitOfWorkFactory
from zerowaste.application.recipes.catalog import PublicCatalog
from zerowaste.application.recipes.foods import FoodKeys
from zerowaste.application.recipes.ports import RecipeFilter
from zerowaste.application.recipes.suitability import Diners, Picked, Suitability, diners
from zerowaste.application.recommendations.index import CatalogIndex, IndexCache
from zerowaste.application.recommendations.ports import RecommendationsUnitOfWork
from zerowaste.application.search.indexing import SearchIndexer
from zerowaste.domain.accounts.users import User
from zerowaste.domain.recipes.recipe import Recipe, RecipeIngredient, RecipeNotFound
from zerowaste.domain.recommendations.neighbours import (
    FoodVector,
    Neighbour,
    Rarity,
    Similar,
    blend,
    food_vector,
    ranked,
)
from zerowaste.domain.recommendations.neighbours import reasons as reasons_for
from zerowaste.domain.recommendations.signals import NEGATIVE
from zerowaste.domain.recommendations.similarity import title_stem
from zerowaste.domain.search.ranking import SearchFilters
from zerowaste.domain.shared.errors import InvalidInput

MAX_LIMIT = 50
NEAREST = 100  # the candidates by vector alone (sharing no food)
OWN_RECIPES = 500
CHUNK = 50  # ranked candidates checked for suitability at a time
SHORTLIST = 200  # candidates ranked exactly (their shared foods named) before the profile's checks


@dataclass(frozen=True)
class SimilarRecipe:
    recipe: Recipe
    score: float
    reasons: list[str]
    shared_foods: list[str]

    @property
    def reason(self) -> str:
        return self.reasons[0]


@dataclass(frozen=True)
class _Pool:
    recipes: dict[str, Recipe]
    cosines: dict[str, float]  # uid -> cosine to the recipe asked about (above the floor)
    common: dict[str, float]  # uid -> sum of idf² of the foods it shares with it
    norm: float  # the recipe asked about's food vector's


@dataclass(frozen=True)
class _Read:
    who: Diners
    source: Recipe
    catalog: CatalogIndex
    own: CatalogIndex
    refused: set[str]

    @property
    def user(self) -> User:
        return self.who.user


class SimilarRecipes:
    def __init__(
        self,
        uow_factory: UnitOfWorkFactory[RecommendationsUnitOfWork],
        indexer: SearchIndexer,
        suitable: Suitability,
        keys: FoodKeys,
        public: PublicCatalog,
    ) -> None:
        self._uow_factory = uow_factory
        self._indexer = indexer
        self._suitable = suitable
        self._keys = keys
        self._public = public
        self._indexes = IndexCache(self._line_key)
        self._per_catalog: _PerCatalog | None = None

    def of(self, user_uid: str, recipe_uid: str, limit: int = 10) -> Picked[list[SimilarRecipe]]:
        """The `limit` recipes most like `recipe_uid` the caller may be offered, best first."""
        if not 1 <= limit <= MAX_LIMIT:
            raise InvalidInput("limit must be 1..50", code="invalid_limit")
        read = self._read(user_uid, recipe_uid)
        foods = _foods(read, recipe_uid)
        known = self._known(read.catalog)
        pool = self._pool(read, recipe_uid, foods, known)
        candidates, best = self._ranked(read, foods, known, pool, SHORTLIST)
        chosen = self._suitable_first(best, candidates, read.user, limit)
        if len(chosen) < limit and len(pool.recipes) > SHORTLIST:  # a strict profile
            candidates, best = self._ranked(read, foods, known, pool, len(pool.recipes))
            chosen = self._suitable_first(best, candidates, read.user, limit)
        language = read.user.profile.language or "es"
        found = [
            SimilarRecipe(candidates[s.uid], s.score, reasons_for(s, language), list(s.shared))
            for s in chosen
        ]
        return Picked(found, read.who.avoided())

    def _pool(
        self, read: _Read, recipe_uid: str, foods: Mapping[str, str], known: _PerCatalog
    ) -> _Pool:
        """The recipes nearest by vector or sharing a food, less the recipe itself, its copies
        and what the caller refused, with their cosines and shared foods' idf²."""
        index = self._indexer.refresh()
        vector = index.vector_of(recipe_uid)
        nearest: dict[str, float] = {}
        if vector is not None:
            _, found = index.search([], vector, read.user.household_id, SearchFilters(), NEAREST)
            nearest = {s.uid: s.score for s in found}
        mine = food_vector(foods, known.rarity)
        common: dict[str, float] = defaultdict(float)
        for key in mine.foods:
            weight = known.rarity(key) ** 2
            for catalog in (read.catalog, read.own):
                for using in catalog.using.get(key, ()):
                    common[using.uid] += weight
        stem = title_stem(read.source.title)
        recipes: dict[str, Recipe] = {}
        for uid in dict.fromkeys([*nearest, *common]):
            if uid == recipe_uid or uid in read.refused:
                continue
            found_recipe = read.catalog.by_uid.get(uid) or read.own.by_uid.get(uid)
            if found_recipe is not None and not (stem and known.stem(found_recipe) == stem):
                recipes[uid] = found_recipe
        others = [uid for uid in recipes if uid not in nearest]
        cosines = {**(index.cosines(vector, others) if vector is not None else {}), **nearest}
        return _Pool(recipes, cosines, common, mine.norm)

    def _ranked(
        self, read: _Read, foods: Mapping[str, str], known: _PerCatalog, pool: _Pool, count: int
    ) -> tuple[dict[str, Recipe], list[Similar]]:
        """The best `count` of the pool by the blend from its parts, ranked exactly."""

        def blended(uid: str) -> float:
            theirs = self._vector(read, known, uid)
            return blend(
                pool.cosines.get(uid, 0.0), pool.common.get(uid, 0.0), pool.norm, theirs.norm
            )

        short = heapq.nlargest(count, pool.recipes, key=blended)
        neighbours = [
            Neighbour(
                uid,
                pool.recipes[uid].title,
                pool.cosines.get(uid, 0.0),
                _foods(read, uid),
                self._vector(read, known, uid),
            )
            for uid in short
        ]
        best = ranked(foods, neighbours, count, known.rarity)
        return {uid: pool.recipes[uid] for uid in short}, best

    def _vector(self, read: _Read, known: _PerCatalog, uid: str) -> FoodVector:
        if uid in read.catalog.by_uid:
            return known.vector(uid, _foods(read, uid))
        return food_vector(_foods(read, uid), known.rarity)

    def _read(self, user_uid: str, recipe_uid: str) -> _Read:
        with self._uow_factory.read() as uow:
            who = diners(uow.users, user_uid)
            user = who.user
            source = uow.recipes.get(recipe_uid)
            if source is None or not (source.is_public or source.household_id == user.household_id):
                raise RecipeNotFound("Recipe not found")
            catalog = self._indexes.of(self._public.recipes(uow))
            own = uow.recipes.visible(
                user.household_id, RecipeFilter(sources=("saved", "generated")), OWN_RECIPES, 0
            ).recipes
            refused = {f.recipe_uid for f in uow.feedback.of_user(user_uid) if f.kind in NEGATIVE}
        if not source.is_public and source.uid not in {r.uid for r in own}:
            own = [source, *own]
        return _Read(who, source, catalog, CatalogIndex(own, self._line_key), refused)

    def _suitable_first(
        self, best: list[Similar], recipes: Mapping[str, Recipe], user: User, limit: int
    ) -> list[Similar]:
        """The first `limit` of `best` the profile allows (checked a chunk at a time)."""
        chosen: list[Similar] = []
        for start in range(0, len(best), CHUNK):
            chunk = best[start : start + CHUNK]
            allowed = {r.uid for r in self._suitable([recipes[s.uid] for s in chunk], user)}
            chosen += [s for s in chunk if s.uid in allowed]
            if len(chosen) >= limit:
                break
        return chosen[:limit]

    def _known(self, catalog: CatalogIndex) -> _PerCatalog:
        known = self._per_catalog
        if known is None or known.catalog is not catalog:
            known = self._per_catalog = _PerCatalog(catalog)
        return known

    def _line_key(self, line: RecipeIngredient) -> str:
        return line.food_key or self._keys(line.name)


class _PerCatalog:
    """What ranking needs of each catalog recipe, computed the first time it is a candidate and
    kept for the catalog's life (a common food makes a thousand of the 5,000 recipes candidates
    on every request): its title's stem, its foods' TF-IDF vector, and the foods' idf."""

    def __init__(self, catalog: CatalogIndex) -> None:
        self.catalog = catalog
        self.rarity = Rarity(len(catalog.recipes), catalog.using)
        self._stems: dict[str, frozenset[str]] = {}
        self._vectors: dict[str, FoodVector] = {}

    def stem(self, recipe: Recipe) -> frozenset[str]:
        if recipe.uid not in self.catalog.by_uid:
            return title_stem(recipe.title)
        found = self._stems.get(recipe.uid)
        if found is None:
            found = self._stems[recipe.uid] = title_stem(recipe.title)
        return found

    def vector(self, uid: str, foods: Mapping[str, str]) -> FoodVector:
        found = self._vectors.get(uid)
        if found is None:
            found = self._vectors[uid] = food_vector(foods, self.rarity)
        return found


def _foods(read: _Read, uid: str) -> dict[str, str]:
    return read.catalog.names.get(uid) or read.own.names.get(uid) or {}
