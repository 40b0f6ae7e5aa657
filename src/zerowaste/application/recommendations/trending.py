"""Row 51's `GET /api/recipes/all/trending`: the trending recipes (`application.recipes.trending`
defines them once: public catalog, counts only) with the recipes themselves.

The counts are the same for everyone, so the ranking of the `MAX_LIMIT` best of a window is
kept in the shared cache for about `TTL_SECONDS` (jittered, so the windows' entries never expire
together); a request then reads only its recipes (one query). The answer may lag the cooks and
favourites of the last minute or so.
"""

from __future__ import annotations

import random
from dataclasses import dataclass

from zerowaste.application.ports.cache import Cache
from zerowaste.application.ports.clock import Clock
from zerowaste.application.ports.uow import UnitOfWorkFactory
from zerowaste.application.recipes.trending import TrendingRecipes
from zerowaste.application.recommendations.ports import RecommendationsUnitOfWork
from zerowaste.domain.recipes.recipe import Recipe
from zerowaste.domain.recipes.trending import TRENDING_DAYS, TrendingRecipe
from zerowaste.domain.shared.errors import InvalidInput

MAX_LIMIT = 50
MAX_DAYS = 30
TTL_SECONDS = 60


@dataclass(frozen=True)
class Trending:
    recipe: Recipe
    cooked: int  # households that cooked it in the window
    saved: int  # users who favoured it, households that saved a copy

    @property
    def score(self) -> int:
        return self.cooked + self.saved


class TrendingCatalog:
    def __init__(
        self,
        uow_factory: UnitOfWorkFactory[RecommendationsUnitOfWork],
        clock: Clock,
        trending: TrendingRecipes,
        cache: Cache,
    ) -> None:
        self._uow_factory = uow_factory
        self._clock = clock
        self._trending = trending
        self._cache = cache

    def top(self, days: int = TRENDING_DAYS, limit: int = 10) -> list[Trending]:
        """The `limit` most cooked or saved public recipes of the last `days`, best first."""
        if not (1 <= days <= MAX_DAYS and 1 <= limit <= MAX_LIMIT):
            raise InvalidInput("days must be 1..30 and limit 1..50", code="invalid_trending_window")
        ranked = self._ranked(days)[:limit]
        with self._uow_factory.read() as uow:
            recipes = uow.views.recipes([t.uid for t in ranked])
        return [
            Trending(recipes[t.uid], t.cooked, t.saved)
            for t in ranked
            if t.uid in recipes and recipes[t.uid].is_public
        ]

    def _ranked(self, days: int) -> list[TrendingRecipe]:
        key = f"recipes:trending:{days}"
        cached = self._cache.get(key)
        if isinstance(cached, list):
            return [TrendingRecipe(*row) for row in cached]
        ranked = self._trending.top(self._clock.now(), days=days, limit=MAX_LIMIT)
        rows = [[t.uid, t.title, t.cooked, t.saved] for t in ranked]
        self._cache.set(key, rows, round(TTL_SECONDS * random.uniform(1.0, 1.5)))
        return ranked
