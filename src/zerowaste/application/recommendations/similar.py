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

The catalog's candidates are ranked for the recipe asked about once per catalog and search
index version (`neighbour_table`: every catalog recipe scored at once over arrays, the ranking
kept), whoever asks; each request merges in the household's own recipes (scored by
`neighbours.ranked`), drops what the caller refused and the catalog recipes that share no food
and are not among their nearest, and walks the merged ranking a chunk at a time through the
profile's checks until it has `limit`.
"""

from __future__ import annotations

import heapq
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from itertools import islice

import numpy as np

from zerowaste.application.ports.uow import UnitOfWorkFactory
from zerowaste.application.recipes.catalog import PublicCatalog
from zerowaste.application.recipes.foods import FoodKeys
from zerowaste.application.recipes.ports import RecipeFilter
from zerowaste.application.recipes.suitability import Diners, Picked, Suitability, diners
from zerowaste.application.recommendations.index import CatalogIndex, IndexCache
from zerowaste.application.recommendations.neighbour_table import NEAREST, NeighbourTable
from zerowaste.application.recommendations.ports import RecommendationsUnitOfWork
from zerowaste.application.search.indexing import SearchIndexer
from zerowaste.application.search.ports import RecipeIndex
from zerowaste.domain.accounts.users import User
from zerowaste.domain.recipes.recipe import Recipe, RecipeIngredient, RecipeNotFound
from zerowaste.domain.recommendations.neighbours import (
    Neighbour,
    Similar,
    food_vector,
    ranked,
    shared_foods,
)
from zerowaste.domain.recommendations.neighbours import reasons as reasons_for
from zerowaste.domain.recommendations.signals import NEGATIVE
from zerowaste.domain.recommendations.similarity import title_stem
from zerowaste.domain.search.ranking import SearchFilters
from zerowaste.domain.shared.errors import InvalidInput

MAX_LIMIT = 50
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
    who: Diners
    source: Recipe
    catalog: CatalogIndex
    own: CatalogIndex
    refused: set[str]

    @property
    def user(self) -> User:
        return self.who.user


@dataclass(frozen=True)
class _Asked:
    """What a request knows of the recipe asked about: its foods, vector and nearest."""

    read: _Read
    uid: str
    foods: dict[str, str]
    vector: bytes | None
    nearest: dict[str, float] | None  # None: the household has no recipe in the index
    index: RecipeIndex
    table: NeighbourTable


_Entry = tuple[float, str, str, Similar, Recipe]  # -score, folded title, uid: the ranking's key


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
        self._table: NeighbourTable | None = None

    def of(self, user_uid: str, recipe_uid: str, limit: int = 10) -> Picked[list[SimilarRecipe]]:
        """The `limit` recipes most like `recipe_uid` the caller may be offered, best first."""
        if not 1 <= limit <= MAX_LIMIT:
            raise InvalidInput("limit must be 1..50", code="invalid_limit")
        asked = self._asked(self._read(user_uid, recipe_uid), recipe_uid)
        chosen = self._suitable_first(self._merged(asked), asked.read.user, limit)
        language = asked.read.user.profile.language or "es"
        found = [
            SimilarRecipe(recipe, s.score, reasons_for(s, language), list(s.shared))
            for s, recipe in chosen
        ]
        return Picked(found, asked.read.who.avoided())

    def _asked(self, read: _Read, recipe_uid: str) -> _Asked:
        index = self._indexer.refresh()
        vector = index.vector_of(recipe_uid)
        household = read.user.household_id
        nearest: dict[str, float] | None = None  # the catalog's nearest (`Ranking.near`)
        if index.holds_own(household):
            nearest = {}
            if vector is not None:
                _, found = index.search([], vector, household, SearchFilters(), NEAREST)
                nearest = {s.uid: s.score for s in found}
        table = self._table
        if table is None or table.catalog is not read.catalog:
            table = self._table = NeighbourTable(read.catalog)
        return _Asked(read, recipe_uid, _foods(read, recipe_uid), vector, nearest, index, table)

    def _merged(self, asked: _Asked) -> Iterator[tuple[Similar, Recipe]]:
        """Every candidate, best first: the catalog's ranking and the household's own."""
        merged = heapq.merge(self._catalog(asked), self._own(asked))
        return ((entry[3], entry[4]) for entry in merged)

    def _catalog(self, asked: _Asked) -> Iterator[_Entry]:
        read, table = asked.read, asked.table
        mine = food_vector(asked.foods, table.rarity)

        def cosines(uids: Sequence[str]) -> np.ndarray:
            if asked.vector is None:
                return np.zeros(len(uids), dtype=np.float64)
            return asked.index.aligned_cosines(asked.vector, uids)

        # A catalog recipe's ranking of catalog neighbours changes with the catalog part of the
        # index only (a recipe saved elsewhere must not drop every kept ranking); an own
        # recipe's, with its own vector too.
        version = (
            asked.index.version_of("catalog") if read.source.is_public else asked.index.version
        )
        args = (asked.uid, asked.foods, read.source.title, cosines, version)
        ranking = table.ranking(*args)
        start = 0
        while True:
            for at in range(start, len(ranking.rows)):
                row = int(ranking.rows[at])
                uid = table.uids[row]
                near = ranking.near[at] if asked.nearest is None else uid in asked.nearest
                if uid in read.refused or (ranking.by_vector_only[at] and not near):
                    continue
                shared = shared_foods(mine, table.vectors[row], table.rarity)
                score, cosine = float(ranking.scores[at]), float(ranking.cosines[at])
                found = Similar(uid, score, cosine, shared)
                yield -score, table.folded[row], uid, found, read.catalog.by_uid[uid]
            if ranking.whole:
                return
            start, ranking = len(ranking.rows), table.ranking(*args, whole=True)

    def _own(self, asked: _Asked) -> Iterator[_Entry]:
        """The household's own recipes that are candidates, scored by the domain."""
        read, rarity = asked.read, asked.table.rarity
        nearest = asked.nearest or {}
        mine = food_vector(asked.foods, rarity)
        sharing = {r.uid for key in mine.foods for r in read.own.using.get(key, ())}
        stem = title_stem(read.source.title)
        uids = [
            uid
            for uid, recipe in read.own.by_uid.items()
            if (uid in sharing or uid in nearest)
            and uid != asked.uid
            and uid not in read.refused
            and not (stem and title_stem(recipe.title) == stem)
        ]
        cosines = dict(nearest)
        if asked.vector is not None and uids:
            cosines.update(asked.index.cosines(asked.vector, uids) | nearest)
        neighbours = [
            Neighbour(
                uid,
                read.own.by_uid[uid].title,
                cosines.get(uid, 0.0),
                read.own.names[uid],
                food_vector(read.own.names[uid], rarity),
            )
            for uid in uids
        ]
        for found in ranked(asked.foods, neighbours, len(neighbours), rarity):
            recipe = read.own.by_uid[found.uid]
            yield -found.score, recipe.title.casefold(), found.uid, found, recipe

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
        self, best: Iterator[tuple[Similar, Recipe]], user: User, limit: int
    ) -> list[tuple[Similar, Recipe]]:
        """The first `limit` of `best` the profile allows (checked a chunk at a time)."""
        chosen: list[tuple[Similar, Recipe]] = []
        while len(chosen) < limit:
            chunk = list(islice(best, CHUNK))
            if not chunk:
                break
            allowed = {r.uid for r in self._suitable([recipe for _, recipe in chunk], user)}
            chosen += [entry for entry in chunk if entry[1].uid in allowed]
        return chosen[:limit]

    def _line_key(self, line: RecipeIngredient) -> str:
        return line.food_key or self._keys(line.name)


def _foods(read: _Read, uid: str) -> dict[str, str]:
    return read.catalog.names.get(uid) or read.own.names.get(uid) or {}
