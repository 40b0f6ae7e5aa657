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

Cosines are read from the index's best `COSINES` by vector (those above the index's similarity
floor); a candidate outside them counts a cosine of 0, as unrelated text.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from zerowaste.application.ports.uow import UnitOfWorkFactory
from zerowaste.application.recipes.catalog import PublicCatalog
from zerowaste.application.recipes.foods import FoodKeys
from zerowaste.application.recipes.ports import RecipeFilter
from zerowaste.application.recipes.suitability import Suitability
from zerowaste.application.recommendations.index import CatalogIndex, IndexCache
from zerowaste.application.recommendations.ports import RecommendationsUnitOfWork
from zerowaste.application.search.indexing import SearchIndexer
from zerowaste.domain.accounts.users import User
from zerowaste.domain.recipes.recipe import Recipe, RecipeIngredient, RecipeNotFound
from zerowaste.domain.recommendations.neighbours import (
    Neighbour,
    Rarity,
    Similar,
    distinctive,
    ranked,
)
from zerowaste.domain.recommendations.neighbours import reasons as reasons_for
from zerowaste.domain.recommendations.signals import NEGATIVE
from zerowaste.domain.recommendations.similarity import title_stem
from zerowaste.domain.search.ranking import SearchFilters
from zerowaste.domain.shared.errors import InvalidInput, NotFound

MAX_LIMIT = 50
COSINES = 1000  # the index's nearest recipes whose cosine counts
NEAREST = 100  # of those, the candidates by vector alone (sharing no food)
OWN_RECIPES = 500
CHUNK = 50  # ranked candidates checked for suitability at a time


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
class _Read:
    user: User
    source: Recipe
    catalog: CatalogIndex
    own: CatalogIndex
    refused: set[str]


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
        self._rarity: tuple[CatalogIndex, Rarity] | None = None  # per catalog, its foods' idf

    def of(self, user_uid: str, recipe_uid: str, limit: int = 10) -> list[SimilarRecipe]:
        """The `limit` recipes most like `recipe_uid` the caller may be offered, best first."""
        if not 1 <= limit <= MAX_LIMIT:
            raise InvalidInput("limit must be 1..50", code="invalid_limit")
        read = self._read(user_uid, recipe_uid)
        foods = _foods(read, recipe_uid)
        cosines = self._cosines(recipe_uid, read.user.household_id)
        pool = dict.fromkeys([*list(cosines)[:NEAREST], *self._sharing(read, foods)])
        stem = title_stem(read.source.title)
        candidates = {
            uid: recipe
            for uid in pool
            if (recipe := _recipe(read, uid)) is not None
            and uid != recipe_uid
            and uid not in read.refused
            and not (stem and title_stem(recipe.title) == stem)
        }
        neighbours = [
            Neighbour(uid, r.title, cosines.get(uid, 0.0), _foods(read, uid))
            for uid, r in candidates.items()
        ]
        best = ranked(foods, neighbours, len(neighbours), self._rarity_of(read.catalog))
        language = read.user.profile.language or "es"
        return [
            SimilarRecipe(candidates[s.uid], s.score, reasons_for(s, language), list(s.shared))
            for s in self._suitable_first(best, candidates, read.user, limit)
        ]

    def _read(self, user_uid: str, recipe_uid: str) -> _Read:
        with self._uow_factory.read() as uow:
            user = uow.users.get(user_uid)
            if user is None:
                raise NotFound("Profile not found", code="profile_not_found")
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
        return _Read(user, source, catalog, CatalogIndex(own, self._line_key), refused)

    def _cosines(self, recipe_uid: str, household_id: str) -> dict[str, float]:
        """Uid -> cosine of the nearest recipes the household may see, nearest first."""
        index = self._indexer.refresh()
        vector = index.vector_of(recipe_uid)
        if vector is None:
            return {}
        _, nearest = index.search([], vector, household_id, SearchFilters(), COSINES)
        return {s.uid: s.score for s in nearest}

    def _sharing(self, read: _Read, foods: Mapping[str, str]) -> list[str]:
        """The catalog's and the household's recipes with one of these foods."""
        found: dict[str, None] = {}
        for key in distinctive(foods):
            for index in (read.catalog, read.own):
                found.update(dict.fromkeys(r.uid for r in index.using.get(key, ())))
        return list(found)

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

    def _rarity_of(self, catalog: CatalogIndex) -> Rarity:
        if self._rarity is None or self._rarity[0] is not catalog:
            self._rarity = (catalog, Rarity(len(catalog.recipes), catalog.using))
        return self._rarity[1]

    def _line_key(self, line: RecipeIngredient) -> str:
        return line.food_key or self._keys(line.name)


def _recipe(read: _Read, uid: str) -> Recipe | None:
    return read.catalog.by_uid.get(uid) or read.own.by_uid.get(uid)


def _foods(read: _Read, uid: str) -> dict[str, str]:
    return read.catalog.names.get(uid) or read.own.names.get(uid) or {}
