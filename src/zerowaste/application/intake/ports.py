"""Ports of the intake feature: each user's nutrition profile and food log.

Both are keyed by the user, not the household: body data and what someone eats are personal
health data, which another member of the same household must not see.
"""

from __future__ import annotations

from datetime import date
from typing import Protocol

from zerowaste.application.ports.uow import UnitOfWork
from zerowaste.domain.intake.log import FoodLogEntry
from zerowaste.domain.intake.profile import NutritionProfile


class NutritionProfileRepository(Protocol):
    def get(self, user_uid: str) -> NutritionProfile | None: ...

    def put(self, user_uid: str, profile: NutritionProfile) -> None: ...


class FoodLogRepository(Protocol):
    def add(self, user_uid: str, entry: FoodLogEntry) -> FoodLogEntry:
        """The entry with its new id."""
        ...

    def between(self, user_uid: str, start: date, end: date) -> list[FoodLogEntry]:
        """The user's entries of [start, end], by day then id."""
        ...

    def delete(self, user_uid: str, entry_id: int) -> bool:
        """False when the user has no entry with this id."""
        ...


class IntakeUnitOfWork(UnitOfWork, Protocol):
    @property
    def nutrition_profiles(self) -> NutritionProfileRepository: ...

    @property
    def food_log(self) -> FoodLogRepository: ...
