"""Ports of the recommendations: the learned model, the interactions it learns from, explicit
feedback, recipe views and the seasonal calendar."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Protocol

from zerowaste.application.recipes.ports import RecipesUnitOfWork
from zerowaste.domain.recipes.recipe import Recipe
from zerowaste.domain.recommendations.signals import Signal

Table = dict[str, dict[str, float]]  # user -> recipe -> weight


@dataclass(frozen=True)
class FeedbackRecord:
    recipe_uid: str
    kind: str
    reason: str
    created_at: datetime


@dataclass(frozen=True)
class ViewRecord:
    recipe_uid: str
    title: str  # "" when the recipe was deleted since
    viewed_at: datetime


class Recommender(Protocol):
    """A model of what users like, learned from implicit feedback."""

    def fit(self, table: Table) -> str:
        """Train on every user's weights, store the model, answer its version."""
        ...

    def scores(self, user_uid: str, row: dict[str, float], count: int) -> dict[str, float]:
        """The `count` recipes the model scores highest for a user whose weights are `row`
        now (folded in at once: feedback given a second ago counts), best first; empty when
        no model is trained yet or the row names no recipe the model knows."""
        ...


class SeasonCalendar(Protocol):
    def in_season(self, name: str, month: int) -> bool | None:
        """Whether a food is in season that month; None when the calendar does not know it."""
        ...


class SignalSource(Protocol):
    def of_user(self, user_uid: str) -> list[Signal]:
        """Everything the user did with recipes: cooks, favourites, saves, views, feedback."""
        ...

    def everyone(self) -> list[Signal]:
        """The same for every user (training)."""
        ...

    def popularity(self) -> dict[str, int]:
        """Recipe uid -> how many users cooked, favourited, liked or saved it."""
        ...


class FeedbackRepository(Protocol):
    def put(self, user_uid: str, record: FeedbackRecord) -> None:
        """One row per user and recipe: the latest feedback replaces the previous one."""
        ...

    def of_user(self, user_uid: str) -> list[FeedbackRecord]: ...


class ViewRepository(Protocol):
    def add(self, user_uid: str, recipe_uid: str, viewed_at: datetime) -> None: ...

    def of_user(self, user_uid: str, limit: int, offset: int) -> list[ViewRecord]:
        """Newest first."""
        ...

    def recipes(self, uids: list[str]) -> dict[str, Recipe]:
        """The recipes of these uids that still exist (one query), by uid."""
        ...


class RecommendationsUnitOfWork(RecipesUnitOfWork, Protocol):
    @property
    def feedback(self) -> FeedbackRepository: ...

    @property
    def views(self) -> ViewRepository: ...

    @property
    def signals(self) -> SignalSource: ...
