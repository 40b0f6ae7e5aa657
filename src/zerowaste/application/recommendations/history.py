"""The recipe history (`GET/POST /api/recipes/history`): views and cooks in one timeline.

Views are personal (the user's own, keyed by user as the food log is); cooks are the
household's cook history (`POST /api/recipes/<uid>/cook`, which also takes from stock). Posting
`cooked` here records a cook without touching stock (cooked from food the app does not track).
"Recent" recipes are the user's recently viewed or cooked ones, newest first, once each.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from zerowaste.application.ports.clock import Clock
from zerowaste.application.ports.uow import UnitOfWorkFactory
from zerowaste.application.recipes.ports import CookRecord
from zerowaste.application.recommendations.ports import RecommendationsUnitOfWork
from zerowaste.domain.accounts.users import User
from zerowaste.domain.households.roles import POLICY, Action
from zerowaste.domain.recipes.recipe import Recipe, RecipeNotFound
from zerowaste.domain.shared.errors import InvalidInput, NotFound

EVENTS = ("viewed", "cooked")
MAX_PAGE = 100


@dataclass(frozen=True)
class HistoryEntry:
    event: str  # viewed | cooked
    recipe_uid: str
    title: str
    at: datetime
    cook_id: str | None = None
    servings: int | None = None


class RecipeHistory:
    def __init__(
        self,
        uow_factory: UnitOfWorkFactory[RecommendationsUnitOfWork],
        clock: Clock,
        new_id: Callable[[], str] = lambda: uuid.uuid4().hex,
    ) -> None:
        self._uow_factory = uow_factory
        self._clock = clock
        self._new_id = new_id

    def record(self, user_uid: str, recipe_uid: str, event: str = "viewed") -> HistoryEntry:
        if event not in EVENTS:
            raise InvalidInput(
                "Unknown history event", code="invalid_event", details={"allowed": list(EVENTS)}
            )
        now = self._clock.now()
        with self._uow_factory() as uow:
            user = _user(uow, user_uid)
            recipe = uow.recipes.get(recipe_uid)
            if recipe is None or not (recipe.is_public or recipe.household_id == user.household_id):
                raise RecipeNotFound("Recipe not found")
            cook_id = None
            if event == "viewed":
                uow.views.add(user_uid, recipe_uid, now)
            else:  # the household's cook history: an adult's to write, never a viewer's
                POLICY.require(user.household_role, Action.CHANGE_RECIPES)
                cook_id = self._new_id()
                record = CookRecord(cook_id, recipe_uid, recipe.title, None, now)
                uow.cooks.add(user.household_id, user_uid, record)
            uow.commit()
        return HistoryEntry(event, recipe_uid, recipe.title, now, cook_id)

    def timeline(
        self, user_uid: str, event: str | None, limit: int, offset: int
    ) -> list[HistoryEntry]:
        """Newest first; `event` keeps one kind."""
        limit, offset = min(limit, MAX_PAGE), max(0, offset)
        wanted = limit + offset  # each source's first `wanted` rows hold the merged page
        entries: list[HistoryEntry] = []
        with self._uow_factory.read() as uow:
            user = _user(uow, user_uid)
            if event in (None, "cooked"):
                cooks = uow.cooks.of_household(user.household_id, wanted, 0)
                entries += [
                    HistoryEntry("cooked", c.recipe_uid, c.title, c.cooked_at, c.id, c.servings)
                    for c in cooks
                ]
            if event in (None, "viewed"):
                views = uow.views.of_user(user_uid, wanted, 0)
                entries += [
                    HistoryEntry("viewed", v.recipe_uid, v.title, v.viewed_at) for v in views
                ]
        entries.sort(key=lambda e: e.at, reverse=True)
        return entries[offset : offset + limit]

    def recent(self, user_uid: str, limit: int) -> list[Recipe]:
        """The recipes the user viewed or cooked lately, newest first, each once; deleted
        recipes and ones the household can no longer read are left out."""
        entries = self.timeline(user_uid, None, MAX_PAGE, 0)
        uids = list(dict.fromkeys(e.recipe_uid for e in entries))
        with self._uow_factory.read() as uow:
            user = _user(uow, user_uid)
            existing = uow.views.recipes(uids)
        readable = [
            existing[uid]
            for uid in uids
            if uid in existing
            and (existing[uid].is_public or existing[uid].household_id == user.household_id)
        ]
        return readable[: min(limit, MAX_PAGE)]


def _user(uow: RecommendationsUnitOfWork, user_uid: str) -> User:
    user = uow.users.get(user_uid)
    if user is None:
        raise NotFound("Profile not found", code="profile_not_found")
    return user
