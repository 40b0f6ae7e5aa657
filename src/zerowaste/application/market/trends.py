"""`GET /api/trends/recipes`: the trending recipes (as `domain.recipes.trending` defines them:
public catalog, counts of households and users only, never who) filtered by region, season
and difficulty.

- Region: users have no stored region, and the counts are anonymous, so the only region is
  `mx`, everyone's activity (the data's country); another value is a 400, not a silent "all".
- Season: a recipe belongs to a season by its seasonal produce (`domain.market.seasons`);
  `current` is the season of today's month.
- Filters apply to the best `MAX_LIMIT` of the window's ranking (the shared cache keeps that
  ranking), so a narrow filter may answer fewer than `limit` recipes.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from zerowaste.application.market.ports import CulinaryData
from zerowaste.application.ports.clock import Clock
from zerowaste.application.recommendations.trending import MAX_LIMIT, Trending, TrendingCatalog
from zerowaste.domain.market.seasons import (
    SEASONS,
    SeasonalFood,
    belongs_to,
    check_region,
    season_of,
)
from zerowaste.domain.recipes.recipe import Recipe, normalize_difficulty
from zerowaste.domain.shared.errors import InvalidInput


@dataclass(frozen=True)
class TrendItem:
    trending: Trending
    seasonal: list[SeasonalFood]  # its seasonal produce at peak in the season asked (or all)


@dataclass(frozen=True)
class TrendReport:
    items: list[TrendItem]
    region: str
    season: str | None
    difficulty: str | None
    days: int


class RecipeTrends:
    def __init__(
        self,
        trending: TrendingCatalog,
        culinary: CulinaryData,
        keys: Callable[[str], str],
        clock: Clock,
    ) -> None:
        self._trending = trending
        self._culinary = culinary
        self._keys = keys
        self._clock = clock

    def top(
        self,
        region: str = "mx",
        season: str | None = None,
        difficulty: str | None = None,
        days: int = 7,
        limit: int = 10,
    ) -> TrendReport:
        key = check_region(region)
        if season == "current":
            season = season_of(self._clock.today().month)
        if season is not None and season not in SEASONS:
            raise InvalidInput(
                f"Unknown season: {season}",
                code="unknown_season",
                details={"allowed": [*SEASONS, "current"]},
            )
        level = normalize_difficulty(difficulty) if difficulty else None
        found = []
        for item in self._trending.top(days, MAX_LIMIT):
            foods = self._seasonal(item.recipe)
            if level is not None and item.recipe.difficulty != level:
                continue
            if season is not None and not belongs_to(season, foods):
                continue
            months = set(SEASONS[season]) if season else set()
            shown = [f for f in foods if f.seasonal and (not months or f.months & months)]
            found.append(TrendItem(item, shown))
        return TrendReport(found[:limit], key, season, level, days)

    def _seasonal(self, recipe: Recipe) -> list[SeasonalFood]:
        calendar = self._culinary.seasonal_by_ingredient()
        keys = {line.food_key or self._keys(line.name) for line in recipe.ingredients}
        return sorted((calendar[k] for k in keys if k in calendar), key=lambda f: f.id)
