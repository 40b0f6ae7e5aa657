"""Trending recipes as a use case (`domain.recipes.trending` defines what trending is): the
weekly notification reads it now; `/api/recipes/all/trending`, search and market data reuse it.

The activity source answers counts grouped per public recipe in SQL (indexed on the event
time); the domain merges and ranks them, so the order is defined in one place.
"""

from __future__ import annotations

from datetime import datetime
from typing import Protocol

from zerowaste.application.ports.uow import UnitOfWork, UnitOfWorkFactory
from zerowaste.domain.recipes.trending import (
    TRENDING_DAYS,
    RecipeActivity,
    TrendingRecipe,
    trending,
    window,
)

DEFAULT_LIMIT = 10


class RecipeActivitySource(Protocol):
    def activity(self, since: datetime, until: datetime) -> list[RecipeActivity]:
        """Per public recipe with events in [since, until): the households that cooked it,
        the users who favoured it and the households that saved a copy (rows may repeat a
        recipe, one per kind of event); no user or household identity."""
        ...


class TrendingUnitOfWork(UnitOfWork, Protocol):
    @property
    def recipe_activity(self) -> RecipeActivitySource: ...


class TrendingRecipes:
    def __init__(self, uow_factory: UnitOfWorkFactory[TrendingUnitOfWork]) -> None:
        self._uow_factory = uow_factory

    def top(
        self, now: datetime, days: int = TRENDING_DAYS, limit: int = DEFAULT_LIMIT
    ) -> list[TrendingRecipe]:
        """The `limit` most cooked or saved public recipes of the `days` before `now`."""
        since, until = window(now, days)
        with self._uow_factory.read() as uow:
            activity = uow.recipe_activity.activity(since, until)
        return trending(activity, limit)
