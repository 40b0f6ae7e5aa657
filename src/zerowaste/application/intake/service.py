"""Nutrition profile, energy and macro targets, the food log and the caloric balance.

Every row is the caller's own (user_uid), never the household's: these are personal health
data. `record` is the entry point for other use cases (the recipes cooking will log a cooked
recipe through it); the routes log manual entries through the same method.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date

from zerowaste.application.intake.ports import IntakeUnitOfWork
from zerowaste.application.ports.clock import Clock
from zerowaste.application.ports.uow import UnitOfWorkFactory, retrying
from zerowaste.domain.intake import log, profile
from zerowaste.domain.intake.balance import RangeBalance, caloric_balance
from zerowaste.domain.intake.log import FoodLogEntry
from zerowaste.domain.intake.profile import NutritionProfile
from zerowaste.domain.intake.targets import ADULT_AGE, Targets, targets
from zerowaste.domain.shared.errors import NotFound


class NutritionProfileNotFound(NotFound):
    code = "nutrition_profile_not_found"


class FoodLogEntryNotFound(NotFound):
    code = "food_log_entry_not_found"


@dataclass(frozen=True)
class LoggedDays:
    start: date
    end: date
    entries: list[FoodLogEntry]


class NutritionTracking:
    def __init__(self, uow_factory: UnitOfWorkFactory[IntakeUnitOfWork], clock: Clock) -> None:
        self._uow_factory = uow_factory
        self._clock = clock

    def profile(self, user_uid: str) -> NutritionProfile:
        with self._uow_factory.read() as uow:
            found = uow.nutrition_profiles.get(user_uid)
        if found is None:
            raise NutritionProfileNotFound("No nutrition profile yet")
        return found

    @retrying
    def save_profile(self, user_uid: str, given: NutritionProfile) -> NutritionProfile:
        """Replace the caller's profile (PUT); impossible values are 400 and nothing is stored."""
        checked = replace(
            profile.validated(given, self._clock.today()), updated_at=self._clock.now()
        )
        with self._uow_factory() as uow:
            uow.nutrition_profiles.put(user_uid, checked)
            uow.commit()
        return checked

    def targets(self, user_uid: str) -> Targets:
        return targets(self.profile(user_uid), self._clock.today())

    @retrying
    def record(self, user_uid: str, entry: FoodLogEntry) -> FoodLogEntry:
        """Log what the user ate; impossible values are 400 and nothing is stored.

        The cooking use case logs a cooked recipe with `FoodLogEntry(day=today, meal_type=...,
        name=recipe.title, kcal=..., protein_g=..., fat_g=..., carbs_g=..., recipe_uid=uid,
        servings=servings_eaten, source="cooked")`, figures for the servings eaten.
        """
        checked = self.checked(entry)
        with self._uow_factory() as uow:
            stored = uow.food_log.add(user_uid, checked)
            uow.commit()
        return stored

    def checked(self, entry: FoodLogEntry) -> FoodLogEntry:
        """The entry as it is stored (new, stamped now), or InvalidInput (400) when impossible:
        for use cases that store it in a transaction of their own (a consume)."""
        return replace(
            log.validated(entry, self._clock.today()), id=None, created_at=self._clock.now()
        )

    def entries(self, user_uid: str, start: date | None, end: date | None) -> LoggedDays:
        """The caller's entries of [start, end] (both None: today), by day then id."""
        start = start or self._clock.today()
        end = end or start
        log.check_range(start, end)
        with self._uow_factory.read() as uow:
            return LoggedDays(start, end, uow.food_log.between(user_uid, start, end))

    def delete(self, user_uid: str, entry_id: int) -> None:
        with self._uow_factory() as uow:
            if not uow.food_log.delete(user_uid, entry_id):
                raise FoodLogEntryNotFound("Food log entry not found")
            uow.commit()

    def balance(self, user_uid: str, start: date, end: date) -> RangeBalance:
        """Eaten vs today's energy target per day, per ISO week and in total."""
        log.check_range(start, end)
        with self._uow_factory.read() as uow:
            found = uow.nutrition_profiles.get(user_uid)
            eaten = uow.food_log.between(user_uid, start, end)
        target = None
        if found is not None and found.age_on(self._clock.today()) >= ADULT_AGE:
            target = float(targets(found, self._clock.today()).energy_kcal)
        return caloric_balance(eaten, start, end, target)
